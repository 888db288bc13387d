import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { User } from '../../users/entities/user.entity';
import { RecordEntity } from '../../../core/database/base-entities';

/**
 * A signed-in browser. The refresh token is `<session id>.<secret>`; only the SHA-256 of the
 * current secret is stored. Presenting any other secret for this session means a rotated token was
 * replayed (or forged), and the whole session is revoked.
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
    this.revokedAt ??= null;
    this.revokedReason ??= null;
  }
}
