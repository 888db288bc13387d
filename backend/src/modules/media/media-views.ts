import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { MediaAssetView } from '@atrium/shared';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { MediaAsset } from './entities/media-asset.entity';
import { FileUrlSigner } from './file-url-signer';

/** Turns assets into what the API shows: names of client and uploader, and signed URLs for the viewer. */
@Injectable()
export class MediaViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signer: FileUrlSigner,
  ) {}

  async build(assets: MediaAsset[], viewerUserId: string): Promise<MediaAssetView[]> {
    if (assets.length === 0) return [];
    const agencyId = assets[0].agencyId;
    const clientIds = [...new Set(assets.map((a) => a.clientId).filter((id): id is string => id !== null))];
    const userIds = [...new Set(assets.map((a) => a.uploadedByUserId).filter((id): id is string => id !== null))];
    const clients = clientIds.length ? await this.db.getRepository(Client).findBy({ agencyId, id: In(clientIds) }) : [];
    const users = userIds.length ? await this.db.getRepository(User).findBy({ agencyId, id: In(userIds) }) : [];
    return assets.map((asset) => {
      const uploader = users.find((u) => u.id === asset.uploadedByUserId);
      const grantee = { kind: 'user' as const, userId: viewerUserId };
      return {
        id: asset.id,
        filename: asset.filename,
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
}
