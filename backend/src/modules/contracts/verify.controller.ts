import { BadRequestException, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Meta } from '../../core/auth/context.decorator';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { TenantData } from '../../core/tenancy/tenant-data';
import { Upload, type UploadExchange } from '../media/upload-exchange';
import { readRequestBody, sha256Hex } from './contract-files';
import { ContractVerificationDto } from './dto/contracts.dto';
import { Contract } from './entities/contract.entity';

/**
 * The public verification page's API: is this file (or this SHA-256) a completed contract of this
 * installation, unchanged? The answer names only the title and the completion date.
 */
@ApiTags('public')
@Controller('v1/public/contracts/verify')
@Public()
export class VerifyController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly rateLimits: RateLimitService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check a PDF (the request body): is it a completed contract of this installation?' })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ContractVerificationDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'Larger than any contract this installation makes' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many checks from this address' })
  async verifyFile(@Meta() meta: RequestMeta, @Upload() upload: UploadExchange): Promise<ContractVerificationDto> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.verifyDocumentPerIp, subject: meta.ip }]);
    // A sealed copy is its original plus a few pages: twice the upload limit is plenty.
    const bytes = await readRequestBody(upload.request, this.config.contracts.maxFileBytes * 2 + 5 * 1024 * 1024);
    return this.lookup(sha256Hex(bytes));
  }

  @Get(':sha256')
  @ApiOperation({ summary: 'Check a SHA-256 (64 hex characters) of a PDF' })
  @ApiOkResponse({ type: ContractVerificationDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Not a SHA-256 in hex' })
  async verifyHash(@Meta() meta: RequestMeta, @Param('sha256') sha256: string): Promise<ContractVerificationDto> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.verifyDocumentPerIp, subject: meta.ip }]);
    if (!/^[0-9a-fA-F]{64}$/.test(sha256)) {
      throw new BadRequestException('A SHA-256 is 64 hexadecimal characters (0–9, a–f).');
    }
    return this.lookup(sha256.toLowerCase());
  }

  private async lookup(sha256: string): Promise<ContractVerificationDto> {
    const contract = await this.tenant
      .unscoped('public verification: a hash of any agency’s sealed contract; only title and date are answered')
      .getRepository(Contract)
      .findOne({
        select: { title: true, completedAt: true },
        where: { finalSha256: sha256, status: 'completed', sealState: 'sealed' },
      });
    return {
      match: contract !== null,
      title: contract?.title ?? null,
      completedAt: contract?.completedAt?.toISOString() ?? null,
      sha256,
    };
  }
}
