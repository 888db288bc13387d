import Stripe from 'stripe';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { Invoice } from '../../src/modules/billing/entities/invoice.entity';
import { InvoiceLine } from '../../src/modules/billing/entities/invoice-line.entity';
import { InvoicePayment } from '../../src/modules/billing/entities/invoice-payment.entity';
import { PaymentSession } from '../../src/modules/billing/entities/payment-session.entity';
import { PaymentWebhookEvent } from '../../src/modules/billing/entities/payment-webhook-event.entity';
import {
  checkoutSessionObject,
  recorded,
  type RecordedStripeServer,
} from '../../src/modules/billing/payments/stripe/testing/recorded-stripe-server';
import type { Agency } from '../../src/core/tenancy/entities/agency.entity';
import type { Client } from '../../src/core/tenancy/entities/client.entity';
import { Factory } from './factories';
import type { TestApp } from './test-app';

export const STRIPE_KEY = 'sk_test_51AtriumPaymentsWorldKey00wxyz';
export const STRIPE_WEBHOOK_SECRET = 'whsec_paymentsWorldSigningSecret000000';
const signer = new Stripe('sk_test_signer');

/**
 * Makes the recorded Stripe server behave like one account: every Checkout Session it opens gets
 * its own id and echoes what was asked (amount, currency, metadata), as Stripe does.
 */
export function actLikeStripe(stripe: RecordedStripeServer): void {
  let opened = 0;
  stripe
    .on('GET', /^\/v1\/balance$/, recorded('balance.retrieve'))
    .on(
      'POST',
      /^\/v1\/checkout\/sessions$/,
      recorded('checkout.sessions.create', ({ form }) => {
        const id = `cs_test_world${++opened}${Math.random().toString(36).slice(2, 10)}`;
        return {
          id,
          url: `https://checkout.stripe.com/c/pay/${id}`,
          amount_total: Number(form['line_items[0][price_data][unit_amount]']),
          currency: form['line_items[0][price_data][currency]'],
          client_reference_id: form['client_reference_id'],
          metadata: {
            invoiceId: form['metadata[invoiceId]'],
            agencyId: form['metadata[agencyId]'],
            clientId: form['metadata[clientId]'],
          },
          success_url: form['success_url'],
          cancel_url: form['cancel_url'],
        };
      }),
    )
    .on(
      'POST',
      /^\/v1\/checkout\/sessions\/[^/]+\/expire$/,
      recorded('checkout.sessions.expire', ({ path }) => ({ id: path.split('/')[4] })),
    )
    .on(
      'POST',
      /^\/v1\/refunds$/,
      recorded('refunds.create', ({ form }) => ({ payment_intent: form['payment_intent'] })),
    );
}

/** One agency with an owner, a client whose admin pays, and that client's member. */
export class PaymentsWorld {
  readonly factory: Factory;
  agency!: Agency;
  client!: Client;
  ownerToken!: string;
  adminToken!: string;
  memberToken!: string;

  constructor(readonly t: TestApp) {
    this.factory = new Factory(t);
  }

  async build(): Promise<this> {
    const f = this.factory;
    this.agency = await f.agency();
    this.client = await f.client(this.agency, [...CLIENT_PERMISSIONS]);
    this.ownerToken = (await f.signIn((await f.agencyUser(this.agency, 'owner')).email)).accessToken;
    this.adminToken = (await f.signIn((await f.clientUser(this.client, 'admin')).email)).accessToken;
    this.memberToken = (await f.signIn((await f.clientUser(this.client, 'member')).email)).accessToken;
    return this;
  }

  as(token: string, method: 'get' | 'post' | 'put' | 'delete', path: string) {
    return this.t.http()[method](path).set('Authorization', `Bearer ${token}`);
  }

