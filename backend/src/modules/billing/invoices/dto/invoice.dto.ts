import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  INVOICE_LINE_DESCRIPTION_MAX,
  INVOICE_LINES_MAX,
  INVOICE_STATUSES,
  INVOICE_TEXT_MAX,
  LINE_QUANTITY_MAX,
  LINE_UNIT_PRICE_MAX,
  MANUAL_PAYMENT_METHODS,
  VOID_REASON_MAX,
  type DiscountKind,
  type InvoiceBillTo,
  type InvoiceDiscount,
  type InvoiceIssuer,
  type InvoiceLineInput,
  type InvoiceLineView,
  type InvoiceListResponse,
  type InvoicePaymentView,
  type InvoiceStatus,
  type InvoiceSummaryView,
  type InvoiceTaxTotal,
  type InvoiceTotalsByCurrency,
  type InvoiceTotalsResponse,
  type InvoiceView,
  type PaymentMethod,
  type RecordPaymentRequest,
  type SaveInvoiceRequest,
  type VoidInvoiceRequest,
} from '@atrium/shared';
import { BillingAddressDto } from './billing-profile.dto';
import { HasAtMostThreeDecimals, IsCalendarDate, IsInvoiceCurrency, IsNotInTheFuture } from './billing-validators';

const DISCOUNT_KINDS: DiscountKind[] = ['none', 'percent', 'amount'];
const PAYMENT_METHODS: PaymentMethod[] = ['bank_transfer', 'cash', 'card', 'other', 'stripe', 'sandbox'];

// ---- Requests -------------------------------------------------------------------------------

export class InvoiceLineInputDto implements InvoiceLineInput {
  @ApiProperty({ minLength: 1, maxLength: INVOICE_LINE_DESCRIPTION_MAX })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, INVOICE_LINE_DESCRIPTION_MAX)
  description!: string;

  @ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: LINE_QUANTITY_MAX, description: 'Up to 3 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(LINE_QUANTITY_MAX)
  @HasAtMostThreeDecimals()
  quantity!: number;

  @ApiProperty({ minimum: 0, maximum: LINE_UNIT_PRICE_MAX, description: 'Minor units (cents)' })
  @IsInt()
  @Min(0)
  @Max(LINE_UNIT_PRICE_MAX)
  unitPrice!: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent, up to 3 decimals (8.875)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  @HasAtMostThreeDecimals()
  taxRate!: number;
}

export class InvoiceDiscountDto implements InvoiceDiscount {
  @ApiProperty({ enum: DISCOUNT_KINDS }) @IsIn(DISCOUNT_KINDS) kind!: DiscountKind;

  @ApiProperty({
    minimum: 0,
    description: 'percent: 0–100 with up to 3 decimals; amount: minor units, at most the subtotal; none: 0',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LINE_UNIT_PRICE_MAX * 1000)
  value!: number;
}

/** What invoices and recurring templates share: currency, lines, discount, notes and terms. */
export class InvoiceContentDto {
  @ApiProperty({ description: 'ISO 4217, e.g. USD' }) @IsInvoiceCurrency() currency!: string;

  @ApiProperty({ type: [InvoiceLineInputDto], maxItems: INVOICE_LINES_MAX })
  @IsArray()
  @ArrayMaxSize(INVOICE_LINES_MAX)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInputDto)
  lines!: InvoiceLineInputDto[];

  @ApiProperty({ type: InvoiceDiscountDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InvoiceDiscountDto)
  discount!: InvoiceDiscountDto;

  @ApiProperty({ maxLength: INVOICE_TEXT_MAX }) @IsString() @MaxLength(INVOICE_TEXT_MAX) notes!: string;
  @ApiProperty({ maxLength: INVOICE_TEXT_MAX }) @IsString() @MaxLength(INVOICE_TEXT_MAX) terms!: string;
}

export class SaveInvoiceDto extends InvoiceContentDto implements SaveInvoiceRequest {
  @ApiProperty({ description: 'A client of the agency' }) @IsUUID() clientId!: string;
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() issueDate!: string;
  @ApiProperty({ example: '2026-12-15', description: 'On or after issueDate' }) @IsCalendarDate() dueDate!: string;
}

export class VoidInvoiceDto implements VoidInvoiceRequest {
  @ApiProperty({ minLength: 1, maxLength: VOID_REASON_MAX })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, VOID_REASON_MAX)
  reason!: string;
}

export class RecordPaymentDto implements RecordPaymentRequest {
  @ApiProperty({ minimum: 1, description: "Minor units, in the invoice's currency; at most the balance" })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @ApiProperty({ enum: MANUAL_PAYMENT_METHODS, description: 'Online payments are recorded by their provider' })
  @IsIn(MANUAL_PAYMENT_METHODS)
  method!: PaymentMethod;

