import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { PostCommentKind } from '@atrium/shared';
import { RecordEntity } from '../../../core/database/base-entities';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Post } from './post.entity';

/**
 * A message on a post's thread that both sides see: a comment, or a decision (sent for approval,
 * approved, changes requested) with who made it and when. The agency's own notes are not here but
 * in post_notes, which a client scope cannot read at all.
 */
@TenantOwned({ client: 'clientId' })
@Entity('post_comments')
@Index('idx_post_comments_post', ['postId', 'createdAt'])
export class PostComment extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  postId!: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId' })
  post?: Post;

  @ShortText(24)
  kind!: Exclude<PostCommentKind, 'note'>;

  @Column({ type: 'text' })
  body!: string;

  /** Null once the author's account is gone; the name below stays. */
  @IdColumn({ nullable: true })
  authorUserId!: string | null;

  /** The author's name when they wrote it. */
  @ShortText(120)
  authorName!: string;

  @ShortText(8)
  authorSide!: 'agency' | 'client';

  protected override applyDefaults(): void {
    this.authorUserId ??= null;
  }
}
