import type { DiscountKind, InvoiceStatus } from '@atrium/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import {
  CalendarDateColumn,
  IdColumn,
  MoneyColumn,
  NullableDateColumn,
  ShortText,
} from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * An invoice. Amounts are integer minor units of `currency`, computed by `computeInvoiceTotals`
 * whenever the lines change (drafts only) and frozen once sent. `numberSeq` is the agency's
 * sequence value taken at sending (unique per agency); `number` is it with the prefix of the day.
 */
@TenantOwned({ client: 'clientId' })
@Entity('invoices')
@Index('uq_invoices_agency_seq', ['agencyId', 'numberSeq'], { unique: true })
@Index('idx_invoices_agency_status', ['agencyId', 'status', 'dueDate'])
@Index('idx_invoices_client_status', ['clientId', 'status'])
@Index('idx_invoices_status_due', ['status', 'dueDate'])
export class Invoice extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clientId' })
  client?: Client;

  @ShortText(16)
  status!: InvoiceStatus;

  @Column({ type: 'int', nullable: true })
  numberSeq!: number | null;

  @ShortText(40, { nullable: true })
  number!: string | null;

  @ShortText(3)
  currency!: string;

  @CalendarDateColumn()
  issueDate!: string;

  @CalendarDateColumn()
  dueDate!: string;

  @ShortText(8)
  discountKind!: DiscountKind;

  /** percent: thousandths of a percent (12.5 % = 12500); amount: minor units; none: 0. */
  @MoneyColumn()
  discountValue!: number;

  @MoneyColumn()
  subtotal!: number;

  @MoneyColumn()
  discountTotal!: number;

  /** JSON InvoiceTaxTotal[]. */
  @Column({ type: 'text' })
  taxes!: string;

  @MoneyColumn()
  taxTotal!: number;

  @MoneyColumn()
  total!: number;

  @MoneyColumn()
  amountPaid!: number;

  @Column({ type: 'text' })
  notes!: string;

  @Column({ type: 'text' })
  terms!: string;

  /** JSON InvoiceBillTo / InvoiceIssuer, frozen at sending; null while a draft. */
  @Column({ type: 'text', nullable: true })
  billTo!: string | null;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @NullableDateColumn()
  sentAt!: Date | null;

  @NullableDateColumn()
  viewedAt!: Date | null;

  @NullableDateColumn()
  paidAt!: Date | null;

  @NullableDateColumn()
  voidedAt!: Date | null;

  @ShortText(500, { nullable: true })
  voidReason!: string | null;

  /** Storage key of the PDF as last rendered, and the `updatedAt` it was rendered for. */
  @ShortText(255, { nullable: true })
  pdfKey!: string | null;

  @NullableDateColumn()
  pdfRenderedAt!: Date | null;

  @IdColumn({ nullable: true })
  @Index('idx_invoices_recurring')
  recurringId!: string | null;

  @IdColumn({ nullable: true })
  createdByUserId!: string | null;

  protected override applyDefaults(): void {
    this.status ??= 'draft';
    this.numberSeq ??= null;
    this.number ??= null;
    this.discountKind ??= 'none';
    this.discountValue ??= 0;
    this.amountPaid ??= 0;
    this.notes ??= '';
    this.terms ??= '';
    this.billTo ??= null;
    this.issuer ??= null;
    this.sentAt ??= null;
    this.viewedAt ??= null;
    this.paidAt ??= null;
    this.voidedAt ??= null;
    this.voidReason ??= null;
    this.pdfKey ??= null;
    this.pdfRenderedAt ??= null;
    this.recurringId ??= null;
    this.createdByUserId ??= null;
  }
}
