import { Controller, Get, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Public } from '../../core/auth/route-policy';
import { SandboxPayDeliverer } from './sandbox-pay.deliverer';
import { checkoutPage, closedPage, errorPage } from './sandbox-pay-pages';
import { SandboxPayError, SandboxPayServer } from './sandbox-pay.server';

const HTML = 'text/html; charset=utf-8';

/**
 * The sandbox payment provider's HTTP face: a Stripe-like API called with an account's key
 * (checkout sessions, expiry, refunds) and the hosted payment page people pay (or decline) on.
 * Registered only when LOCAL_PAYMENT_PROVIDER is on (never in production). Answers follow the
 * sandbox's own API style, not Atrium's.
 */
@ApiExcludeController()
// The hosted page posts an HTML form; the API takes JSON.
@ApiConsumes('application/x-www-form-urlencoded', 'application/json')
@Controller('sandbox-pay')
@Public()
export class SandboxPayController {
  private readonly appOrigin: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly server: SandboxPayServer,
    private readonly deliverer: SandboxPayDeliverer,
  ) {
    this.appOrigin = new URL(config.appUrl).origin;
  }

  @Post('v1/checkout/sessions')
  async createSession(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(reply, HttpStatus.CREATED, async () => {
      const account = await this.server.authenticate(request.headers.authorization);
      return this.server.createSession(account, bodyOf(request));
    });
  }

  @Post('v1/checkout/sessions/:sessionId/expire')
  async expire(
    @Req() request: FastifyRequest,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.answer(reply, HttpStatus.OK, async () => {
      const account = await this.server.authenticate(request.headers.authorization);
      const answer = await this.server.expireSession(account, sessionId);
      return answer;
    });
  }

  @Post('v1/refunds')
  async refund(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(reply, HttpStatus.OK, async () => {
      const account = await this.server.authenticate(request.headers.authorization);
      return this.server.refund(account, bodyOf(request));
    });
  }

  @Get('checkout/:sessionId')
  async page(@Param('sessionId') sessionId: string, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.server.findSession(sessionId);
    if (!session) {
      reply.status(HttpStatus.NOT_FOUND).type(HTML).send(errorPage('There is no payment page at this address.'));
      return;
    }
    reply.header('Cache-Control', 'no-store');
    if (session.status !== 'open') return void reply.type(HTML).send(closedPage(session));
    reply.type(HTML).send(checkoutPage(session, this.server.formToken(session.id)));
  }

  @Post('checkout/:sessionId')
  async decide(
    @Req() request: FastifyRequest,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = bodyOf(request);
    // The form must come from the page itself: its token, and no other site's origin.
    if (!this.sameSite(request) || !this.server.checkFormToken(sessionId, form['token'])) {
      reply
        .status(HttpStatus.FORBIDDEN)
        .type(HTML)
        .send(errorPage('This payment form was not sent from its own page.'));
      return;
    }
    const decision = form['decision'];
    if (decision !== 'pay' && decision !== 'decline') {
      reply.status(HttpStatus.BAD_REQUEST).type(HTML).send(errorPage('Choose Pay or Decline payment.'));
      return;
    }
    const settled = await this.server.settle(sessionId, decision === 'pay' ? 'paid' : 'failed');
    if (!settled) {
      const session = await this.server.findSession(sessionId);
      if (!session)
        return void reply
          .status(HttpStatus.NOT_FOUND)
          .type(HTML)
          .send(errorPage('There is no payment page at this address.'));
      return void reply.status(HttpStatus.CONFLICT).type(HTML).send(closedPage(session));
    }
    // Tell the merchant before sending the person back, so its page already shows the outcome;
    // a failed attempt is retried by the deliverer's passes.
    await this.deliverer.deliver(settled.eventId).catch(() => false);
    const back = settled.session.status === 'paid' ? settled.session.successUrl : settled.session.cancelUrl;
    reply.redirect(back, HttpStatus.SEE_OTHER);
  }

  private sameSite(request: FastifyRequest): boolean {
    if (request.headers['sec-fetch-site'] === 'cross-site') return false;
    const origin = request.headers.origin?.toLowerCase();
    if (origin === undefined) return true;
    // Our pages are served with `Referrer-Policy: no-referrer`, under which browsers send
    // `Origin: null` on their own form posts; the fetch metadata then says where it came from.
    if (origin === 'null') return request.headers['sec-fetch-site'] === 'same-origin';
    const own = request.headers.host ? `${request.protocol}://${request.headers.host}`.toLowerCase() : null;
    return origin === this.appOrigin.toLowerCase() || origin === own;
  }

  private async answer(reply: FastifyReply, status: HttpStatus, work: () => Promise<unknown>): Promise<void> {
    try {
      const body = await work();
      reply.status(status).header('Cache-Control', 'no-store').send(body);
    } catch (error) {
      if (!(error instanceof SandboxPayError)) throw error;
      reply
        .status(error.status)
        .header('Cache-Control', 'no-store')
        .send({ error: { type: error.type, message: error.message } });
    }
  }
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
