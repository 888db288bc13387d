import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AUTH_PATHS, type Audience, type MeResponse } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { agencyGuard, guestGuard, portalGuard } from './auth.guards';
import { AuthService } from './auth.service';

@Component({ template: '' })
class BlankPage {}

function user(audience: Audience): MeResponse {
  return {
    id: 'u1',
    name: 'Grace Hopper',
    email: 'grace@example.test',
    emailConfirmed: true,
    timezone: 'UTC',
    avatarUrl: null,
    pendingEmail: null,
    audience,
    agency: { id: 'a1', name: 'Northwind' },
    agencyRole: audience === 'agency' ? 'admin' : null,
    clients:
      audience === 'client' ? [{ id: 'c1', name: 'Contoso', role: 'member', permissions: ['calendar.view'] }] : [],
  };
}

describe('route guards', () => {
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          {
            path: 'app',
            canMatch: [agencyGuard],
            children: [
              { path: '', component: BlankPage },
              { path: 'clients', component: BlankPage },
            ],
          },
          { path: 'portal', canMatch: [portalGuard], component: BlankPage },
          { path: 'login', canMatch: [guestGuard], component: BlankPage },
          { path: 'a/:slug/login', canMatch: [guestGuard], component: BlankPage },
          { path: 'signup', canMatch: [guestGuard], component: BlankPage },
        ]),
      ],
    });
    router = TestBed.inject(Router);
  });

  async function signInAs(audience: Audience): Promise<void> {
    const auth = TestBed.inject(AuthService);
    const signedIn = firstValueFrom(auth.login({ email: 'x@example.test', password: 'password' }));
    TestBed.inject(HttpTestingController)
      .expectOne(AUTH_PATHS.login)
      .flush({ accessToken: 't', expiresIn: 900, me: user(audience) });
    await signedIn;
  }

  it('sends a signed-out visitor to sign in, remembering the whole URL', async () => {
    await router.navigateByUrl('/app/clients?tab=active');
    expect(router.url).toBe('/login?returnUrl=%2Fapp%2Fclients%3Ftab%3Dactive');

    await router.navigateByUrl('/portal');
    expect(router.url).toBe('/login?returnUrl=%2Fportal');
  });

  it("sends a signed-out portal visitor to their agency's branded sign-in page, when this browser knows it", async () => {
    localStorage.setItem('atr-sign-in-slug', 'acme-studio');
    try {
      await router.navigateByUrl('/portal');
      expect(router.url).toBe('/a/acme-studio/login?returnUrl=%2Fportal');
      // The agency workspace signs in on the installation's page.
      await router.navigateByUrl('/app/clients');
      expect(router.url).toBe('/login?returnUrl=%2Fapp%2Fclients');
    } finally {
      localStorage.removeItem('atr-sign-in-slug');
    }
  });

  it('redirects a client user who opens /app to /portal', async () => {
    await signInAs('client');
    await router.navigateByUrl('/app/clients');
    expect(router.url).toBe('/portal');
  });

  it('redirects an agency user who opens /portal to /app', async () => {
    await signInAs('agency');
    await router.navigateByUrl('/portal');
    expect(router.url).toBe('/app');
  });

  it('lets each audience into its own side', async () => {
    await signInAs('agency');
    await router.navigateByUrl('/app/clients');
    expect(router.url).toBe('/app/clients');
  });

  it('sends signed-in users away from sign-in and sign-up to their home', async () => {
    await signInAs('client');
    await router.navigateByUrl('/login');
    expect(router.url).toBe('/portal');
    await router.navigateByUrl('/signup');
    expect(router.url).toBe('/portal');
  });

  it('shows sign-in to signed-out visitors', async () => {
    await router.navigateByUrl('/login');
    expect(router.url).toBe('/login');
  });
});
