import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsInstant } from '../../../core/http/is-iso-datetime';
import {
  MAX_PORTAL_UPCOMING,
  MAX_POST_COMMENT_LENGTH,
  SOCIAL_PROVIDERS,
  type ApprovalState,
  type CreatePostCommentRequest,
  type CreatePostRequest,
  type PostApproval,
  type PostCommentKind,
  type PostCommentView,
  type PostThread,
  type ReviewDecisionRequest,
  type ReviewList,
  type ReviewPostView,
  type PortalCalendarPost,
  type PortalCalendarResponse,
  type PortalUpcomingResponse,
  type PostList,
  type PostMediaView,
  type PostQuery,
  type PostStatus,
  type PostTargetStatus,
  type PostTargetView,
  type PostView,
  type SocialProviderId,
  type UpdatePostRequest,
} from '@atrium/shared';

const POST_STATUSES: PostStatus[] = ['draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled'];

export class PostTargetDto implements PostTargetView {
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: SOCIAL_PROVIDERS }) provider!: SocialProviderId;
  @ApiProperty() accountName!: string;
  @ApiProperty({ nullable: true, type: String }) accountHandle!: string | null;
  @ApiProperty({ enum: POST_STATUSES }) status!: PostTargetStatus;
  @ApiProperty({ nullable: true, type: String, description: 'The published post on the platform' })
  url!: string | null;
  @ApiProperty({ nullable: true, type: String }) failureReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
}

export class PostMediaDto implements PostMediaView {
  @ApiProperty() id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() mimeType!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Signed, short-lived' }) thumbnailUrl!: string | null;
}

const APPROVAL_STATES: ApprovalState[] = ['pending', 'changes_requested', 'approved'];

export class PostApprovalDto implements PostApproval {
  @ApiProperty({ enum: APPROVAL_STATES }) state!: ApprovalState;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByName!: string | null;
  @ApiProperty({ description: 'Its time has passed while it waits; it goes out once approved' }) overdue!: boolean;
}

export class PostDto implements PostView {
  @ApiProperty() id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [PostMediaDto] }) media!: PostMediaDto[];
  @ApiProperty({ enum: POST_STATUSES }) status!: PostStatus;
  @ApiProperty({ nullable: true, type: String }) scheduledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) failureReason!: string | null;
  @ApiProperty({ type: [PostTargetDto] }) targets!: PostTargetDto[];
  @ApiProperty({ nullable: true, type: PostApprovalDto, description: "Null: it does not need the client's approval" })
  approval!: PostApprovalDto | null;
  @ApiProperty({ description: "Messages on the post's thread, the agency's notes included" }) commentCount!: number;
  @ApiProperty({ nullable: true, type: String }) createdByName!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class PostListDto implements PostList {
  @ApiProperty({ type: [PostDto] }) items!: PostDto[];
}

export class PostQueryDto implements PostQuery {
  @ApiPropertyOptional({ description: 'Start of the range (inclusive), ISO 8601' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'End of the range (exclusive), at most 42 days after from' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ enum: POST_STATUSES, description: '`draft` without a range lists all drafts' })
  @IsOptional()
  @IsIn(POST_STATUSES)
  status?: PostStatus;
}

export class CreatePostDto implements CreatePostRequest {
  @ApiProperty() @IsUUID() clientId!: string;

  @ApiProperty({ maxLength: 63206 })
  @IsString()
  @Length(1, 63206)
  text!: string;

  @ApiProperty({ type: [String], description: 'Accounts of that client (at least one to schedule)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  accountIds!: string[];

  @ApiPropertyOptional({ type: [String], description: "Library files (the client's or the agency's), at most 10" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  mediaIds?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'When to publish; absent or null saves a draft' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  scheduledAt?: string | null;

  @ApiPropertyOptional({
    description:
      'Hold the post until the client approves it (the client must have posts.approve); editing it asks again',
  })
  @IsOptional()
  @IsBoolean()
  needsApproval?: boolean;
}

export class UpdatePostDto implements UpdatePostRequest {
  @ApiPropertyOptional({ maxLength: 63206 })
  @IsOptional()
  @IsString()
  @Length(1, 63206)
  text?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  accountIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  mediaIds?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'A time (re)schedules; null makes it a draft' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  scheduledAt?: string | null;

  @ApiPropertyOptional({
    description:
      'Hold the post until the client approves it (the client must have posts.approve); editing it asks again',
  })
  @IsOptional()
  @IsBoolean()
  needsApproval?: boolean;
}

export class CalendarQueryDto {
  @ApiProperty({ description: 'Start of the week or month view (inclusive), ISO 8601' })
  @IsInstant()
  from!: string;

  @ApiProperty({ description: 'End (exclusive), at most 42 days after from (a month view)' })
  @IsInstant()
  to!: string;
}

export class UpcomingQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PORTAL_UPCOMING, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PORTAL_UPCOMING)
  limit?: number;
}

class CalendarAccountDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SOCIAL_PROVIDERS }) provider!: SocialProviderId;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) handle!: string | null;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
}

