import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { ContractTemplateLayout } from '@atrium/shared';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ContractDraftsService } from './contract-drafts.service';
import { ContractFieldInputDto, ContractTemplateListDto, ReminderSettingsDto } from './dto/contracts.dto';

const uuid = new ParseUUIDPipe();

class TemplateSlotDto {
  @ApiProperty({ enum: ['signer', 'approver', 'copy'] }) role!: 'signer' | 'approver' | 'copy';
  @ApiProperty() step!: number;
}

class ContractTemplateLayoutDto implements ContractTemplateLayout {
  @ApiProperty({ type: [TemplateSlotDto] }) slots!: TemplateSlotDto[];
  @ApiProperty({ type: [ContractFieldInputDto], description: '`recipientIndex` names a slot' })
  fields!: ContractFieldInputDto[];
  @ApiProperty({ nullable: true, type: ReminderSettingsDto }) reminders!: ReminderSettingsDto | null;
}

/** Saved documents with their field layout, to start contracts from (the agency's, never a client's). */
@ApiTags('contracts')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/contract-templates')
@AgencyRoute()
export class ContractTemplatesController {
  constructor(private readonly drafts: ContractDraftsService) {}

  @Get()
  @ApiOperation({ summary: 'Templates, by name' })
  @ApiOkResponse({ type: ContractTemplateListDto })
  list(@AgencyCtx() ctx: AgencyContext): Promise<ContractTemplateListDto> {
    return this.drafts.templates(ctx);
  }

  @Get(':templateId')
  @ApiOperation({ summary: "A template's recipient slots and field layout" })
  @ApiOkResponse({ type: ContractTemplateLayoutDto })
  layout(
    @AgencyCtx() ctx: AgencyContext,
    @Param('templateId', uuid) templateId: string,
  ): Promise<ContractTemplateLayoutDto> {
    return this.drafts.templateLayout(ctx, templateId);
  }

  @Delete(':templateId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a template (contracts started from it keep their copy)' })
  @ApiNoContentResponse()
  remove(@AgencyCtx() ctx: AgencyContext, @Param('templateId', uuid) templateId: string): Promise<void> {
    return this.drafts.deleteTemplate(ctx, templateId);
  }
}
