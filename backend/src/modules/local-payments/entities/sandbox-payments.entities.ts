import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, MoneyColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity, RecordEntity } from '../../../core/database/base-entities';

/**
 * The local sandbox payment provider's own data (like the social sandbox's): merchant accounts with
 * their API key and webhook endpoint, and checkout sessions. A separate "provider" that happens to
 * live in the same database; Atrium's billing tables never point into these.
 */
@Entity('sandbox_pay_accounts')
export class SandboxPayAccount extends RecordEntity {
  /** SHA-256 of the account's secret API key (`sk_sandbox_…`). */
  @ShortText(64)
  @Index('uq_sandbox_pay_accounts_key', { unique: true })
  apiKeyHash!: string;

  /** Where events are POSTed, and the secret they are signed with (`whsec_sandbox_…`). */
  @ShortText(500)
  webhookUrl!: string;

  @ShortText(100)
  webhookSecret!: string;
}

/** `refunded`: paid, then given back (the merchant asked for a refund). */
export type SandboxCheckoutStatus = 'open' | 'paid' | 'failed' | 'expired' | 'refunded';

@Entity('sandbox_pay_sessions')
export class SandboxPaySession extends MutableRecordEntity {
  @IdColumn()
  @Index('idx_sandbox_pay_sessions_account')
  accountId!: string;

  @MoneyColumn()
  amount!: number;

  @ShortText(3)
  currency!: string;

  @ShortText(300)
  description!: string;

  /** JSON object of strings, echoed in every event (like Stripe's metadata). */
  @Column({ type: 'text' })
  metadata!: string;

  @ShortText(1000)
  successUrl!: string;

  @ShortText(1000)
  cancelUrl!: string;

  @ShortText(16)
  status!: SandboxCheckoutStatus;

  @DateColumn()
  expiresAt!: Date;

  @NullableDateColumn()
  completedAt!: Date | null;
}

/** An event the sandbox sends (and re-sends until acknowledged with a 2xx). */
@Entity('sandbox_pay_events')
export class SandboxPayEvent extends MutableRecordEntity {
  @IdColumn()
  @Index('idx_sandbox_pay_events_account')
  accountId!: string;

  @ShortText(64)
  type!: string;

  /** The JSON body as sent (signed as is). */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @NullableDateColumn()
  deliveredAt!: Date | null;

  @NullableDateColumn()
  @Index('idx_sandbox_pay_events_next')
  nextAttemptAt!: Date | null;
}
