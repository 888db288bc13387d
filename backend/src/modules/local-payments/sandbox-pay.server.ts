import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { newId } from '../../core/database/columns';
import { locksRows } from '../../core/database/row-locks';
import { TenantData } from '../../core/tenancy/tenant-data';
import { SandboxPayAccount, SandboxPayEvent, SandboxPaySession } from './entities/sandbox-payments.entities';

const SESSION_TTL_MS = 24 * 3600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURRENCY = /^[A-Z]{3}$/;
const METADATA_KEYS_MAX = 20;

/** An error answer of the sandbox's API (Stripe-like: `{ error: { type, message } }`). */
export class SandboxPayError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'authentication_error' | 'invalid_request_error',
    message: string,
  ) {
    super(message);
  }
}

export interface SandboxAccountKeys {
  accountId: string;
  /** `sk_sandbox_…`: shown once, stored only as a hash. */
  apiKey: string;
  /** `whsec_sandbox_…`: what the account's events are signed with. */
  webhookSecret: string;
}

export interface SandboxSessionAnswer {
  id: string;
  object: 'checkout.session';
  url: string;
  amount: number;
  currency: string;
  status: SandboxPaySession['status'];
  metadata: Record<string, string>;
}

/**
 * The sandbox payment provider: merchant accounts with an API key and a webhook endpoint, checkout
 * sessions paid (or declined) on its hosted page, refunds, and events queued for signed delivery
 * (SandboxPayDeliverer). It stands in for an external service: its tables hold no tenant data and
 * Atrium reaches it only over HTTP, with the account's key.
 */
