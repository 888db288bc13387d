import { BeforeInsert, BeforeUpdate, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ClientPermission } from '@atrium/shared';
import { DateColumn, IdColumn, newId, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { Agency } from '../../agencies/entities/agency.entity';

/** One of the agency's clients; its people see the portal scoped to it. */
@Entity('clients')
export class Client {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @IdColumn()
  @Index('idx_clients_agency')
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @ShortText(120)
  name!: string;

  /** Client-level permissions the agency enabled (SPEC §4). */
  @Column({ type: 'simple-json' })
  permissions!: ClientPermission[];

  /** Set when the agency deletes the client; its users are refused from then on. */
  @NullableDateColumn()
  deletedAt!: Date | null;

  @DateColumn()
  createdAt!: Date;

  @DateColumn()
  updatedAt!: Date;

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id ??= newId();
    this.createdAt ??= new Date();
    this.updatedAt ??= this.createdAt;
    this.deletedAt ??= null;
  }

  @BeforeUpdate()
  protected beforeUpdate(): void {
    this.updatedAt = new Date();
  }
}
