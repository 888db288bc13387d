import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../../../core/database/base-entities';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Post } from './post.entity';

/**
 * An agency-only note on a post's thread. Its rows belong to the agency as a whole (no client
 * column): a client scope is refused by TenantData before any SQL runs, so no route, list or search
 * can hand a note to a client user by mistake.
 */
@TenantOwned({ client: null })
@Entity('post_notes')
@Index('idx_post_notes_post', ['postId', 'createdAt'])
export class PostNote extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  postId!: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId' })
  post?: Post;

  @Column({ type: 'text' })
  body!: string;

  @IdColumn({ nullable: true })
  authorUserId!: string | null;

  @ShortText(120)
  authorName!: string;

  protected override applyDefaults(): void {
    this.authorUserId ??= null;
  }
}
