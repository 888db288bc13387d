import { Global, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { LimiterFactory } from './limiter-factory';
import { LoginThrottle } from './login-throttle';
import { RateLimitService } from './rate-limit.service';

@Global()
@Module({
  providers: [
    {
      provide: LimiterFactory,
      inject: [REDIS],
      useFactory: (redis: Redis | null) => new LimiterFactory(redis),
    },
    RateLimitService,
    LoginThrottle,
  ],
  exports: [RateLimitService, LoginThrottle],
})
export class RateLimitModule {}
