import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { Post } from './post.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** A library file attached to a post, in order. */
@TenantOwned({ client: null })
@Entity('post_media')
@Index('uq_post_media_post_asset', ['postId', 'mediaAssetId'], { unique: true })
export class PostMedia extends RecordEntity {
  @IdColumn()
  postId!: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId' })
  post?: Post;

  @IdColumn()
  agencyId!: string;

  @IdColumn()
  @Index('idx_post_media_asset')
  mediaAssetId!: string;

  @Column({ type: 'int' })
  position!: number;
}
