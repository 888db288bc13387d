import { Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { Public } from '../../core/auth/route-policy';
import { consentPage, errorPage, feedPage } from './sandbox-pages';
import { OAuthProtocolError, SandboxOAuthServer } from './sandbox-oauth.server';

const HANDLE = /^[a-z0-9][a-z0-9_.-]{1,58}$/;
const HTML = 'text/html; charset=utf-8';

/**
 * The sandbox platform's HTTP face: an OAuth 2 authorization endpoint (a consent page), a token
 * endpoint, a profile endpoint, a publish endpoint and a public feed. Registered only when
 * LOCAL_OAUTH_PROVIDER is on (never in production). Answers follow RFC 6749, not Atrium's API style.
 */
@ApiExcludeController()
// The consent page posts an HTML form and the token endpoint takes one (RFC 6749); publishing takes JSON.
@ApiConsumes('application/x-www-form-urlencoded', 'application/json')
@Controller('dev-oauth')
@Public()
export class SandboxOAuthController {
  constructor(private readonly server: SandboxOAuthServer) {}

  @Get('authorize')
  authorizePage(@Req() request: FastifyRequest, @Res() response: FastifyReply): void {
    try {
      const params = this.server.validateAuthorize(request.query as Record<string, unknown>);
      response.type(HTML).send(consentPage(params));
    } catch (error) {
      this.sendErrorPage(response, error);
    }
  }

  @Post('authorize')
  async decide(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    const form = (request.body ?? {}) as Record<string, unknown>;
    let params;
    try {
      params = this.server.validateAuthorize(form);
    } catch (error) {
      return this.sendErrorPage(response, error);
    }
    const back = new URL(params.redirectUri);
    back.searchParams.set('state', params.state);
    if (form['decision'] !== 'approve') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The person cancelled the authorization');
      return response.redirect(back.toString(), HttpStatus.SEE_OTHER);
    }
    const handle = String(form['handle'] ?? '')
      .trim()
      .toLowerCase();
    const displayName = String(form['display_name'] ?? '').trim();
    if (!HANDLE.test(handle) || displayName.length < 1 || displayName.length > 120) {
      response
        .status(HttpStatus.BAD_REQUEST)
        .type(HTML)
        .send(consentPage(params, 'Choose a handle (2–59 letters, digits, . _ -) and a display name.'));
      return;
    }
    back.searchParams.set('code', await this.server.approve(params, handle, displayName));
    response.redirect(back.toString(), HttpStatus.SEE_OTHER);
  }

  @Post('token')
  async token(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    await this.answer(response, async () =>
      this.server.token((request.body ?? {}) as Record<string, unknown>, request.headers.authorization),
    );
  }

  @Get('me')
  async me(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    await this.answer(response, async () => {
      const account = await this.server.authenticate(request.headers.authorization);
      return {
        id: account.id,
        handle: account.handle,
        name: account.displayName,
        profile_url: this.server.feedUrl(account.handle),
      };
    });
  }

  @Post('posts')
  async publish(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    await this.answer(
      response,
      async () => {
        const account = await this.server.authenticate(request.headers.authorization);
        const body = (request.body ?? {}) as { text?: unknown; media?: unknown };
        const media = Array.isArray(body.media)
          ? body.media.filter(
              (m): m is { url: string; mimeType: string } =>
                typeof m?.url === 'string' && typeof m?.mimeType === 'string',
            )
          : [];
        const key = headerValue(request.headers['idempotency-key']);
        const post = await this.server.publish(account, typeof body.text === 'string' ? body.text : '', media, key);
        return { id: post.id, url: this.server.postUrl(account, post) };
      },
      HttpStatus.CREATED,
    );
  }

  @Get('posts')
  async readBack(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    await this.answer(response, async () => {
      const account = await this.server.authenticate(request.headers.authorization);
      const feed = await this.server.feed(account.handle);
      return (feed?.posts ?? []).map((post) => ({
        id: post.id,
        text: post.text,
        media: post.media,
        created_at: post.createdAt.toISOString(),
        request_count: post.requestCount,
      }));
    });
  }

  @Get('feed/:handle')
  async feed(@Param('handle') handle: string, @Res() response: FastifyReply): Promise<void> {
    const feed = await this.server.feed(handle);
    if (!feed) {
      response.status(HttpStatus.NOT_FOUND).type(HTML).send(errorPage('No sandbox account with this handle.'));
      return;
    }
    response.type(HTML).send(feedPage(feed.account, feed.posts));
  }

  private async answer(response: FastifyReply, work: () => Promise<unknown>, status = HttpStatus.OK): Promise<void> {
    try {
      const body = await work();
      response.status(status).header('Cache-Control', 'no-store').send(body);
    } catch (error) {
      if (!(error instanceof OAuthProtocolError)) throw error;
      if (error.status === 401) response.header('WWW-Authenticate', `Bearer error="${error.error}"`);
      response
        .status(error.status)
        .header('Cache-Control', 'no-store')
        .send({ error: error.error, error_description: error.description });
    }
  }

  private sendErrorPage(response: FastifyReply, error: unknown): void {
    if (!(error instanceof OAuthProtocolError)) throw error;
    response.status(error.status).type(HTML).send(errorPage(error.description));
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
