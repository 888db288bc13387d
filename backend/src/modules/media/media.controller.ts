import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AgencyCtx, ClientCtx } from '../../core/auth/context.decorator';
import type { AgencyContext, ClientContext } from '../../core/auth/request-context';
import { AgencyRoute, PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { SocialAccountsService } from '../social/social-accounts.service';
import {
  MediaAssetDto,
  MediaPageDto,
  MediaQueryDto,
  MediaUsageDto,
  PortalMediaQueryDto,
  UploadBodyDto,
  UploadResultDto,
} from './dto/media.dto';
import { ACCEPTED_TYPES } from './file-type';
import { MediaLibraryService } from './media-library.service';
import { MediaUploadsService } from './media-uploads.service';
import { MediaViews } from './media-views';

const uuid = new ParseUUIDPipe();
const UPLOAD_DESCRIPTION =
  'multipart/form-data with one or more `file` parts, streamed to storage. The type is detected from the content; SVG, HTML and unknown types are refused per file, as are files over the size limit.';

/** The agency's media library: everything the agency and its clients uploaded. */
@ApiTags('media')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/media')
@AgencyRoute()
export class MediaController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly library: MediaLibraryService,
    private readonly uploads: MediaUploadsService,
    private readonly views: MediaViews,
    private readonly accounts: SocialAccountsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Library files, newest first: filter by client (or `agency`), uploader, kind, file name' })
  @ApiOkResponse({ type: MediaPageDto })
  async list(@AgencyCtx() ctx: AgencyContext, @Query() query: MediaQueryDto): Promise<MediaPageDto> {
    if (query.clientId && query.clientId !== 'agency') await this.accounts.liveClient(ctx.agencyId, query.clientId);
    return this.library.list({ agencyId: ctx.agencyId, kind: 'agency' }, query, ctx.userId);
  }

  @Get('usage')
  @ApiOperation({ summary: 'Storage used by the agency, its quota, the file size limit and accepted types' })
  @ApiOkResponse({ type: MediaUsageDto })
  async usage(@AgencyCtx() ctx: AgencyContext): Promise<MediaUsageDto> {
    return {
      usedBytes: await this.uploads.usedBytes(ctx.agencyId),
      quotaBytes: this.config.media.agencyQuotaBytes,
      maxFileBytes: this.config.media.maxFileBytes,
      acceptedTypes: ACCEPTED_TYPES,
    };
  }

  @Post()
  @ApiOperation({ summary: 'Upload files to the library (optionally for a client)', description: UPLOAD_DESCRIPTION })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadBodyDto })
  @ApiCreatedResponse({ type: UploadResultDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: "The agency's storage quota is full" })
  async upload(@AgencyCtx() ctx: AgencyContext, @Req() request: Request): Promise<UploadResultDto> {
    const result = await this.uploads.receive(request, {
      agencyId: ctx.agencyId,
      userId: ctx.userId,
      source: 'agency',
      purpose: 'library',
      clientId: null,
      resolveClientField: async (clientId) => void (await this.accounts.liveClient(ctx.agencyId, clientId)),
      meta: ctx,
    });
    return { stored: await this.views.build(result.stored, ctx.userId), rejected: result.rejected };
  }

  @Get(':mediaId')
  @ApiOperation({ summary: 'One library file' })
  @ApiOkResponse({ type: MediaAssetDto })
  async get(@AgencyCtx() ctx: AgencyContext, @Param('mediaId', uuid) mediaId: string): Promise<MediaAssetDto> {
    const asset = await this.library.owned({ agencyId: ctx.agencyId, kind: 'agency' }, mediaId);
    return (await this.views.build([asset], ctx.userId))[0];
  }

  @Delete(':mediaId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a library file (not while a post that has not gone out uses it)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Attached to a post that has not gone out' })
  remove(@AgencyCtx() ctx: AgencyContext, @Param('mediaId', uuid) mediaId: string): Promise<void> {
    return this.library.remove({ agencyId: ctx.agencyId, userId: ctx.userId, meta: ctx }, mediaId);
  }
}

/** Portal › Media: the client's people upload for the agency and see only their client's portal uploads. */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: "Unknown id, or not one of this client's portal uploads" })
@Controller('v1/portal/media')
@PortalRoute('media.upload')
export class PortalMediaController {
  constructor(
    private readonly library: MediaLibraryService,
    private readonly uploads: MediaUploadsService,
    private readonly views: MediaViews,
  ) {}

  @Get()
  @ApiOperation({ summary: "Files this client's people uploaded from the portal, newest first; search by file name" })
  @ApiOkResponse({ type: MediaPageDto })
  list(@ClientCtx() ctx: ClientContext, @Query() query: PortalMediaQueryDto): Promise<MediaPageDto> {
    return this.library.list(
      { agencyId: ctx.agencyId, kind: 'portal', clientId: ctx.client.clientId },
      { q: query.q, cursor: query.cursor, limit: query.limit },
      ctx.userId,
    );
  }

  @Post()
  @ApiOperation({
    summary: 'Upload files for the agency to use in this client’s posts',
    description: UPLOAD_DESCRIPTION,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadBodyDto })
  @ApiCreatedResponse({ type: UploadResultDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: "The agency's storage quota is full" })
  async upload(@ClientCtx() ctx: ClientContext, @Req() request: Request): Promise<UploadResultDto> {
    const result = await this.uploads.receive(request, {
      agencyId: ctx.agencyId,
      userId: ctx.userId,
      source: 'portal',
      purpose: 'library',
      clientId: ctx.client.clientId,
      meta: ctx,
    });
    return { stored: await this.views.build(result.stored, ctx.userId), rejected: result.rejected };
  }

  @Get(':mediaId')
  @ApiOperation({ summary: "One of this client's portal uploads" })
  @ApiOkResponse({ type: MediaAssetDto })
  async get(@ClientCtx() ctx: ClientContext, @Param('mediaId', uuid) mediaId: string): Promise<MediaAssetDto> {
    const asset = await this.library.owned(
      { agencyId: ctx.agencyId, kind: 'portal', clientId: ctx.client.clientId },
      mediaId,
    );
    return (await this.views.build([asset], ctx.userId))[0];
  }
}
