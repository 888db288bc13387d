import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../database/columns';
import { Client } from './client.entity';
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

  /**
   * The host the session was made on: an agency's custom domain, or null for the installation's
   * own address. A session is accepted only on the host that made it.
   */
  @ShortText(253, { nullable: true })
  host!: string | null;

  /**
   * "View as client": the agency user who looks at the portal as this session's client user. Such
   * a session is read-only by construction (there is no separate flag that could be left off): the
   * guard refuses its every write, it has no usable refresh token, and it lives only while the
   * viewer is an active member of the agency.
   */
  @IdColumn({ nullable: true })
  viewerUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'viewerUserId' })
  viewer?: User;

  /** The one client a view-as session shows, even when its user belongs to several. */
  @IdColumn({ nullable: true })
  viewedClientId!: string | null;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'viewedClientId' })
  viewedClient?: Client;

  protected override applyDefaults(): void {
    this.lastUsedAt ??= this.createdAt;
    this.previousRefreshTokenHash ??= null;
    this.revokedAt ??= null;
    this.revokedReason ??= null;
    this.host ??= null;
    this.viewerUserId ??= null;
    this.viewedClientId ??= null;
  }
}
