import { Body, Controller, Delete, Get, NotFoundException, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Upload, type UploadExchange } from '../media/upload-exchange';
import { BRAND_IMAGE_SLOTS, type BrandImageSlot } from '@atrium/shared';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { BrandImagesService } from './brand-images.service';
import { isBrandImageSlot } from './branding-rows';
import { BrandingService } from './branding.service';
import { BrandImageBodyDto, BrandingResponseDto, ChangeSlugDto, UpdateBrandingDto } from './dto/branding.dto';

/** Settings > Branding: every agency user reads it; owners and admins change it. */
@ApiTags('branding')
@Controller('v1/branding')
export class BrandingController {
  constructor(
    private readonly branding: BrandingService,
    private readonly images: BrandImagesService,
  ) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({ summary: "The agency's brand, sign-in address and portal URL (canEdit is false for members)" })
  @ApiOkResponse({ type: BrandingResponseDto })
  view(@AgencyCtx() ctx: AgencyContext): Promise<BrandingResponseDto> {
    return this.branding.view(ctx.scope);
  }

  @Put()
  @AgencyRoute('owner', 'admin')
  @ApiOperation({ summary: 'Change brand settings (fields left out stay as they are; empty text clears a field)' })
  @ApiOkResponse({ type: BrandingResponseDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Invalid fields, or hiding "powered by" on a plan without it',
  })
  update(@AgencyCtx() ctx: AgencyContext, @Body() dto: UpdateBrandingDto): Promise<BrandingResponseDto> {
    return this.branding.update(ctx, dto);
  }

  @Put('slug')
  @AgencyRoute('owner', 'admin')
  @ApiOperation({ summary: 'Change the sign-in address slug (/a/<slug>/login); allowed once' })
  @ApiOkResponse({ type: BrandingResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Not a valid slug' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Taken by another agency, or already changed once' })
  changeSlug(@AgencyCtx() ctx: AgencyContext, @Body() dto: ChangeSlugDto): Promise<BrandingResponseDto> {
    return this.branding.changeSlug(ctx, dto.slug);
  }

  @Put('images/:slot')
  @AgencyRoute('owner', 'admin')
  @ApiOperation({
    summary: 'Set a brand image (multipart, one image in a part named "file"); it is resized for its slot as a PNG',
  })
  @ApiParam({ name: 'slot', enum: BRAND_IMAGE_SLOTS })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: BrandImageBodyDto })
  @ApiOkResponse({ type: BrandingResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'No image, an SVG, or a file that is not an image' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown slot' })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description:
      'The server is restarting: the upload was ended and nothing of it kept; upload again (see Retry-After)',
  })
  async uploadImage(
    @AgencyCtx() ctx: AgencyContext,
    @Param('slot') slot: string,
    @Upload() upload: UploadExchange,
  ): Promise<BrandingResponseDto> {
    await this.images.upload(ctx, slotOf(slot), upload);
    return this.branding.view(ctx.scope);
  }

  @Delete('images/:slot')
  @AgencyRoute('owner', 'admin')
  @ApiOperation({ summary: 'Remove a brand image' })
  @ApiParam({ name: 'slot', enum: BRAND_IMAGE_SLOTS })
  @ApiOkResponse({ type: BrandingResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown slot' })
  async removeImage(@AgencyCtx() ctx: AgencyContext, @Param('slot') slot: string): Promise<BrandingResponseDto> {
    await this.images.remove(ctx, slotOf(slot));
    return this.branding.view(ctx.scope);
  }
}

function slotOf(value: string): BrandImageSlot {
  if (!isBrandImageSlot(value)) {
    throw new NotFoundException(`There is no image "${value}": use ${BRAND_IMAGE_SLOTS.join(', ')}.`);
  }
  return value;
}
