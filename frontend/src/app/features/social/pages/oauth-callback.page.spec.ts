import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  AUTH_PATHS,
  SOCIAL_PATHS,
  type CompleteConnectResponse,
  type MeResponse,
  type SocialAccountView,
} from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { ToastService } from '../../../core/ui/toast.service';
import { PENDING_CONNECTION_KEY, savePendingConnection } from '../oauth/pending-connection';
import { HANDBACK_REDIRECT, OAuthCallbackPage } from './oauth-callback.page';

@Component({ template: 'elsewhere' })
class ElsewherePage {}

const owner: MeResponse = {
  id: 'u1',
  name: 'Olga Owner',
  email: 'owner@northwind.test',
  emailConfirmed: true,
  timezone: 'Europe/Berlin',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'agency',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: 'owner',
  clients: [],
};

const clientUser: MeResponse = {
  ...owner,
  id: 'u2',
  audience: 'client',
  agencyRole: null,
  clients: [{ id: 'c1', name: 'Acme Coffee', role: 'admin', permissions: ['accounts.manage'] }],
};

const account = (displayName: string): SocialAccountView => ({
  id: `acc-${displayName}`,
  provider: 'local',
  providerName: 'Demo platform',
  displayName,
  handle: null,
  avatarUrl: null,
  profileUrl: null,
  clientId: null,
  clientName: null,
  health: 'connected',
  expiresAt: null,
  problem: null,
  connectedVia: 'agency',
  connectedAt: '2026-03-10T12:00:00Z',
});

