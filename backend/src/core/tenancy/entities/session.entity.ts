import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../database/columns';
import { User } from './user.entity';
import { RecordEntity } from '../../database/base-entities';

/**
 * A signed-in browser. The refresh token is `<session id>.<secret>`; only SHA-256 hashes of the
 * current secret and of the one it replaced are stored. Presenting the replaced one again means a
 * rotated token was replayed, and the whole session is revoked; any other secret is just refused
 * (so knowing a session id is not enough to end someone's session).
 */
@Entity('sessions')
export class Session extends RecordEntity {
  @IdColumn()
  @Index('idx_sessions_user')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ShortText(64)
  refreshTokenHash!: string;

  @ShortText(64, { nullable: true })
  previousRefreshTokenHash!: string | null;

  @DateColumn()
  expiresAt!: Date;

  @NullableDateColumn()
  revokedAt!: Date | null;

  @ShortText(32, { nullable: true })
  revokedReason!: string | null;

  @DateColumn()
  lastUsedAt!: Date;

  @ShortText(64, { nullable: true })
  ip!: string | null;

  @ShortText(255, { nullable: true })
  userAgent!: string | null;

  protected override applyDefaults(): void {
    this.lastUsedAt ??= this.createdAt;
    this.previousRefreshTokenHash ??= null;
    this.revokedAt ??= null;
    this.revokedReason ??= null;
  }
}
