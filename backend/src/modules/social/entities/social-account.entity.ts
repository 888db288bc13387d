import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ConnectedVia, SocialProviderId } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** `disconnected` rows keep their history (posts point at them) but hold no tokens. */
export type SocialAccountStatus = 'active' | 'needs_reconnect' | 'disconnected';

/**
 * A platform account the agency connected (or a client connected for it), assigned to at most
 * one client. Tokens are sealed with SecretBox and never leave the backend.
 */
@TenantOwned({ client: 'clientId' })
@Entity('social_accounts')
@Index('uq_social_accounts_identity', ['agencyId', 'provider', 'externalId'], { unique: true })
export class SocialAccount extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  /** The client it is assigned to; null = unassigned. */
  @IdColumn({ nullable: true })
  @Index('idx_social_accounts_client')
  clientId!: string | null;

  @ShortText(24)
  provider!: SocialProviderId;

  /** The platform's id for the account (unique per agency and provider). */
  @ShortText(191)
  externalId!: string;

  @ShortText(200)
  displayName!: string;

  @ShortText(200, { nullable: true })
  handle!: string | null;

  @ShortText(1000, { nullable: true })
  avatarUrl!: string | null;

  @ShortText(1000, { nullable: true })
  profileUrl!: string | null;

  @ShortText(24)
  status!: SocialAccountStatus;

  /** Why it needs reconnecting, in words a person understands. */
  @ShortText(500, { nullable: true })
  problem!: string | null;

  @Column({ type: 'text', nullable: true })
  accessTokenSealed!: string | null;

  @Column({ type: 'text', nullable: true })
  refreshTokenSealed!: string | null;

  @NullableDateColumn()
  tokenExpiresAt!: Date | null;

  @Column({ type: 'simple-json' })
  scopes!: string[];

  /** Bumped on every token change, so concurrent refreshes notice each other. */
  @Column({ type: 'int', default: 0 })
  tokenVersion!: number;

  @ShortText(16)
  connectedVia!: ConnectedVia;

  @IdColumn({ nullable: true })
  connectedByUserId!: string | null;

  @IdColumn({ nullable: true })
  @Index('idx_social_accounts_connect_link')
  connectLinkId!: string | null;

  @NullableDateColumn()
  connectedAt!: Date | null;

  @NullableDateColumn()
  disconnectedAt!: Date | null;

  /** Set while one worker renews the tokens; others wait for its result (see SocialAccountsService.renew). */
  @NullableDateColumn()
  renewingUntil!: Date | null;

  /** When the agency was emailed that this connection ends soon; cleared by every new token. */
  @NullableDateColumn()
  expiryWarnedAt!: Date | null;

  protected override applyDefaults(): void {
    this.clientId ??= null;
    this.handle ??= null;
    this.avatarUrl ??= null;
    this.profileUrl ??= null;
    this.problem ??= null;
    this.refreshTokenSealed ??= null;
    this.tokenExpiresAt ??= null;
    this.tokenVersion ??= 0;
    this.connectedByUserId ??= null;
    this.connectLinkId ??= null;
    this.disconnectedAt ??= null;
    this.expiryWarnedAt ??= null;
    this.renewingUntil ??= null;
  }
}
