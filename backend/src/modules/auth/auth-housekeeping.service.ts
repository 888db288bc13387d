import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { LeaseService } from '../../core/scheduling/lease.service';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { Session } from '../../core/tenancy/entities/session.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { OneTimeToken } from './entities/one-time-token.entity';

const DAY = 24 * 60 * 60_000;

/**
 * The retention rules of sign-in data: deletes sessions, email tokens and sign-ups nobody can use
 * any more; hourly, on one instance.
 */
@Injectable()
export class AuthHousekeepingService {
  private readonly logger = new Logger(AuthHousekeepingService.name);
  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
    private readonly leases: LeaseService,
  ) {
    this.db = tenant.unscoped('housekeeping: retention of sign-in data across every agency');
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'housekeeping' })
  async tick(): Promise<void> {
    if (!this.config.runWorkers) return;
    try {
      if (await this.leases.tryAcquire('housekeeping', 50 * 60_000)) await this.purge();
    } catch (error) {
      this.logger.warn({ msg: 'Housekeeping failed', error: String(error) });
    }
  }

  /** Keeps a week of dead rows for investigations, then removes them. */
  async purge(now = new Date()): Promise<{ sessions: number; tokens: number; unconfirmedAgencies: number }> {
    const cutoff = new Date(now.getTime() - 7 * DAY);
    const expiredSessions = await this.db.getRepository(Session).delete({ expiresAt: LessThan(cutoff) });
    const revokedSessions = await this.db.getRepository(Session).delete({ revokedAt: LessThan(cutoff) });
    const expiredTokens = await this.db.getRepository(OneTimeToken).delete({ expiresAt: LessThan(cutoff) });
    const usedTokens = await this.db
      .getRepository(OneTimeToken)
      .delete({ usedAt: Not(IsNull()), createdAt: LessThan(cutoff) });
    return {
      sessions: (expiredSessions.affected ?? 0) + (revokedSessions.affected ?? 0),
      tokens: (expiredTokens.affected ?? 0) + (usedTokens.affected ?? 0),
      unconfirmedAgencies: await this.purgeUnconfirmedSignups(cutoff),
    };
  }

  /**
   * A sign-up whose owner never confirmed the address within a week is removed, so nobody can hold
   * an email address they do not own (it would block that person from signing up or being invited).
   */
  private async purgeUnconfirmedSignups(cutoff: Date): Promise<number> {
    const stale = await this.db
      .getRepository(Agency)
      .createQueryBuilder('a')
      .innerJoin(User, 'u', 'u.agencyId = a.id')
      .select('a.id', 'id')
      .where('a.createdAt < :cutoff', { cutoff })
      .groupBy('a.id')
      .having('COUNT(u.id) = 1 AND MAX(CASE WHEN u.emailConfirmedAt IS NULL THEN 1 ELSE 0 END) = 1')
      .getRawMany<{ id: string }>();
    if (stale.length === 0) return 0;
    await this.db.getRepository(Agency).delete({ id: In(stale.map((row) => row.id)) });
    this.logger.log({ msg: 'Removed unconfirmed sign-ups', count: stale.length });
    return stale.length;
  }
}
