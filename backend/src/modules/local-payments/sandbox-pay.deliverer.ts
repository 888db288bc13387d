import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { EntityManager, IsNull, LessThanOrEqual } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { LeaseService } from '../../core/scheduling/lease.service';
import { TenantData } from '../../core/tenancy/tenant-data';
import { SandboxPayAccount, SandboxPayEvent } from './entities/sandbox-payments.entities';
import { sandboxSignatureHeader } from './sandbox-pay-signature';
import { SandboxPayServer } from './sandbox-pay.server';

/** Attempts per event before the sandbox gives up on it (like a real provider, after a while). */
export const SANDBOX_DELIVERY_ATTEMPTS = 8;
/** While one attempt is under way, no other instance or pass takes the same event. */
const CLAIM_MS = 30_000;
const BATCH = 50;

/** Waits between attempts: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(attempts - 1, 0), 600_000);
}

/**
 * Sends the sandbox provider's events to each account's webhook URL over real HTTP, signed, until
 * one answers 2xx, with growing waits between attempts and a bounded number of them. An event is
 * tried at once when it happens (so a payment on the hosted page is usually known to Atrium before
 * the browser is back), and the missed ones by a pass on the one instance holding the lease, which
 * also expires the pages nobody paid in time.
 */
@Injectable()
export class SandboxPayDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SandboxPayDeliverer.name);
  private readonly db: EntityManager;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
    private readonly leases: LeaseService,
    private readonly httpHost: HttpAdapterHost,
    private readonly server: SandboxPayServer,
  ) {
    this.db = tenant.unscoped('sandbox payment provider: its own event queue, no tenant data');
  }

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers || !this.config.payments.localProvider) return;
    this.timer = setInterval(() => void this.tick(), this.config.payments.sandboxDeliveryPollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    const ttl = Math.max(this.config.payments.sandboxDeliveryPollMs - 100, 100);
    if (!(await this.leases.tryAcquire('sandbox-pay-events', ttl).catch(() => false))) return;
    try {
      await this.server.expireOverdue();
      await this.deliverDue();
    } catch (error) {
      this.logger.error({ msg: 'The sandbox payment events pass failed', error: String(error) });
    }
  }

  /** Tries every event due now; returns how many were acknowledged. */
  async deliverDue(now = new Date()): Promise<number> {
    const due = await this.db.getRepository(SandboxPayEvent).find({
      where: { deliveredAt: IsNull(), nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC' },
      take: BATCH,
    });
    let delivered = 0;
    for (const event of due) if (await this.deliver(event.id)) delivered++;
    return delivered;
  }

  /** One attempt at one event, if no one else is trying it. True when the receiver acknowledged it. */
  async deliver(eventId: string): Promise<boolean> {
    const events = this.db.getRepository(SandboxPayEvent);
    const now = new Date();
    const claimed = await events
      .createQueryBuilder()
      .update(SandboxPayEvent)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
      .where('id = :id AND deliveredAt IS NULL AND nextAttemptAt <= :now', { id: eventId, now })
      .execute();
    if ((claimed.affected ?? 0) === 0) return false;
    const event = await events.findOneByOrFail({ id: eventId });
    const account = await this.db.getRepository(SandboxPayAccount).findOneBy({ id: event.accountId });
    const acknowledged = account ? await this.post(account, event.payload) : false;
    const attempts = event.attempts + 1;
    await events.update(
      { id: eventId },
      acknowledged
        ? { attempts, deliveredAt: new Date(), nextAttemptAt: null }
        : {
            attempts,
            // Given up (or the account is gone): no further attempt.
            nextAttemptAt:
              account && attempts < SANDBOX_DELIVERY_ATTEMPTS ? new Date(Date.now() + retryDelayMs(attempts)) : null,
          },
    );
    return acknowledged;
  }

  private async post(account: SandboxPayAccount, payload: string): Promise<boolean> {
    try {
      const response = await fetch(this.reachable(account.webhookUrl), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Sandbox-Signature': sandboxSignatureHeader(payload, account.webhookSecret),
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      await response.body?.cancel().catch(() => undefined);
      return response.status >= 200 && response.status < 300;
    } catch {
      return false;
    }
  }

  /**
   * The sandbox lives on this installation: a webhook URL on its own APP_URL is called at this
   * process's address, which works behind a proxy that the server cannot reach itself through (and
   * in tests, where APP_URL is not a real host). Any other URL is called as given.
   */
  private reachable(webhookUrl: string): string {
    if (!webhookUrl.startsWith(`${this.config.appUrl}/`)) return webhookUrl;
    const address = this.httpHost.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null;
    if (!address || typeof address === 'string') return webhookUrl;
    const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${webhookUrl.slice(this.config.appUrl.length)}`;
  }
}
