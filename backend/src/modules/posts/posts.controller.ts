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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { attachedMedia } from './attached-media';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FileUrlSigner } from '../media/file-url-signer';
import { MAX_PORTAL_CALENDAR_DAYS } from '@atrium/shared';
import { AgencyCtx, ClientCtx } from '../../core/auth/context.decorator';
import type { AgencyContext, ClientContext } from '../../core/auth/request-context';
import { AgencyRoute, PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { User } from '../../core/tenancy/entities/user.entity';
import {
  CalendarQueryDto,
  CreatePostDto,
  PortalCalendarDto,
  PortalCalendarPostDto,
  PostDto,
  PostListDto,
  PostQueryDto,
  UpdatePostDto,
} from './dto/posts.dto';
import { portalCalendarWeek } from './portal-calendar';
import { PostsService } from './posts.service';

const uuid = new ParseUUIDPipe();
const actor = (ctx: AgencyContext) => ({ agencyId: ctx.agencyId, userId: ctx.userId, meta: ctx });

/** Composing, scheduling and planning posts (the agency calendar). */
@ApiTags('posts')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/posts')
@AgencyRoute()
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Get()
  @ApiOperation({ summary: 'Posts scheduled in [from, to) (≤ 42 days), or all drafts with ?status=draft' })
  @ApiOkResponse({ type: PostListDto })
  async list(@AgencyCtx() ctx: AgencyContext, @Query() query: PostQueryDto): Promise<PostListDto> {
    return { items: await this.posts.list(ctx.agencyId, query, ctx.userId) };
  }

  @Post()
  @ApiOperation({ summary: 'Compose a post for one client: a draft, or scheduled when scheduledAt is given' })
  @ApiCreatedResponse({ type: PostDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Each wrong field is named (text length per platform, accounts, time)',
  })
  create(@AgencyCtx() ctx: AgencyContext, @Body() dto: CreatePostDto): Promise<PostDto> {
    return this.posts.create(actor(ctx), dto);
  }

  @Get(':postId')
  @ApiOperation({ summary: 'One post with the status of each account it goes to' })
  @ApiOkResponse({ type: PostDto })
  get(@AgencyCtx() ctx: AgencyContext, @Param('postId', uuid) postId: string): Promise<PostDto> {
    return this.posts.get(ctx.agencyId, postId, ctx.userId);
  }

  @Patch(':postId')
  @ApiOperation({ summary: 'Edit, schedule, reschedule (move) or unschedule a post that has not gone out' })
  @ApiOkResponse({ type: PostDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Publishing or published: it can no longer change' })
  update(
    @AgencyCtx() ctx: AgencyContext,
    @Param('postId', uuid) postId: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostDto> {
    return this.posts.update(actor(ctx), postId, dto);
  }

  @Post(':postId/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a scheduled post' })
  @ApiOkResponse({ type: PostDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not scheduled (already publishing, published, ...)' })
  cancel(@AgencyCtx() ctx: AgencyContext, @Param('postId', uuid) postId: string): Promise<PostDto> {
    return this.posts.cancel(actor(ctx), postId);
  }

  @Delete(':postId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a draft, cancelled or failed post' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Scheduled, publishing or published' })
  remove(@AgencyCtx() ctx: AgencyContext, @Param('postId', uuid) postId: string): Promise<void> {
    return this.posts.remove(actor(ctx), postId);
  }
}

/** Portal › Calendar: read-only; nothing here can change a post. */
@ApiTags('portal')
@Controller('v1/portal/calendar')
@PortalRoute('calendar.view')
export class PortalCalendarController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signer: FileUrlSigner,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Scheduled and published posts on the client's accounts in [from, to) (≤ 8 days), with the user's timezone",
  })
  @ApiOkResponse({ type: PortalCalendarDto })
  async week(@ClientCtx() ctx: ClientContext, @Query() query: CalendarQueryDto): Promise<PortalCalendarDto> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from || to.getTime() - from.getTime() > MAX_PORTAL_CALENDAR_DAYS * 24 * 3600_000) {
      throw new ValidationFailedException([
        { field: 'to', messages: [`must be after from and at most ${MAX_PORTAL_CALENDAR_DAYS} days later`] },
      ]);
    }
    const user = await this.db.getRepository(User).findOneByOrFail({ id: ctx.userId });
    const week = await portalCalendarWeek(this.db, { agencyId: ctx.agencyId, clientId: ctx.client.clientId }, from, to);
    await this.attachPreviews(ctx, week.items);
    return { from: from.toISOString(), to: to.toISOString(), timezone: user.timezone, ...week };
  }

  /** Thumbnails of the posts' images, signed for this viewer. */
  private async attachPreviews(ctx: ClientContext, items: PortalCalendarPostDto[]): Promise<void> {
    const media = await attachedMedia(
      this.db,
      ctx.agencyId,
      items.map((item) => item.id),
    );
    for (const item of items) {
      item.media = (media.get(item.id) ?? []).map((asset) => ({
        id: asset.id,
        mimeType: asset.mimeType,
        thumbnailUrl: this.signer.thumbnailUrl(asset, ctx.userId),
      }));
    }
  }
}
