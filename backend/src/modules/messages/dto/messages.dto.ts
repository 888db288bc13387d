import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  MESSAGE_ATTACHMENTS_MAX,
  MESSAGE_BODY_MAX,
  MESSAGE_PAGE_SIZE,
  type AssignConversationRequest,
  type ConversationReaderView,
  type ConversationView,
  type EditMessageRequest,
  type InboxResponse,
  type MarkReadRequest,
  type MediaKind,
  type MessageAttachmentUploadResponse,
  type MessageAttachmentView,
  type MessageAuthorView,
  type MessageChangesResponse,
  type MessageKind,
  type MessagePageResponse,
  type MessageSearchResponse,
  type MessageSide,
  type MessageView,
  type SendMessageRequest,
  type UnreadSummaryResponse,
} from '@atrium/shared';

const KINDS: MessageKind[] = ['message', 'note'];
const SIDES: MessageSide[] = ['client', 'agency'];
const MEDIA_KINDS: MediaKind[] = ['image', 'video', 'document'];
/** Counters are 32-bit integers in the database. */
const INT_MAX = 2_147_483_647;

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const BODY_DESCRIPTION = `Plain text (stored and returned as typed, never interpreted as HTML), trimmed; at most ${MESSAGE_BODY_MAX} characters.`;

// ---- Requests -------------------------------------------------------------------------------

export class SendMessageDto implements SendMessageRequest {
  @ApiProperty({ maxLength: MESSAGE_BODY_MAX, description: `${BODY_DESCRIPTION} May be empty when files go with it.` })
  @trim()
  @IsString()
  @MaxLength(MESSAGE_BODY_MAX)
  body!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MESSAGE_ATTACHMENTS_MAX,
    description: 'Files uploaded with `…/attachments` by you for this conversation, not sent yet',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MESSAGE_ATTACHMENTS_MAX)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];

  @ApiPropertyOptional({ enum: KINDS, default: 'message', description: '`note`: an internal note (agency only)' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: MessageKind;
}

export class EditMessageDto implements EditMessageRequest {
  @ApiProperty({ maxLength: MESSAGE_BODY_MAX, description: BODY_DESCRIPTION })
  @trim()
  @IsString()
  @MaxLength(MESSAGE_BODY_MAX)
  body!: string;
}

export class MarkReadDto implements MarkReadRequest {
  @ApiProperty({ minimum: 0, description: 'Read up to and including this `seq` (never moves back)' })
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  seq!: number;
}

export class AssignConversationDto implements AssignConversationRequest {
  @ApiProperty({ nullable: true, type: String, description: 'An active team member, or null for nobody' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  assigneeUserId!: string | null;
}

/** Documents the multipart body for Swagger; the server reads it as a stream. */
export class AttachmentUploadBodyDto {
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'binary' }, description: 'One or more files' })
  file!: unknown[];
}

export class MessagePageQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'Messages before this `seq` (the `olderBefore` of the page after)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT_MAX)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: MESSAGE_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class MessageChangesQueryDto {
  @ApiProperty({ minimum: 0, description: 'The highest `change` already seen' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  since!: number;
}

export class MessageSearchQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Words in the message (case-insensitive)' })
  @trim()
  @IsString()
  @Length(1, 100)
  q!: string;
}

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'Only this client’s conversation' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ enum: ['me'], description: 'Only conversations assigned to me' })
  @IsOptional()
  @IsIn(['me'])
  assigned?: 'me';

  @ApiPropertyOptional({ type: Boolean, description: 'Only conversations with something unread for me' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

// ---- Responses ------------------------------------------------------------------------------

class MessageAuthorDto implements MessageAuthorView {
  @ApiProperty({ nullable: true, type: String, description: 'Null once the account is gone' }) id!: string | null;
  @ApiProperty({ description: 'The name when they wrote it' }) name!: string;
  @ApiProperty({ enum: SIDES }) side!: MessageSide;
}

export class MessageAttachmentDto implements MessageAttachmentView {
  @ApiProperty({ description: 'The media asset’s id' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ description: 'Detected from the content' }) mimeType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ enum: MEDIA_KINDS }) kind!: MediaKind;
  @ApiProperty({ description: 'Signed, short-lived; downloads the file' }) url!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Signed, short-lived; images only' })
  thumbnailUrl!: string | null;
}

