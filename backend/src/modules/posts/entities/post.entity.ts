import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ApprovalState, PostStatus } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * A post written for one client. Its targets (one per account) publish independently; `status`
 * is derived from them (see post-status.ts) and kept here for lists and filters.
 */
@TenantOwned({ client: 'clientId' })
@Entity('posts')
@Index('idx_posts_agency_schedule', ['agencyId', 'scheduledAt'])
@Index('idx_posts_agency_status', ['agencyId', 'status'])
export class Post extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @IdColumn()
  clientId!: string;

  @Column({ type: 'text' })
  text!: string;

  @ShortText(16)
  status!: PostStatus;

  @NullableDateColumn()
  scheduledAt!: Date | null;

  @NullableDateColumn()
  publishedAt!: Date | null;

  @ShortText(1000, { nullable: true })
  failureReason!: string | null;

  @IdColumn({ nullable: true })
  createdByUserId!: string | null;

  /**
   * The agency asked for the client's approval (posts.approve) before this post may publish. While
   * it is not approved its targets wait in the `held` state, which the publisher never claims.
   */
  @Column({ type: 'boolean', default: false })
  approvalRequired!: boolean;

  /** Null when no approval is required. */
  @ShortText(24, { nullable: true })
  approvalState!: ApprovalState | null;

  /** The last decision on it (approve or request changes): when and by whom. */
  @NullableDateColumn()
  approvalDecidedAt!: Date | null;

  @IdColumn({ nullable: true })
  approvalDecidedByUserId!: string | null;

  /** Set when the agency was told that the post's time came before its approval: once per wait. */
  @NullableDateColumn()
  approvalOverdueNotifiedAt!: Date | null;

  protected override applyDefaults(): void {
    this.scheduledAt ??= null;
    this.publishedAt ??= null;
    this.failureReason ??= null;
    this.createdByUserId ??= null;
    this.approvalRequired ??= false;
    this.approvalState ??= null;
    this.approvalDecidedAt ??= null;
    this.approvalDecidedByUserId ??= null;
    this.approvalOverdueNotifiedAt ??= null;
  }
}
