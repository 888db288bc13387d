import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { BrandingService } from './branding.service';
import { PublicBrandDto } from './dto/branding.dto';

/** The brand of the portal a client user is signed in to: always their own agency's. */
@ApiTags('portal')
@Controller('v1/portal/brand')
export class PortalBrandingController {
  constructor(private readonly branding: BrandingService) {}

  @Get()
  @PortalRoute()
  @ApiOperation({ summary: "The brand of the caller's agency (public fields only), for the portal shell" })
  @ApiOkResponse({ type: PublicBrandDto })
  brand(@ClientCtx() ctx: ClientContext): Promise<PublicBrandDto> {
    return this.branding.publicBrand(ctx.scope.agencyId);
  }
}
