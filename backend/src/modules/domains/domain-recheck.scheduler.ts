import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { LeaseService } from '../../core/scheduling/lease.service';
import { DomainChecksService } from './domain-checks.service';

const JOB = 'custom-domain-checks';

/**
 * Looks at every custom domain again every CUSTOM_DOMAIN_CHECK_MINUTES, on one instance (the
 * holder of the lease), only where workers run.
 */
@Injectable()
export class DomainRecheckScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DomainRecheckScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly leases: LeaseService,
    private readonly checks: DomainChecksService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.registry.addInterval(
      JOB,
      setInterval(() => void this.tick(), this.config.customDomains.checkIntervalMs),
    );
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', JOB)) this.registry.deleteInterval(JOB);
  }

  async tick(): Promise<void> {
    const interval = this.config.customDomains.checkIntervalMs;
    try {
      // Held a little less than one period, so the next tick (here or elsewhere) can take it.
      if (!(await this.leases.tryAcquire(JOB, Math.max(interval - 30_000, interval / 2)))) return;
      const checked = await this.checks.recheckAll();
      this.logger.log({ msg: 'Custom domains checked', count: checked });
    } catch (error) {
      this.logger.warn({ msg: 'Custom domain checks failed', error: String(error) });
    }
  }
}
