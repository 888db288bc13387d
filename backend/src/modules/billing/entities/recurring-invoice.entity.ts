import type { RecurringInterval, RecurringStatus } from '@atrium/shared';
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
 * A template that issues and sends an invoice every interval. Issue dates are counted from
 * `startsOn` (occurrence n = startsOn + n intervals, clamped to the month's end) so months never
 * drift. Issuing claims occurrence n with a conditional update (`WHERE occurrence = n`) in the same
 * transaction as the invoice it creates: with several instances only one issues it.
 */
@TenantOwned({ client: 'clientId' })
@Entity('recurring_invoices')
@Index('idx_recurring_invoices_due', ['status', 'nextIssueOn'])
@Index('idx_recurring_invoices_agency', ['agencyId', 'createdAt'])
export class RecurringInvoice extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clientId' })
  client?: Client;

  @ShortText(8)
  status!: RecurringStatus;

  @ShortText(8)
  interval!: RecurringInterval;

  @CalendarDateColumn()
  startsOn!: string;

  /** Occurrences already issued or skipped (the next one is number `occurrence`). */
  @Column({ type: 'int' })
  occurrence!: number;

  @CalendarDateColumn({ nullable: true })
  nextIssueOn!: string | null;

  @CalendarDateColumn({ nullable: true })
  endsOn!: string | null;

  @ShortText(3)
  currency!: string;

  /** JSON: { lines: InvoiceLineInput[], discount: InvoiceDiscount, notes, terms }. */
  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'int' })
  dueInDays!: number;

  @MoneyColumn()
  total!: number;

  @Column({ type: 'int' })
  issuedCount!: number;

  @NullableDateColumn()
  lastIssuedAt!: Date | null;

  @IdColumn({ nullable: true })
  createdByUserId!: string | null;

  protected override applyDefaults(): void {
    this.status ??= 'active';
    this.occurrence ??= 0;
    this.endsOn ??= null;
    this.issuedCount ??= 0;
    this.lastIssuedAt ??= null;
    this.createdByUserId ??= null;
  }
}
