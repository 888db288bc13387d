import { BeforeInsert, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AgencyRole } from '@atrium/shared';
import { DateColumn, IdColumn, newId, ShortText } from '../../../core/database/columns';
import { Agency } from '../../agencies/entities/agency.entity';
import { User } from './user.entity';

export type MembershipStatus = 'active' | 'deactivated';

@Entity('agency_memberships')
@Index('uq_agency_memberships_agency_user', ['agencyId', 'userId'], { unique: true })
export class AgencyMembership {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @IdColumn()
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @IdColumn()
  @Index('idx_agency_memberships_user')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ShortText(16)
  role!: AgencyRole;

  @ShortText(16, { default: 'active' })
  status!: MembershipStatus;

  @DateColumn()
  createdAt!: Date;

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id ??= newId();
    this.createdAt ??= new Date();
    this.status ??= 'active';
  }
}
