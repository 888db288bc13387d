import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../core/auth/context.decorator';
import type { RequestContext } from '../../core/auth/request-context';
import { SignedIn } from '../../core/auth/route-policy';
import { MeDto } from '../auth/dto/session.dto';
import { MeService } from './me.service';

@ApiTags('me')
@Controller('v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'The signed-in user, their agency, role and (for client users) clients',
  })
  @ApiOkResponse({ type: MeDto })
  get(@Ctx() context: RequestContext): Promise<MeDto> {
    return this.me.describe(context);
  }
}
