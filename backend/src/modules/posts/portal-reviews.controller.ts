import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ClientCommentDto, PostCommentDto, ReviewDecisionDto, ReviewListDto, ReviewPostDto } from './dto/posts.dto';
import { PostApprovalService } from './post-approval.service';

const uuid = new ParseUUIDPipe();

/**
 * Portal › To review (posts.approve): the posts the agency asked this client to approve. Approve,
 * ask for changes (saying which), or write on a post's thread. Posts of other clients, and posts
 * that need no approval, answer 404.
 */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, another client’s post, or one not under review' })
@Controller('v1/portal/reviews')
@PortalRoute('posts.approve')
export class PortalReviewsController {
  constructor(private readonly approval: PostApprovalService) {}

  @Get()
  @ApiOperation({
    summary: 'Posts waiting for this client’s approval first, then those waiting for the agency’s changes',
  })
  @ApiOkResponse({ type: ReviewListDto })
  list(@ClientCtx() ctx: ClientContext): Promise<ReviewListDto> {
    return this.approval.reviewList(ctx);
  }

  @Get(':postId')
  @ApiOperation({ summary: 'One post under review, with its thread' })
  @ApiOkResponse({ type: ReviewPostDto })
  get(@ClientCtx() ctx: ClientContext, @Param('postId', uuid) postId: string): Promise<ReviewPostDto> {
    return this.approval.review(ctx, postId);
  }

  @Post(':postId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approve the post (a comment is optional): it publishes at its time, or at once if that passed',
  })
  @ApiOkResponse({ type: ReviewPostDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already approved, or no longer scheduled' })
  approve(
    @ClientCtx() ctx: ClientContext,
    @Param('postId', uuid) postId: string,
    @Body() dto: ReviewDecisionDto,
  ): Promise<ReviewPostDto> {
    return this.approval.approve(ctx, postId, dto.comment);
  }

  @Post(':postId/request-changes')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Ask the agency for changes (the comment says which); the post keeps waiting' })
  @ApiOkResponse({ type: ReviewPostDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'No comment' })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'Already approved, changes already asked, or no longer scheduled',
  })
  requestChanges(
    @ClientCtx() ctx: ClientContext,
    @Param('postId', uuid) postId: string,
    @Body() dto: ReviewDecisionDto,
  ): Promise<ReviewPostDto> {
    return this.approval.requestChanges(ctx, postId, dto.comment);
  }

  @Post(':postId/comments')
  @ApiOperation({ summary: "Write on the post's thread (the agency sees it)" })
  @ApiCreatedResponse({ type: PostCommentDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Empty or longer than 2000 characters' })
  comment(
    @ClientCtx() ctx: ClientContext,
    @Param('postId', uuid) postId: string,
    @Body() dto: ClientCommentDto,
  ): Promise<PostCommentDto> {
    return this.approval.addClientComment(ctx, postId, dto.body);
  }
}
