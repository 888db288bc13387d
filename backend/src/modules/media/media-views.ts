import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { MediaAssetView } from '@atrium/shared';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { MediaAsset } from './entities/media-asset.entity';
import { filenameForType } from './file-type';
import { FileUrlSigner } from './file-url-signer';

/** Who looks at files: the scope bounds what they see, the user is who the signed URLs are made out to. */
export interface Viewer {
  readonly scope: TenantScope;
  readonly userId: string;
}

interface Uploader {
  assetId: string;
  id: string;
  name: string;
  kind: 'agency' | 'client';
}

/** Turns assets into what the API shows: names of client and uploader, and signed URLs for the viewer. */
@Injectable()
export class MediaViews {
  constructor(
    private readonly tenant: TenantData,
    private readonly signer: FileUrlSigner,
  ) {}

  async build(viewer: Viewer, assets: MediaAsset[]): Promise<MediaAssetView[]> {
    if (assets.length === 0) return [];
    const clientIds = [...new Set(assets.map((a) => a.clientId).filter((id): id is string => id !== null))];
    const clients = clientIds.length
      ? await this.tenant.listOwned(viewer.scope, Client, { where: { id: In(clientIds) } })
      : [];
    const uploaders = await this.uploaders(viewer.scope, assets);
    const grantee = { kind: 'user' as const, userId: viewer.userId };
    return assets.map((asset) => {
      const uploader = uploaders.find((u) => u.assetId === asset.id);
      return {
        id: asset.id,
        // Also rows stored before names were cleaned and matched to their type.
        filename: filenameForType(asset.filename, asset.mimeType),
        mimeType: asset.mimeType,
        kind: asset.kind,
        size: asset.size,
        width: asset.width,
        height: asset.height,
        status: asset.status,
        clientId: asset.clientId,
        clientName: clients.find((c) => c.id === asset.clientId)?.name ?? null,
        uploadedBy: {
          id: uploader?.id ?? null,
          name: uploader?.name ?? 'Former user',
          kind: uploader?.kind ?? (asset.source === 'portal' ? 'client' : 'agency'),
        },
        source: asset.source,
        createdAt: asset.createdAt.toISOString(),
        thumbnailUrl: asset.thumbnailKey
          ? this.signer.url({ assetId: asset.id, variant: 'thumbnail', disposition: 'inline', grantee })
          : null,
        viewUrl:
          asset.kind === 'image'
            ? this.signer.url({ assetId: asset.id, variant: 'original', disposition: 'inline', grantee })
            : null,
        downloadUrl: this.signer.url({ assetId: asset.id, variant: 'original', disposition: 'attachment', grantee }),
      };
    });
  }

  /**
   * Who uploaded each file, read through the scope's files: people belong to the agency as a
   * whole, so a client scope reaches only those who uploaded the files it may see.
   */
  private async uploaders(scope: TenantScope, assets: MediaAsset[]): Promise<Uploader[]> {
    if (!assets.some((asset) => asset.uploadedByUserId !== null)) return [];
    return this.tenant
      .query(scope, MediaAsset, 'm')
      .innerJoin(User, 'u', 'u.id = m.uploadedByUserId AND u.agencyId = m.agencyId')
      .andWhere('m.id IN (:...assetIds)', { assetIds: assets.map((asset) => asset.id) })
      .select(['m.id AS assetId', 'u.id AS id', 'u.name AS name', 'u.kind AS kind'])
      .getRawMany<Uploader>();
  }
}
