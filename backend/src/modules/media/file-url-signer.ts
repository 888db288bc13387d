import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MEDIA_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

export type FileVariant = 'original' | 'thumbnail';

/** Who a URL was made for: a signed-in user, or the publisher handing an image to a platform. */
export type FileGrantee = { kind: 'user'; userId: string } | { kind: 'platform' };

export interface FileGrant {
  assetId: string;
  variant: FileVariant;
  /** `inline` lets a browser show an image; everything else is always an attachment. */
  disposition: 'inline' | 'attachment';
  grantee: FileGrantee;
  expiresAt: number;
}

/**
 * Signed file URLs: scoped to one file, one variant and one caller, short-lived, tamper-proof
 * (HMAC-SHA256 with a key derived from ENCRYPTION_KEY). They let <img> and download links work
 * without an Authorization header; the download route still re-checks the caller's access.
 */
@Injectable()
export class FileUrlSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.encryptionKey).update('file-urls').digest();
  }

  /** A relative URL for browsers. */
  url(grant: Omit<FileGrant, 'expiresAt'>, ttlSeconds = this.config.media.urlTtlSeconds): string {
    return `${MEDIA_PATHS.files}/${this.sign({ ...grant, expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds })}`;
  }

  /** The thumbnail of a file for one signed-in viewer, when it has one. */
  thumbnailUrl(asset: { id: string; thumbnailKey: string | null }, userId: string): string | null {
    if (!asset.thumbnailKey) return null;
    return this.url({
      assetId: asset.id,
      variant: 'thumbnail',
      disposition: 'inline',
      grantee: { kind: 'user', userId },
    });
  }

  /** An absolute URL a platform can fetch while publishing (an hour). */
  platformUrl(assetId: string): string {
    return `${this.config.appUrl}${this.url({ assetId, variant: 'original', disposition: 'inline', grantee: { kind: 'platform' } }, 3600)}`;
  }

  sign(grant: FileGrant): string {
    const body = Buffer.from(
      JSON.stringify([
        grant.assetId,
        grant.variant === 'thumbnail' ? 't' : 'o',
        grant.disposition === 'inline' ? 'i' : 'a',
        grant.grantee.kind === 'user' ? grant.grantee.userId : '*',
        grant.expiresAt,
      ]),
    ).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The grant of a valid, unexpired token; null for anything else. */
  verify(token: string, now = Date.now()): FileGrant | null {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const [assetId, variant, disposition, grantee, expiresAt] = JSON.parse(
        Buffer.from(body, 'base64url').toString('utf8'),
      ) as [string, string, string, string, number];
      if (typeof expiresAt !== 'number' || expiresAt * 1000 < now) return null;
      return {
        assetId,
        variant: variant === 't' ? 'thumbnail' : 'original',
        disposition: disposition === 'i' ? 'inline' : 'attachment',
        grantee: grantee === '*' ? { kind: 'platform' } : { kind: 'user', userId: grantee },
        expiresAt,
      };
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
