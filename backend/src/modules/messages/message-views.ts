import { Injectable } from '@nestjs/common';
import type { MessageAttachmentView, MessageView } from '@atrium/shared';
import { TenantData, type TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import type { MediaAsset } from '../media/entities/media-asset.entity';
import { filenameForType } from '../media/file-type';
import { FileUrlSigner } from '../media/file-url-signer';
import { MessageAttachment } from './entities/message-attachment.entity';
import type { Message } from './entities/message.entity';

/** Who a view is made for: the scope bounds the reads, the user is who the file URLs are signed for. */
export interface MessageViewer {
  readonly scope: TenantScope;
  readonly userId: string;
}

/**
 * Messages as the API shows them, with their files and URLs signed for one viewer. Exported so
 * that live delivery can make the same view for each socket's user (URLs are per person).
 */
@Injectable()
export class MessageViews {
  constructor(
    private readonly tenant: TenantData,
    private readonly signer: FileUrlSigner,
  ) {}

  async one(viewer: MessageViewer, message: Message, data: TenantDataAccess = this.tenant): Promise<MessageView> {
    return (await this.build(viewer, [message], data))[0];
  }

  /** In the order given; attachments of all of them in one query. */
  async build(
    viewer: MessageViewer,
    messages: Message[],
    data: TenantDataAccess = this.tenant,
  ): Promise<MessageView[]> {
    const files = await this.attachmentsOf(viewer, messages, data);
    return messages.map((message) => ({
      id: message.id,
      clientId: message.clientId,
      seq: message.seq,
      change: message.change,
      kind: message.kind,
      author: { id: message.authorUserId, name: message.authorName, side: message.authorSide },
      body: message.deletedAt ? '' : message.body,
      attachments: message.deletedAt ? [] : (files.get(message.id) ?? []),
      createdAt: message.createdAt.toISOString(),
      editedAt: message.editedAt?.toISOString() ?? null,
      deletedAt: message.deletedAt?.toISOString() ?? null,
    }));
  }

  /** A file as a message shows it, with URLs for one viewer. */
  attachmentView(viewer: MessageViewer, asset: MediaAsset): MessageAttachmentView {
    return {
      id: asset.id,
      filename: filenameForType(asset.filename, asset.mimeType),
      mimeType: asset.mimeType,
      size: asset.size,
      kind: asset.kind,
      url: this.signer.url({
        assetId: asset.id,
        variant: 'original',
        disposition: 'attachment',
        grantee: { kind: 'user', userId: viewer.userId },
      }),
      thumbnailUrl: this.signer.thumbnailUrl(asset, viewer.userId),
    };
  }

  private async attachmentsOf(
    viewer: MessageViewer,
    messages: Message[],
    data: TenantDataAccess,
  ): Promise<Map<string, MessageAttachmentView[]>> {
    const ids = messages.filter((m) => !m.deletedAt).map((m) => m.id);
    const byMessage = new Map<string, MessageAttachmentView[]>();
    if (ids.length === 0) return byMessage;
    const rows = await data
      .query(viewer.scope, MessageAttachment, 'attachment')
      .innerJoinAndSelect('attachment.mediaAsset', 'asset')
      .andWhere('attachment.messageId IN (:...ids)', { ids })
      .orderBy('attachment.position', 'ASC')
      .getMany();
    for (const row of rows) {
      if (!row.mediaAsset) continue;
      const list = byMessage.get(row.messageId) ?? [];
      list.push(this.attachmentView(viewer, row.mediaAsset));
      byMessage.set(row.messageId, list);
    }
    return byMessage;
  }
}
