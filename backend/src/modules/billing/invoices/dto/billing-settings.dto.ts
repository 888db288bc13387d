import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  INVOICE_NUMBER_PREFIX_MAX,
  INVOICE_TEXT_MAX,
  REMINDER_DAYS_MAX,
  REMINDER_OFFSETS_MAX,
  type BillingSettingsView,
  type PaymentProviderName,
  type PaymentProviderView,
  type UpdateBillingSettingsRequest,
} from '@atrium/shared';
import { PAYMENT_TERMS_MAX_DAYS } from './billing-profile.dto';
import { IsInvoiceCurrency } from './billing-validators';

/** Sequences stay far below the int column's limit. */
export const INVOICE_NUMBER_MAX = 1_000_000_000;

export class UpdateBillingSettingsDto implements UpdateBillingSettingsRequest {
  @ApiProperty({
    maxLength: INVOICE_NUMBER_PREFIX_MAX,
    example: 'INV-',
    description: 'Letters, digits, - _ / . # and spaces',
  })
  @IsString()
  @Length(0, INVOICE_NUMBER_PREFIX_MAX)
  @Matches(/^[\p{L}\p{N} _\-/.#]*$/u, { message: 'numberPrefix may hold letters, digits, spaces and - _ / . #' })
  numberPrefix!: string;

  @ApiPropertyOptional({ minimum: 1, description: 'May only move forward: numbers never repeat' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INVOICE_NUMBER_MAX)
  nextNumber?: number;

  @ApiProperty({ description: 'ISO 4217' }) @IsInvoiceCurrency() defaultCurrency!: string;

  @ApiProperty({ minimum: 0, maximum: PAYMENT_TERMS_MAX_DAYS })
  @IsInt()
  @Min(0)
  @Max(PAYMENT_TERMS_MAX_DAYS)
  defaultPaymentTermsDays!: number;

  @ApiProperty({ maxLength: INVOICE_TEXT_MAX })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(INVOICE_TEXT_MAX)
  defaultNotes!: string;

  @ApiProperty({ maxLength: INVOICE_TEXT_MAX })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(INVOICE_TEXT_MAX)
  defaultTerms!: string;

  @ApiProperty({
    type: [Number],
    maxItems: REMINDER_OFFSETS_MAX,
    description: `Days before the due date, each 1–${REMINDER_DAYS_MAX}`,
  })
  @IsArray()
  @ArrayMaxSize(REMINDER_OFFSETS_MAX)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(REMINDER_DAYS_MAX, { each: true })
  remindDaysBefore!: number[];

  @ApiProperty({
    type: [Number],
    maxItems: REMINDER_OFFSETS_MAX,
    description: `Days after the due date, each 1–${REMINDER_DAYS_MAX}`,
  })
  @IsArray()
  @ArrayMaxSize(REMINDER_OFFSETS_MAX)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(REMINDER_DAYS_MAX, { each: true })
  remindDaysAfter!: number[];
}

export class PaymentProviderDto implements PaymentProviderView {
  @ApiProperty({ enum: ['stripe', 'sandbox'] }) name!: PaymentProviderName;
  @ApiProperty({ nullable: true, type: String }) keyHint!: string | null;
  @ApiProperty() testMode!: boolean;
  @ApiProperty({ nullable: true, type: String }) webhookUrl!: string | null;
  @ApiProperty() connectedAt!: string;
}

export class BillingSettingsDto implements BillingSettingsView {
  @ApiProperty() numberPrefix!: string;
  @ApiProperty() nextNumber!: number;
  @ApiProperty() defaultCurrency!: string;
  @ApiProperty() defaultPaymentTermsDays!: number;
  @ApiProperty() defaultNotes!: string;
  @ApiProperty() defaultTerms!: string;
  @ApiProperty({ type: [Number] }) remindDaysBefore!: number[];
  @ApiProperty({ type: [Number] }) remindDaysAfter!: number[];
  @ApiProperty({ nullable: true, type: PaymentProviderDto }) provider!: PaymentProviderDto | null;
}
