import type { PaymentProviderName } from '@atrium/shared';
import { Column, Entity, Index } from 'typeorm';
import { IdColumn, MoneyColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** `refunded`: paid, but the payment could not be applied (invoice paid or void meanwhile) and was given back. */
export type PaymentSessionStatus = 'open' | 'paid' | 'failed' | 'expired' | 'refunded';

/**
 * A hosted payment page opened at a provider for an invoice's balance (Stripe Checkout Session,
 * sandbox session). Webhooks are matched to it by (provider, externalId) and checked against it
 * and the invoice: amount, currency and invoice id must agree.
 */
@TenantOwned({ client: 'clientId' })
@Entity('payment_sessions')
@Index('uq_payment_sessions_external', ['provider', 'externalId'], { unique: true })
export class PaymentSession extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  @Index('idx_payment_sessions_invoice')
  invoiceId!: string;

  @ShortText(16)
  provider!: PaymentProviderName;

  @ShortText(255)
  externalId!: string;

  @MoneyColumn()
  amount!: number;

  @ShortText(3)
  currency!: string;

  @ShortText(16)
  status!: PaymentSessionStatus;

  @Column({ type: 'text' })
  url!: string;

  @IdColumn({ nullable: true })
  createdByUserId!: string | null;

  @NullableDateColumn()
  completedAt!: Date | null;

  protected override applyDefaults(): void {
    this.status ??= 'open';
    this.createdByUserId ??= null;
    this.completedAt ??= null;
  }
}
