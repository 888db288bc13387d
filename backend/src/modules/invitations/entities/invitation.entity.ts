import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Audience } from '@atrium/shared';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

/**
 * An invitation to join the agency's team (`clientId` null) or one client's portal. The link's
 * token is stored only as a hash; a resend replaces the hash, so the old link dies. "Expired" is
 * not stored: it is a pending invitation past `expiresAt`.
 */
@TenantOwned({ client: 'clientId' })
@Entity('invitations')
@Index('idx_invitations_agency_client_status', ['agencyId', 'clientId', 'status'])
@Index('idx_invitations_email', ['email'])
export class Invitation extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @IdColumn({ nullable: true })
  clientId!: string | null;

  @ManyToOne(() => Client, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'clientId' })
  client?: Client | null;

  @ShortText(16)
  audience!: Audience;

  @ShortText(254)
  email!: string;

  @ShortText(120)
  name!: string;

  /** ClientRole for client invitations, AgencyRole for team invitations. */
  @ShortText(16)
  role!: string;

  @ShortText(64)
  @Index('uq_invitations_token_hash', { unique: true })
  tokenHash!: string;

  @ShortText(16)
  status!: InvitationStatus;

  @DateColumn()
  expiresAt!: Date;

  @IdColumn({ nullable: true })
  invitedByUserId!: string | null;

  @IdColumn({ nullable: true })
  acceptedUserId!: string | null;

  @NullableDateColumn()
  acceptedAt!: Date | null;

  protected override applyDefaults(): void {
    this.status ??= 'pending';
    this.acceptedUserId ??= null;
    this.acceptedAt ??= null;
  }
}
