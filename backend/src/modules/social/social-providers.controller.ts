import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../../core/auth/route-policy';
import { SocialProviderDto } from './dto/social.dto';
import { ProviderRegistry } from './providers/provider-registry';

/** The platforms people can connect accounts of. */
@ApiTags('social accounts')
@Controller('v1/social')
export class SocialProvidersController {
  constructor(private readonly registry: ProviderRegistry) {}

  @Get('providers')
  @SignedIn()
  @ApiOperation({ summary: 'Platforms this installation offers (those with credentials configured)' })
  @ApiOkResponse({ type: [SocialProviderDto] })
  providers(): SocialProviderDto[] {
    return this.registry.offered();
  }
}
