import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AUTH_PATHS, SETTINGS_PATHS, SOCIAL_PATHS, type MeResponse, type SessionResponse } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

const me: MeResponse = {
  id: 'u1',
  name: 'Ada Lovelace',
  email: 'ada@agency.test',
  emailConfirmed: true,
  timezone: 'UTC',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'agency',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: 'owner',
  clients: [],
};

const session = (accessToken: string): SessionResponse => ({ accessToken, expiresIn: 900, me });
const unauthorized = { status: 401, statusText: 'Unauthorized' };
const unauthorizedBody = { statusCode: 401, error: 'Unauthorized', message: 'Token expired' };
/** The refresh resolves through a promise; let it settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    const signedIn = firstValueFrom(auth.login({ email: me.email, password: 'correct horse' }));
    backend.expectOne(AUTH_PATHS.login).flush(session('token-1'));
    await signedIn;
  });

  afterEach(() => backend.verify());

  it('sends the bearer token with API calls, but not to other hosts', () => {
    http.get('/api/v1/agency/overview').subscribe();
    http.get('https://cdn.example/file.json').subscribe();

    const api = backend.expectOne('/api/v1/agency/overview');
    expect(api.request.headers.get('Authorization')).toBe('Bearer token-1');
    const other = backend.expectOne('https://cdn.example/file.json');
    expect(other.request.headers.has('Authorization')).toBe(false);
    api.flush({});
    other.flush({});
  });

  it('sends credentials (the refresh cookie) to the auth endpoints', () => {
    http.post(AUTH_PATHS.forgotPassword, { email: me.email }).subscribe();
    const request = backend.expectOne(AUTH_PATHS.forgotPassword);
    expect(request.request.withCredentials).toBe(true);
    request.flush({ message: 'ok' });
  });

  it('treats a 401 from the public connect-link page as its answer, but an agency link call as a session matter', async () => {
    let refused: unknown = null;
    http.post(SOCIAL_PATHS.linkPreview, { token: 'x' }).subscribe({ error: (error: unknown) => (refused = error) });
    backend.expectOne(SOCIAL_PATHS.linkPreview).flush(unauthorizedBody, unauthorized);
    await settle();
    expect(refused).not.toBeNull();
    backend.expectNone(AUTH_PATHS.refresh);

    http.delete(SOCIAL_PATHS.connectLink('link-1')).subscribe();
    const revoke = backend.expectOne(SOCIAL_PATHS.connectLink('link-1'));
    expect(revoke.request.headers.get('Authorization')).toBe('Bearer token-1');
    revoke.flush(null);
  });

  it('refreshes once for concurrent 401s and retries each call once with the new token', async () => {
    const results: unknown[] = [];
    http.get('/api/v1/agency/overview').subscribe((body) => results.push(body));
    http.get('/api/v1/me').subscribe((body) => results.push(body));

    backend.expectOne('/api/v1/agency/overview').flush(unauthorizedBody, unauthorized);
    backend.expectOne('/api/v1/me').flush(unauthorizedBody, unauthorized);

    // Exactly one refresh: a second one would replay the rotated cookie and kill the session.
    const refresh = backend.expectOne(AUTH_PATHS.refresh);
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(session('token-2'));
    await settle();

    const retriedOverview = backend.expectOne('/api/v1/agency/overview');
    const retriedMe = backend.expectOne('/api/v1/me');
    expect(retriedOverview.request.headers.get('Authorization')).toBe('Bearer token-2');
    expect(retriedMe.request.headers.get('Authorization')).toBe('Bearer token-2');
    retriedOverview.flush({ ok: 'overview' });
    retriedMe.flush({ ok: 'me' });

    expect(results).toEqual([{ ok: 'overview' }, { ok: 'me' }]);
    expect(auth.accessToken()).toBe('token-2');
  });

  it('retries only once: a second 401 is the caller’s error, not another refresh', async () => {
    let failure: unknown;
    http.get('/api/v1/agency/overview').subscribe({ error: (error) => (failure = error) });

    backend.expectOne('/api/v1/agency/overview').flush(unauthorizedBody, unauthorized);
    backend.expectOne(AUTH_PATHS.refresh).flush(session('token-2'));
    await settle();
    backend.expectOne('/api/v1/agency/overview').flush(unauthorizedBody, unauthorized);
    await settle();

    backend.expectNone(AUTH_PATHS.refresh);
    expect(failure).toMatchObject({ status: 401 });
  });

  it('signs out and sends the user to sign in, remembering the page, when the refresh is refused', async () => {
    const router = TestBed.inject(Router);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/app/clients?tab=active');
    let failure: unknown;
    http.get('/api/v1/agency/overview').subscribe({ error: (error) => (failure = error) });

    backend.expectOne('/api/v1/agency/overview').flush(unauthorizedBody, unauthorized);
    backend.expectOne(AUTH_PATHS.refresh).flush(unauthorizedBody, unauthorized);
    await settle();

    expect(auth.isSignedIn()).toBe(false);
    expect(auth.me()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/app/clients?tab=active' },
    });
    expect(failure).toMatchObject({ status: 401 });
  });

  it('keeps the session when the refresh cannot reach the server', async () => {
    let failure: unknown;
    http.get('/api/v1/agency/overview').subscribe({ error: (error) => (failure = error) });

    backend.expectOne('/api/v1/agency/overview').flush(unauthorizedBody, unauthorized);
    backend.expectOne(AUTH_PATHS.refresh).error(new ProgressEvent('error'));
    await settle();

    expect(auth.accessToken()).toBe('token-1');
    expect(navigate).not.toHaveBeenCalled();
    expect(failure).toBeDefined();
  });

  it('never tries to refresh after a 401 from the auth endpoints themselves', async () => {
    let failure: unknown;
    http
      .post(AUTH_PATHS.login, { email: me.email, password: 'wrong' })
      .subscribe({ error: (error) => (failure = error) });
    backend.expectOne(AUTH_PATHS.login).flush(unauthorizedBody, unauthorized);
    await settle();

    backend.expectNone(AUTH_PATHS.refresh);
    expect(failure).toMatchObject({ status: 401 });
  });

  it('never refreshes or signs out after a 401 from the invitation pages (a wrong current password)', async () => {
    let failure: unknown;
    http
      .post('/api/v1/invitations/accept', { token: 't', name: 'Ada', password: 'wrong' })
      .subscribe({ error: (error) => (failure = error) });
    const accept = backend.expectOne('/api/v1/invitations/accept');
    expect(accept.request.headers.has('Authorization')).toBe(false);
    accept.flush(unauthorizedBody, unauthorized);
    await settle();

    backend.expectNone(AUTH_PATHS.refresh);
    expect(navigate).not.toHaveBeenCalled();
    expect(auth.isSignedIn()).toBe(true);
    expect(failure).toMatchObject({ status: 401 });
  });

  it('treats the email-change confirmation as public, but an email change itself as a session matter', async () => {
    let failure: unknown;
    http.post(SETTINGS_PATHS.confirmEmailChange, { token: 'spent' }).subscribe({ error: (error) => (failure = error) });
    const confirm = backend.expectOne(SETTINGS_PATHS.confirmEmailChange);
    expect(confirm.request.headers.has('Authorization')).toBe(false);
    confirm.flush(unauthorizedBody, unauthorized);
    await settle();
    backend.expectNone(AUTH_PATHS.refresh);
    expect(failure).toMatchObject({ status: 401 });

    http.post(SETTINGS_PATHS.email, { newEmail: 'new@agency.test', currentPassword: 'pw' }).subscribe();
    const change = backend.expectOne(SETTINGS_PATHS.email);
    expect(change.request.headers.get('Authorization')).toBe('Bearer token-1');
    change.flush({ message: 'sent' });
  });
});
