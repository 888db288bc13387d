import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../../core/http/is-iso-datetime';
import {
  CONTRACT_FIELD_KINDS,
  MAX_CONTRACT_FIELDS,
  MAX_CONTRACT_MESSAGE_LENGTH,
  MAX_CONTRACT_REASON_LENGTH,
  MAX_CONTRACT_RECIPIENTS,
  MAX_SIGNATURE_DATA_URL_LENGTH,
  RECIPIENT_ROLES,
  SIGNATURE_FONTS,
  SIGNATURE_METHODS,
  type ContractDraftInput,
  type ContractEventList,
  type ContractEventType,
  type ContractEventView,
  type ContractFieldInput,
  type ContractFieldKind,
  type ContractFieldView,
  type ContractLimits,
  type ContractList,
  type ContractPageSize,
  type ContractRecipientInput,
  type ContractRecipientView,
  type ContractStatus,
  type ContractSummary,
  type ContractTemplateList,
  type ContractTemplateSummary,
  type ContractVerification,
  type ContractView,
  type CreateFromTemplateInput,
  type DeclineContractInput,
  type RecipientRole,
  type RecipientStatus,
  type ReminderSettings,
  type SaveTemplateInput,
  type SignContractInput,
  type SignatureFont,
  type SignatureInput,
  type SignatureMethod,
  type VoidContractInput,
} from '@atrium/shared';

const STATUSES: ContractStatus[] = [
  'draft',
  'sent',
  'viewed',
  'partially_signed',
  'completed',
  'declined',
  'voided',
  'expired',
];
const RECIPIENT_STATUSES: RecipientStatus[] = ['waiting', 'sent', 'viewed', 'signed', 'approved', 'declined', 'copied'];

// ---- Requests -------------------------------------------------------------------------------

export class ReminderSettingsDto implements ReminderSettings {
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) firstAfterDays!: number;
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) everyDays!: number;
  @ApiProperty({ minimum: 1, maximum: 20 }) @IsInt() @Min(1) @Max(20) maxCount!: number;
}

export class ContractRecipientInputDto implements ContractRecipientInput {
  @ApiProperty({ description: "A client user of the contract's client, or an agency user (countersigner)" })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: RECIPIENT_ROLES }) @IsIn(RECIPIENT_ROLES) role!: RecipientRole;

  @ApiProperty({ minimum: 1, maximum: MAX_CONTRACT_RECIPIENTS, description: 'Same step = at once; steps in order' })
  @IsInt()
  @Min(1)
  @Max(MAX_CONTRACT_RECIPIENTS)
  step!: number;
}

export class ContractFieldInputDto implements ContractFieldInput {
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @Length(0, 64) key?: string;
  @ApiProperty({ enum: CONTRACT_FIELD_KINDS }) @IsIn(CONTRACT_FIELD_KINDS) kind!: ContractFieldKind;
  @ApiProperty({ description: 'Index into `recipients`' })
  @IsInt()
  @Min(0)
  @Max(MAX_CONTRACT_RECIPIENTS - 1)
  recipientIndex!: number;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(0, 120)
  label?: string | null;
  @ApiProperty({ description: '0-based page index' }) @IsInt() @Min(0) @Max(10_000) page!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @IsNumber() @Min(0) @Max(1) x!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @IsNumber() @Min(0) @Max(1) y!: number;
  @ApiProperty({ minimum: 0.005, maximum: 1 }) @IsNumber() @Min(0.005) @Max(1) width!: number;
  @ApiProperty({ minimum: 0.005, maximum: 1 }) @IsNumber() @Min(0.005) @Max(1) height!: number;
}

export class ContractDraftDto implements ContractDraftInput {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) title!: string;

  @ApiProperty({ nullable: true, type: String, maxLength: MAX_CONTRACT_MESSAGE_LENGTH })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(0, MAX_CONTRACT_MESSAGE_LENGTH)
  message!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'ISO date-time; null = never expires' })
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  expiresAt!: string | null;

  @ApiProperty({ nullable: true, type: ReminderSettingsDto, description: 'null = no automatic reminders' })
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => ReminderSettingsDto)
  reminders!: ReminderSettingsDto | null;

  @ApiProperty({ type: [ContractRecipientInputDto], maxItems: MAX_CONTRACT_RECIPIENTS })
  @IsArray()
  @ArrayMaxSize(MAX_CONTRACT_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => ContractRecipientInputDto)
  recipients!: ContractRecipientInputDto[];

  @ApiProperty({ type: [ContractFieldInputDto], maxItems: MAX_CONTRACT_FIELDS })
  @IsArray()
  @ArrayMaxSize(MAX_CONTRACT_FIELDS)
  @ValidateNested({ each: true })
  @Type(() => ContractFieldInputDto)
  fields!: ContractFieldInputDto[];
}

export class SignatureInputDto implements SignatureInput {
  @ApiProperty({ enum: SIGNATURE_METHODS }) @IsIn(SIGNATURE_METHODS) method!: SignatureMethod;

  @ApiProperty({ description: 'A PNG or JPEG as a data: URL', maxLength: MAX_SIGNATURE_DATA_URL_LENGTH })
  @IsString()
  @Length(1, MAX_SIGNATURE_DATA_URL_LENGTH)
  image!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(0, 120)
  typedText?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: SIGNATURE_FONTS })
  @IsOptional()
  @IsIn(SIGNATURE_FONTS)
  font?: SignatureFont | null;
}

export class SignContractDto implements SignContractInput {
  @ApiPropertyOptional({ nullable: true, type: SignatureInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SignatureInputDto)
  signature?: SignatureInputDto | null;

  @ApiPropertyOptional({ nullable: true, type: SignatureInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SignatureInputDto)
  initials?: SignatureInputDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Text fields and checkboxes by field id ('true'/'false' for checkboxes)",
  })
  @IsObject()
  values!: Record<string, string>;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 64, description: 'IANA time zone' })
  @IsOptional()
  @IsString()
  @Length(0, 64)
  timeZone?: string | null;
}

