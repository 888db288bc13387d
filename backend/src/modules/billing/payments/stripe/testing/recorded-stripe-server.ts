import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A local HTTP server answering the Stripe client with recorded Stripe API answers
 * (fixtures/stripe-exchanges.json), for tests that cannot reach Stripe: point the client at it
 * with STRIPE_API_URL (or host/port/protocol). It keeps every request it received, with its form
 * body decoded, so tests check what Atrium asked Stripe for.
 */
export interface RecordedExchange {
  request: { method: string; path: string };
  response: StripeAnswer;
}

export interface StripeAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface ReceivedStripeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The form body, flattened as Stripe's client sends it (`line_items[0][price_data][currency]`). */
  form: Record<string, string>;
}

type Responder = (request: ReceivedStripeRequest) => StripeAnswer;

export const STRIPE_RECORDINGS = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'stripe-exchanges.json'), 'utf8'),
) as Record<string, RecordedExchange>;

/** The recorded answer `name`, its body's fields replaced by `patch(request)` (ids, echoed metadata). */
export function recorded(name: string, patch?: (request: ReceivedStripeRequest) => Record<string, unknown>): Responder {
  const exchange = STRIPE_RECORDINGS[name];
  if (!exchange) throw new Error(`No Stripe recording named ${name}`);
  return (request) => ({
    ...exchange.response,
    body: patch ? { ...(exchange.response.body as object), ...patch(request) } : exchange.response.body,
  });
}

export class RecordedStripeServer {
  readonly received: ReceivedStripeRequest[] = [];
  private readonly routes: Array<{ method: string; path: RegExp; respond: Responder; once: boolean }> = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<RecordedStripeServer> {
    const holder: { self?: RecordedStripeServer } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stripe.local');
        const received: ReceivedStripeRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          headers: req.headers,
          form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        };
        const answer = holder.self?.answer(received) ?? {
          status: 404,
          body: {
            error: {
              type: 'invalid_request_error',
              message: `Unrecognized request URL (${received.method}: ${received.path})`,
            },
          },
        };
        res.writeHead(answer.status, {
          'Content-Type': 'application/json',
          'Request-Id': 'req_recorded',
          ...answer.headers,
        });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.self = new RecordedStripeServer(server);
    return holder.self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get endpoint(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port, protocol: 'http' };
  }

  /** Answers `method path` with `respond` from now on (the latest registration wins). */
  on(method: string, path: RegExp, respond: Responder): this {
    this.routes.unshift({ method, path, respond, once: false });
    return this;
  }

  /** Answers the next matching request only, then falls back to the earlier routes. */
  once(method: string, path: RegExp, respond: Responder): this {
    this.routes.unshift({ method, path, respond, once: true });
    return this;
  }

  requests(method: string, path: RegExp): ReceivedStripeRequest[] {
    return this.received.filter((r) => r.method === method && path.test(r.path));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: ReceivedStripeRequest): StripeAnswer | null {
    this.received.push(request);
    const index = this.routes.findIndex((route) => route.method === request.method && route.path.test(request.path));
    if (index === -1) return null;
    const route = this.routes[index];
    if (route.once) this.routes.splice(index, 1);
    return route.respond(request);
  }
}

/**
 * A Checkout Session as Stripe sends it in events, built on the recorded session: `overrides` say
 * what the event is about (status, payment_status, amounts, metadata).
 */
export function checkoutSessionObject(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...(STRIPE_RECORDINGS['checkout.sessions.create'].response.body as object), ...overrides };
}
