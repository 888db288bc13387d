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
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import {
  CreatePostCommentDto,
  CreatePostDto,
  PostCommentDto,
  PostDto,
  PostListDto,
  PostQueryDto,
  PostThreadDto,
  UpdatePostDto,
} from './dto/posts.dto';
import { PostApprovalService } from './post-approval.service';
import { PostsService } from './posts.service';

const uuid = new ParseUUIDPipe();

/** Composing, scheduling and planning posts (the agency calendar). */
@ApiTags('posts')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/posts')
@AgencyRoute()
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly approval: PostApprovalService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Posts scheduled in [from, to) (≤ 42 days), or all drafts with ?status=draft' })
  @ApiOkResponse({ type: PostListDto })
  async list(@AgencyCtx() ctx: AgencyContext, @Query() query: PostQueryDto): Promise<PostListDto> {
    return { items: await this.posts.list(ctx, query) };
  }

  @Post()
  @ApiOperation({ summary: 'Compose a post for one client: a draft, or scheduled when scheduledAt is given' })
  @ApiCreatedResponse({ type: PostDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Each wrong field is named (text length per platform, accounts, time)',
  })
  create(@AgencyCtx() ctx: AgencyContext, @Body() dto: CreatePostDto): Promise<PostDto> {
    return this.posts.create(ctx, dto);
  }

  @Get(':postId')
  @ApiOperation({ summary: 'One post with the status of each account it goes to' })
  @ApiOkResponse({ type: PostDto })
  get(@AgencyCtx() ctx: AgencyContext, @Param('postId', uuid) postId: string): Promise<PostDto> {
    return this.posts.get(ctx, postId);
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
    return this.posts.update(ctx, postId, dto);
  }

  @Post(':postId/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a scheduled post' })
  @ApiOkResponse({ type: PostDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not scheduled (already publishing, published, ...)' })
  cancel(@AgencyCtx() ctx: AgencyContext, @Param('postId', uuid) postId: string): Promise<PostDto> {
    return this.posts.cancel(ctx, postId);
  }

  @Delete(':postId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a draft, cancelled or failed post' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Scheduled, publishing or published' })
  remove(@AgencyCtx() ctx: AgencyContext, @Param('postId', uuid) postId: string): Promise<void> {
    return this.posts.remove(ctx, postId);
  }

  @Get(':postId/comments')
  @ApiOperation({
    summary: "The post's thread: messages both sides see, decisions on its approval, and the agency's own notes",
  })
  @ApiOkResponse({ type: PostThreadDto })
  comments(@AgencyCtx() ctx: AgencyContext, @Param('postId', uuid) postId: string): Promise<PostThreadDto> {
    return this.approval.agencyThread(ctx, postId);
  }

  @Post(':postId/comments')
  @ApiOperation({
    summary:
      "Write on the post's thread; internal: true keeps it among the agency's people (never shown to the client)",
  })
  @ApiCreatedResponse({ type: PostCommentDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Empty or longer than 2000 characters' })
  comment(
    @AgencyCtx() ctx: AgencyContext,
    @Param('postId', uuid) postId: string,
    @Body() dto: CreatePostCommentDto,
  ): Promise<PostCommentDto> {
    return this.approval.addAgencyComment(ctx, postId, dto.body, dto.internal ?? false);
  }
}
