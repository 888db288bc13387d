import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { UploadExchange } from '../media/upload-exchange';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { BRAND_IMAGE_BOX, type BrandImageSlot } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { FileStorage } from '../../core/storage/file-storage';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { MediaUploadsService } from '../media/media-uploads.service';
import { lockBranding, saveBranding } from './branding-rows';
import { BrandingService, type AgencyActor } from './branding.service';
import { Branding, type StoredBrandImage } from './entities/branding.entity';

/** Brand images are small things (a logo, an icon, one picture): a tight limit on what is sent. */
export const BRAND_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Decoding bombs (a tiny file claiming a gigantic canvas) are refused before any pixels are read. */
const MAX_INPUT_PIXELS = 50_000_000;

/** A stored brand image, opened for sending. */
export interface BrandImageFile {
  body: Readable;
  mimeType: string;
}

/**
 * The images of a brand. An upload goes through the media pipeline (content-checked, images only,
 * size-limited, a name the server makes; SVG and anything posing as an image are refused), is
 * resized into its slot's box as a PNG with no metadata, and replaces the slot's previous image;
 * the uploaded original is then deleted. Images are served publicly under a URL that holds a hash
 * of their content, so they can be cached for good.
 */
@Injectable()
export class BrandImagesService {
  private readonly logger = new Logger(BrandImagesService.name);

  constructor(
    private readonly tenant: TenantData,
    private readonly uploads: MediaUploadsService,
    private readonly storage: FileStorage,
    private readonly branding: BrandingService,
    private readonly audit: AuditService,
  ) {}

  /** Stores the one image of the request in `slot`; 400 naming `file` when there is no usable image. */
  async upload(actor: AgencyActor, slot: BrandImageSlot, upload: UploadExchange): Promise<void> {
    const { scope } = actor;
    const received = await this.uploads.receive(actor, upload, {
      purpose: 'brand',
      source: 'agency',
      imagesOnly: true,
      maxFileBytes: BRAND_IMAGE_MAX_BYTES,
      maxFiles: 1,
    });
    const original = received.stored[0];
    try {
      if (!original) {
        throw new ValidationFailedException([
          { field: 'file', messages: [received.rejected[0]?.reason ?? 'send one image in a part named "file"'] },
        ]);
      }
      const image = await this.resized(slot, await readAll(await this.storage.get(original.storageKey)));
      const key = `agencies/${scope.agencyId}/brand/${slot}-${image.version}-${randomBytes(4).toString('hex')}.png`;
      await this.storage.put(key, Readable.from([image.data]), 'image/png');
      const stored: StoredBrandImage = {
        key,
        mimeType: 'image/png',
        width: image.width,
        height: image.height,
        version: image.version,
      };
      let replaced: StoredBrandImage | undefined;
      try {
        replaced = await this.tenant.transaction(async (tx) => {
          const { row } = await lockBranding(tx, scope);
          await saveBranding(tx, scope, row, { images: { ...row?.images, [slot]: stored } });
          await this.audit.recordFor(
            actor,
            {
              action: 'branding.image_updated',
              targetType: 'agency',
              targetId: scope.agencyId,
              details: { slot, width: image.width, height: image.height, version: image.version },
            },
            tx,
          );
          return row?.images[slot];
        });
      } catch (error) {
        await this.dropBytes(key);
        throw error;
      }
      if (replaced) await this.dropBytes(replaced.key);
    } finally {
      // The original served its purpose (or was refused): only the resized image is kept.
      for (const asset of received.stored) await this.uploads.discardReceived(scope, asset.id);
    }
  }

  /** Removes the image of a slot (nothing to do when it has none). */
  async remove(actor: AgencyActor, slot: BrandImageSlot): Promise<void> {
    const { scope } = actor;
    const removed = await this.tenant.transaction(async (tx) => {
      const { row } = await lockBranding(tx, scope);
      const current = row?.images[slot];
      if (!row || !current) return undefined;
      const images = { ...row.images };
      delete images[slot];
      await saveBranding(tx, scope, row, { images });
      await this.audit.recordFor(
        actor,
        { action: 'branding.image_removed', targetType: 'agency', targetId: scope.agencyId, details: { slot } },
        tx,
      );
      return current;
    });
    if (removed) await this.dropBytes(removed.key);
  }

  /**
   * The current image of an agency's slot, by the public URL's parts; 404 for an unknown agency or
   * slot, an empty slot, or a version that is not the current one (an old URL).
   */
  async open(slug: string, slot: BrandImageSlot, version: string): Promise<BrandImageFile> {
    const agencyId = await this.branding.agencyIdForSlug(slug);
    const row = agencyId ? await this.tenant.findOneOwned(agencyScope(agencyId), Branding, { where: {} }) : null;
    const image = row?.images[slot];
    if (!image || image.version !== version) throw new NotFoundException('Image not found');
    return { body: await this.storage.get(image.key), mimeType: image.mimeType };
  }

  /**
   * The image fitted into its slot's box as a PNG: logos and the sign-in image keep their
   * proportions (never enlarged), the icon is cropped square. EXIF orientation is applied, and no
   * metadata (location, camera) is kept.
   */
  private async resized(
    slot: BrandImageSlot,
    input: Buffer,
  ): Promise<{ data: Buffer; width: number; height: number; version: string }> {
    const box = BRAND_IMAGE_BOX[slot];
    const square = slot === 'icon';
    try {
      const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .rotate()
        .resize(box.width, box.height, { fit: square ? 'cover' : 'inside', withoutEnlargement: !square })
        .png({ compressionLevel: 9 })
        .toBuffer({ resolveWithObject: true });
      const version = createHash('sha256').update(data).digest('hex').slice(0, 16);
      return { data, width: info.width, height: info.height, version };
    } catch (error) {
      this.logger.warn({ msg: 'Could not read a brand image', slot, error: String(error) });
      throw new ValidationFailedException([{ field: 'file', messages: ['the image could not be read'] }]);
    }
  }

  /** Bytes no row refers to any more; failing to drop them wastes space, it does not fail the request. */
  private async dropBytes(key: string): Promise<void> {
    await this.storage
      .delete(key)
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'Could not delete a brand image', key, error: String(error) }),
      );
  }
}

/** A whole (size-limited) stored file in memory: sharp decodes from a buffer. */
async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
