import { BeforeInsert, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, IdColumn, newId, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { User } from '../../users/entities/user.entity';

export type OneTimeTokenPurpose = 'confirm_email' | 'reset_password' | 'invitation' | 'magic_link';

/**
 * A token sent by email (SPEC §5): 256 random bits, stored only as a SHA-256 hash, bound to one
 * purpose and one user, single-use, and spent only by an explicit POST.
 */
@Entity('one_time_tokens')
@Index('idx_one_time_tokens_user_purpose', ['userId', 'purpose'])
export class OneTimeToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @IdColumn()
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ShortText(24)
  purpose!: OneTimeTokenPurpose;

  @ShortText(64)
  @Index('uq_one_time_tokens_hash', { unique: true })
  tokenHash!: string;

  /** The address the token was sent to: a token is only good for the email it was issued for. */
  @ShortText(254)
  email!: string;

  @DateColumn()
  expiresAt!: Date;

  @NullableDateColumn()
  usedAt!: Date | null;

  @DateColumn()
  createdAt!: Date;

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id ??= newId();
    this.createdAt ??= new Date();
    this.usedAt ??= null;
  }
}
