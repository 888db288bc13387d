import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../database/columns';
import { RecordEntity } from '../database/base-entities';

/**
 * pending   → waiting for (re)delivery over SMTP
 * sending   → claimed by one worker
 * sent      → accepted by the SMTP server
 * failed    → gave up after the last attempt
 * captured  → no SMTP configured: kept for the development mailbox
 */
export type OutboxEmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'captured';

/**
 * The transactional outbox: an email row is written in the same transaction as the change that
 * caused it, so a rolled-back sign-up sends nothing and a committed one can never lose its email.
 */
@Entity('outbox_emails')
@Index('idx_outbox_emails_status_next', ['status', 'nextAttemptAt'])
export class OutboxEmail extends RecordEntity {
  @IdColumn({ nullable: true })
  @Index('idx_outbox_emails_agency')
  agencyId!: string | null;

  @ShortText(254)
  toAddress!: string;

  @ShortText(255)
  subject!: string;

  /**
   * Display name of the sender (an agency's brand, for emails to its client users); null = the
   * installation's MAIL_FROM as it is. The address itself is always the installation's.
   */
  @ShortText(120, { nullable: true })
  fromName!: string | null;

  /** Where replies go (the agency's reply-to address); null = no Reply-To header. */
  @ShortText(254, { nullable: true })
  replyTo!: string | null;

  @Column({ type: 'text' })
  textBody!: string;

  @Column({ type: 'text' })
  htmlBody!: string;

  @ShortText(16)
  status!: OutboxEmailStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @ShortText(500, { nullable: true })
  lastError!: string | null;

  @DateColumn()
  nextAttemptAt!: Date;

  @NullableDateColumn()
  claimedAt!: Date | null;

  @NullableDateColumn()
  sentAt!: Date | null;

  protected override applyDefaults(): void {
    this.nextAttemptAt ??= this.createdAt;
    this.fromName ??= null;
    this.replyTo ??= null;
    this.attempts ??= 0;
    this.lastError ??= null;
    this.claimedAt ??= null;
    this.sentAt ??= null;
  }
}
