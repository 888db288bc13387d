import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { FileStorage } from '../../core/storage/file-storage';
import { TenantData } from '../../core/tenancy/tenant-data';
import { Upload, type UploadExchange } from '../media/upload-exchange';
import { ContractDraftsService } from './contract-drafts.service';
import { CONTRACT_FILES, contractFile, sendPdf, type ContractFileKind } from './contract-downloads';
import { eventView } from './contract-events';
import { readRequestBody, readStored } from './contract-files';
import { ContractFlowService } from './contract-flow.service';
import { findContract } from './contract-records';
import { ContractSealingService } from './contract-sealing.service';
import { ParseEnumPipe } from '@nestjs/common';
import {
  ContractDraftDto,
  ContractDto,
  ContractEventListDto,
  ContractListDto,
  ContractListQueryDto,
  ContractTemplateDto,
  CreateFromTemplateDto,
  ReasonDto,
  RemindDto,
  SaveTemplateDto,
  SignContractDto,
  UploadContractQueryDto,
} from './dto/contracts.dto';
import { ContractEvent } from './entities/contract-event.entity';
import { actorOf } from './portal-contracts.service';
import { ClientsAccess } from './clients-access';

const uuid = new ParseUUIDPipe();
const fileKind = new ParseEnumPipe(Object.fromEntries(CONTRACT_FILES.map((k) => [k, k])));

/**
 * The agency's contracts (plan entitlement `contracts`; owners, admins and members): upload, lay
 * out, send, follow, void, remind, download; and sign as a countersigner when named one.
 */