@Injectable()
export class SandboxPayServer {
  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
  ) {
    this.db = tenant.unscoped('sandbox payment provider: its own tables stand in for an external service');
  }

  /** Opens a merchant account (what signing up at a provider's dashboard gives): keys shown once. */
  async createAccount(webhookUrl: string, into: EntityManager = this.db): Promise<SandboxAccountKeys> {
    const apiKey = `sk_sandbox_${randomBytes(24).toString('base64url')}`;
    const webhookSecret = `whsec_sandbox_${randomBytes(24).toString('base64url')}`;
    const accounts = into.getRepository(SandboxPayAccount);
    const account = await accounts.save(accounts.create({ apiKeyHash: hashKey(apiKey), webhookUrl, webhookSecret }));
    return { accountId: account.id, apiKey, webhookSecret };
  }

  /** Closes the account of this key (a disconnected agency's keys stop working). */
  async deleteAccount(apiKey: string): Promise<void> {
    await this.db.getRepository(SandboxPayAccount).delete({ apiKeyHash: hashKey(apiKey) });
  }

  async authenticate(authorization: string | undefined): Promise<SandboxPayAccount> {
    const key = /^Bearer (sk_sandbox_[A-Za-z0-9_-]{16,64})$/.exec(authorization ?? '')?.[1];
    const account = key ? await this.db.getRepository(SandboxPayAccount).findOneBy({ apiKeyHash: hashKey(key) }) : null;
    if (!account) throw new SandboxPayError(401, 'authentication_error', 'Invalid API key');
    return account;
  }

  async createSession(account: SandboxPayAccount, body: Record<string, unknown>): Promise<SandboxSessionAnswer> {
    const amount = body['amount'];
    const currency = body['currency'];
    const description = typeof body['description'] === 'string' ? body['description'] : '';
    if (!Number.isSafeInteger(amount) || (amount as number) <= 0 || (amount as number) > 1e12) {
      throw invalid('amount must be a positive integer of minor units');
    }
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) throw invalid('currency must be an ISO 4217 code');
    if (description.length > 300) throw invalid('description is longer than 300 characters');
    const successUrl = httpUrl(body['success_url'], 'success_url');
    const cancelUrl = httpUrl(body['cancel_url'], 'cancel_url');
    const metadata = stringMap(body['metadata']);
    const sessions = this.db.getRepository(SandboxPaySession);
    const session = await sessions.save(
      sessions.create({
        accountId: account.id,
        amount: amount as number,
        currency,
        description,
        metadata: JSON.stringify(metadata),
        successUrl,
        cancelUrl,
        status: 'open',
        expiresAt: new Date(Date.now() + SESSION_TTL_MS),
        completedAt: null,
      }),
    );
    return this.answer(session);
  }

  async expireSession(account: SandboxPayAccount, sessionId: string): Promise<SandboxSessionAnswer> {
    return this.db.transaction(async (manager) => {
      const session = await this.ownSession(manager, account, sessionId);
      if (session.status === 'open') {
        session.status = 'expired';
        await manager.getRepository(SandboxPaySession).save(session);
        await this.queueEvent(manager, session, 'checkout.session.expired');
      }
      return this.answer(session);
    });
  }

  /** Gives a paid session's money back, once: a repeated refund answers the first one. */
  async refund(account: SandboxPayAccount, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (typeof body['session'] !== 'string') throw invalid('session is required');
    const sessionId = body['session'];
    return this.db.transaction(async (manager) => {
      const session = await this.ownSession(manager, account, sessionId);
      if (session.status !== 'paid' && session.status !== 'refunded')
        throw invalid('Only a paid session can be refunded');
      if (session.status === 'paid') {
        session.status = 'refunded';
        await manager.getRepository(SandboxPaySession).save(session);
        await this.queueEvent(manager, session, 'refund.created');
      }
      return {
        id: `re_${session.id}`,
        object: 'refund',
        session: session.id,
        amount: session.amount,
        status: 'succeeded',
      };
    });
  }

  /** The session a hosted page shows, or null (unknown or malformed id). */
  async findSession(sessionId: string): Promise<SandboxPaySession | null> {
    if (!UUID.test(sessionId)) return null;
    return this.db.getRepository(SandboxPaySession).findOneBy({ id: sessionId });
  }

  /**
   * The person paid (or declined) on the hosted page: the session is settled once, its event
   * queued in the same transaction. Returns the session as settled, or null when it was no longer
   * open (paid, declined or expired before).
   */
  async settle(
    sessionId: string,
    outcome: 'paid' | 'failed',
  ): Promise<{ session: SandboxPaySession; eventId: string } | null> {
    return this.db.transaction(async (manager) => {
      const sessions = manager.getRepository(SandboxPaySession);
      const session = await sessions.findOne({
        where: { id: sessionId },
        ...(locksRows(manager) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!session || session.status !== 'open') return null;
      if (session.expiresAt.getTime() <= Date.now()) {
        session.status = 'expired';
        await sessions.save(session);
        await this.queueEvent(manager, session, 'checkout.session.expired');
        return null;
      }
      session.status = outcome;
      session.completedAt = new Date();
      await sessions.save(session);
      const event = await this.queueEvent(
        manager,
        session,
        outcome === 'paid' ? 'checkout.session.completed' : 'checkout.session.failed',
      );
      return { session, eventId: event.id };
    });
  }

  /** Closes the pages nobody paid in time, telling their merchants (like Stripe's `expired` event). */
  async expireOverdue(now = new Date()): Promise<number> {
    const overdue = await this.db
      .getRepository(SandboxPaySession)
      .find({ where: { status: 'open', expiresAt: LessThanOrEqual(now) }, take: 100 });
    let expired = 0;
    for (const session of overdue) {
      await this.db.transaction(async (manager) => {
        const changed = await manager
          .getRepository(SandboxPaySession)
          .update({ id: session.id, status: 'open' }, { status: 'expired' });
        if (!changed.affected) return; // paid or declined meanwhile
        session.status = 'expired';
        await this.queueEvent(manager, session, 'checkout.session.expired');
        expired++;
      });
    }
    return expired;
  }

  /** Binds the hosted page's form to its session, so a form made elsewhere cannot settle it. */
  formToken(sessionId: string): string {
    return createHmac('sha256', this.config.encryptionKey).update(`sandbox-pay-form:${sessionId}`).digest('base64url');
  }

  checkFormToken(sessionId: string, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.formToken(sessionId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The hosted page's public address (the installation's APP_URL). */
  checkoutUrl(sessionId: string): string {
    return `${this.config.appUrl}/api/sandbox-pay/checkout/${sessionId}`;
  }

  private async ownSession(
    manager: EntityManager,
    account: SandboxPayAccount,
    sessionId: string,
  ): Promise<SandboxPaySession> {
    const session = UUID.test(sessionId)
      ? await manager.getRepository(SandboxPaySession).findOneBy({ id: sessionId, accountId: account.id })
      : null;
    if (!session) throw new SandboxPayError(404, 'invalid_request_error', 'No such checkout session');
    return session;
  }

  private async queueEvent(manager: EntityManager, session: SandboxPaySession, type: string): Promise<SandboxPayEvent> {
    const id = newId();
    const payload = JSON.stringify({
      id: `evt_${id}`,
      object: 'event',
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object: this.answer(session) },
    });
    const events = manager.getRepository(SandboxPayEvent);
    return events.save(
      events.create({
        id,
        accountId: session.accountId,
        type,
        payload,
        attempts: 0,
        deliveredAt: null,
        nextAttemptAt: new Date(),
      }),
    );
  }

  private answer(session: SandboxPaySession): SandboxSessionAnswer {
    return {
      id: session.id,
      object: 'checkout.session',
      url: this.checkoutUrl(session.id),
      amount: session.amount,
      currency: session.currency,
      status: session.status,
      metadata: JSON.parse(session.metadata) as Record<string, string>,
    };
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function invalid(message: string): SandboxPayError {
  return new SandboxPayError(400, 'invalid_request_error', message);
}

function httpUrl(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length > 1000) throw invalid(`${name} must be a URL`);
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // fall through
  }
  throw invalid(`${name} must be an http(s) URL`);
}

function stringMap(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('metadata must be an object of strings');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > METADATA_KEYS_MAX) throw invalid(`metadata holds at most ${METADATA_KEYS_MAX} keys`);
  for (const [key, item] of entries) {
    if (typeof item !== 'string' || key.length > 40 || item.length > 500) {
      throw invalid('metadata must be an object of short strings');
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
