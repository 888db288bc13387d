import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';
import { UPLOAD_DESCRIPTION } from '../media/dto/media.dto';
import { Upload, type UploadExchange } from '../media/upload-exchange';
import { ConversationsService } from './conversations.service';
import {
  AssignConversationDto,
  AttachmentUploadBodyDto,
  ConversationDto,
  EditMessageDto,
  InboxDto,
  InboxQueryDto,
  MarkReadDto,
  MessageAttachmentUploadDto,
  MessageChangesDto,
  MessageChangesQueryDto,
  MessageDto,
  MessagePageDto,
  MessagePageQueryDto,
  MessageSearchDto,
  MessageSearchQueryDto,
  SendMessageDto,
  UnreadSummaryDto,
} from './dto/messages.dto';
import { InboxService } from './inbox.service';
import { MessageAttachmentsService } from './message-attachments.service';
import { MessageHistoryService } from './message-history.service';
import { MessageWriterService } from './message-writer.service';
import { agencyParticipant } from './participant';

const uuid = new ParseUUIDPipe();

/**
 * The agency's messages (owners, admins and members): the inbox of every client's conversation,
 * and each conversation by its client's id, with internal notes only the agency sees.
 */
@ApiTags('messages')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown or deleted client, or an id of another agency' })
@Controller('v1/messages')
@AgencyRoute()
export class MessagesController {
  constructor(
    private readonly inbox: InboxService,
    private readonly conversations: ConversationsService,
    private readonly history: MessageHistoryService,
    private readonly writer: MessageWriterService,
    private readonly attachments: MessageAttachmentsService,
  ) {}

  @Get('conversations')
  @ApiOperation({
    summary: 'The inbox: conversations with something in them, unread first, then by the latest message',
  })
  @ApiOkResponse({ type: InboxDto })
  list(@AgencyCtx() ctx: AgencyContext, @Query() query: InboxQueryDto): Promise<InboxDto> {
    return this.inbox.list(ctx, query);
  }

  @Get('unread')
  @ApiOperation({ summary: 'What I have not read across every conversation (for the navigation and dashboard)' })
  @ApiOkResponse({ type: UnreadSummaryDto })
  unread(@AgencyCtx() ctx: AgencyContext): Promise<UnreadSummaryDto> {
    return this.inbox.unread(ctx);
  }

  @Get('conversations/:clientId')
  @ApiOperation({ summary: 'A client’s conversation (made the first time it is opened)' })
  @ApiOkResponse({ type: ConversationDto })
  conversation(@AgencyCtx() ctx: AgencyContext, @Param('clientId', uuid) clientId: string): Promise<ConversationDto> {
    return this.conversations.view(agencyParticipant(ctx, clientId));
  }

  @Put('conversations/:clientId/assignee')
  @ApiOperation({ summary: 'Assign the conversation to a team member, or to nobody' })
  @ApiOkResponse({ type: ConversationDto })
  assign(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: AssignConversationDto,
  ): Promise<ConversationDto> {
    return this.conversations.assign(agencyParticipant(ctx, clientId), dto.assigneeUserId);
  }

  @Get('conversations/:clientId/items')
  @ApiOperation({ summary: 'A page of messages and notes, oldest first: the newest page, or the one before `before`' })
  @ApiOkResponse({ type: MessagePageDto })
  page(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Query() query: MessagePageQueryDto,
  ): Promise<MessagePageDto> {
    return this.history.page(agencyParticipant(ctx, clientId), query.before, query.limit);
  }

  @Get('conversations/:clientId/changes')
  @ApiOperation({ summary: 'Messages and notes written, edited or deleted after `since`' })
  @ApiOkResponse({ type: MessageChangesDto })
  changes(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Query() query: MessageChangesQueryDto,
  ): Promise<MessageChangesDto> {
    return this.history.changes(agencyParticipant(ctx, clientId), query.since);
  }

  @Get('conversations/:clientId/search')
  @ApiOperation({ summary: 'Messages and notes containing the words, newest first (at most 50)' })
  @ApiOkResponse({ type: MessageSearchDto })
  search(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Query() query: MessageSearchQueryDto,
  ): Promise<MessageSearchDto> {
    return this.history.search(agencyParticipant(ctx, clientId), query.q);
  }

  @Post('conversations/:clientId/items')
  @ApiOperation({ summary: 'Send a message to the client, or leave an internal note (`kind: note`)' })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Empty or too long, a file already sent, or an unknown field',
  })
  @ApiRateLimited('Too many messages in a short time; wait the Retry-After seconds')
  send(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: SendMessageDto,
  ): Promise<MessageDto> {
    return this.writer.send(agencyParticipant(ctx, clientId), dto);
  }

  @Patch('conversations/:clientId/items/:messageId')
  @ApiOperation({ summary: 'Edit one of my messages or notes, within 15 minutes of writing it' })
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Deleted, or written more than 15 minutes ago' })
  edit(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Param('messageId', uuid) messageId: string,
    @Body() dto: EditMessageDto,
  ): Promise<MessageDto> {
    return this.writer.edit(agencyParticipant(ctx, clientId), messageId, dto.body);
  }

  @Delete('conversations/:clientId/items/:messageId')
  @ApiOperation({ summary: 'Delete one of my messages or notes, within 15 minutes of writing it' })
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already deleted, or written more than 15 minutes ago' })
  remove(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Param('messageId', uuid) messageId: string,
  ): Promise<MessageDto> {
    return this.writer.remove(agencyParticipant(ctx, clientId), messageId);
  }

  @Post('conversations/:clientId/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'I have read up to `seq` (never moves back); answers the conversation' })
  @ApiOkResponse({ type: ConversationDto })
  read(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: MarkReadDto,
  ): Promise<ConversationDto> {
    return this.conversations.markRead(agencyParticipant(ctx, clientId), dto.seq);
  }

  @Post('conversations/:clientId/attachments')
  @ApiOperation({
    summary: 'Upload files to send with a message (they join the media library as the agency’s, for this client)',
    description: UPLOAD_DESCRIPTION,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AttachmentUploadBodyDto })
  @ApiCreatedResponse({ type: MessageAttachmentUploadDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: "The agency's storage quota is full" })
  upload(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Upload() upload: UploadExchange,
  ): Promise<MessageAttachmentUploadDto> {
    return this.attachments.upload(agencyParticipant(ctx, clientId), upload);
  }
}