const AUTHORIZE = 'http://localhost:3000/api/v1/dev/oauth/authorize?state=st-1';
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('OAuthCallbackPage', () => {
  let backend: HttpTestingController;
  let toast: { show: jest.Mock };
  let handBack: jest.Mock;

  beforeEach(() => {
    sessionStorage.clear();
    toast = { show: jest.fn() };
    handBack = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'oauth/callback', component: OAuthCallbackPage },
          { path: 'app/accounts', component: ElsewherePage },
          { path: 'portal/accounts', component: ElsewherePage },
          { path: 'portal', component: ElsewherePage },
          { path: 'connect', component: ElsewherePage },
          { path: 'a/:slug/connect', component: ElsewherePage },
          { path: 'login', component: ElsewherePage },
        ]),
        { provide: ToastService, useValue: toast },
        { provide: HANDBACK_REDIRECT, useValue: handBack },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function signIn(me: MeResponse): Promise<void> {
    const done = firstValueFrom(TestBed.inject(AuthService).login({ email: me.email, password: 'pw' }));
    backend.expectOne(AUTH_PATHS.login).flush({ accessToken: 't', expiresIn: 900, me });
    await done;
  }

  async function open(url: string): Promise<{ harness: RouterTestingHarness; root: HTMLElement }> {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return { harness, root: harness.routeNativeElement as HTMLElement };
  }

  it('says the connection was cancelled when the person refused, and offers the way back', async () => {
    await signIn(owner);
    savePendingConnection({ kind: 'agency', returnUrl: '/app/accounts' }, AUTHORIZE);

    const { harness, root } = await open('/oauth/callback?error=access_denied&state=st-1');
    harness.detectChanges();

    expect(root.querySelector('h1')?.textContent).toContain('Connection cancelled');
    expect(root.textContent).toContain('You did not allow access');
    const back = root.querySelector<HTMLAnchorElement>('a[href="/app/accounts"]');
    expect(back?.textContent).toContain('Back to social accounts');
    expect(sessionStorage.getItem(PENDING_CONNECTION_KEY)).toBeNull();
    backend.expectNone(SOCIAL_PATHS.complete);
  });

  it('finishes an agency connection, returns to the accounts page and names what was connected', async () => {
    await signIn(owner);
    savePendingConnection({ kind: 'agency', returnUrl: '/app/accounts' }, AUTHORIZE);

    await open('/oauth/callback?code=code-1&state=st-1');
    const request = backend.expectOne(SOCIAL_PATHS.complete);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ state: 'st-1', code: 'code-1' });
    request.flush({ accounts: [account('Acme Coffee')], returnTo: 'agency' } satisfies CompleteConnectResponse);
    await settle();

    expect(TestBed.inject(Router).url).toBe('/app/accounts');
    expect(toast.show).toHaveBeenCalledWith('Connected Acme Coffee');
    expect(sessionStorage.getItem(PENDING_CONNECTION_KEY)).toBeNull();
  });

  it('restores the session after the full page load before it completes', async () => {
    savePendingConnection({ kind: 'portal', returnUrl: '/portal/accounts' }, AUTHORIZE);

    await open('/oauth/callback?code=code-1&state=st-1');
    await settle();
    backend.expectNone(SOCIAL_PATHS.complete);
    backend.expectOne(AUTH_PATHS.refresh).flush({ accessToken: 't', expiresIn: 900, me: clientUser });
    await settle();

    backend
      .expectOne(SOCIAL_PATHS.complete)
      .flush({ accounts: [account('Acme IG'), account('Acme Page')], returnTo: 'portal' });
    await settle();

    expect(TestBed.inject(Router).url).toBe('/portal/accounts');
    expect(toast.show).toHaveBeenCalledWith('Connected Acme IG and Acme Page');
  });

  it('never sends someone to the other side of the app, whatever the storage says', async () => {
    await signIn(clientUser);
    savePendingConnection({ kind: 'agency', returnUrl: '/app/accounts' }, AUTHORIZE);

    await open('/oauth/callback?code=code-1&state=st-1');
    backend.expectOne(SOCIAL_PATHS.complete).flush({ accounts: [account('Acme IG')], returnTo: 'portal' });
    await settle();

    expect(TestBed.inject(Router).url).toBe('/portal');
  });

  it('shows the server’s reason for a refusal, with a link to try again', async () => {
    await signIn(clientUser);
    savePendingConnection({ kind: 'portal', returnUrl: '/portal/accounts' }, AUTHORIZE);

    const { harness, root } = await open('/oauth/callback?code=code-1&state=st-1');
    backend.expectOne(SOCIAL_PATHS.complete).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'This account is already connected for another client of the agency.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    harness.detectChanges();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain('already connected for another client');
    expect(root.querySelector<HTMLAnchorElement>('a[href="/portal/accounts"]')?.textContent).toContain('Try again');
    expect(TestBed.inject(Router).url).toContain('/oauth/callback');
    expect(toast.show).not.toHaveBeenCalled();
  });

  it('finishes a connect-link connection without a session and goes back to the link', async () => {
    savePendingConnection(
      { kind: 'connect_link', token: 'link-token', binding: 'bind-1', page: '/a/acme-studio/connect' },
      AUTHORIZE,
    );

    await open('/oauth/callback?code=code-1&state=st-1');
    const request = backend.expectOne(SOCIAL_PATHS.linkComplete);
    expect(request.request.body).toEqual({ token: 'link-token', binding: 'bind-1', state: 'st-1', code: 'code-1' });
    request.flush({ accounts: [account('Acme IG')], returnTo: 'connect_link' });
    await settle();

    const router = TestBed.inject(Router);
    expect(router.url).toBe('/a/acme-studio/connect?token=link-token');
    expect(router.lastSuccessfulNavigation()?.extras.state).toEqual({ connected: ['Acme IG'] });
    backend.expectNone(AUTH_PATHS.refresh);
  });

  it('asks a signed-out person to sign in when the session could not be restored', async () => {
    savePendingConnection({ kind: 'agency', returnUrl: '/app/accounts' }, AUTHORIZE);

    const { harness, root } = await open('/oauth/callback?code=code-1&state=st-1');
    await settle();
    backend
      .expectOne(AUTH_PATHS.refresh)
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'No session' }, { status: 401, statusText: 'No' });
    await settle();
    harness.detectChanges();

    expect(root.querySelector('h1')?.textContent).toContain('Sign in');
    expect(root.querySelector('a[href="/login?returnUrl=%2Fapp%2Faccounts"]')).toBeTruthy();
    backend.expectNone(SOCIAL_PATHS.complete);
  });

  describe('round trips begun on an agency’s custom domain', () => {
    const HANDED_BACK = 'https://portal.northwind.test/oauth/callback?code=hb-1';

    it('on APP_URL, where this tab started nothing, hands the browser back to the domain the server names', async () => {
      await open('/oauth/callback?code=code-1&state=st-1');
      const request = backend.expectOne(SOCIAL_PATHS.oauthHandback);
      expect(request.request.body).toEqual({ state: 'st-1', code: 'code-1' });
      request.flush({ url: HANDED_BACK });
      await settle();

      expect(handBack).toHaveBeenCalledWith(HANDED_BACK);
      backend.expectNone(SOCIAL_PATHS.complete);
      backend.expectNone(AUTH_PATHS.refresh);
    });

    it('hands a refusal back too, so the person reads it on their portal', async () => {
      await open('/oauth/callback?error=access_denied&state=st-1');
      const request = backend.expectOne(SOCIAL_PATHS.oauthHandback);
      expect(request.request.body).toEqual({ state: 'st-1', error: 'access_denied' });
      request.flush({ url: 'https://portal.northwind.test/oauth/callback?error=access_denied' });
      await settle();

      expect(handBack).toHaveBeenCalledWith('https://portal.northwind.test/oauth/callback?error=access_denied');
    });

    it('never follows an answer that is not an https address', async () => {
      await signIn(owner);
      await open('/oauth/callback?code=code-1&state=st-1');
      backend.expectOne(SOCIAL_PATHS.oauthHandback).flush({ url: 'javascript:alert(1)' });
      await settle();

      expect(handBack).not.toHaveBeenCalled();
      backend.expectOne(SOCIAL_PATHS.complete).flush({ accounts: [account('Acme IG')], returnTo: 'agency' });
      await settle();
      expect(TestBed.inject(Router).url).toBe('/app/accounts');
    });

    it('finishes as before when the server has nothing to hand back (e.g. no storage in this tab)', async () => {
      await signIn(owner);
      await open('/oauth/callback?code=code-1&state=st-1');
      backend
        .expectOne(SOCIAL_PATHS.oauthHandback)
        .flush({ statusCode: 404, error: 'Not Found', message: 'Nothing' }, { status: 404, statusText: 'Not Found' });
      await settle();

      const request = backend.expectOne(SOCIAL_PATHS.complete);
      expect(request.request.body).toEqual({ state: 'st-1', code: 'code-1' });
      request.flush({ accounts: [account('Acme IG')], returnTo: 'agency' });
      await settle();
      expect(handBack).not.toHaveBeenCalled();
      expect(TestBed.inject(Router).url).toBe('/app/accounts');
    });

    it('on the custom domain, finishes with the one-time code in the session that started it', async () => {
      await signIn(clientUser);
      savePendingConnection({ kind: 'portal', returnUrl: '/portal/accounts' }, AUTHORIZE);

      await open('/oauth/callback?code=hb-1');
      const request = backend.expectOne(SOCIAL_PATHS.completeHandback);
      expect(request.request.body).toEqual({ code: 'hb-1' });
      request.flush({ accounts: [account('Acme IG')], returnTo: 'portal' });
      await settle();

      backend.expectNone(SOCIAL_PATHS.oauthHandback);
      backend.expectNone(SOCIAL_PATHS.complete);
      expect(TestBed.inject(Router).url).toBe('/portal/accounts');
      expect(toast.show).toHaveBeenCalledWith('Connected Acme IG');
      expect(sessionStorage.getItem(PENDING_CONNECTION_KEY)).toBeNull();
    });
  });
});
