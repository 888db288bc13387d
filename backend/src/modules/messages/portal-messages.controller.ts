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
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';
import { UPLOAD_DESCRIPTION } from '../media/dto/media.dto';
import { Upload, type UploadExchange } from '../media/upload-exchange';
import { ConversationsService } from './conversations.service';
import {
  ConversationDto,
  EditMessageDto,
  AttachmentUploadBodyDto,
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
import { MessageAttachmentsService } from './message-attachments.service';
import { MessageHistoryService } from './message-history.service';
import { MessageWriterService } from './message-writer.service';
import { clientParticipant } from './participant';

const uuid = new ParseUUIDPipe();

/**
 * Portal › Messages (messages.use, client admins and members alike): the conversation of the
 * client chosen with X-Atrium-Client. Internal notes never appear here.
 */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or a message of another client' })
@Controller('v1/portal/messages')
@PortalRoute('messages.use')
export class PortalMessagesController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly history: MessageHistoryService,
    private readonly writer: MessageWriterService,
    private readonly attachments: MessageAttachmentsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The conversation with the agency: last message, unread count, who has read how far' })
  @ApiOkResponse({ type: ConversationDto })
  conversation(@ClientCtx() ctx: ClientContext): Promise<ConversationDto> {
    return this.conversations.view(clientParticipant(ctx));
  }

  @Get('unread')
  @ApiOperation({ summary: 'How many messages are unread (for the navigation badge)' })
  @ApiOkResponse({ type: UnreadSummaryDto })
  unread(@ClientCtx() ctx: ClientContext): Promise<UnreadSummaryDto> {
    return this.conversations.portalUnread(clientParticipant(ctx));
  }

  @Get('items')
  @ApiOperation({ summary: 'A page of messages, oldest first: the newest page, or the one before `before`' })
  @ApiOkResponse({ type: MessagePageDto })
  page(@ClientCtx() ctx: ClientContext, @Query() query: MessagePageQueryDto): Promise<MessagePageDto> {
    return this.history.page(clientParticipant(ctx), query.before, query.limit);
  }

  @Get('changes')
  @ApiOperation({ summary: 'Messages written, edited or deleted after `since` (to catch up after a lost connection)' })
  @ApiOkResponse({ type: MessageChangesDto })
  changes(@ClientCtx() ctx: ClientContext, @Query() query: MessageChangesQueryDto): Promise<MessageChangesDto> {
    return this.history.changes(clientParticipant(ctx), query.since);
  }

  @Get('search')
  @ApiOperation({ summary: 'Messages containing the words, newest first (at most 50)' })
  @ApiOkResponse({ type: MessageSearchDto })
  search(@ClientCtx() ctx: ClientContext, @Query() query: MessageSearchQueryDto): Promise<MessageSearchDto> {
    return this.history.search(clientParticipant(ctx), query.q);
  }

  @Post('items')
  @ApiOperation({ summary: 'Send a message, with files uploaded through `attachments` first' })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Empty or too long, a file already sent, or an unknown field',
  })
  @ApiRateLimited('Too many messages in a short time; wait the Retry-After seconds')
  send(@ClientCtx() ctx: ClientContext, @Body() dto: SendMessageDto): Promise<MessageDto> {
    return this.writer.send(clientParticipant(ctx), dto);
  }

  @Patch('items/:messageId')
  @ApiOperation({ summary: 'Edit one of my messages, within 15 minutes of sending it' })
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Deleted, or sent more than 15 minutes ago' })
  edit(
    @ClientCtx() ctx: ClientContext,
    @Param('messageId', uuid) messageId: string,
    @Body() dto: EditMessageDto,
  ): Promise<MessageDto> {
    return this.writer.edit(clientParticipant(ctx), messageId, dto.body);
  }

  @Delete('items/:messageId')
  @ApiOperation({ summary: 'Delete one of my messages, within 15 minutes of sending it (it shows as deleted)' })
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already deleted, or sent more than 15 minutes ago' })
  remove(@ClientCtx() ctx: ClientContext, @Param('messageId', uuid) messageId: string): Promise<MessageDto> {
    return this.writer.remove(clientParticipant(ctx), messageId);
  }

  @Post('read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'I have read up to `seq` (never moves back); answers the conversation' })
  @ApiOkResponse({ type: ConversationDto })
  read(@ClientCtx() ctx: ClientContext, @Body() dto: MarkReadDto): Promise<ConversationDto> {
    return this.conversations.markRead(clientParticipant(ctx), dto.seq);
  }

  @Post('attachments')
  @ApiOperation({
    summary: 'Upload files to send with a message (they join the media library as this client’s uploads)',
    description: UPLOAD_DESCRIPTION,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AttachmentUploadBodyDto })
  @ApiCreatedResponse({ type: MessageAttachmentUploadDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: "The agency's storage quota is full" })
  upload(@ClientCtx() ctx: ClientContext, @Upload() upload: UploadExchange): Promise<MessageAttachmentUploadDto> {
    return this.attachments.upload(clientParticipant(ctx), upload);
  }
}
