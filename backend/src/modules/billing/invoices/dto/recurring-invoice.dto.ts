import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import {
  RECURRING_INTERVALS,
  type InvoiceLineInput,
  type RecurringInterval,
  type RecurringInvoiceListResponse,
  type RecurringInvoiceView,
  type RecurringStatus,
  type SaveRecurringInvoiceRequest,
} from '@atrium/shared';
import { PAYMENT_TERMS_MAX_DAYS } from './billing-profile.dto';
import { IsCalendarDate } from './billing-validators';
import { InvoiceContentDto, InvoiceDiscountDto, InvoiceLineInputDto } from './invoice.dto';

export class SaveRecurringInvoiceDto extends InvoiceContentDto implements SaveRecurringInvoiceRequest {
  @ApiProperty({ description: 'A client of the agency' }) @IsUUID() clientId!: string;
  @ApiProperty({ enum: RECURRING_INTERVALS }) @IsIn(RECURRING_INTERVALS) interval!: RecurringInterval;

  @ApiProperty({
    example: '2027-01-31',
    description:
      'The first issue date (today or later). Month, quarter and year schedules keep to its day, clamped to shorter months.',
  })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Last day an invoice may be issued (inclusive); null = until ended',
  })
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  endsOn!: string | null;

  @ApiProperty({
    minimum: 0,
    maximum: PAYMENT_TERMS_MAX_DAYS,
    description: 'Each invoice is due this many days after its issue date',
  })
  @IsInt()
  @Min(0)
  @Max(PAYMENT_TERMS_MAX_DAYS)
  dueInDays!: number;
}

export class RecurringInvoiceDto implements RecurringInvoiceView {
  @ApiProperty() id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ enum: ['active', 'paused', 'ended'] }) status!: RecurringStatus;
  @ApiProperty({ enum: RECURRING_INTERVALS }) interval!: RecurringInterval;
  @ApiProperty({ nullable: true, type: String }) nextIssueOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) endsOn!: string | null;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [InvoiceLineInputDto] }) lines!: InvoiceLineInput[];
  @ApiProperty({ type: InvoiceDiscountDto }) discount!: InvoiceDiscountDto;
  @ApiProperty() notes!: string;
  @ApiProperty() terms!: string;
  @ApiProperty() dueInDays!: number;
  @ApiProperty() total!: number;
  @ApiProperty() issuedCount!: number;
  @ApiProperty({ nullable: true, type: String }) lastIssuedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class RecurringInvoiceListDto implements RecurringInvoiceListResponse {
  @ApiProperty({ type: [RecurringInvoiceDto] }) items!: RecurringInvoiceDto[];
}