  async connectStripe(): Promise<void> {
    const response = await this.as(this.ownerToken, 'put', '/api/v1/billing/settings/stripe').send({
      secretKey: STRIPE_KEY,
      webhookSecret: STRIPE_WEBHOOK_SECRET,
    });
    if (response.status !== 200)
      throw new Error(`Connecting Stripe failed: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async connectSandbox(): Promise<void> {
    const response = await this.as(this.ownerToken, 'put', '/api/v1/billing/settings/sandbox');
    if (response.status !== 200)
      throw new Error(`Connecting the sandbox failed: ${response.status} ${JSON.stringify(response.body)}`);
  }

  /** A sent invoice of this world's client (or `client`), `total` in minor units. */
  async invoice(
    options: {
      total?: number;
      currency?: string;
      status?: Invoice['status'];
      amountPaid?: number;
      client?: Client;
    } = {},
  ): Promise<Invoice> {
    const total = options.total ?? 12_000;
    const status = options.status ?? 'sent';
    const client = options.client ?? this.client;
    const seq = status === 'draft' ? null : Math.floor(Math.random() * 1_000_000_000);
    const invoices = this.t.db.getRepository(Invoice);
    const invoice = await invoices.save(
      invoices.create({
        agencyId: client.agencyId,
        clientId: client.id,
        status,
        numberSeq: seq,
        number: seq === null ? null : `INV-${seq}`,
        currency: options.currency ?? 'USD',
        issueDate: '2026-12-01',
        dueDate: '2026-12-15',
        subtotal: total,
        discountTotal: 0,
        taxes: '[]',
        taxTotal: 0,
        total,
        amountPaid: options.amountPaid ?? 0,
        billTo: seq === null ? null : JSON.stringify({ name: client.name, email: '', address: {}, taxId: '' }),
        issuer: seq === null ? null : JSON.stringify({ name: this.agency.name, logoUrl: null, primaryColor: null }),
        sentAt: seq === null ? null : new Date(),
        paidAt: status === 'paid' ? new Date() : null,
      }),
    );
    const lines = this.t.db.getRepository(InvoiceLine);
    await lines.save(
      lines.create({
        agencyId: client.agencyId,
        clientId: client.id,
        invoiceId: invoice.id,
        position: 0,
        description: 'Work',
        quantityMilli: 1000,
        unitPrice: total,
        taxRateMilli: 0,
        amount: total,
      }),
    );
    return invoice;
  }

  /** "Pay now" as the client's admin: the hosted page's URL. */
  async pay(invoiceId: string, token = this.adminToken): Promise<string> {
    const response = await this.as(token, 'post', `/api/v1/portal/billing/invoices/${invoiceId}/pay`);
    if (response.status !== 200) throw new Error(`Pay failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.url as string;
  }

  async sessions(invoiceId: string): Promise<PaymentSession[]> {
    return this.t.db.getRepository(PaymentSession).find({ where: { invoiceId }, order: { createdAt: 'ASC' } });
  }

  async payments(invoiceId: string): Promise<InvoicePayment[]> {
    return this.t.db.getRepository(InvoicePayment).find({ where: { invoiceId } });
  }

  async reloaded(invoiceId: string): Promise<Invoice> {
    return this.t.db.getRepository(Invoice).findOneByOrFail({ id: invoiceId });
  }

  async webhookEvents(): Promise<PaymentWebhookEvent[]> {
    return this.t.db.getRepository(PaymentWebhookEvent).find({ where: { agencyId: this.agency.id } });
  }

  /** A Stripe event about a Checkout Session, as Stripe would send it (amounts in Stripe's units). */
  stripeEvent(
    type: string,
    session: Record<string, unknown>,
    eventId = `evt_${Math.random().toString(36).slice(2)}`,
  ): string {
    return JSON.stringify({
      id: eventId,
      object: 'event',
      api_version: '2025-10-29.clover',
      created: Math.floor(Date.now() / 1000),
      data: { object: checkoutSessionObject(session) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    });
  }

  /** The completed-and-paid event of a stored session, its fields overridable. */
  paidEvent(
    session: PaymentSession,
    overrides: Record<string, unknown> = {},
    type = 'checkout.session.completed',
    eventId?: string,
  ): string {
    return this.stripeEvent(
      type,
      {
        id: session.externalId,
        status: 'complete',
        payment_status: 'paid',
        amount_total: session.amount,
        currency: session.currency.toLowerCase(),
        payment_intent: `pi_for_${session.externalId}`,
        metadata: { invoiceId: session.invoiceId, agencyId: session.agencyId, clientId: session.clientId },
        ...overrides,
      },
      eventId,
    );
  }

  postStripe(payload: string, secret = STRIPE_WEBHOOK_SECRET, agencyId = this.agency.id) {
    return this.t
      .http()
      .post(`/api/v1/billing/webhooks/stripe/${agencyId}`)
      .set('Content-Type', 'application/json; charset=utf-8')
      .set('Stripe-Signature', signer.webhooks.generateTestHeaderString({ payload, secret }))
      .send(payload);
  }
}