class CalendarMediaDto {
  @ApiProperty() id!: string;
  @ApiProperty() mimeType!: string;
  @ApiProperty({ nullable: true, type: String }) thumbnailUrl!: string | null;
}

export class PortalCalendarPostDto implements PortalCalendarPost {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [CalendarMediaDto] }) media!: CalendarMediaDto[];
  @ApiProperty({ enum: ['scheduled', 'publishing', 'published'] }) status!: 'scheduled' | 'publishing' | 'published';
  @ApiProperty() scheduledAt!: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ nullable: true, enum: APPROVAL_STATES, description: "Null: it does not need the client's approval" })
  approvalState!: ApprovalState | null;
  @ApiProperty({ type: [CalendarAccountDto] }) accounts!: CalendarAccountDto[];
}

export class PortalCalendarDto implements PortalCalendarResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone!: string;
  @ApiProperty({ type: [PortalCalendarPostDto] }) items!: PortalCalendarPostDto[];
  @ApiProperty({ description: 'More posts than one answer carries (5000)' }) truncated!: boolean;
}

export class PortalUpcomingDto implements PortalUpcomingResponse {
  @ApiProperty({ example: 'Europe/Berlin' }) timezone!: string;
  @ApiProperty({ type: [PortalCalendarPostDto], description: 'Soonest first' }) items!: PortalCalendarPostDto[];
}

const COMMENT_KINDS: PostCommentKind[] = ['comment', 'note', 'submitted', 'approved', 'changes_requested'];

export class PostCommentDto implements PostCommentView {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: COMMENT_KINDS,
    description: "`note`: the agency's own, never shown to the client; the others both sides see",
  })
  kind!: PostCommentKind;
  @ApiProperty({ description: 'Plain text' }) body!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: ['agency', 'client'] }) authorSide!: 'agency' | 'client';
  @ApiProperty() createdAt!: string;
}

export class PostThreadDto implements PostThread {
  @ApiProperty({ type: [PostCommentDto], description: 'Oldest first' }) items!: PostCommentDto[];
}

export class CreatePostCommentDto implements CreatePostCommentRequest {
  @ApiProperty({ maxLength: MAX_POST_COMMENT_LENGTH })
  @IsString()
  @Length(1, MAX_POST_COMMENT_LENGTH)
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;

  @ApiPropertyOptional({ description: "True: a note among the agency's people, never shown to the client" })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

export class ClientCommentDto {
  @ApiProperty({ maxLength: MAX_POST_COMMENT_LENGTH })
  @IsString()
  @Length(1, MAX_POST_COMMENT_LENGTH)
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;
}

export class ReviewDecisionDto implements ReviewDecisionRequest {
  @ApiPropertyOptional({
    maxLength: MAX_POST_COMMENT_LENGTH,
    description: 'Optional when approving; required when asking for changes',
  })
  @IsOptional()
  @IsString()
  @Length(0, MAX_POST_COMMENT_LENGTH)
  comment?: string;
}

export class ReviewPostDto extends PortalCalendarPostDto implements ReviewPostView {
  @ApiProperty({ type: PostApprovalDto }) approval!: PostApprovalDto;
  @ApiProperty({ type: [PostCommentDto], description: "The thread, oldest first (the agency's notes are not in it)" })
  thread!: PostCommentDto[];
}

export class ReviewListDto implements ReviewList {
  @ApiProperty({ type: [ReviewPostDto], description: 'Waiting for the client first, then waiting for the agency' })
  items!: ReviewPostDto[];
}
