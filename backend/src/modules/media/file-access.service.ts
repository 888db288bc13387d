import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Client } from '../../core/tenancy/entities/client.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Post } from '../posts/entities/post.entity';
import { PostMedia } from '../posts/entities/post-media.entity';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { effectiveClientPermissions, type ClientPermission } from '@atrium/shared';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import type { MediaAsset } from './entities/media-asset.entity';

/**
 * Who may fetch a file, decided again when a signed URL is used (the URL proves only that it was
 * issued): the agency's active people; a client's active people for their client's portal uploads
 * and for files on their client's posts; and everyone for their own profile picture.
 */
@Injectable()
export class FileAccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A platform fetching a post's picture: only files on a post, of an agency still active. */
  async platformMaySee(asset: MediaAsset): Promise<boolean> {
    const agency = await this.db.getRepository(Agency).countBy({ id: asset.agencyId, status: 'active' });
    if (agency === 0) return false;
    return (await this.db.getRepository(PostMedia).countBy({ mediaAssetId: asset.id, agencyId: asset.agencyId })) > 0;
  }

  async userMaySee(userId: string, asset: MediaAsset): Promise<boolean> {
    const user = await this.db
      .getRepository(User)
      .findOneBy({ id: userId, agencyId: asset.agencyId, status: 'active' });
    const agency = await this.db.getRepository(Agency).findOneBy({ id: asset.agencyId, status: 'active' });
    if (!user || !agency) return false;
    if (asset.purpose === 'avatar') {
      if (asset.uploadedByUserId === user.id) return true;
      return user.kind === 'agency' && (await this.isAgencyMember(user));
    }
    if (user.kind === 'agency') return this.isAgencyMember(user);

    const memberships = await this.db
      .getRepository(ClientMembership)
      .findBy({ userId: user.id, agencyId: asset.agencyId, status: 'active' });
    const live = memberships.length
      ? await this.db
          .getRepository(Client)
          .findBy({ id: In(memberships.map((m) => m.clientId)), agencyId: asset.agencyId, deletedAt: IsNull() })
      : [];
    // The permissions the issuing endpoints require: Media for portal uploads, Calendar for the
    // pictures of the client's posts.
    const clientsAllowing = (permission: ClientPermission) =>
      live
        .filter((client) => {
          const role = memberships.find((m) => m.clientId === client.id)?.role ?? 'member';
          return effectiveClientPermissions(client.permissions, role).includes(permission);
        })
        .map((client) => client.id);
    if (asset.source === 'portal' && asset.clientId && clientsAllowing('media.upload').includes(asset.clientId)) {
      return true;
    }
    const calendarClients = clientsAllowing('calendar.view');
    if (calendarClients.length === 0) return false;
    const uses = await this.db.getRepository(PostMedia).findBy({ mediaAssetId: asset.id, agencyId: asset.agencyId });
    if (uses.length === 0) return false;
    return (
      (await this.db
        .getRepository(Post)
        .countBy({ id: In(uses.map((u) => u.postId)), clientId: In(calendarClients) })) > 0
    );
  }

  private async isAgencyMember(user: User): Promise<boolean> {
    return (
      (await this.db
        .getRepository(AgencyMembership)
        .countBy({ userId: user.id, agencyId: user.agencyId, status: 'active' })) > 0
    );
  }
}
