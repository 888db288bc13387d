import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';

/**
 * The local sandbox platform's own data: its accounts, authorization codes, tokens and the posts
 * published to it. It is a separate "platform" that happens to live in the same database; Atrium's
 * own tables never point into these.
 */
@Entity('sandbox_accounts')
export class SandboxAccount extends RecordEntity {
  @ShortText(60)
  @Index('uq_sandbox_accounts_handle', { unique: true })
  handle!: string;

  @ShortText(120)
  displayName!: string;
}

@Entity('sandbox_grants')
export class SandboxGrant extends RecordEntity {
  @ShortText(64)
  @Index('uq_sandbox_grants_code', { unique: true })
  codeHash!: string;

  @IdColumn()
  accountId!: string;

  @ShortText(500)
  redirectUri!: string;

  @ShortText(128)
  codeChallenge!: string;

  @ShortText(200)
  scope!: string;

  @DateColumn()
  expiresAt!: Date;

  @NullableDateColumn()
  usedAt!: Date | null;

  protected override applyDefaults(): void {
    this.usedAt ??= null;
  }
}

@Entity('sandbox_tokens')
export class SandboxToken extends RecordEntity {
  @ShortText(64)
  @Index('uq_sandbox_tokens_token', { unique: true })
  tokenHash!: string;

  @ShortText(16)
  kind!: 'access' | 'refresh';

  @IdColumn()
  accountId!: string;

  @ShortText(200)
  scope!: string;

  @DateColumn()
  expiresAt!: Date;

  @NullableDateColumn()
  revokedAt!: Date | null;

  protected override applyDefaults(): void {
    this.revokedAt ??= null;
  }
}

@Entity('sandbox_posts')
@Index('uq_sandbox_posts_idempotency', ['accountId', 'idempotencyKey'], { unique: true })
export class SandboxPost extends RecordEntity {
  @IdColumn()
  accountId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'simple-json' })
  media!: Array<{ url: string; mimeType: string }>;

  @ShortText(191, { nullable: true })
  idempotencyKey!: string | null;

  /** How many publish requests carried this post's idempotency key (1 unless a client retried). */
  @Column({ type: 'int', default: 1 })
  requestCount!: number;

  protected override applyDefaults(): void {
    this.idempotencyKey ??= null;
    this.requestCount ??= 1;
  }
}
