import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { CustomDomainStatus } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * An agency's own portal domain (one per agency). Several agencies may claim one hostname while
 * none has proved it; the TXT record `_atrium-challenge.<hostname>` holding a claim's
 * `challengeToken` proves ownership, and the first claim proved takes `verifiedHostname` (unique:
 * a hostname belongs to one agency at most) while the others are dropped. The CNAME routes the
 * hostname to the installation. Only an active domain (or a failing one within its grace period
 * that is still routed here) serves the portal.
 */
@TenantOwned({ client: null })
@Entity('custom_domains')
export class CustomDomain extends MutableRecordEntity {
  @IdColumn()
  @Index('uq_custom_domains_agency', { unique: true })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  /** Normalised (lower case, punycode for IDNs, no trailing dot). Claimed, not yet proved. */
  @ShortText(253)
  @Index('idx_custom_domains_hostname')
  hostname!: string;

  /** `hostname` once this agency proved it (verified, active or failing); null while pending. */
  @ShortText(253, { nullable: true })
  @Index('uq_custom_domains_verified_hostname', { unique: true })
  verifiedHostname!: string | null;

  /** Whether the last check found the hostname routed here (CNAME, or the same A/AAAA addresses). */
  @Column({ type: 'boolean', default: false })
  routingFound!: boolean;

  @ShortText(64)
  challengeToken!: string;

  @ShortText(16, { default: 'pending' })
  @Index('idx_custom_domains_status')
  status!: CustomDomainStatus;

  @NullableDateColumn()
  verifiedAt!: Date | null;

  @NullableDateColumn()
  lastCheckedAt!: Date | null;

  /** What the last check found wrong, in plain words. */
  @ShortText(255, { nullable: true })
  problem!: string | null;

  /** When the records were first found missing after working; the grace period runs from here. */
  @NullableDateColumn()
  failingSince!: Date | null;

  protected override applyDefaults(): void {
    this.status ??= 'pending';
    this.verifiedHostname ??= null;
    this.routingFound ??= false;
    this.verifiedAt ??= null;
    this.lastCheckedAt ??= null;
    this.problem ??= null;
    this.failingSince ??= null;
  }
}
