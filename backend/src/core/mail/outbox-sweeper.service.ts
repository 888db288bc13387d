import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EntityManager, LessThan } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { LeaseService } from '../scheduling/lease.service';
import { MailService } from './mail.service';
import { agencyNotSuspended } from './held-emails';
import { OutboxEmail } from './outbox-email.entity';
import { TenantData } from '../tenancy/tenant-data';

const SWEEP_EVERY_MS = 15_000;
/** A worker that claimed an email and died leaves it in `sending`; after this long it is retried. */
const STUCK_AFTER_MS = 5 * 60_000;

/**
 * Finds outbox rows that are due (new ones whose enqueue failed, retries whose backoff has passed,
 * claims abandoned by a crashed worker) and hands them to the delivery job. One instance sweeps
 * per tick, chosen by a lease.
 */
@Injectable()
export class OutboxSweeperService {
  private readonly logger = new Logger(OutboxSweeperService.name);
  /** The lease is renewed by the instance that holds it: this keeps its own sweeps from overlapping. */
  private sweeping = false;

  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
    private readonly leases: LeaseService,
    private readonly mail: MailService,
  ) {
    this.db = tenant.unscoped('outbox sweeper: finds undelivered emails of every agency');
  }

  @Interval('outbox-sweep', SWEEP_EVERY_MS)
  async tick(): Promise<void> {
    if (!this.config.runWorkers || this.mail.capturing || this.sweeping) return;
    this.sweeping = true;
    try {
      if (!(await this.leases.tryAcquire('outbox-sweep', SWEEP_EVERY_MS - 1000))) return;
      await this.sweep();
    } catch (error) {
      this.logger.warn({ msg: 'Outbox sweep failed', error: String(error) });
    } finally {
      this.sweeping = false;
    }
  }

  async sweep(): Promise<number> {
    const repository = this.db.getRepository(OutboxEmail);
    await repository.update(
      {
        status: 'sending',
        claimedAt: LessThan(new Date(Date.now() - STUCK_AFTER_MS)),
      },
      { status: 'pending' },
    );
    const due = await repository
      .createQueryBuilder('e')
      .select(['e.id', 'e.attempts'])
      .where("e.status = 'pending'")
      .andWhere('e.nextAttemptAt <= :now', { now: new Date() })
      .andWhere(agencyNotSuspended('e.agencyId'))
      .orderBy('e.nextAttemptAt', 'ASC')
      .take(200)
      .getMany();
    // Rows whose job is still waiting are not enqueued twice: the job id names the row and attempt.
    return this.mail.dispatchDue(due);
  }
}
