import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { LeaseService } from '../scheduling/lease.service';
import { TenantData } from '../tenancy/tenant-data';
import { AtriumMetrics, METRIC_PREFIX } from './atrium-metrics';

/** A scrape must answer even when Redis or the database is slow: each reading gives up after this. */
const READ_TIMEOUT_MS = 2000;

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** The parts of mysql2's pool the gauges read (its own fields: mysql2 has no public accessor). */
interface Mysql2Pool {
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
}

/**
 * Metrics read at scrape time rather than counted as things happen: queue depths, the email
 * outbox, when each scheduled task last started, the database pool. A reading that fails or
 * times out leaves its metric without samples for that scrape (never a stale number).
 */
@Injectable()
export class MetricsGauges implements OnModuleInit {
  private readonly logger = new Logger('Metrics');
  private readonly db: EntityManager;

  constructor(
    private readonly metrics: AtriumMetrics,
    private readonly jobs: JobQueue,
    private readonly leases: LeaseService,
    tenant: TenantData,
  ) {
    this.db = tenant.unscoped('metrics: counts the outbox of every agency, reads no content');
  }

  onModuleInit(): void {
    if (!this.metrics.exposed) return;
    this.queueGauges();
    this.outboxGauges();
    this.schedulerGauge();
    this.poolGauges();
  }

  private queueGauges(): void {
    const read = <T>(what: string, probe: () => Promise<T>) => this.read(what, probe);
    const jobs = this.jobs;
    new Gauge({
      name: `${METRIC_PREFIX}queue_jobs`,
      help: 'Jobs in each queue by state (waiting, active, delayed, failed, completed), read from the job queue at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const counts = await read('queue counts', () => jobs.counts());
        for (const queue of counts ?? []) {
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, queue[state]);
        }
      },
    });
  }

  private outboxGauges(): void {
    const outbox = this.db.getRepository(OutboxEmail);
    const read = <T>(what: string, probe: () => Promise<T>) => this.read(what, probe);
    new Gauge({
      name: `${METRIC_PREFIX}outbox_pending_emails`,
      help: 'Emails in the outbox waiting for (re)delivery (status pending)',
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const pending = await read('outbox backlog', () => outbox.count({ where: { status: 'pending' } }));
        if (pending !== null) this.set(pending);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}outbox_oldest_pending_age_seconds`,
      help: 'Age of the oldest email still waiting for delivery (0 when none waits)',
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const oldest = await read('oldest pending email', () =>
          outbox
            .createQueryBuilder('email')
            .select('MIN(email.createdAt)', 'oldest')
            .where('email.status = :status', { status: 'pending' })
            .getRawOne<{ oldest: Date | string | null }>(),
        );
        if (oldest === null) return;
        const since = oldest?.oldest ? new Date(oldest.oldest).getTime() : Date.now();
        this.set(Math.max(0, (Date.now() - since) / 1000));
      },
    });
  }

  private schedulerGauge(): void {
    const leases = this.leases;
    new Gauge({
      name: `${METRIC_PREFIX}scheduler_last_run_age_seconds`,
      help:
        'Seconds since this instance last started each scheduled task (took its lease). Only one instance runs a ' +
        'task per tick, so across instances read the minimum; a value well past the task\u2019s interval means it ' +
        'has stopped running (or runs late). Tasks this instance never started have no sample.',
      labelNames: ['task'] as const,
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const [task, at] of leases.lastStarts()) this.set({ task }, (now - at.getTime()) / 1000);
      },
    });
  }

  /** mysql2's pool (MariaDB/MySQL). SQLite has one connection and no pool: nothing is exported. */
  private poolGauges(): void {
    const type = this.db.connection.options.type;
    if (type !== 'mysql' && type !== 'mariadb') return;
    const driver = this.db.connection.driver as unknown as { pool?: Mysql2Pool };
    new Gauge({
      name: `${METRIC_PREFIX}db_pool_connections`,
      help: 'Database pool connections by state: in_use (lent to a query or transaction) or idle (MariaDB/MySQL only)',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        const pool = driver.pool;
        if (!pool) return;
        const idle = pool._freeConnections.length;
        this.set({ state: 'in_use' }, pool._allConnections.length - idle);
        this.set({ state: 'idle' }, idle);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}db_pool_waiting_requests`,
      help: 'Queries waiting for a free pool connection (MariaDB/MySQL only)',
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        const pool = driver.pool;
        if (pool) this.set(pool._connectionQueue.length);
      },
    });
  }

  /** The value, or null when it failed or took longer than READ_TIMEOUT_MS (logged as a warning). */
  private async read<T>(what: string, probe: () => Promise<T>): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        probe(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), READ_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn({ msg: `Metrics: could not read ${what}`, error: String(error) });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
