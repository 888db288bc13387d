import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Invoice } from './invoice.entity';

/**
 * A reminder sent for an invoice: `before:3`, `after:7`, or `manual:<ISO time>`. Inserted in the
 * same transaction as the email it queues; the unique key makes each scheduled reminder single-fire.
 */
@TenantOwned({ client: 'clientId' })
@Entity('invoice_reminders')
@Index('uq_invoice_reminders', ['invoiceId', 'offsetKey'], { unique: true })
export class InvoiceReminder extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoiceId' })
  invoice?: Invoice;

  @ShortText(40)
  offsetKey!: string;
}
