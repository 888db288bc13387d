import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { MediaAsset } from '../../media/entities/media-asset.entity';
import { Message } from './message.entity';

/** A file sent with a message: a media asset of the conversation's client (uploaded through the media pipeline). */
@TenantOwned({ client: 'clientId' })
@Entity('message_attachments')
@Index('idx_message_attachments_message', ['messageId', 'position'])
export class MessageAttachment extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  messageId!: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'messageId' })
  message?: Message;

  @IdColumn()
  @Index('idx_message_attachments_asset')
  mediaAssetId!: string;

  @ManyToOne(() => MediaAsset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mediaAssetId' })
  mediaAsset?: MediaAsset;

  @Column({ type: 'int' })
  position!: number;
}
