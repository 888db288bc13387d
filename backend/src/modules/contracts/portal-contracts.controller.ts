import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseEnumPipe,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { CONTRACT_FILES, sendPdf, type ContractFileKind } from './contract-downloads';
import { ContractDto, ContractListDto, ReasonDto, SignContractDto } from './dto/contracts.dto';
import { PortalContractsService } from './portal-contracts.service';

const uuid = new ParseUUIDPipe();
const fileKind = new ParseEnumPipe(Object.fromEntries(CONTRACT_FILES.map((k) => [k, k])));

/**
 * Portal › Contracts (contracts.sign): what awaits my signature first, then the rest; open one,
 * sign or approve it when it is my turn, decline it with a reason, download the signed copy.
 */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, another client’s contract, or one not sent to me' })
@Controller('v1/portal/contracts')
@PortalRoute('contracts.sign')
export class PortalContractsController {
  constructor(private readonly contracts: PortalContractsService) {}

  @Get()
  @ApiOperation({ summary: 'Contracts sent to me (client admins: to anyone of the client); mine to sign first' })
  @ApiOkResponse({ type: ContractListDto })
  list(@ClientCtx() ctx: ClientContext): Promise<ContractListDto> {
    return this.contracts.list(ctx);
  }

  @Get(':contractId')
  @ApiOperation({ summary: 'One contract: its recipients and fields (opening it is recorded)' })
  @ApiOkResponse({ type: ContractDto })
  get(@ClientCtx() ctx: ClientContext, @Param('contractId', uuid) contractId: string): Promise<ContractDto> {
    return this.contracts.view(ctx, contractId);
  }

  @Get(':contractId/files/:kind')
  @ApiOperation({ summary: 'The document, the signed copy and its certificate (once complete), or the voided copy' })
  @ApiParam({ name: 'kind', enum: CONTRACT_FILES })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, as an attachment', schema: { type: 'string', format: 'binary' } })
  async file(
    @ClientCtx() ctx: ClientContext,
    @Param('contractId', uuid) contractId: string,
    @Param('kind', fileKind) kind: ContractFileKind,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.contracts.file(ctx, contractId, kind);
    sendPdf(reply, file.bytes, file.filename);
  }

  @Post(':contractId/sign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign: fill my fields (signature, initials, text, checkboxes) when it is my turn' })
  @ApiOkResponse({ type: ContractDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not my turn yet, or the contract is over' })
  sign(
    @ClientCtx() ctx: ClientContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: SignContractDto,
  ): Promise<ContractDto> {
    return this.contracts.sign(ctx, contractId, dto);
  }

  @Post(':contractId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve (for approvers) when it is my turn' })
  @ApiOkResponse({ type: ContractDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not my turn yet, or the contract is over' })
  approve(@ClientCtx() ctx: ClientContext, @Param('contractId', uuid) contractId: string): Promise<ContractDto> {
    return this.contracts.approve(ctx, contractId);
  }

  @Post(':contractId/decline')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Decline, saying why: the contract stops and everyone involved is told' })
  @ApiOkResponse({ type: ContractDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already signed, or the contract is over' })
  decline(
    @ClientCtx() ctx: ClientContext,
    @Param('contractId', uuid) contractId: string,
    @Body() dto: ReasonDto,
  ): Promise<ContractDto> {
    return this.contracts.decline(ctx, contractId, dto.reason);
  }
}
