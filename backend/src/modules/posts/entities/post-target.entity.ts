import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Post } from './post.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * Where one target is in its life. `held` waits for the client's approval (never claimed, whatever
 * its time); `pending` waits for its time; the scheduler moves a due one to
 * `queued` (claimed, job enqueued); the job moves it to `sending` exactly once before calling the
 * platform; then `published` or `failed`. Each move is a conditional UPDATE, so two instances (or a
 * job delivered twice) can never both send it.
 */
export type TargetState = 'draft' | 'held' | 'pending' | 'queued' | 'sending' | 'published' | 'failed' | 'cancelled';

/**
 * Longest link to a published post that is kept (platforms' links are well under 200 characters).
 * Bounded so the calendar's covering index below stays within InnoDB's 3,072-byte key limit.
 */
export const EXTERNAL_URL_MAX_LENGTH = 500;

/**
 * One post on one account. Client and time are copied from the post so calendar queries use one index.
 *
 * idx_post_targets_client_week covers the portal calendar's week query (portal-calendar.ts): every
 * column it reads of a target is in the index, so a client's week is one short range of adjacent
 * index entries, however many other targets the table holds. Without it the targets were looked up
 * one by one in the table, and MariaDB preferred walking the account's whole history
 * (idx_post_targets_account) with a filter: a cost that grew with the table (bench/calendar-week).
 */
@TenantOwned({ client: 'clientId' })
@Entity('post_targets')
@Index('idx_post_targets_client_week', [
  'clientId',
  'scheduledAt',
  'state',
  'agencyId',
  'socialAccountId',
  'postId',
  'publishedAt',
  'externalUrl',
])
@Index('idx_post_targets_state_schedule', ['state', 'scheduledAt'])
export class PostTarget extends MutableRecordEntity {
  @IdColumn()
  @Index('idx_post_targets_post')
  postId!: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId' })
  post?: Post;

  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  @Index('idx_post_targets_account')
  socialAccountId!: string;

  @ShortText(16)
  state!: TargetState;

  @NullableDateColumn()
  scheduledAt!: Date | null;

  /** After a retryable failure: not before this time. */
  @NullableDateColumn()
  nextAttemptAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Set by the scheduler's claim; the job must present it to start sending. */
  @ShortText(36, { nullable: true })
  claimToken!: string | null;

  @NullableDateColumn()
  claimedAt!: Date | null;

  @ShortText(191, { nullable: true })
  externalId!: string | null;

  @ShortText(EXTERNAL_URL_MAX_LENGTH, { nullable: true })
  externalUrl!: string | null;

  @ShortText(1000, { nullable: true })
  failureReason!: string | null;

  @NullableDateColumn()
  publishedAt!: Date | null;

  protected override applyDefaults(): void {
    this.scheduledAt ??= null;
    this.nextAttemptAt ??= null;
    this.attempts ??= 0;
    this.claimToken ??= null;
    this.claimedAt ??= null;
    this.externalId ??= null;
    this.externalUrl ??= null;
    this.failureReason ??= null;
    this.publishedAt ??= null;
  }
}
