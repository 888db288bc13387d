import { Column, Entity, Index } from 'typeorm';
import { NullableDateColumn, ShortText } from '../../database/columns';
import { MutableRecordEntity } from '../../database/base-entities';
import { suffixedSlug } from '../agency-slug';
import { TenantOwned } from '../tenant-owned.decorator';

export type AgencyStatus = 'active' | 'suspended';

/** The tenant. Every piece of agency data hangs off an agency id. */
@TenantOwned({ agency: 'id', client: null })
@Entity('agencies')
export class Agency extends MutableRecordEntity {
  @ShortText(120)
  name!: string;

  @ShortText(32)
  plan!: string;

  @ShortText(16, { default: 'active' })
  status!: AgencyStatus;

  /**
   * The agency's sign-in address on the installation (`/a/<slug>/login`): lower-case letters,
   * digits and dashes, unique. Made from the name at sign-up; the agency may change it once.
   */
  @ShortText(63)
  @Index('uq_agencies_slug', { unique: true })
  slug!: string;

  /** When the slug was changed (it may be changed once). */
  @NullableDateColumn()
  slugChangedAt!: Date | null;

  /**
   * The slug before that one change. No other agency may take it (its clients' bookmarks and old
   * emails would open someone else's sign-in page), and addresses with it lead to this agency.
   */
  @ShortText(63, { nullable: true })
  @Index('uq_agencies_previous_slug', { unique: true })
  previousSlug!: string | null;

  /** When a platform operator suspended the agency (status `suspended`); null when active. */
  @NullableDateColumn()
  suspendedAt!: Date | null;

  /** The operator's reason, kept for the audit and the admin API (never shown to the agency's clients). */
  @ShortText(500, { nullable: true })
  suspendedReason!: string | null;

  /** The owner requires TOTP for every agency user (owner, admins, members). */
  @Column({ type: 'boolean', default: false })
  requireTwoFactorForTeam!: boolean;

  /** The owner requires TOTP for every client user of every client. */
  @Column({ type: 'boolean', default: false })
  requireTwoFactorForClients!: boolean;

  protected override applyDefaults(): void {
    this.suspendedAt ??= null;
    this.suspendedReason ??= null;
    this.requireTwoFactorForTeam ??= false;
    this.requireTwoFactorForClients ??= false;
    // Sign-up picks the plain slug when it is free; rows made elsewhere get a unique one.
    this.slug ??= suffixedSlug(this.name);
    this.slugChangedAt ??= null;
    this.previousSlug ??= null;
  }
}
