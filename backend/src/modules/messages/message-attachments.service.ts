import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { In } from 'typeorm';
import type { MessageAttachmentUploadResponse } from '@atrium/shared';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { clientScope, type Actor } from '../../core/tenancy/tenant-scope';
import type { MediaAsset } from '../media/entities/media-asset.entity';
import { MediaLibraryService } from '../media/media-library.service';
import { MediaUploadsService } from '../media/media-uploads.service';
import type { UploadExchange } from '../media/upload-exchange';
import { MessageAttachment } from './entities/message-attachment.entity';
import type { Message } from './entities/message.entity';
import { MessageViews } from './message-views';
import type { Participant } from './participant';

/**
 * Files sent with messages. They go through the media pipeline (its type checks, size limits and
 * the agency's quota) and land in the media library as the client's files: a client user's as
 * the client's portal upload, an agency user's as the agency's upload for that client. Sending
 * then claims them, once, for one message.
 */
@Injectable()
export class MessageAttachmentsService {
  constructor(
    private readonly tenant: TenantData,
    private readonly uploads: MediaUploadsService,
    private readonly library: MediaLibraryService,
    private readonly views: MessageViews,
  ) {}

  async upload(p: Participant, exchange: UploadExchange): Promise<MessageAttachmentUploadResponse> {
    await this.tenant.liveClient(p.scope, p.clientId);
    const result = await this.uploads.receive(this.uploaderFor(p), exchange, {
      purpose: 'library',
      source: p.side === 'client' ? 'portal' : 'agency',
    });
    return {
      attachments: result.stored.map((asset) => this.views.attachmentView(p, asset)),
      rejected: result.rejected,
    };
  }

  /**
   * The files to send, in the order given: each one the sender uploaded for this client (through
   * `…/attachments`, or the library), else 404. Whether one was sent already is `assertUnsent`.
   */
  async sendable(p: Participant, ids: string[]): Promise<MediaAsset[]> {
    if (ids.length === 0) return [];
    const found = await this.library.byIds(p.scope, ids);
    const files = ids.flatMap((id) => {
      const asset = found.find((a) => a.id === id);
      const theirs =
        asset && asset.clientId === p.clientId && asset.uploadedByUserId === p.userId && asset.purpose === 'library';
      return theirs ? [asset] : [];
    });
    if (files.length !== ids.length) {
      throw new NotFoundException('Attachment not found: upload the file for this conversation first.');
    }
    return files;
  }

  /**
   * Within the sending transaction, the conversation locked (files of a client go only into its
   * conversation, so two sends of one file take turns): a file goes with one message only.
   */
  async assertUnsent(tx: TenantTransaction, p: Participant, files: MediaAsset[]): Promise<void> {
    if (files.length === 0) return;
    const sent = await tx.countOwned(p.scope, MessageAttachment, { mediaAssetId: In(files.map((f) => f.id)) });
    if (sent > 0) {
      throw new BadRequestException('A file was already sent with another message; upload it again to send it again.');
    }
  }

  /** Attaches claimed files to a new message, in order. */
  async attach(tx: TenantTransaction, p: Participant, message: Message, assets: MediaAsset[]): Promise<void> {
    for (const [position, asset] of assets.entries()) {
      await tx.insertOwned(p.scope, MessageAttachment, {
        agencyId: message.agencyId,
        clientId: message.clientId,
        messageId: message.id,
        mediaAssetId: asset.id,
        position,
      });
    }
  }

  /**
   * Who stores the files. The media pipeline files a client scope's uploads under its client, so
   * an agency user uploading into a client's conversation acts within that client (as the agency:
   * source `agency`, no client permissions, the quota still the agency's).
   */
  private uploaderFor(p: Participant): Actor {
    if (p.scope.kind === 'client') return p;
    return { ...p, scope: clientScope(p.scope.agencyId, p.clientId, [], null) };
  }
}
