import type { MessageSide } from '@atrium/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DateColumn, IdColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { User } from '../../../core/tenancy/entities/user.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Conversation } from './conversation.entity';

/** How far one person has read one conversation: unread counts and "seen by" come from it. */
@TenantOwned({ client: 'clientId' })
@Entity('conversation_reads')
@Index('idx_conversation_reads_person', ['conversationId', 'userId'], { unique: true })
@Index('idx_conversation_reads_user', ['userId'])
export class ConversationRead extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  conversationId!: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversationId' })
  conversation?: Conversation;

  @IdColumn()
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ShortText(16)
  side!: MessageSide;

  @Column({ type: 'int' })
  lastReadSeq!: number;

  @DateColumn()
  readAt!: Date;
}
