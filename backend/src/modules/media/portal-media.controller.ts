import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Upload, type UploadExchange } from './upload-exchange';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import {
  MediaAssetDto,
  MediaPageDto,
  PortalMediaQueryDto,
  UPLOAD_DESCRIPTION,
  UploadBodyDto,
  UploadResultDto,
} from './dto/media.dto';
import { MediaLibraryService } from './media-library.service';
import { MediaUploadsService } from './media-uploads.service';
import { MediaViews } from './media-views';

const uuid = new ParseUUIDPipe();

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
    return this.library.list(ctx, { q: query.q, cursor: query.cursor, limit: query.limit });
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
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description:
      'The server is restarting: the upload was ended and nothing of it kept; upload again (see Retry-After)',
  })
  async upload(@ClientCtx() ctx: ClientContext, @Upload() upload: UploadExchange): Promise<UploadResultDto> {
    const result = await this.uploads.receive(ctx, upload, { purpose: 'library' });
    return { stored: await this.views.build(ctx, result.stored), rejected: result.rejected };
  }

  @Get(':mediaId')
  @ApiOperation({ summary: "One of this client's portal uploads" })
  @ApiOkResponse({ type: MediaAssetDto })
  get(@ClientCtx() ctx: ClientContext, @Param('mediaId', uuid) mediaId: string): Promise<MediaAssetDto> {
    return this.library.view(ctx, mediaId);
  }
}
