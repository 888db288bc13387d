import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
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
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Upload, type UploadExchange } from './upload-exchange';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import {
  MediaAssetDto,
  MediaPageDto,
  MediaQueryDto,
  MediaUsageDto,
  UPLOAD_DESCRIPTION,
  UploadBodyDto,
  UploadResultDto,
} from './dto/media.dto';
import { ACCEPTED_TYPES } from './file-type';
import { MediaLibraryService } from './media-library.service';
import { MediaUploadsService } from './media-uploads.service';
import { MediaViews } from './media-views';

const uuid = new ParseUUIDPipe();

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
  ) {}

  @Get()
  @ApiOperation({ summary: 'Library files, newest first: filter by client (or `agency`), uploader, kind, file name' })
  @ApiOkResponse({ type: MediaPageDto })
  list(@AgencyCtx() ctx: AgencyContext, @Query() query: MediaQueryDto): Promise<MediaPageDto> {
    return this.library.list(ctx, query);
  }

  @Get('usage')
  @ApiOperation({ summary: 'Storage used by the agency, its quota, the file size limit and accepted types' })
  @ApiOkResponse({ type: MediaUsageDto })
  async usage(@AgencyCtx() ctx: AgencyContext): Promise<MediaUsageDto> {
    return {
      usedBytes: await this.uploads.usedBytes(ctx.scope),
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
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description:
      'The server is restarting: the upload was ended and nothing of it kept; upload again (see Retry-After)',
  })
  async upload(@AgencyCtx() ctx: AgencyContext, @Upload() upload: UploadExchange): Promise<UploadResultDto> {
    const result = await this.uploads.receive(ctx, upload, { purpose: 'library', clientField: true });
    return { stored: await this.views.build(ctx, result.stored), rejected: result.rejected };
  }

  @Get(':mediaId')
  @ApiOperation({ summary: 'One library file' })
  @ApiOkResponse({ type: MediaAssetDto })
  get(@AgencyCtx() ctx: AgencyContext, @Param('mediaId', uuid) mediaId: string): Promise<MediaAssetDto> {
    return this.library.view(ctx, mediaId);
  }

  @Delete(':mediaId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a library file (not while a post that has not gone out uses it)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Attached to a post that has not gone out' })
  remove(@AgencyCtx() ctx: AgencyContext, @Param('mediaId', uuid) mediaId: string): Promise<void> {
    return this.library.remove(ctx, mediaId);
  }
}
