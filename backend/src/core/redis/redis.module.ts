import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { createRedisClient } from './redis-client';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

/** A shared ioredis client when REDIS_URL is set, else `null` (the embedded default). */
@Global()
@Module({})
export class RedisModule {
  static forRoot(config: AppConfig): DynamicModule {
    const provider = {
      provide: REDIS,
      useFactory: () =>
        config.redisUrl
          ? createRedisClient('shared', config.redisUrl, {
              maxRetriesPerRequest: 2,
              enableOfflineQueue: true,
            })
          : null,
    };
    return {
      module: RedisModule,
      providers: [provider, RedisCloser],
      exports: [REDIS],
    };
  }
}
