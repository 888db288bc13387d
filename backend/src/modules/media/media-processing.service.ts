import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { LessThan } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue, JOBS } from '../../core/jobs/job-queue';
import { LeaseService } from '../../core/scheduling/lease.service';
import { FileStorage } from '../../core/storage/file-storage';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { MediaAsset } from './entities/media-asset.entity';

const SWEEP_EVERY_MS = 60_000;
const STUCK_AFTER_MS = 5 * 60_000;
/** Decoding bombs (a tiny file claiming a gigantic canvas) are refused before any pixels are read. */
const MAX_INPUT_PIXELS = 100_000_000;
/** sharp reads a streamed input whole before decoding: larger images keep an icon instead. */
const MAX_THUMBNAIL_SOURCE_BYTES = 40 * 1024 * 1024;
/** An image still processing after this long (its job died every time) is given up on. */
const GIVE_UP_AFTER_MS = 30 * 60_000;

/**
 * The thumbnail job: reads an image from storage, records its width and height, and stores a
 * small WebP (a square crop for profile pictures). Images that cannot be read are marked
 * `failed` and keep an icon. A sweeper re-enqueues images whose job was lost.
 */
@Injectable()
export class MediaProcessingService implements OnModuleInit {
  private readonly logger = new Logger(MediaProcessingService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly leases: LeaseService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ assetId: string }>(JOBS.mediaThumbnail, (job) => this.process(job.assetId), 2);
  }

  async process(assetId: string): Promise<void> {
    const asset = await this.tenant
      .unscoped('thumbnail job: the job names only the file; its agency comes from the row')
      .getRepository(MediaAsset)
      .findOneBy({ id: assetId });
    if (!asset || asset.status !== 'processing') return;
    const scope = agencyScope(asset.agencyId);
    if (asset.size > MAX_THUMBNAIL_SOURCE_BYTES) {
      await this.tenant.updateOwned(scope, MediaAsset, { id: asset.id }, { status: 'ready' });
      return;
    }
    try {
      const image = sharp({ limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true });
      const read = pipeline(await this.storage.get(asset.storageKey), image);
      const avatar = asset.purpose === 'avatar';
      const [metadata, thumbnail] = await Promise.all([
        image.metadata(),
        image
          .clone()
          .rotate()
          .resize(avatar ? 256 : 480, avatar ? 256 : 480, {
            fit: avatar ? 'cover' : 'inside',
            withoutEnlargement: !avatar,
          })
          .webp({ quality: 80 })
          .toBuffer(),
        read,
      ]);
      const thumbnailKey = `${asset.storageKey}.thumb.webp`;
      await this.storage.put(thumbnailKey, Readable.from(thumbnail), 'image/webp');
      // EXIF orientations 5–8 turn the picture a quarter: what people see is height × width.
      const turned = (metadata.orientation ?? 1) >= 5;
      const saved = await this.tenant.updateOwned(
        scope,
        MediaAsset,
        { id: asset.id, status: 'processing' },
        {
          status: 'ready',
          thumbnailKey,
          width: (turned ? metadata.height : metadata.width) ?? null,
          height: (turned ? metadata.width : metadata.height) ?? null,
        },
      );
      // Deleted (or given up on) while its picture was being made: the thumbnail has no owner.
      if (saved === 0) await this.storage.delete(thumbnailKey);
    } catch (error) {
      this.logger.warn({ msg: 'Could not read an image', assetId, error: String(error) });
      await this.tenant.updateOwned(scope, MediaAsset, { id: asset.id }, { status: 'failed' });
    }
  }

  @Interval('media-processing-sweep', SWEEP_EVERY_MS)
  async sweep(): Promise<void> {
    if (!this.config.runWorkers) return;
    try {
      if (!(await this.leases.tryAcquire('media-processing-sweep', SWEEP_EVERY_MS - 5000))) return;
      const assets = this.tenant
        .unscoped('media sweeper: images of every agency whose thumbnail job was lost, or that are stuck for good')
        .getRepository(MediaAsset);
      const stuck = await assets.find({
        select: { id: true },
        where: { status: 'processing', createdAt: LessThan(new Date(Date.now() - STUCK_AFTER_MS)) },
        take: 100,
      });
      await assets.update(
        { status: 'processing', createdAt: LessThan(new Date(Date.now() - GIVE_UP_AFTER_MS)) },
        { status: 'failed' },
      );
      for (const { id } of stuck) await this.jobs.enqueue(JOBS.mediaThumbnail, { assetId: id }, { attempts: 1 });
    } catch (error) {
      this.logger.warn({ msg: 'Media processing sweep failed', error: String(error) });
    }
  }
}
