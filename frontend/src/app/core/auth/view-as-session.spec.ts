import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AUTH_PATHS, VIEW_AS_PATHS, type MeResponse } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { storedViewAsToken } from './view-as-token';

const anna: MeResponse = {
  id: 'c1',
  name: 'Anna Acme',
  email: 'anna@acme.test',
  emailConfirmed: true,
  timezone: 'UTC',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'client',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: null,
  clients: [{ id: 'k1', name: 'Acme Coffee', role: 'admin', permissions: ['media.upload'] }],
  viewAs: { viewerName: 'Olivia Owner' },
};

/** A "View as client" tab: its own token, and never the agency user's cookie session. */
describe('AuthService in a View as client tab', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/portal/view-as#token=view-token-1');
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
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    const restored = auth.restoreSession();
    const me = backend.expectOne(AUTH_PATHS.me);
    expect(me.request.headers.get('Authorization')).toBe('Bearer view-token-1');
    me.flush(anna);
    await restored;
  });

  afterEach(() => {
    backend.verify();
    window.history.replaceState(null, '', '/');
  });

  it('starts from the token in the address, which then leaves the address', () => {
    expect(auth.isViewAs()).toBe(true);
    expect(auth.me()?.viewAs?.viewerName).toBe('Olivia Owner');
    expect(window.location.pathname).toBe('/portal');
    expect(window.location.hash).toBe('');
    expect(storedViewAsToken(sessionStorage)).toBe('view-token-1');
  });

  it('sends the view token with every call, sign-out included, so the server can refuse it', () => {
    http.post(AUTH_PATHS.logout, null).subscribe({ error: () => undefined });
    const logout = backend.expectOne(AUTH_PATHS.logout);
    expect(logout.request.headers.get('Authorization')).toBe('Bearer view-token-1');
    logout.flush(
      { statusCode: 403, error: 'Forbidden', message: 'View as client is read-only' },
      { status: 403, statusText: 'Forbidden' },
    );
  });

  it('never refreshes: an ended view shows its page instead', async () => {
    let refused: unknown = null;
    http.get('/api/v1/portal/overview').subscribe({ error: (error: unknown) => (refused = error) });
    backend
      .expectOne('/api/v1/portal/overview')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'ended' }, { status: 401, statusText: 'Unauthorized' });
    backend.expectNone(AUTH_PATHS.refresh);
    expect(refused).not.toBeNull();
    expect(navigate).toHaveBeenCalledWith(VIEW_AS_PATHS.ended);
    expect(auth.isViewAs()).toBe(false);
    expect(auth.isSignedIn()).toBe(false);
  });

  it("refuses to renew the view with the refresh cookie, which is the agency user's own", async () => {
    expect(await firstValueFrom(auth.refresh())).toBe(false);
    backend.expectNone(AUTH_PATHS.refresh);
    expect(auth.isViewAs()).toBe(false);
  });

  it('signs out of the view only: nothing reaches the server, the token is forgotten', async () => {
    await firstValueFrom(auth.logout());
    backend.expectNone(AUTH_PATHS.logout);
    expect(auth.isSignedIn()).toBe(false);
    expect(storedViewAsToken(sessionStorage)).toBeNull();
  });

  it('keeps the view across a reload of the tab', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    const reloaded = TestBed.inject(AuthService);
    const again = TestBed.inject(HttpTestingController);
    const restored = reloaded.restoreSession();
    const me = again.expectOne(AUTH_PATHS.me);
    expect(me.request.headers.get('Authorization')).toBe('Bearer view-token-1');
    me.flush(anna);
    await restored;
    again.expectNone(AUTH_PATHS.refresh);
    expect(reloaded.isViewAs()).toBe(true);
    backend = again;
  });
});
