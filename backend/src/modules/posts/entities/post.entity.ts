import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { PostStatus } from '@atrium/shared';
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

  protected override applyDefaults(): void {
    this.scheduledAt ??= null;
    this.publishedAt ??= null;
    this.failureReason ??= null;
    this.createdByUserId ??= null;
  }
}
