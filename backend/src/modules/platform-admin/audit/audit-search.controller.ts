import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OperatorRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { AuditPageDto, AuditSearchQueryDto } from './audit-search.dto';
import { AuditSearchService } from './audit-search.service';

@ApiTags('admin: audit log')
@Controller('v1/admin/audit')
@OperatorRoute()
export class AuditSearchController {
  constructor(private readonly audit: AuditSearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the audit log across agencies (actor, action, target, agency, time), newest first',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A filter or the cursor is not valid' })
  search(@Query() query: AuditSearchQueryDto): Promise<AuditPageDto> {
    return this.audit.search({ ...query, limit: query.limit ?? 50 });
  }
}
