import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DateColumn, IdColumn } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { User } from '../../../core/tenancy/entities/user.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Conversation } from './conversation.entity';

/**
 * An email owed to one person about one conversation if what they have not read stays unread until
 * `dueAt`. Written with the message (so a restart loses nothing); reading the conversation removes
 * it; the sweep sends one grouped email for it and removes it.
 */
@TenantOwned({ client: 'clientId' })
@Entity('message_email_due')
@Index('idx_message_email_due_person', ['conversationId', 'userId'], { unique: true })
@Index('idx_message_email_due_at', ['dueAt'])
export class MessageEmailDue extends RecordEntity {
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

  /** The first message the email is about (the person's read position when it was owed, plus one). */
  @Column({ type: 'int' })
  fromSeq!: number;

  @DateColumn()
  dueAt!: Date;
}
