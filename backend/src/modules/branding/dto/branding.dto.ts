import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  BRAND_IMAGE_SLOTS,
  type BrandImage,
  type BrandImageSlot,
  type BrandingResponse,
  type BrandSettings,
  type PublicBrand,
  type UpdateBrandingRequest,
} from '@atrium/shared';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
/** One line of text: no control characters (a line break in a sender name would break the email header). */
const ONE_LINE = /^[^\p{Cc}]*$/u;
/** Several lines: line breaks and tabs, no other control characters. */
const SOME_LINES = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
/** Absent (unchanged) or given; null is only for fields that may be empty. */
const present = () => ValidateIf((_, value) => value !== undefined);

/**
 * Settings > Branding, every field optional (a field left out stays as it is). Text fields take
 * null or an empty string to clear them; unknown fields are refused by the global pipe.
 */
export class UpdateBrandingDto implements UpdateBrandingRequest {
  @ApiPropertyOptional({ maxLength: 120, nullable: true, description: 'Empty: the agency name' })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(120)
  @Matches(ONE_LINE, { message: 'portalName must be one line of text' })
  portalName?: string;

  @ApiPropertyOptional({ example: '#3f51b5', pattern: HEX_COLOR.source })
  @present()
  @IsString()
  @Matches(HEX_COLOR, { message: 'primaryColor must be a colour like #3f51b5' })
  primaryColor?: string;

  @ApiPropertyOptional({ example: '#ff4081', nullable: true, type: String, pattern: HEX_COLOR.source })
  @IsOptional()
  @IsString()
  @Matches(HEX_COLOR, { message: 'accentColor must be a colour like #ff4081, or null' })
  accentColor?: string | null;

  @ApiPropertyOptional({ maxLength: 120, nullable: true, type: String })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(120)
  @Matches(ONE_LINE, { message: 'signInHeadline must be one line of text' })
  signInHeadline?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(500)
  @Matches(SOME_LINES, { message: 'signInText must be plain text' })
  signInText?: string | null;

  @ApiPropertyOptional({ maxLength: 254, nullable: true, type: String, format: 'email' })
  @IsOptional()
  @trim()
  @ValidateIf((_, value) => value !== '')
  @IsEmail({}, { message: 'supportEmail must be an email address' })
  @MaxLength(254)
  supportEmail?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String, example: 'https://help.example.com' })
  @IsOptional()
  @trim()
  @ValidateIf((_, value) => value !== '')
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_valid_protocol: true },
    { message: 'supportUrl must be a web address starting with https:// or http://' },
  )
  @MaxLength(500)
  supportUrl?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(500)
  @Matches(SOME_LINES, { message: 'legalFooter must be plain text' })
  legalFooter?: string | null;

  @ApiPropertyOptional({ maxLength: 120, nullable: true, type: String, example: 'Acme Studio' })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(120)
  @Matches(/^[^\p{Cc}<>"]*$/u, { message: 'emailSenderName must be one line without quotes or angle brackets' })
  emailSenderName?: string | null;

  @ApiPropertyOptional({ maxLength: 254, nullable: true, type: String, format: 'email' })
  @IsOptional()
  @trim()
  @ValidateIf((_, value) => value !== '')
  @IsEmail({}, { message: 'emailReplyTo must be an email address' })
  @MaxLength(254)
  emailReplyTo?: string | null;

  @ApiPropertyOptional({ description: 'false hides the "powered by Atrium" mark (plans with hidePoweredBy only)' })
  @present()
  @IsBoolean()
  showPoweredBy?: boolean;
}

export class ChangeSlugDto {
  @ApiProperty({ example: 'acme-studio', description: '3–63 lower-case letters, digits and dashes' })
  @trim()
  @IsString()
  @MaxLength(63)
  slug!: string;
}

export class PublicBrandQueryDto {
  @ApiPropertyOptional({ description: "The agency's slug; without it, the brand of the request's host" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  slug?: string;
}

export class BrandImageBodyDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'An image (PNG, JPEG, GIF, WebP, AVIF); not SVG' })
  file!: unknown;
}

export class BrandSettingsDto implements BrandSettings {
  @ApiProperty() portalName!: string;
  @ApiProperty({ example: '#3f51b5' }) primaryColor!: string;
  @ApiProperty({ nullable: true, type: String }) accentColor!: string | null;
  @ApiProperty({ nullable: true, type: String }) signInHeadline!: string | null;
  @ApiProperty({ nullable: true, type: String }) signInText!: string | null;
  @ApiProperty({ nullable: true, type: String }) supportEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) supportUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) legalFooter!: string | null;
  @ApiProperty({ nullable: true, type: String }) emailSenderName!: string | null;
  @ApiProperty({ nullable: true, type: String }) emailReplyTo!: string | null;
  @ApiProperty() showPoweredBy!: boolean;
}

export class BrandImageDto implements BrandImage {
  @ApiProperty({ enum: BRAND_IMAGE_SLOTS }) slot!: BrandImageSlot;
  @ApiProperty({ example: '/api/v1/public/brand-images/acme/logoLight/3f2a9c1b0d4e5f60' }) url!: string;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
}

export class BrandImagesDto implements Partial<Record<BrandImageSlot, BrandImage>> {
  @ApiPropertyOptional({ type: BrandImageDto }) logoLight?: BrandImageDto;
  @ApiPropertyOptional({ type: BrandImageDto }) logoDark?: BrandImageDto;
  @ApiPropertyOptional({ type: BrandImageDto }) icon?: BrandImageDto;
  @ApiPropertyOptional({ type: BrandImageDto }) signInImage?: BrandImageDto;
}

class BrandEntitlementsDto {
  @ApiProperty() customDomain!: boolean;
  @ApiProperty() hidePoweredBy!: boolean;
}

export class BrandingResponseDto implements BrandingResponse {
  @ApiProperty({ type: BrandSettingsDto }) settings!: BrandSettingsDto;
  @ApiProperty({ type: BrandImagesDto }) images!: BrandImagesDto;
  @ApiProperty({ example: 'acme-studio' }) slug!: string;
  @ApiProperty() slugChangeable!: boolean;
  @ApiProperty({ example: 'https://atrium.example.com/a/acme-studio' }) portalUrl!: string;
  @ApiProperty({ type: [String] }) colorNotes!: string[];
  @ApiProperty({ type: BrandEntitlementsDto }) entitlements!: BrandEntitlementsDto;
  @ApiProperty() canEdit!: boolean;
}

export class PublicBrandDto implements PublicBrand {
  @ApiProperty() portalName!: string;
  @ApiProperty({ example: '#3f51b5' }) primaryColor!: string;
  @ApiProperty({ nullable: true, type: String }) accentColor!: string | null;
  @ApiProperty({ nullable: true, type: String }) signInHeadline!: string | null;
  @ApiProperty({ nullable: true, type: String }) signInText!: string | null;
  @ApiProperty({ nullable: true, type: String }) supportEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) supportUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) legalFooter!: string | null;
  @ApiProperty() showPoweredBy!: boolean;
  @ApiProperty({ type: BrandImagesDto }) images!: BrandImagesDto;
  @ApiProperty({ example: 'acme-studio' }) slug!: string;
}
