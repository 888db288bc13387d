import type { PaymentProviderName } from '@atrium/shared';
import { Entity, Index } from 'typeorm';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * A provider webhook event already handled. Inserted in the same transaction as what the event
 * records, so a redelivered or concurrently delivered event is applied exactly once.
 */
@TenantOwned({ client: null })
@Entity('payment_webhook_events')
@Index('uq_payment_webhook_events', ['provider', 'eventId'], { unique: true })
export class PaymentWebhookEvent extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @ShortText(16)
  provider!: PaymentProviderName;

  @ShortText(255)
  eventId!: string;

  @ShortText(64)
  type!: string;
}
