import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, MoneyColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Invoice } from './invoice.entity';

/** One line of an invoice; replaced as a whole while the invoice is a draft. */
@TenantOwned({ client: 'clientId' })
@Entity('invoice_lines')
@Index('idx_invoice_lines_invoice', ['invoiceId', 'position'])
export class InvoiceLine extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoiceId' })
  invoice?: Invoice;

  @Column({ type: 'int' })
  position!: number;

  @ShortText(500)
  description!: string;

  /** Thousandths of a unit (1.5 = 1500). */
  @Column({ type: 'int' })
  quantityMilli!: number;

  @MoneyColumn()
  unitPrice!: number;

  /** Thousandths of a percent (8.875 % = 8875). */
  @Column({ type: 'int' })
  taxRateMilli!: number;

  @MoneyColumn()
  amount!: number;
}
