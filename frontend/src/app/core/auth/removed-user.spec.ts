import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AUTH_PATHS, type MeResponse } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { CLIENT_HEADER, clientHeaderInterceptor } from '../http/client-header.interceptor';
import { clientPermissionGuard, guestGuard, portalGuard } from './auth.guards';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

/** A portal page that reads its data on arrival, like every real one. */
@Component({ template: 'Team' })
class TeamPage {
  constructor() {
    inject(HttpClient)
      .get('/api/v1/portal/team')
      .subscribe({ error: () => undefined });
  }
}

@Component({ template: '' })
class BlankPage {}

const anna: MeResponse = {
  id: 'u1',
  name: 'Anna Acme',
  email: 'anna@acme.test',
  emailConfirmed: true,
  timezone: 'Europe/Paris',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'client',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: null,
  clients: [{ id: 'c1', name: 'Acme Coffee', role: 'admin', permissions: ['users.manage'] }],
};

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * SPEC §5: removal applies on the next request. A removed client user's next click on a portal
 * page answers 401, the refresh is refused, and they end up on the sign-in page.
 */
describe('a client user removed while signed in', () => {
  it('lands on sign in at their next click in the portal, with the page remembered', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor, clientHeaderInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          {
            path: 'portal',
            canMatch: [portalGuard],
            children: [
              { path: '', component: BlankPage },
              { path: 'team', canMatch: [clientPermissionGuard('users.manage')], component: TeamPage },
            ],
          },
          { path: 'login', canMatch: [guestGuard], component: BlankPage },
        ]),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    const signedIn = firstValueFrom(TestBed.inject(AuthService).login({ email: anna.email, password: 'pw' }));
    backend.expectOne(AUTH_PATHS.login).flush({ accessToken: 'token-1', expiresIn: 900, me: anna });
    await signedIn;

    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/portal/team');
    expect(router.url).toBe('/portal/team');

    const team = backend.expectOne('/api/v1/portal/team');
    expect(team.request.headers.get(CLIENT_HEADER)).toBe('c1');
    team.flush(
      { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' },
      { status: 401, statusText: 'Unauthorized' },
    );
    backend
      .expectOne(AUTH_PATHS.refresh)
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Session ended' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await settle();
    await harness.fixture.whenStable();

    expect(router.url).toBe('/login?returnUrl=%2Fportal%2Fteam');
    expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
    backend.verify();
  });
});
