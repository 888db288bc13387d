import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ClientRole } from '@atrium/shared';
import { IdColumn, ShortText } from '../../database/columns';
import { User } from './user.entity';
import type { MembershipStatus } from './agency-membership.entity';
import { Client } from './client.entity';
import { RecordEntity } from '../../database/base-entities';
import { TenantOwned } from '../tenant-owned.decorator';

@TenantOwned({ client: 'clientId' })
@Entity('client_memberships')
@Index('uq_client_memberships_client_user', ['clientId', 'userId'], {
  unique: true,
})
export class ClientMembership extends RecordEntity {
  /** Denormalised from the client so tenant-scoped queries need no join. */
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clientId' })
  client?: Client;

  @IdColumn()
  @Index('idx_client_memberships_user')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ShortText(16)
  role!: ClientRole;

  @ShortText(16, { default: 'active' })
  status!: MembershipStatus;

  protected override applyDefaults(): void {
    this.status ??= 'active';
  }
}
