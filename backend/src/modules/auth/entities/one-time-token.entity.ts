import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { User } from '../../../core/tenancy/entities/user.entity';
import { RecordEntity } from '../../../core/database/base-entities';

export type OneTimeTokenPurpose =
  | 'confirm_email'
  | 'reset_password'
  | 'invitation'
  | 'magic_link'
  | 'change_email'
  /** The one-click sign-in of a contract email (to sign, reminder, completed): a longer-lived magic link. */
  | 'contract_link'
  /** The one-click sign-in of an email about unread messages: opens the portal's Messages. */
  | 'message_link'
  /** The one-click sign-in of a billing email (invoice sent, reminder, receipt): opens the invoice in the portal. */
  | 'invoice_link';

/**
 * A token sent by email (SPEC §5): 256 random bits, stored only as a SHA-256 hash, bound to one
 * purpose and one user, single-use, and spent only by an explicit POST.
 */
@Entity('one_time_tokens')
@Index('idx_one_time_tokens_user_purpose', ['userId', 'purpose'])
export class OneTimeToken extends RecordEntity {
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

  protected override applyDefaults(): void {
    this.usedAt ??= null;
  }
}
