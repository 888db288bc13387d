import { BullModule, getQueueToken } from '@nestjs/bull';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Queue } from 'bull';
import type { AppConfig } from '../../config/app-config';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue, QUEUE_NAME } from './job-queue';

/** Bull on Redis when REDIS_URL is set; otherwise the same processors run in this process. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.redisUrl) {
      return {
        module: JobsModule,
        providers: [{ provide: JobQueue, useFactory: () => new InProcessJobQueue() }],
        exports: [JobQueue],
      };
    }
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({ redis: config.redisUrl, prefix: 'atrium' }),
        BullModule.registerQueue({ name: QUEUE_NAME }),
      ],
      providers: [
        {
          provide: JobQueue,
          inject: [getQueueToken(QUEUE_NAME)],
          useFactory: (queue: Queue) => new BullJobQueue(queue, config.runWorkers),
        },
      ],
      exports: [JobQueue],
    };
  }
}
