import { Injectable, NotFoundException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { ClientPermission } from '@atrium/shared';
import { FileStorage, type ByteRange } from '../../core/storage/file-storage';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, clientScope, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { sentToClient } from '../messages/message-media-uses';
import { postsUsingMedia } from '../posts/post-media-uses';
import { MediaAsset } from './entities/media-asset.entity';
import { filenameForType } from './file-type';
import { FileUrlSigner, type FileGrantee } from './file-url-signer';

/** A file a signed URL may be answered with: which bytes, and how to present them. */
export interface ServedFile {
  key: string;
  size: number;
  /** What Atrium detected from the content (WebP for thumbnails), never what the uploader said. */
  mimeType: string;
  /** Only images asked for inline are shown; everything else is an attachment. */
  inline: boolean;
  filename: string;
}

const notFound = () => new NotFoundException('File not found');

/**
 * Who may fetch a file, decided again when a signed URL is used (the URL proves only that it was
 * issued): the agency's active people; a client's active people for their client's portal uploads,
 * for files on their client's posts and for files sent in their client's conversation; and everyone
 * for their own profile picture.
 */
@Injectable()
export class FileAccessService {
  constructor(
    private readonly tenant: TenantData,
    private readonly contexts: ContextLoader,
    private readonly signer: FileUrlSigner,
    private readonly storage: FileStorage,
  ) {}

  /**
   * The file a signed URL names, when its grantee may still see it; unknown, expired or tampered
   * URLs, files no longer allowed and bytes gone from storage all answer 404.
   */
  async resolve(token: string): Promise<ServedFile> {
    const grant = this.signer.verify(token);
    if (!grant) throw notFound();
    const asset = await this.tenant
      .unscoped(
        "signed file URL: the token names the file; its agency comes from the row, then the grantee's access is checked",
      )
      .getRepository(MediaAsset)
      .findOneBy({ id: grant.assetId });
    if (!asset || !(await this.maySee(grant.grantee, asset))) throw notFound();
    const thumbnail = grant.variant === 'thumbnail';
    const key = thumbnail ? asset.thumbnailKey : asset.storageKey;
    if (!key) throw notFound();
    const size = await this.storage.size(key);
    if (size === null) throw notFound();
    const mimeType = thumbnail ? 'image/webp' : asset.mimeType;
    // Cleaned and matched to the detected type again: rows stored before that was done are offered safely too.
    const filename = filenameForType(asset.filename, asset.mimeType);
    return {
      key,
      size,
      mimeType,
      inline: grant.disposition === 'inline' && mimeType.startsWith('image/'),
      filename: thumbnail ? `${filename.replace(/\.[^.]*$/, '')}-thumbnail.webp` : filename,
    };
  }

  /** The bytes of a file (or a range of them); a file deleted since it was resolved is a 404, like any other. */
  async open(file: ServedFile, range?: ByteRange): Promise<Readable> {
    try {
      return await this.storage.get(file.key, range);
    } catch (error) {
      if ((await this.storage.size(file.key)) === null) throw notFound();
      throw error;
    }
  }

  private maySee(grantee: FileGrantee, asset: MediaAsset): Promise<boolean> {
    return grantee.kind === 'platform' ? this.platformMaySee(asset) : this.userMaySee(grantee.userId, asset);
  }

  /** A platform fetching a post's picture: only files on a post, of an agency still active. */
  private async platformMaySee(asset: MediaAsset): Promise<boolean> {
    const scope = agencyScope(asset.agencyId);
    if (!(await this.agencyActive(scope))) return false;
    return (await postsUsingMedia(this.tenant, scope, asset.id)).length > 0;
  }

  private async userMaySee(userId: string, asset: MediaAsset): Promise<boolean> {
    // A user of another agency is not found in this one.
    const scope = agencyScope(asset.agencyId);
    const user = await this.tenant.findOwnedOrNull(scope, User, userId, { where: { status: 'active' } });
    if (!user || !(await this.agencyActive(scope))) return false;
    if (asset.purpose === 'avatar') {
      if (asset.uploadedByUserId === user.id) return true;
      return user.kind === 'agency' && (await this.isAgencyMember(scope, user.id));
    }
    if (user.kind === 'agency') return this.isAgencyMember(scope, user.id);

    const memberships = await this.contexts.activeClientMemberships(user.id, asset.agencyId);
    // The permissions the issuing endpoints require: Media for portal uploads, Calendar for the
    // pictures of the client's posts.
    const allowing = (permission: ClientPermission) => memberships.filter((m) => m.permissions.includes(permission));
    if (asset.source === 'portal' && allowing('media.upload').some((m) => m.clientId === asset.clientId)) return true;
    for (const membership of allowing('calendar.view')) {
      const client = clientScope(asset.agencyId, membership.clientId, membership.permissions, membership.role);
      if ((await postsUsingMedia(this.tenant, client, asset.id)).length > 0) return true;
    }
    // Messages: the files sent in the client's conversation (never a note's). A file not sent yet
    // is a portal upload like any other (Media above), so revoking Media still revokes it.
    for (const membership of allowing('messages.use')) {
      const client = clientScope(asset.agencyId, membership.clientId, membership.permissions, membership.role);
      if (await sentToClient(this.tenant, client, asset.id)) return true;
    }
    return false;
  }

  private async agencyActive(scope: AgencyScope): Promise<boolean> {
    return (await this.tenant.countOwned(scope, Agency, { status: 'active' })) > 0;
  }

  private async isAgencyMember(scope: AgencyScope, userId: string): Promise<boolean> {
    return (await this.tenant.countOwned(scope, AgencyMembership, { userId, status: 'active' })) > 0;
  }
}
