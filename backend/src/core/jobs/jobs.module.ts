import { BullModule, getQueueToken } from '@nestjs/bull';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Queue } from 'bull';
import type { AppConfig } from '../../config/app-config';
import { AtriumMetrics } from '../metrics/atrium-metrics';
import { BullConnections } from './bull-connections';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobName, JobQueue, JOBS, QUEUE_PREFIX } from './job-queue';
import type { JobTimer } from './job-timing';

const JOB_NAMES = Object.values(JOBS) as JobName[];

/** Job durations go to the metrics only where someone can scrape them. */
function jobTimer(metrics: AtriumMetrics): JobTimer | null {
  return metrics.exposed ? (queue, outcome, seconds) => metrics.observeJob(queue, outcome, seconds) : null;
}

/** Bull on Redis when REDIS_URL is set (one queue per job kind); otherwise the same processors run in this process. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.redisUrl) {
      return {
        module: JobsModule,
        providers: [
          {
            provide: JobQueue,
            inject: [AtriumMetrics],
            useFactory: (metrics: AtriumMetrics) => new InProcessJobQueue(undefined, jobTimer(metrics)),
          },
        ],
        exports: [JobQueue],
      };
    }
    const connections = new BullConnections(config.redisUrl);
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({ prefix: QUEUE_PREFIX, createClient: connections.createClient }),
        BullModule.registerQueue(...JOB_NAMES.map((name) => ({ name }))),
      ],
      providers: [
        {
          provide: JobQueue,
          inject: [AtriumMetrics, ...JOB_NAMES.map((name) => getQueueToken(name))],
          useFactory: (metrics: AtriumMetrics, ...queues: Queue[]) =>
            new BullJobQueue(
              new Map(JOB_NAMES.map((name, i) => [name, queues[i]])),
              config.runWorkers,
              connections,
              jobTimer(metrics),
            ),
        },
      ],
      exports: [JobQueue],
    };
  }
}
