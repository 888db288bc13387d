import { Controller, ForbiddenException, Get, NotFoundException, Query, Req } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto, MessageDto } from '../../core/http/api-error.dto';
import { requestHostname } from './hostname';
import { PortalHostsService } from './portal-hosts.service';

/**
 * Caddy's on-demand TLS `ask`: before getting a certificate for a name it has never seen, the
 * proxy asks whether that name is one of ours. Yes (200) only for an agency's active custom domain
 * (or one failing within its grace period); anything else 404, so nobody can make the proxy
 * request certificates for names pointed at it at random. One indexed lookup, no DNS or network.
 *
 * Loopback only: the proxy runs beside the backend (see docker-compose.yml). The TCP peer is
 * checked, not `request.ip`, so X-Forwarded-For cannot fake it even with TRUST_PROXY on; anyone
 * else gets 403 and learns nothing about which domains exist.
 */
@ApiTags('internal')
@Controller('internal')
export class TlsAskController {
  constructor(private readonly hosts: PortalHostsService) {}

  @Get('tls-ask')
  @Public()
  @ApiOperation({ summary: 'On-demand TLS: may the local proxy get a certificate for this name? (loopback only)' })
  @ApiQuery({ name: 'domain', example: 'portal.example.com' })
  @ApiOkResponse({ type: MessageDto, description: 'An active custom domain: a certificate may be issued' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Not an active custom domain' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'The caller is not on this machine' })
  async ask(@Req() request: FastifyRequest, @Query('domain') domain: unknown): Promise<MessageDto> {
    if (!isLoopback(request.socket.remoteAddress)) {
      throw new ForbiddenException('Only the TLS proxy on this machine may ask this.');
    }
    const hostname = typeof domain === 'string' ? requestHostname(domain) : null;
    const served = hostname ? await this.hosts.servedAt(hostname) : null;
    if (!served) throw new NotFoundException('Not an active custom domain.');
    return { message: 'Active custom domain.' };
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}
