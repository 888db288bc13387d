import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import type { EntityManager } from 'typeorm';
import type { HealthResponse } from '@atrium/shared';
import { Public } from '../auth/route-policy';
import { JobQueue } from '../jobs/job-queue';
import { FileStorage } from '../storage/file-storage';
import { REDIS } from '../redis/redis.module';
import { TenantData } from '../tenancy/tenant-data';
import { ShutdownState } from './shutdown-state';

class HealthCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ required: false }) detail?: string;
}
class HealthDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiPropertyOptional({
    type: 'object',
    description: 'Readiness only: one entry per dependency (database, redis, queue, storage)',
    additionalProperties: {
      type: 'object',
      properties: { status: { type: 'string' }, detail: { type: 'string' } },
    },
  })
  checks?: Record<string, HealthCheckDto>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly shutdown: ShutdownState,
  ) {
    this.db = tenant.unscoped('health: pings the database, no tenant data');
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP (also while it drains on shutdown)' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: database, Redis (when configured), the job queue and file storage answer',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'At least one dependency is down, or the instance is shutting down (draining)',
  })
  async ready(@Res({ passthrough: true }) response: FastifyReply): Promise<HealthDto> {
    if (this.shutdown.draining) {
      // From the first moment of a shutdown: no new traffic here, while in-flight requests finish.
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'error', checks: { shutdown: { status: 'down', detail: 'draining: shutting down' } } };
    }
    const checks: Record<string, HealthCheckDto> = {
      database: await check(async () => {
        await this.db.query('SELECT 1');
        return this.db.connection.options.type;
      }),
    };
    if (this.redis) {
      const redis = this.redis;
      checks['redis'] = await check(async () => String(await redis.ping()));
    }
    checks['queue'] = await this.jobs.health();
    checks['storage'] = await this.storage.health();
    const ok = Object.values(checks).every((c) => c.status === 'up');
    if (!ok) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', checks };
  }
}

async function check(probe: () => Promise<string>): Promise<HealthCheckDto> {
  try {
    const detail = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 2000)),
    ]);
    return { status: 'up', detail };
  } catch (error) {
    return {
      status: 'down',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
