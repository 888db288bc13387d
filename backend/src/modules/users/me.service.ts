import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MeResponse } from '@atrium/shared';
import type { RequestContext } from '../../core/auth/request-context';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { MediaAsset } from '../media/entities/media-asset.entity';
import { FileUrlSigner } from '../media/file-url-signer';

@Injectable()
export class MeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signer: FileUrlSigner,
  ) {}

  async describe(context: RequestContext): Promise<MeResponse> {
    const user = await this.db.getRepository(User).findOneBy({ id: context.userId, agencyId: context.agencyId });
    const agency = await this.db.getRepository(Agency).findOneBy({ id: context.agencyId });
    if (!user || !agency) throw new NotFoundException('Account not found');
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      emailConfirmed: user.emailConfirmedAt !== null,
      timezone: user.timezone,
      avatarUrl: await this.avatarUrl(user),
      pendingEmail: user.pendingEmail,
      audience: context.audience,
      agency: { id: agency.id, name: agency.name },
      agencyRole: context.audience === 'agency' ? context.agencyRole : null,
      clients:
        context.audience === 'client'
          ? context.memberships.map((m) => ({
              id: m.clientId,
              name: m.clientName,
              role: m.role,
              permissions: m.permissions,
            }))
          : [],
    };
  }

  /** The square thumbnail once the job made it, the original meanwhile. */
  private async avatarUrl(user: User): Promise<string | null> {
    if (!user.avatarAssetId) return null;
    const asset = await this.db
      .getRepository(MediaAsset)
      .findOneBy({ id: user.avatarAssetId, agencyId: user.agencyId, purpose: 'avatar' });
    if (!asset) return null;
    return this.signer.url({
      assetId: asset.id,
      variant: asset.thumbnailKey ? 'thumbnail' : 'original',
      disposition: 'inline',
      grantee: { kind: 'user', userId: user.id },
    });
  }
}
