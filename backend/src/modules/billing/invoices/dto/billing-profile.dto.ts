import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { BillingAddress, BillingProfileView, UpdateBillingProfileRequest } from '@atrium/shared';
import { IsCountryOrEmpty, IsEmailOrEmpty, IsInvoiceCurrency } from './billing-validators';

/** Payment terms: due the same day up to a year later. */
export const PAYMENT_TERMS_MAX_DAYS = 365;

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class BillingAddressDto implements BillingAddress {
  @ApiProperty({ maxLength: 200 }) @IsString() @trimmed() @MaxLength(200) line1!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @trimmed() @MaxLength(200) line2!: string;
  @ApiProperty({ maxLength: 120 }) @IsString() @trimmed() @MaxLength(120) city!: string;
  @ApiProperty({ maxLength: 32 }) @IsString() @trimmed() @MaxLength(32) postalCode!: string;
  @ApiProperty({ maxLength: 120 }) @IsString() @trimmed() @MaxLength(120) region!: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 (upper case), or ""' }) @IsCountryOrEmpty() country!: string;
}

export class UpdateBillingProfileDto implements UpdateBillingProfileRequest {
  @ApiProperty({ maxLength: 200, description: '"" = the client\'s name' })
  @IsString()
  @trimmed()
  @MaxLength(200)
  legalName!: string;

  @ApiProperty({ maxLength: 254, description: 'Billing contact ("" = the client\'s admins only)' })
  @IsString()
  @trimmed()
  @MaxLength(254)
  @IsEmailOrEmpty()
  email!: string;

  @ApiProperty({ type: BillingAddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BillingAddressDto)
  address!: BillingAddressDto;

  @ApiProperty({ maxLength: 64 }) @IsString() @trimmed() @MaxLength(64) taxId!: string;
  @ApiProperty({ description: 'ISO 4217' }) @IsInvoiceCurrency() currency!: string;

  @ApiProperty({ minimum: 0, maximum: PAYMENT_TERMS_MAX_DAYS })
  @IsInt()
  @Min(0)
  @Max(PAYMENT_TERMS_MAX_DAYS)
  paymentTermsDays!: number;
}

export class BillingProfileDto implements BillingProfileView {
  @ApiProperty() clientId!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: BillingAddressDto }) address!: BillingAddressDto;
  @ApiProperty() taxId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() paymentTermsDays!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Null until first saved (defaults shown)' })
  updatedAt!: string | null;
}
