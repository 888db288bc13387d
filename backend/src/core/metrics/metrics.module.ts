import { Global, Module } from '@nestjs/common';
import { AtriumMetrics } from './atrium-metrics';
import { MetricsGauges } from './metrics-gauges';

/** Prometheus metrics (README, "Metrics"); how they are served is metrics-exposure.ts. */
@Global()
@Module({ providers: [AtriumMetrics, MetricsGauges], exports: [AtriumMetrics] })
export class MetricsModule {}