export class ReasonDto implements DeclineContractInput, VoidContractInput {
  @ApiProperty({ maxLength: MAX_CONTRACT_REASON_LENGTH })
  @IsString()
  @Length(1, MAX_CONTRACT_REASON_LENGTH)
  reason!: string;
}

export class RemindDto {
  @ApiPropertyOptional({ description: 'One recipient; all whose turn it is when left out' })
  @IsOptional()
  @IsUUID()
  recipientId?: string;
}

export class SaveTemplateDto implements SaveTemplateInput {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) name!: string;
}

export class CreateFromTemplateDto implements CreateFromTemplateInput {
  @ApiProperty() @IsUUID() templateId!: string;
  @ApiProperty() @IsUUID() clientId!: string;
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  title?: string | null;
}

export class UploadContractQueryDto {
  @ApiProperty({ description: 'The client the contract is for' }) @IsUUID() clientId!: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'Defaults to the file name' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  title?: string;
}

export class ContractListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: ContractStatus;
}

// ---- Responses ------------------------------------------------------------------------------

export class ContractLimitsDto implements ContractLimits {
  @ApiProperty() maxBytes!: number;
  @ApiProperty() maxPages!: number;
}

class ProgressDto {
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
}

export class ContractSummaryDto implements ContractSummary {
  @ApiProperty() id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: STATUSES }) status!: ContractStatus;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: ProgressDto, description: 'Signers and approvers who acted, of those who must' })
  progress!: ProgressDto;
  @ApiProperty({ description: 'The signed-in person must sign or approve it now' }) awaitingMe!: boolean;
}

export class ContractListDto implements ContractList {
  @ApiProperty({ type: [ContractSummaryDto] }) items!: ContractSummaryDto[];
  @ApiProperty({ type: ContractLimitsDto }) limits!: ContractLimitsDto;
}

export class ContractPageSizeDto implements ContractPageSize {
  @ApiProperty({ description: 'PDF points, as displayed' }) width!: number;
  @ApiProperty() height!: number;
}

export class ContractRecipientDto implements ContractRecipientView {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) userId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: RECIPIENT_ROLES }) role!: RecipientRole;
  @ApiProperty() step!: number;
  @ApiProperty({ enum: ['client', 'agency'] }) side!: 'client' | 'agency';
  @ApiProperty({ enum: RECIPIENT_STATUSES }) status!: RecipientStatus;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) viewedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) actedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason!: string | null;
  @ApiProperty() remindersSent!: number;
  @ApiProperty({ description: 'The signed-in person is this recipient' }) isMe!: boolean;
}

export class ContractFieldDto implements ContractFieldView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CONTRACT_FIELD_KINDS }) kind!: ContractFieldKind;
  @ApiProperty() recipientId!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ nullable: true, type: String }) label!: string | null;
  @ApiProperty({ nullable: true, type: String }) value!: string | null;
  @ApiProperty() filled!: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() x!: number;
  @ApiProperty() y!: number;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
}

class DownloadsDto {
  @ApiProperty() original!: boolean;
  @ApiProperty() signed!: boolean;
  @ApiProperty() certificate!: boolean;
  @ApiProperty() voided!: boolean;
}

export class ContractDto extends ContractSummaryDto implements ContractView {
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ nullable: true, type: ReminderSettingsDto }) reminders!: ReminderSettingsDto | null;
  @ApiProperty() pageCount!: number;
  @ApiProperty({ type: [ContractPageSizeDto] }) pages!: ContractPageSizeDto[];
  @ApiProperty({ nullable: true, type: Number }) currentStep!: number | null;
  @ApiProperty({ type: [ContractRecipientDto] }) recipients!: ContractRecipientDto[];
  @ApiProperty({ type: [ContractFieldDto] }) fields!: ContractFieldDto[];
  @ApiProperty({ nullable: true, type: String }) voidReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) declinedByName!: string | null;
  @ApiProperty({ enum: ['none', 'sealing', 'sealed', 'failed'] }) sealState!: 'none' | 'sealing' | 'sealed' | 'failed';
  @ApiProperty() originalSha256!: string;
  @ApiProperty({ nullable: true, type: String }) finalSha256!: string | null;
  @ApiProperty({ nullable: true, type: String }) templateId!: string | null;
  @ApiProperty({ type: DownloadsDto }) downloads!: DownloadsDto;
}

const EVENT_TYPES: ContractEventType[] = [
  'created',
  'updated',
  'sent',
  'email_sent',
  'opened',
  'viewed',
  'field_filled',
  'signed',
  'approved',
  'declined',
  'reminded',
  'voided',
  'expired',
  'completed',
  'sealed',
  'downloaded',
];

export class ContractEventDto implements ContractEventView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: EVENT_TYPES }) type!: ContractEventType;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) recipientName!: string | null;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent!: string | null;
}

export class ContractEventListDto implements ContractEventList {
  @ApiProperty({ type: [ContractEventDto] }) items!: ContractEventDto[];
}

export class ContractTemplateDto implements ContractTemplateSummary {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() pageCount!: number;
  @ApiProperty() recipientSlots!: number;
  @ApiProperty() updatedAt!: string;
}

export class ContractTemplateListDto implements ContractTemplateList {
  @ApiProperty({ type: [ContractTemplateDto] }) items!: ContractTemplateDto[];
}

export class ContractVerificationDto implements ContractVerification {
  @ApiProperty({ description: 'A completed contract of this installation has exactly this file' }) match!: boolean;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of what was checked' }) sha256!: string;
}
