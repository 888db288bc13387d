import type { PaymentProviderName } from '@atrium/shared';
import { Column, Entity, Index } from 'typeorm';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * An agency's billing settings, made the first time they are read or changed. `nextNumber` is the
 * gapless invoice sequence: taken and bumped under this row's lock when an invoice is sent, so two
 * invoices never share a number and none is skipped.
 */
@TenantOwned({ client: null })
@Entity('billing_settings')
export class BillingSettings extends MutableRecordEntity {
  @IdColumn()
  @Index('uq_billing_settings_agency', { unique: true })
  agencyId!: string;

  @ShortText(20)
  numberPrefix!: string;

  @Column({ type: 'int' })
  nextNumber!: number;

  @ShortText(3)
  defaultCurrency!: string;

  @Column({ type: 'int' })
  defaultPaymentTermsDays!: number;

  @Column({ type: 'text' })
  defaultNotes!: string;

  @Column({ type: 'text' })
  defaultTerms!: string;

  /** JSON arrays of day offsets, e.g. "[3]" and "[1,7,14]". */
  @ShortText(64)
  remindDaysBefore!: string;

  @ShortText(64)
  remindDaysAfter!: string;

  /** The connected payment provider, or null. */
  @ShortText(16, { nullable: true })
  provider!: PaymentProviderName | null;

  /** The provider's secrets (JSON), sealed with SecretBox; never returned by the API. */
  @Column({ type: 'text', nullable: true })
  providerSecrets!: string | null;

  /** Last 4 characters of the provider's key, to recognise it in the settings. */
  @ShortText(8, { nullable: true })
  providerKeyHint!: string | null;

  @Column({ type: 'boolean', default: false })
  providerTestMode!: boolean;

  @NullableDateColumn()
  providerConnectedAt!: Date | null;

  protected override applyDefaults(): void {
    this.numberPrefix ??= 'INV-';
    this.nextNumber ??= 1;
    this.defaultCurrency ??= 'USD';
    this.defaultPaymentTermsDays ??= 14;
    this.defaultNotes ??= '';
    this.defaultTerms ??= '';
    this.remindDaysBefore ??= '[3]';
    this.remindDaysAfter ??= '[1,7]';
    this.provider ??= null;
    this.providerSecrets ??= null;
    this.providerKeyHint ??= null;
    this.providerTestMode ??= false;
    this.providerConnectedAt ??= null;
  }
}
