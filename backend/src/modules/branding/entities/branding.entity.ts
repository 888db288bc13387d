import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { BrandImageSlot } from '@atrium/shared';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** One stored, resized brand image: the key in file storage and what the public URL needs. */
export interface StoredBrandImage {
  key: string;
  mimeType: string;
  width: number;
  height: number;
  /** Short content hash: part of the public URL, so a new image gets a new URL (long caching). */
  version: string;
}

/**
 * An agency's brand (one row per agency, made on first save). Null text fields fall back to
 * neutral defaults; the portal name falls back to the agency's name, never to "Atrium".
 */
@TenantOwned({ client: null })
@Entity('agency_brandings')
export class Branding extends MutableRecordEntity {
  @IdColumn()
  @Index('uq_agency_brandings_agency', { unique: true })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @ShortText(120, { nullable: true })
  portalName!: string | null;

  @ShortText(7)
  primaryColor!: string;

  @ShortText(7, { nullable: true })
  accentColor!: string | null;

  @ShortText(120, { nullable: true })
  signInHeadline!: string | null;

  @ShortText(500, { nullable: true })
  signInText!: string | null;

  @ShortText(254, { nullable: true })
  supportEmail!: string | null;

  @ShortText(500, { nullable: true })
  supportUrl!: string | null;

  @ShortText(500, { nullable: true })
  legalFooter!: string | null;

  @ShortText(120, { nullable: true })
  emailSenderName!: string | null;

  @ShortText(254, { nullable: true })
  emailReplyTo!: string | null;

  @Column({ type: 'boolean', default: true })
  showPoweredBy!: boolean;

  /** The stored images by slot. */
  @Column({ type: 'simple-json' })
  images!: Partial<Record<BrandImageSlot, StoredBrandImage>>;

  protected override applyDefaults(): void {
    this.portalName ??= null;
    this.accentColor ??= null;
    this.signInHeadline ??= null;
    this.signInText ??= null;
    this.supportEmail ??= null;
    this.supportUrl ??= null;
    this.legalFooter ??= null;
    this.emailSenderName ??= null;
    this.emailReplyTo ??= null;
    this.showPoweredBy ??= true;
    this.images ??= {};
  }
}
