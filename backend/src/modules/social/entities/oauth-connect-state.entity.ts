import { Column, Entity, Index } from 'typeorm';
import type { SocialProviderId } from '@atrium/shared';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

export type ConnectPurpose = 'agency' | 'portal' | 'connect_link';

/**
 * One OAuth round trip in progress. Only the hash of `state` is stored; the row is bound to the
 * signed-in session that started it (or, for a Client Connect Link, to the link and a secret the
 * starting browser keeps), spent once, and dead after ten minutes.
 */
@TenantOwned({ client: 'clientId' })
@Entity('oauth_connect_states')
export class OAuthConnectState extends RecordEntity {
  @ShortText(64)
  @Index('uq_oauth_connect_states_state', { unique: true })
  stateHash!: string;

  @IdColumn()
  agencyId!: string;

  @ShortText(24)
  provider!: SocialProviderId;

  @ShortText(16)
  purpose!: ConnectPurpose;

  @IdColumn({ nullable: true })
  userId!: string | null;

  @IdColumn({ nullable: true })
  sessionId!: string | null;

  /** The client the connected account is assigned to. */
  @IdColumn({ nullable: true })
  clientId!: string | null;

  @IdColumn({ nullable: true })
  connectLinkId!: string | null;

  @ShortText(64, { nullable: true })
  bindingHash!: string | null;

  /** The PKCE verifier, sealed. */
  @Column({ type: 'text' })
  codeVerifierSealed!: string;

  @ShortText(500)
  redirectUri!: string;

  @DateColumn()
  @Index('idx_oauth_connect_states_expires')
  expiresAt!: Date;

  @NullableDateColumn()
  usedAt!: Date | null;

  /**
   * The agency's custom domain the round trip started on (the host its session was made on); null
   * = the installation's own host. Providers always return to APP_URL/oauth/callback, which then
   * hands the browser back to this host, and only to it, to finish there.
   */
  @ShortText(253, { nullable: true })
  host!: string | null;

  /** The hand-back: hash of the one-time code the custom host finishes with (short-lived, single use). */
  @ShortText(64, { nullable: true })
  @Index('uq_oauth_connect_states_handback', { unique: true })
  handbackHash!: string | null;

  /** The provider's authorization code, sealed, kept from the hand-back until the custom host finishes. */
  @Column({ type: 'text', nullable: true })
  handbackCodeSealed!: string | null;

  @NullableDateColumn()
  handbackExpiresAt!: Date | null;

  protected override applyDefaults(): void {
    this.usedAt ??= null;
    this.host ??= null;
    this.handbackHash ??= null;
    this.handbackCodeSealed ??= null;
    this.handbackExpiresAt ??= null;
  }
}
