import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AUTH_PATHS, type MeResponse } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { ActiveClientService } from '../auth/active-client.service';
import { authInterceptor } from '../auth/auth.interceptor';
import { AuthService } from '../auth/auth.service';
import { CLIENT_HEADER, clientHeaderInterceptor } from './client-header.interceptor';

const sam: MeResponse = {
  id: 'u9',
  name: 'Sam Multi',
  email: 'sam@multi.test',
  emailConfirmed: true,
  timezone: 'UTC',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'client',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: null,
  clients: [
    { id: 'c-acme', name: 'Acme Coffee', role: 'member', permissions: ['calendar.view'] },
    { id: 'c-blue', name: 'Blue Harbor Hotels', role: 'admin', permissions: ['users.manage'] },
  ],
};

describe('clientHeaderInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    sessionStorage.clear();
  });

  async function signIn(me: MeResponse = sam): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor, clientHeaderInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    const signedIn = firstValueFrom(TestBed.inject(AuthService).login({ email: me.email, password: 'pw' }));
    backend.expectOne(AUTH_PATHS.login).flush({ accessToken: 't', expiresIn: 900, me });
    await signedIn;
  }

  afterEach(() => backend.verify());

  it('sends the first client by default on portal calls', async () => {
    await signIn();
    http.get('/api/v1/portal/overview').subscribe();
    const request = backend.expectOne('/api/v1/portal/overview');
    expect(request.request.headers.get(CLIENT_HEADER)).toBe('c-acme');
    request.flush({});
  });

  it('sends the chosen client, and remembers the choice for the tab', async () => {
    await signIn();
    TestBed.inject(ActiveClientService).select('c-blue');

    http.get('/api/v1/portal/team').subscribe();
    const request = backend.expectOne('/api/v1/portal/team');
    expect(request.request.headers.get(CLIENT_HEADER)).toBe('c-blue');
    request.flush({});
    expect(sessionStorage.getItem('atrium.activeClientId')).toBe('c-blue');
  });

  it('ignores a remembered client the user no longer belongs to', async () => {
    sessionStorage.setItem('atrium.activeClientId', 'c-gone');
    await signIn();
    http.get('/api/v1/portal/overview').subscribe();
    const request = backend.expectOne('/api/v1/portal/overview');
    expect(request.request.headers.get(CLIENT_HEADER)).toBe('c-acme');
    request.flush({});
  });

  it('leaves every other call alone', async () => {
    await signIn();
    http.get('/api/v1/me').subscribe();
    http.get('/api/v1/clients').subscribe();
    http.get('/api/v1/portalish').subscribe();
    for (const url of ['/api/v1/me', '/api/v1/clients', '/api/v1/portalish']) {
      const request = backend.expectOne(url);
      expect(request.request.headers.has(CLIENT_HEADER)).toBe(false);
      request.flush({});
    }
  });

  it('sends no header for a user without clients (an agency user)', async () => {
    await signIn({ ...sam, audience: 'agency', agencyRole: 'owner', clients: [] });
    http.get('/api/v1/portal/overview').subscribe();
    const request = backend.expectOne('/api/v1/portal/overview');
    expect(request.request.headers.has(CLIENT_HEADER)).toBe(false);
    request.flush({});
  });
});
