import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import type { DevMailboxEntry } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Public } from '../auth/route-policy';
import { ApiErrorDto } from '../http/api-error.dto';
import { OutboxEmail } from './outbox-email.entity';
import { TenantData } from '../tenancy/tenant-data';

class DevMailboxEntryDto implements DevMailboxEntry {
  @ApiProperty() id!: string;
  @ApiProperty() to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ example: 'captured' }) status!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() text!: string;
  @ApiProperty() html!: string;
}

/**
 * The development mailbox: with no SMTP server configured, every email Atrium would have sent is
 * readable here, so a newcomer can follow sign-up and reset flows. It does not exist (404) as soon
 * as SMTP is configured, with DEV_MAILBOX=false, in production, or for a browser on another machine.
 */
@ApiTags('dev')
@Controller('v1/dev/mailbox')
export class DevMailboxController {
  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
  ) {
    this.db = tenant.unscoped('dev mailbox: the captured outbox of the whole installation, for its operator');
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: 'List captured emails, newest first (only without SMTP)',
  })
  @ApiOkResponse({ type: [DevMailboxEntryDto] })
  @ApiNotFoundResponse({
    type: ApiErrorDto,
    description: 'SMTP is configured: there is no captured mailbox',
  })
  async list(@Req() request: FastifyRequest): Promise<DevMailboxEntry[]> {
    this.assertEnabled(request);
    const rows = await this.db.getRepository(OutboxEmail).find({
      where: { status: 'captured' },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return rows.map(toEntry);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'Read one captured email (only without SMTP)' })
  @ApiOkResponse({ type: DevMailboxEntryDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async get(@Req() request: FastifyRequest, @Param('id', new ParseUUIDPipe()) id: string): Promise<DevMailboxEntry> {
    this.assertEnabled(request);
    const row = await this.db.getRepository(OutboxEmail).findOneBy({ id, status: 'captured' });
    if (!row) throw new NotFoundException('Email not found');
    return toEntry(row);
  }

  /**
   * Captured emails hold sign-in links of every agency, so they are only shown to a browser on the
   * machine that runs Atrium (the socket's address, which no proxy header can fake).
   */
  private assertEnabled(request: FastifyRequest): void {
    if (!this.config.devMailbox || !isLoopback(request.socket.remoteAddress)) {
      throw new NotFoundException('There is no captured mailbox on this server');
    }
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

function toEntry(row: OutboxEmail): DevMailboxEntry {
  return {
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    text: row.textBody,
    html: row.htmlBody,
  };
}
