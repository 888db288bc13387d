import { Injectable, Logger } from '@nestjs/common';
import type { UploadExchange } from './upload-exchange';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { FileStorage } from '../../core/storage/file-storage';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, type Actor, type AgencyScope, type TenantScope } from '../../core/tenancy/tenant-scope';
import { MediaAsset } from './entities/media-asset.entity';
import { FileUrlSigner } from './file-url-signer';
import { MediaUploadsService } from './media-uploads.service';
import { deleteStoredBytes } from './stored-bytes';

const AVATAR_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Profile pictures. A picture belongs to a person, and people belong to the agency as a whole (a
 * client user may act for several clients): pictures are the agency's files, of no client, in
 * whichever audience their owner signs in.
 */
@Injectable()
export class ProfilePicturesService {
  private readonly logger = new Logger(ProfilePicturesService.name);

  constructor(
    private readonly tenant: TenantData,
    private readonly uploads: MediaUploadsService,
    private readonly signer: FileUrlSigner,
    private readonly storage: FileStorage,
  ) {}

  /** Stores the one image of the request as the actor's new picture; 400 naming `file` when there is none. */
  async receive(actor: Actor, upload: UploadExchange): Promise<MediaAsset> {
    const owner: Actor = {
      scope: personal(actor.scope),
      userId: actor.userId,
      ip: actor.ip,
      userAgent: actor.userAgent,
    };
    const result = await this.uploads.receive(owner, upload, {
      purpose: 'avatar',
      source: actor.scope.kind === 'client' ? 'portal' : 'agency',
      imagesOnly: true,
      maxFileBytes: AVATAR_MAX_BYTES,
      maxFiles: 1,
    });
    const [picture, ...extra] = result.stored;
    for (const asset of extra) await this.delete(owner.scope, asset.id);
    if (!picture) {
      throw new ValidationFailedException([
        { field: 'file', messages: [result.rejected[0]?.reason ?? 'send one image in a part named "file"'] },
      ]);
    }
    return picture;
  }

  /** A signed URL of a person's picture for themselves: the square thumbnail once made, the original meanwhile. */
  async url(scope: TenantScope, person: { id: string; avatarAssetId: string | null }): Promise<string | null> {
    if (!person.avatarAssetId) return null;
    const asset = await this.tenant.findOwnedOrNull(personal(scope), MediaAsset, person.avatarAssetId, {
      where: { purpose: 'avatar' },
    });
    if (!asset) return null;
    return this.signer.url({
      assetId: asset.id,
      variant: asset.thumbnailKey ? 'thumbnail' : 'original',
      disposition: 'inline',
      grantee: { kind: 'user', userId: person.id },
    });
  }

  /** Deletes a picture (one no longer in use), bytes included; an unknown id is nothing to do. */
  async delete(scope: TenantScope, id: string): Promise<void> {
    const asset = await this.tenant.findOwnedOrNull(personal(scope), MediaAsset, id, { where: { purpose: 'avatar' } });
    if (!asset) return;
    await this.tenant.deleteOwned(personal(scope), MediaAsset, { id: asset.id });
    await deleteStoredBytes(this.storage, this.logger, asset);
  }
}

/** Where people's pictures live: their agency, whichever client the request acts for. */
function personal(scope: TenantScope): AgencyScope {
  return agencyScope(scope.agencyId);
}
