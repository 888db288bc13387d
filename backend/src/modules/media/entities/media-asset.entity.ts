import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { MediaKind, MediaStatus } from '@atrium/shared';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * `library` files appear in the media library; `avatar` files are profile pictures only; `brand`
 * files are brand image uploads, kept only until the branding feature has resized them.
 */
export type MediaPurpose = 'library' | 'avatar' | 'brand';

/**
 * An uploaded file. The bytes live in FileStorage under `storageKey` (made by the server); the
 * type is what the content says it is, the file name only what the uploader called it.
 */
@TenantOwned({ client: 'clientId' })
@Entity('media_assets')
@Index('idx_media_assets_agency_created', ['agencyId', 'purpose', 'createdAt'])
@Index('idx_media_assets_client_created', ['clientId', 'purpose', 'createdAt'])
export class MediaAsset extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  /** The client it belongs to; null = the agency's own. */
  @IdColumn({ nullable: true })
  clientId!: string | null;

  @ShortText(16)
  purpose!: MediaPurpose;

  /** `portal` when a client's person uploaded it from the portal. */
  @ShortText(16)
  source!: 'agency' | 'portal';

  @IdColumn({ nullable: true })
  @Index('idx_media_assets_uploader')
  uploadedByUserId!: string | null;

  @ShortText(200)
  filename!: string;

  @ShortText(100)
  mimeType!: string;

  @ShortText(16)
  kind!: MediaKind;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  size!: number;

  @ShortText(300)
  storageKey!: string;

  @ShortText(300, { nullable: true })
  thumbnailKey!: string | null;

  @Column({ type: 'int', nullable: true })
  width!: number | null;

  @Column({ type: 'int', nullable: true })
  height!: number | null;

  @ShortText(16)
  status!: MediaStatus;

  protected override applyDefaults(): void {
    this.clientId ??= null;
    this.uploadedByUserId ??= null;
    this.thumbnailKey ??= null;
    this.width ??= null;
    this.height ??= null;
  }
}
