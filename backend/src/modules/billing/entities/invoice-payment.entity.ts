import type { PaymentMethod, PaymentProviderName } from '@atrium/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CalendarDateColumn, IdColumn, MoneyColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Invoice } from './invoice.entity';

/**
 * A payment towards an invoice, recorded by hand or from a provider's webhook. A provider's payment
 * is recorded once: (provider, providerPaymentId) is unique, whatever the webhook redelivers.
 */
@TenantOwned({ client: 'clientId' })
@Entity('invoice_payments')
@Index('uq_invoice_payments_provider', ['provider', 'providerPaymentId'], { unique: true })
@Index('idx_invoice_payments_agency_paid', ['agencyId', 'paidOn'])
export class InvoicePayment extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  @Index('idx_invoice_payments_invoice')
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoiceId' })
  invoice?: Invoice;

  @MoneyColumn()
  amount!: number;

  @ShortText(3)
  currency!: string;

  @ShortText(16)
  method!: PaymentMethod;

  @CalendarDateColumn()
  paidOn!: string;

  @ShortText(200)
  reference!: string;

  /** Null for provider payments and once the person's account is gone. */
  @IdColumn({ nullable: true })
  recordedByUserId!: string | null;

  @ShortText(120, { nullable: true })
  recordedByName!: string | null;

  @ShortText(16, { nullable: true })
  provider!: PaymentProviderName | null;

  /** The provider's id of the payment (Stripe: the Checkout Session id). */
  @ShortText(255, { nullable: true })
  providerPaymentId!: string | null;

  protected override applyDefaults(): void {
    this.recordedByUserId ??= null;
    this.recordedByName ??= null;
    this.provider ??= null;
    this.providerPaymentId ??= null;
  }
}
