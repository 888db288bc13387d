import type { MessageKind, MessageSide } from '@atrium/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Conversation } from './conversation.entity';

/**
 * One message or internal note. The body is plain text as typed (rendered as text, never as HTML).
 * A deleted message keeps its row (the conversation shows "deleted") with its body cleared.
 */
@TenantOwned({ client: 'clientId' })
@Entity('messages')
@Index('idx_messages_conversation_seq', ['conversationId', 'seq'], { unique: true })
@Index('idx_messages_conversation_change', ['conversationId', 'change'])
export class Message extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  conversationId!: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversationId' })
  conversation?: Conversation;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'int' })
  change!: number;

  /** `note`: an internal note, only ever shown to the agency. */
  @ShortText(16)
  kind!: MessageKind;

  /** Null once the author's account is gone. */
  @IdColumn({ nullable: true })
  @Index('idx_messages_author')
  authorUserId!: string | null;

  @ShortText(16)
  authorSide!: MessageSide;

  /** The author's name when they wrote it. */
  @ShortText(120)
  authorName!: string;

  @Column({ type: 'text' })
  body!: string;

  @NullableDateColumn()
  editedAt!: Date | null;

  @NullableDateColumn()
  deletedAt!: Date | null;

  protected override applyDefaults(): void {
    this.editedAt ??= null;
    this.deletedAt ??= null;
  }
}
