import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** Every metric Atrium exports starts with this, process metrics included. */
export const METRIC_PREFIX = 'atrium_';

/** The route label of a request no route matched, so stray URLs cannot blow up the series count. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Atrium's own Prometheus registry (never prom-client's global one, so several applications in one
 * process, as in the tests, keep their numbers apart) and the metrics that are observed as things
 * happen. The ones read on each scrape are in MetricsGauges.
 */
@Injectable()
export class AtriumMetrics {
  readonly registry = new Registry();
  /** Whether anything can read these (METRICS_PORT or METRICS_TOKEN): otherwise nothing is measured. */
  readonly exposed: boolean;

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to its answer, by method, route pattern (never the raw URL; "unmatched" when no route matched) and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: `${METRIC_PREFIX}job_duration_seconds`,
    help: 'Time one attempt of a background job took in this process, by queue and outcome (completed, or failed: it threw, and may be retried)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.exposed = config.metrics.port !== null || config.metrics.token !== null;
    // Process metrics (CPU, memory, event loop lag, GC) start observers that live as long as the
    // process: only worth it where someone scrapes them.
    if (this.exposed) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  /** A job attempt's duration; the queue calls it around every handler it runs (core/jobs). */
  observeJob(queue: string, outcome: 'completed' | 'failed', seconds: number): void {
    if (this.exposed) this.jobDuration.observe({ queue, outcome }, seconds);
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
