import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { ClientScope } from '../../core/tenancy/tenant-scope';
import { MessageAttachment } from './entities/message-attachment.entity';
import { Message } from './entities/message.entity';

/**
 * Whether a file was sent with a message (not a note, not deleted) in the conversation of the
 * scope's client: Messages' public API for file access, which asks "may this client's people
 * download this file" without reading messages' tables. Notes' files stay the agency's.
 */
export async function sentToClient(data: TenantDataAccess, scope: ClientScope, mediaAssetId: string): Promise<boolean> {
  const count = await data
    .query(scope, Message, 'm')
    .innerJoin(MessageAttachment, 'attached', 'attached.messageId = m.id AND attached.agencyId = m.agencyId')
    .andWhere('attached.mediaAssetId = :mediaAssetId', { mediaAssetId })
    .andWhere("m.kind = 'message'")
    .andWhere('m.deletedAt IS NULL')
    .getCount();
  return count > 0;
}
