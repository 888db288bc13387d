import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AUTH_PATHS, type MeResponse, type SessionResponse } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService, REFRESH_RETRY_DELAYS_MS } from './auth.service';

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
const unavailable = { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '5' } };
const unavailableBody = {
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'The database is not answering; try again in a moment',
};
/** Retries wait on timers (zero here) and the refresh resolves through a promise; let them run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

/** The server's database is briefly away: it answers 503, and nobody gets signed out for that. */
describe('auth while the server answers 503', () => {
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
        { provide: REFRESH_RETRY_DELAYS_MS, useValue: [0, 0, 0] },
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

  it('retries the refresh after 503s with the same cookie, and carries on once the server answers', async () => {
    const results: unknown[] = [];
    http.get('/api/v1/agency/overview').subscribe((body) => results.push(body));
    backend.expectOne('/api/v1/agency/overview').flush(unauthorizedBody, unauthorized);

    backend.expectOne(AUTH_PATHS.refresh).flush(unavailableBody, unavailable);
    await settle();
    backend.expectOne(AUTH_PATHS.refresh).flush(unavailableBody, unavailable);
    await settle();
    backend.expectOne(AUTH_PATHS.refresh).flush(session('token-2'));
    await settle();

    const retried = backend.expectOne('/api/v1/agency/overview');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer token-2');
    retried.flush({ ok: true });
    expect(results).toEqual([{ ok: true }]);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('keeps the session and stays on the page when the server is still unavailable after the retries', async () => {
    let failure: unknown;
    http.get('/api/v1/agency/overview').subscribe({ error: (error) => (failure = error) });
    backend.expectOne('/api/v1/agency/overview').flush(unauthorizedBody, unauthorized);

    // One try and three retries, then the caller hears about it.
    for (let i = 0; i < 4; i++) {
      backend.expectOne(AUTH_PATHS.refresh).flush(unavailableBody, unavailable);
      await settle();
    }
    backend.expectNone(AUTH_PATHS.refresh);

    expect(auth.isSignedIn()).toBe(true);
    expect(auth.accessToken()).toBe('token-1');
    expect(navigate).not.toHaveBeenCalled();
    expect(failure).toMatchObject({ status: 503 });
  });

  it('quietly retries a read that got a 503, and never signs out for it', async () => {
    const results: unknown[] = [];
    http.get('/api/v1/me').subscribe((body) => results.push(body));
    backend.expectOne('/api/v1/me').flush(unavailableBody, unavailable);
    await settle();
    backend.expectOne('/api/v1/me').flush(unavailableBody, unavailable);
    await settle();
    backend.expectOne('/api/v1/me').flush({ ok: 'me' });

    expect(results).toEqual([{ ok: 'me' }]);
    backend.expectNone(AUTH_PATHS.refresh);
    expect(auth.isSignedIn()).toBe(true);
  });

  it('does not send a change twice: a 503 to a POST goes to the page as it is', async () => {
    let failure: unknown;
    http.post('/api/v1/clients', { name: 'Acme' }).subscribe({ error: (error) => (failure = error) });
    backend.expectOne('/api/v1/clients').flush(unavailableBody, unavailable);
    await settle();

    backend.expectNone('/api/v1/clients');
    expect(failure).toMatchObject({ status: 503 });
    expect(auth.isSignedIn()).toBe(true);
  });
});
