import { BadGatewayException, BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { PaymentProviderName } from '@atrium/shared';
import { AuditService } from '../../../core/audit/audit.service';
import { newId } from '../../../core/database/columns';
import { isUniqueViolation } from '../../../core/database/errors';
import { managerOf, TenantData, type TenantTransaction } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { BillingSettings } from '../entities/billing-settings.entity';
import { PaymentSession } from '../entities/payment-session.entity';
import { PaymentWebhookEvent } from '../entities/payment-webhook-event.entity';
import { PaymentLedger } from '../invoices/payment-ledger';
import { WebhookSignatureError, type PaymentEvent, type PaymentProvider } from './payment-provider';
import { PaymentProviderRegistry } from './payment-provider.registry';
import { parseSandboxEvent, sandboxMetadata } from './sandbox/sandbox.provider';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROVIDER_LABEL: Record<PaymentProviderName, string> = { stripe: 'Stripe', sandbox: 'Sandbox' };

type Outcome =
  | { kind: 'done' }
  /** Paid, but the invoice could not take it: give the money back (after the transaction commits). */
  | { kind: 'refund'; session: PaymentSession; paymentId: string; eventRowId: string };

export interface IncomingWebhook {
  provider: PaymentProviderName;
  /** Stripe: from the endpoint's path (one endpoint per agency); sandbox: null, read from the event. */
  agencyId: string | null;
  rawBody: Buffer | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Applies a provider's webhook, verified on its raw body with the agency's secret. The event's id
 * is stored in the same transaction as what it records, so a redelivered or concurrent copy
 * changes nothing; the payment itself is recorded at most once per provider payment (the ledger's
 * unique key), whatever events announce it. Its session, invoice id, amount and currency must agree
 * with what was opened. Answers: 400 bad signature or mismatch, 404 unknown endpoint or session
 * (nothing stored); 2xx handled; 5xx our trouble, so the provider redelivers.
 */
@Injectable()
export class PaymentWebhooksService {
  private readonly logger = new Logger(PaymentWebhooksService.name);

  constructor(
    private readonly tenant: TenantData,
    private readonly registry: PaymentProviderRegistry,
    private readonly ledger: PaymentLedger,
    private readonly audit: AuditService,
  ) {}

  async handle(incoming: IncomingWebhook): Promise<void> {
    const rawBody = incoming.rawBody ?? Buffer.alloc(0);
    const agencyId = incoming.agencyId ?? this.sandboxAgencyOf(rawBody);
    if (!UUID.test(agencyId)) throw new NotFoundException('No such webhook endpoint');
    const settings = await this.tenant.findOneOwned(agencyScope(agencyId), BillingSettings, { where: {} });
    const provider = settings?.provider === incoming.provider ? this.registry.forSettings(settings) : null;
    if (!provider) throw new NotFoundException('No such webhook endpoint');

    let event: PaymentEvent;
    try {
      event = provider.parseWebhook(rawBody, incoming.headers);
    } catch (error) {
      if (error instanceof WebhookSignatureError) throw new BadRequestException(error.message);
      throw error;
    }
    // Events about anything else (other event types, checkouts another integration opened) are acknowledged and left alone.
    if (event.type === 'other' || !event.externalId || event.metadata.invoiceId === undefined) return;

    const outcome = await this.tenant.transaction((tx) => this.apply(tx, agencyId, provider, event));
    if (outcome.kind === 'refund') await this.refund(provider, outcome);
  }

  private async apply(
    tx: TenantTransaction,
    agencyId: string,
    provider: PaymentProvider,
    event: PaymentEvent,
  ): Promise<Outcome> {
    const scope = agencyScope(agencyId);
    const eventRowId = newId();
    try {
      // A duplicate fails this INSERT only (the transaction stays usable), after waiting for a
      // concurrent copy's transaction to end.
      await tx.insertOwned(scope, PaymentWebhookEvent, {
        id: eventRowId,
        provider: provider.name,
        eventId: event.eventId,
        type: event.type,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: 'done' }; // handled before: nothing to do again
      throw error;
    }

    // Locked: events about one session (completed and async_payment_succeeded of one payment, a
    // late "expired") are applied one after the other, each seeing what the previous one did.
    const sessionQuery = tx
      .query(scope, PaymentSession, 'session')
      .where('session.provider = :provider AND session.externalId = :externalId', {
        provider: provider.name,
        externalId: event.externalId,
      });
    if (tx.locksRows) sessionQuery.setLock('pessimistic_write');
    const session = await sessionQuery.getOne();
    if (!session) throw new NotFoundException('No payment session matches this event');
    if (event.metadata.invoiceId !== session.invoiceId || event.metadata.agencyId !== agencyId) {
      throw new BadRequestException('The event’s invoice does not match its payment session');
    }

    if (event.type === 'checkout.failed' || event.type === 'checkout.expired') {
      // Only an open session changes: a late "expired" never undoes a payment.
      await tx.updateOwned(
        scope,
        PaymentSession,
        { id: session.id, status: 'open' },
        {
          status: event.type === 'checkout.failed' ? 'failed' : 'expired',
        },
      );
      return { kind: 'done' };
    }

    if (event.amount !== session.amount || event.currency !== session.currency) {
      throw new BadRequestException('The event’s amount or currency does not match its payment session');
    }
    const paymentId = event.paymentId ?? session.externalId;
    // Recorded by another event about the same payment: nothing to do (and above all nothing to refund).
    if (session.status === 'paid') return { kind: 'done' };
    // A refund that failed before (the event was then forgotten so that it comes again): retry it.
    if (session.status === 'refunded') return { kind: 'refund', session, paymentId, eventRowId };

    const result = await this.ledger.record(managerOf(tx), {
      agencyId,
      invoiceId: session.invoiceId,
      amount: session.amount,
      currency: session.currency,
      method: provider.name,
      paidOn: new Date().toISOString().slice(0, 10),
      reference: `${PROVIDER_LABEL[provider.name]} ${session.externalId}`.slice(0, 200),
      recordedBy: null,
      provider: { name: provider.name, paymentId: session.externalId },
    });
    if (result.kind === 'refused') {
      await tx.updateOwned(scope, PaymentSession, { id: session.id }, { status: 'refunded', completedAt: new Date() });
      await this.audit.record(
        {
          action: 'invoice.payment_refunded',
          agencyId,
          targetType: 'invoice',
          targetId: session.invoiceId,
          details: {
            provider: provider.name,
            paymentSessionId: session.id,
            amount: session.amount,
            currency: session.currency,
            reason: result.reason,
          },
        },
        tx,
      );
      return { kind: 'refund', session, paymentId, eventRowId };
    }
    await tx.updateOwned(scope, PaymentSession, { id: session.id }, { status: 'paid', completedAt: new Date() });
    return { kind: 'done' };
  }

  /**
   * Gives back a payment the invoice could not take. When the provider cannot be reached, the
   * event is forgotten and the answer is 502, so the provider redelivers it and the refund is tried
   * again (refunds are idempotent per payment).
   */
  private async refund(provider: PaymentProvider, outcome: Extract<Outcome, { kind: 'refund' }>): Promise<void> {
    try {
      await provider.refund(outcome.paymentId, outcome.session.amount, outcome.session.currency);
    } catch (error) {
      this.logger.warn({
        msg: 'A payment refund failed; waiting for the webhook again',
        sessionId: outcome.session.id,
        error: String(error),
      });
      await this.tenant.deleteOwned(agencyScope(outcome.session.agencyId), PaymentWebhookEvent, {
        id: outcome.eventRowId,
      });
      throw new BadGatewayException('The refund could not be made yet; send the event again');
    }
  }

  /** The sandbox has one webhook URL for every account: the event's metadata says whose secret checks it. */
  private sandboxAgencyOf(rawBody: Buffer): string {
    try {
      return sandboxMetadata(parseSandboxEvent(rawBody))['agencyId'] ?? '';
    } catch (error) {
      if (error instanceof WebhookSignatureError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
