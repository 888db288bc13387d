import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { AgencyRole } from '@atrium/shared';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { Agency } from '../../agencies/entities/agency.entity';
import { User } from './user.entity';
import { RecordEntity } from '../../../core/database/base-entities';

export type MembershipStatus = 'active' | 'deactivated';

@Entity('agency_memberships')
@Index('uq_agency_memberships_agency_user', ['agencyId', 'userId'], {
  unique: true,
})
export class AgencyMembership extends RecordEntity {
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

  protected override applyDefaults(): void {
    this.status ??= 'active';
  }
}