@ApiTags('contracts')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/contracts')
@AgencyRoute()
export class ContractsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly drafts: ContractDraftsService,
    private readonly flow: ContractFlowService,
    private readonly sealing: ContractSealingService,
    private readonly clients: ClientsAccess,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Contracts, most recently changed first; filter by client or status' })
  @ApiOkResponse({ type: ContractListDto })
  list(@AgencyCtx() ctx: AgencyContext, @Query() query: ContractListQueryDto): Promise<ContractListDto> {
    return this.drafts.list(ctx, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Start a contract from a PDF (the request body), for a client',
    description:
      'The body is the PDF itself (`Content-Type: application/pdf`). Password-protected, damaged and non-PDF files are refused with a reason, as are files over the size or page limits (see `limits` in the list).',
  })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: ContractDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Not a PDF, password-protected, damaged, or too many pages',
  })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'Larger than CONTRACT_MAX_FILE_MB' })
  async upload(
    @AgencyCtx() ctx: AgencyContext,
    @Query() query: UploadContractQueryDto,
    @Upload() upload: UploadExchange,
  ): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await this.tenant.liveClient(ctx.scope, query.clientId);
    const pdf = await readRequestBody(upload.request, this.config.contracts.maxFileBytes);
    return this.drafts.createFromUpload(ctx, query.clientId, query.title ?? '', pdf);
  }

  @Post('from-template')
  @ApiOperation({ summary: 'Start a contract from a saved template (then choose its recipients)' })
  @ApiCreatedResponse({ type: ContractDto })
  fromTemplate(@AgencyCtx() ctx: AgencyContext, @Body() dto: CreateFromTemplateDto): Promise<ContractDto> {
    return this.drafts.createFromTemplate(ctx, dto);
  }

  @Get(':contractId')
  @ApiOperation({ summary: 'One contract with its recipients and fields' })
  @ApiOkResponse({ type: ContractDto })
  get(@AgencyCtx() ctx: AgencyContext, @Param('contractId', uuid) contractId: string): Promise<ContractDto> {
    return this.drafts.view(ctx, contractId);
  }

  @Put(':contractId')
  @ApiOperation({ summary: 'Save a draft: title, message, expiry, reminders, recipients and fields (replaced whole)' })
  @ApiOkResponse({ type: ContractDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already sent' })
  save(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: ContractDraftDto,
  ): Promise<ContractDto> {
    return this.drafts.saveDraft(ctx, contractId, dto);
  }

  @Delete(':contractId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a draft (sent contracts are voided instead)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not a draft' })
  remove(@AgencyCtx() ctx: AgencyContext, @Param('contractId', uuid) contractId: string): Promise<void> {
    return this.drafts.remove(ctx, contractId);
  }

  @Post(':contractId/send')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send the draft: the first step’s signers and approvers get it by email' })
  @ApiOkResponse({ type: ContractDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Not ready: what is missing is listed' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already sent' })
  async send(@AgencyCtx() ctx: AgencyContext, @Param('contractId', uuid) contractId: string): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await this.flow.send(actorOf(ctx), contractId, (clientId) => this.clients.allowsSigning(ctx.scope, clientId));
    return this.drafts.view(ctx, contractId);
  }

  @Post(':contractId/void')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Void a sent contract, saying why: everyone it reached is told; a stamped copy is kept' })
  @ApiOkResponse({ type: ContractDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'A draft, or already completed, declined, voided or expired' })
  async void(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: ReasonDto,
  ): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    const { contract } = await this.flow.void(actorOf(ctx), contractId, dto.reason);
    await this.sealing.stampVoided(contract);
    return this.drafts.view(ctx, contractId);
  }

  @Post(':contractId/remind')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Email the contract again to those whose turn it is (or to one of them)' })
  @ApiOkResponse({ type: ContractDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not waiting for signatures, or not that recipient’s turn' })
  async remind(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: RemindDto,
  ): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await this.flow.remind(actorOf(ctx), contractId, dto.recipientId);
    return this.drafts.view(ctx, contractId);
  }

  @Post(':contractId/seal')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Make the sealed copy again after it failed' })
  @ApiOkResponse({ type: ContractDto })
  async seal(@AgencyCtx() ctx: AgencyContext, @Param('contractId', uuid) contractId: string): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await findContract(this.tenant, ctx.scope, contractId);
    await this.sealing.retry(ctx.scope, contractId);
    return this.drafts.view(ctx, contractId);
  }

  @Get(':contractId/events')
  @ApiOperation({ summary: 'The activity timeline (the audit trail), oldest first, with IP and user agent' })
  @ApiOkResponse({ type: ContractEventListDto })
  async events(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
  ): Promise<ContractEventListDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await findContract(this.tenant, ctx.scope, contractId);
    const events = await this.tenant.listOwned(ctx.scope, ContractEvent, {
      where: { contractId },
      order: { sequence: 'ASC' },
    });
    return { items: events.map((e) => eventView(e, true)) };
  }

  @Get(':contractId/files/:kind')
  @ApiOperation({ summary: 'Download the original, the signed copy, its signing certificate, or the voided copy' })
  @ApiParam({ name: 'kind', enum: CONTRACT_FILES })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, as an attachment', schema: { type: 'string', format: 'binary' } })
  async file(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
    @Param('kind', fileKind) kind: ContractFileKind,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.drafts.assertEntitled(ctx.scope);
    const contract = await findContract(this.tenant, ctx.scope, contractId);
    const file = contractFile(contract, kind);
    const bytes = await readStored(this.storage, file.key);
    if (kind !== 'original') await this.flow.downloaded(actorOf(ctx), contract, `Downloaded the ${kind} copy`);
    sendPdf(reply, bytes, file.filename);
  }

  @Post(':contractId/template')
  @ApiOperation({ summary: 'Save the document with its fields as a template' })
  @ApiCreatedResponse({ type: ContractTemplateDto })
  saveTemplate(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: SaveTemplateDto,
  ): Promise<ContractTemplateDto> {
    return this.drafts.saveAsTemplate(ctx, contractId, dto.name);
  }

  // ---- Countersigning (an agency user named as a recipient) ---------------------------------

  @Post(':contractId/sign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign as the agency’s countersigner (your own fields, when it is your turn)' })
  @ApiOkResponse({ type: ContractDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not your turn, or the contract is over' })
  async sign(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: SignContractDto,
  ): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await this.flow.sign(actorOf(ctx), contractId, dto);
    return this.drafts.view(ctx, contractId);
  }

  @Post(':contractId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve as the agency’s approver, when it is your turn' })
  @ApiOkResponse({ type: ContractDto })
  async approve(@AgencyCtx() ctx: AgencyContext, @Param('contractId', uuid) contractId: string): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await this.flow.approve(actorOf(ctx), contractId);
    return this.drafts.view(ctx, contractId);
  }

  @Post(':contractId/decline')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Decline as a recipient, saying why: the contract stops and everyone involved is told' })
  @ApiOkResponse({ type: ContractDto })
  async decline(
    @AgencyCtx() ctx: AgencyContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: ReasonDto,
  ): Promise<ContractDto> {
    await this.drafts.assertEntitled(ctx.scope);
    await this.flow.decline(actorOf(ctx), contractId, dto.reason);
    return this.drafts.view(ctx, contractId);
  }
}
