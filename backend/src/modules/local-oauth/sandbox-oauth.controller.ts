import { Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../core/auth/route-policy';
import { consentPage, errorPage, feedPage } from './sandbox-pages';
import { OAuthProtocolError, SandboxOAuthServer } from './sandbox-oauth.server';

const HANDLE = /^[a-z0-9][a-z0-9_.-]{1,58}$/;

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
  authorizePage(@Req() request: Request, @Res() response: Response): void {
    try {
      const params = this.server.validateAuthorize(request.query);
      response.type('html').send(consentPage(params));
    } catch (error) {
      this.sendErrorPage(response, error);
    }
  }

  @Post('authorize')
  async decide(@Req() request: Request, @Res() response: Response): Promise<void> {
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
      return response.redirect(HttpStatus.SEE_OTHER, back.toString());
    }
    const handle = String(form['handle'] ?? '')
      .trim()
      .toLowerCase();
    const displayName = String(form['display_name'] ?? '').trim();
    if (!HANDLE.test(handle) || displayName.length < 1 || displayName.length > 120) {
      response
        .status(HttpStatus.BAD_REQUEST)
        .type('html')
        .send(consentPage(params, 'Choose a handle (2–59 letters, digits, . _ -) and a display name.'));
      return;
    }
    back.searchParams.set('code', await this.server.approve(params, handle, displayName));
    response.redirect(HttpStatus.SEE_OTHER, back.toString());
  }

  @Post('token')
  async token(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.answer(response, async () =>
      this.server.token((request.body ?? {}) as Record<string, unknown>, request.headers.authorization),
    );
  }

  @Get('me')
  async me(@Req() request: Request, @Res() response: Response): Promise<void> {
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
  async publish(@Req() request: Request, @Res() response: Response): Promise<void> {
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
        const key = request.get('Idempotency-Key') ?? null;
        const post = await this.server.publish(account, typeof body.text === 'string' ? body.text : '', media, key);
        return { id: post.id, url: this.server.postUrl(account, post) };
      },
      HttpStatus.CREATED,
    );
  }

  @Get('posts')
  async readBack(@Req() request: Request, @Res() response: Response): Promise<void> {
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
  async feed(@Param('handle') handle: string, @Res() response: Response): Promise<void> {
    const feed = await this.server.feed(handle);
    if (!feed) {
      response.status(HttpStatus.NOT_FOUND).type('html').send(errorPage('No sandbox account with this handle.'));
      return;
    }
    response.type('html').send(feedPage(feed.account, feed.posts));
  }

  private async answer(response: Response, work: () => Promise<unknown>, status = HttpStatus.OK): Promise<void> {
    try {
      const body = await work();
      response.status(status).set('Cache-Control', 'no-store').json(body);
    } catch (error) {
      if (!(error instanceof OAuthProtocolError)) throw error;
      if (error.status === 401) response.set('WWW-Authenticate', `Bearer error="${error.error}"`);
      response
        .status(error.status)
        .set('Cache-Control', 'no-store')
        .json({ error: error.error, error_description: error.description });
    }
  }

  private sendErrorPage(response: Response, error: unknown): void {
    if (!(error instanceof OAuthProtocolError)) throw error;
    response.status(error.status).type('html').send(errorPage(error.description));
  }
}
