import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { AgencyRole } from '@atrium/shared';
import { IdColumn, ShortText } from '../../database/columns';
import { Agency } from './agency.entity';
import { User } from './user.entity';
import { RecordEntity } from '../../database/base-entities';
import { TenantOwned } from '../tenant-owned.decorator';

export type MembershipStatus = 'active' | 'deactivated';

@TenantOwned({ client: null })
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