export class MessageDto implements MessageView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The client whose conversation it is' }) clientId!: string;
  @ApiProperty({ description: 'Its place in the conversation' }) seq!: number;
  @ApiProperty({ description: 'Bumped on every write, edit or deletion (see `changes`)' }) change!: number;
  @ApiProperty({ enum: KINDS }) kind!: MessageKind;
  @ApiProperty({ type: MessageAuthorDto }) author!: MessageAuthorDto;
  @ApiProperty({ description: 'Plain text; empty once deleted' }) body!: string;
  @ApiProperty({ type: [MessageAttachmentDto] }) attachments!: MessageAttachmentDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) editedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) deletedAt!: string | null;
}

export class ConversationReaderDto implements ConversationReaderView {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SIDES }) side!: MessageSide;
  @ApiProperty({ description: 'The last message (not note) they have read' }) lastReadSeq!: number;
  @ApiProperty() readAt!: string;
}

class AssigneeDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

class LastMessageDto {
  @ApiProperty({ description: 'About 140 characters; "Deleted message" or "Sent N files" where it applies' })
  preview!: string;
  @ApiProperty() at!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: SIDES }) side!: MessageSide;
  @ApiProperty({ enum: KINDS }) kind!: MessageKind;
}

export class ConversationDto implements ConversationView {
  @ApiProperty({ description: 'The conversation’s key' }) clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ nullable: true, type: AssigneeDto, description: 'Agency users only; always null for client users' })
  assignee!: AssigneeDto | null;
  @ApiProperty({ nullable: true, type: LastMessageDto, description: 'Never a note for client users' })
  lastMessage!: LastMessageDto | null;
  @ApiProperty({ description: 'Messages by others after my read position' }) unread!: number;
  @ApiProperty() lastReadSeq!: number;
  @ApiProperty() lastSeq!: number;
  @ApiProperty() change!: number;
  @ApiProperty({ type: [ConversationReaderDto] }) readers!: ConversationReaderDto[];
}

export class MessagePageDto implements MessagePageResponse {
  @ApiProperty({ type: [MessageDto], description: 'Oldest first' }) messages!: MessageDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as `before` for the older page; null: no more' })
  olderBefore!: number | null;
}

export class MessageChangesDto implements MessageChangesResponse {
  @ApiProperty({ type: [MessageDto], description: 'Written, edited or deleted after `since`, by change' })
  messages!: MessageDto[];
  @ApiProperty({ description: 'Ask again with this as `since`' }) change!: number;
  @ApiProperty({ type: [ConversationReaderDto] }) readers!: ConversationReaderDto[];
}

export class MessageSearchDto implements MessageSearchResponse {
  @ApiProperty({ type: [MessageDto], description: 'Newest first, at most 50' }) messages!: MessageDto[];
}

export class InboxDto implements InboxResponse {
  @ApiProperty({ type: [ConversationDto] }) conversations!: ConversationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class UnreadSummaryDto implements UnreadSummaryResponse {
  @ApiProperty({ description: 'Conversations with something unread (the portal: 0 or 1)' }) conversations!: number;
  @ApiProperty() messages!: number;
}

class RejectedAttachmentDto {
  @ApiProperty() filename!: string;
  @ApiProperty({ example: 'not an accepted file type (an SVG image)' }) reason!: string;
}

export class MessageAttachmentUploadDto implements MessageAttachmentUploadResponse {
  @ApiProperty({ type: [MessageAttachmentDto], description: 'Send their ids as `attachmentIds`' })
  attachments!: MessageAttachmentDto[];
  @ApiProperty({ type: [RejectedAttachmentDto] }) rejected!: RejectedAttachmentDto[];
}
