import { BeforeInsert, BeforeUpdate, Entity, PrimaryColumn } from 'typeorm';
import { DateColumn, newId, ShortText } from '../../../core/database/columns';

export type AgencyStatus = 'active' | 'suspended';

/** The tenant. Every piece of agency data hangs off an agency id. */
@Entity('agencies')
export class Agency {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ShortText(120)
  name!: string;

  @ShortText(32)
  plan!: string;

  @ShortText(16, { default: 'active' })
  status!: AgencyStatus;

  @DateColumn()
  createdAt!: Date;

  @DateColumn()
  updatedAt!: Date;

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id ??= newId();
    this.createdAt ??= new Date();
    this.updatedAt ??= this.createdAt;
  }

  @BeforeUpdate()
  protected beforeUpdate(): void {
    this.updatedAt = new Date();
  }
}
