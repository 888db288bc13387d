import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BRAND_IMAGE_SLOTS } from '@atrium/shared';
import { Meta } from '../../core/auth/context.decorator';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { BrandImagesService } from './brand-images.service';
import { isBrandImageSlot } from './branding-rows';
import { BrandingService } from './branding.service';
import { PublicBrandDto, PublicBrandQueryDto } from './dto/branding.dto';

/**
 * What a branded sign-in page needs before anyone signs in: the public brand fields and the
 * brand's images. Nothing about the agency's people or clients is reachable from here.
 */
@ApiTags('branding')
@ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many requests from this address' })
@Controller('v1/public')
@Public()
export class PublicBrandController {
  constructor(
    private readonly branding: BrandingService,
    private readonly images: BrandImagesService,
    private readonly rateLimits: RateLimitService,
  ) {}

  @Get('brand')
  @ApiOperation({
    summary: "The public brand of a sign-in address slug or, without one, of the request's active custom domain",
  })
  @ApiOkResponse({ type: PublicBrandDto })
  @ApiNotFoundResponse({
    type: ApiErrorDto,
    description: 'No agency has this slug, or the host is not an active domain',
  })
  async brand(@Query() query: PublicBrandQueryDto, @Meta() meta: RequestMeta): Promise<PublicBrandDto> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.publicBrandPerIp, subject: meta.ip }]);
    return query.slug !== undefined
      ? this.branding.publicBrandForSlug(query.slug)
      : this.branding.publicBrandForPortalHost(meta.portalHost ?? null);
  }

  @Get('brand-images/:slug/:slot/:version')
  @ApiOperation({ summary: 'A brand image (PNG); cacheable for good, its URL changes with the image' })
  @ApiParam({ name: 'slot', enum: BRAND_IMAGE_SLOTS })
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'The image', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown agency or slot, or not the current image' })
  async image(
    @Param('slug') slug: string,
    @Param('slot') slot: string,
    @Param('version') version: string,
    @Meta() meta: RequestMeta,
    @Res() response: FastifyReply,
  ): Promise<void> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.brandImagePerIp, subject: meta.ip }]);
    if (!isBrandImageSlot(slot)) throw new NotFoundException('Image not found');
    // Opened before any header is set, so a missing image still answers with a clean error.
    const file = await this.images.open(slug, slot, version);
    response.header('Content-Type', file.mimeType);
    response.header('Cache-Control', 'public, max-age=31536000, immutable');
    response.header('X-Content-Type-Options', 'nosniff');
    response.header('Content-Security-Policy', "default-src 'none'; sandbox");
    // Shown on the agency's own domain and in emails, not only on the installation's pages.
    response.header('Cross-Origin-Resource-Policy', 'cross-origin');
    // Fastify streams the image out; a client that goes away mid-download just ends the stream.
    await response.send(file.body);
  }
}
