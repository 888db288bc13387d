import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentOperator } from '../../../core/auth/operator-authenticator';
import type { OperatorContext } from '../../../core/auth/request-context';
import { OperatorRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { AgencyDeletionDto, DeleteAgencyDto } from './agency-data.dto';
import { AgencyDeletionService } from './agency-deletion.service';
import { AgencyExportService } from './agency-export.service';

/** An agency's data for data-protection requests: all of it as a zip, or gone for good. */
@ApiTags('admin: agency data')
@Controller('v1/admin/agencies')
@OperatorRoute()
export class AgencyDataController {
  constructor(
    private readonly exports: AgencyExportService,
    private readonly deletions: AgencyDeletionService,
  ) {}

  @Get(':id/export')
  @ApiOperation({
    summary: "Export an agency's data as a zip (rows as JSON, its files, a manifest)",
    description:
      '`manifest.json` (the agency, when, row counts per table, file count and bytes, what was left out), ' +
      '`rows/<table>.json` for every table holding its data, `files/<storage key>` for every file. ' +
      'Credentials and sealed secrets are left out. Streamed; audited.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The zip', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No agency has this id' })
  async export(
    @Param('id') id: string,
    @CurrentOperator() operator: OperatorContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { filename, zip } = await this.exports.open(id, operator);
    await reply
      .header('Content-Type', 'application/zip')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      // The slug is lower-case letters, digits and dashes: the name needs no quoting beyond this.
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .send(zip);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete an agency with all its rows and files (confirm with its slug)',
    description:
      'Every row of the agency in every table and every file it stored are deleted; its users are signed out at ' +
      'once. The audit entry of the deletion remains (no agency; its id, name and slug in the details).',
  })
  @ApiOkResponse({ type: AgencyDeletionDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: "confirm is not the agency's slug; nothing was deleted" })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No agency has this id' })
  delete(
    @Param('id') id: string,
    @Body() dto: DeleteAgencyDto,
    @CurrentOperator() operator: OperatorContext,
  ): Promise<AgencyDeletionDto> {
    return this.deletions.delete(id, dto.confirm, operator);
  }
}
