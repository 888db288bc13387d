import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SchedulerLease } from './scheduler-lease.entity';
import { TenantData } from '../tenancy/tenant-data';

/**
 * Leader election for scheduled tasks, in the database every instance already shares: a task runs
 * on the instance that takes (or renews) its lease, and every other instance skips that tick.
 */
@Injectable()
export class LeaseService {
  /** Identifies this process among the backend instances. */
  readonly holder = randomUUID();
  /** When this instance last took (or renewed) each task's lease, i.e. last started the task (metrics). */
  private readonly taken = new Map<string, Date>();

  private readonly db: EntityManager;

  constructor(tenant: TenantData) {
    this.db = tenant.unscoped('scheduler leases: a platform table, no tenant data');
  }

  async tryAcquire(name: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const until = new Date(now.getTime() + ttlMs);
    const taken = await this.db
      .createQueryBuilder()
      .update(SchedulerLease)
      .set({ holder: this.holder, leasedUntil: until })
      .where('name = :name', { name })
      .andWhere('(leasedUntil < :now OR holder = :holder)', {
        now,
        holder: this.holder,
      })
      .execute();
    if ((taken.affected ?? 0) > 0) return this.took(name, now);
    try {
      await this.db.getRepository(SchedulerLease).insert({ name, holder: this.holder, leasedUntil: until });
      return this.took(name, now);
    } catch {
      // Another instance holds a live lease (or created the row first).
      return false;
    }
  }

  /** Each task this instance has started, with when it last did. */
  lastStarts(): ReadonlyMap<string, Date> {
    return this.taken;
  }

  private took(name: string, at: Date): true {
    this.taken.set(name, at);
    return true;
  }
}