  @ApiProperty({ example: '2026-12-03', description: 'When it was received: today or earlier' })
  @IsCalendarDate()
  @IsNotInTheFuture()
  paidOn!: string;

  @ApiProperty({ maxLength: 200, description: 'Bank reference, receipt number… ("" for none)' })
  @IsString()
  @MaxLength(200)
  reference!: string;
}

export class InvoiceListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: INVOICE_STATUSES }) @IsOptional() @IsIn(INVOICE_STATUSES) status?: InvoiceStatus;

  @ApiPropertyOptional({ description: 'true: only open invoices past their due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class InvoiceTotalsQueryDto {
  @ApiPropertyOptional({ description: 'Only this client' }) @IsOptional() @IsUUID() clientId?: string;
}

// ---- Responses ------------------------------------------------------------------------------

export class InvoiceLineDto implements InvoiceLineView {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ description: 'Minor units' }) unitPrice!: number;
  @ApiProperty() taxRate!: number;
  @ApiProperty({ description: 'quantity × unitPrice, rounded half away from zero (minor units)' }) amount!: number;
}

export class InvoiceTaxTotalDto implements InvoiceTaxTotal {
  @ApiProperty() rate!: number;
  @ApiProperty() taxable!: number;
  @ApiProperty() tax!: number;
}

export class InvoiceBillToDto implements InvoiceBillTo {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: BillingAddressDto }) address!: BillingAddressDto;
  @ApiProperty() taxId!: string;
}

export class InvoiceIssuerDto implements InvoiceIssuer {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) logoUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) primaryColor!: string | null;
}

class PaymentRecorderDto {
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty() name!: string;
}

export class InvoicePaymentDto implements InvoicePaymentView {
  @ApiProperty() id!: string;
  @ApiProperty() amount!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method!: PaymentMethod;
  @ApiProperty() paidOn!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ nullable: true, type: PaymentRecorderDto }) recordedBy!: PaymentRecorderDto | null;
  @ApiProperty() createdAt!: string;
}

export class InvoiceSummaryDto implements InvoiceSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null while a draft' }) number!: string | null;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: InvoiceStatus;
  @ApiProperty({ description: 'Open, balance left and past the due date (derived, never stored)' }) overdue!: boolean;
  @ApiProperty() currency!: string;
  @ApiProperty() issueDate!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty() total!: number;
  @ApiProperty() amountPaid!: number;
  @ApiProperty() balance!: number;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) paidAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) recurringId!: string | null;
}

export class InvoiceDto extends InvoiceSummaryDto implements InvoiceView {
  @ApiProperty({ type: [InvoiceLineDto] }) lines!: InvoiceLineDto[];
  @ApiProperty({ type: InvoiceDiscountDto }) discount!: InvoiceDiscountDto;
  @ApiProperty() subtotal!: number;
  @ApiProperty() discountTotal!: number;
  @ApiProperty({ type: [InvoiceTaxTotalDto] }) taxes!: InvoiceTaxTotalDto[];
  @ApiProperty() taxTotal!: number;
  @ApiProperty() notes!: string;
  @ApiProperty() terms!: string;
  @ApiProperty({ type: InvoiceBillToDto, description: 'Frozen when sent; a preview while a draft' })
  billTo!: InvoiceBillToDto;
  @ApiProperty({ type: InvoiceIssuerDto, description: 'Frozen when sent; a preview while a draft' })
  issuer!: InvoiceIssuerDto;
  @ApiProperty({ type: [InvoicePaymentDto] }) payments!: InvoicePaymentDto[];
  @ApiProperty({ nullable: true, type: String }) viewedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) voidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) voidReason!: string | null;
  @ApiProperty({ description: 'Portal: "Pay now" is offered' }) payable!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class InvoiceListDto implements InvoiceListResponse {
  @ApiProperty({ type: [InvoiceSummaryDto] }) invoices!: InvoiceSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class InvoiceTotalsByCurrencyDto implements InvoiceTotalsByCurrency {
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'Balances of open invoices' }) outstanding!: number;
  @ApiProperty({ description: 'Balances of open invoices past their due date' }) overdue!: number;
  @ApiProperty({ description: 'Payments dated this calendar month (UTC)' }) paidThisMonth!: number;
}

class ClientTotalsDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ type: [InvoiceTotalsByCurrencyDto] }) totals!: InvoiceTotalsByCurrencyDto[];
}

export class InvoiceTotalsDto implements InvoiceTotalsResponse {
  @ApiProperty({ type: [InvoiceTotalsByCurrencyDto] }) all!: InvoiceTotalsByCurrencyDto[];
  @ApiProperty({ type: [ClientTotalsDto] }) perClient!: ClientTotalsDto[];
}
