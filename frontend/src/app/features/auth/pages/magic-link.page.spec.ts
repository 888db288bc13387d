import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AUTH_PATHS, type MeResponse } from '@atrium/shared';
import { MagicLinkPage } from './magic-link.page';

const anna: MeResponse = {
  id: 'u1',
  name: 'Anna Acme',
  email: 'anna@acme.test',
  emailConfirmed: true,
  timezone: 'UTC',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'client',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: null,
  clients: [{ id: 'c1', name: 'Acme Coffee', role: 'admin', permissions: [] }],
};

describe('MagicLinkPage', () => {
  let fixture: ComponentFixture<MagicLinkPage>;
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MagicLinkPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MagicLinkPage);
    fixture.componentRef.setInput('token', 'magic-token');
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const signIn = () =>
    Array.from(root.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Sign in');

  it('does not spend the token by being opened (mail scanners prefetch links)', () => {
    expect(root.querySelector('h1')?.textContent).toContain('Sign in to your portal');
    expect(signIn()).toBeTruthy();
    backend.expectNone(AUTH_PATHS.magicLink);
  });

  it('signs in on the click and goes to the portal', async () => {
    signIn()?.click();
    const request = backend.expectOne(AUTH_PATHS.magicLink);
    expect(request.request.body).toEqual({ token: 'magic-token' });
    request.flush({ accessToken: 't', expiresIn: 900, me: anna });
    await fixture.whenStable();

    expect(navigateByUrl).toHaveBeenCalledWith('/portal');
  });

  it('explains a dead link and offers the sign-in page', async () => {
    signIn()?.click();
    backend
      .expectOne(AUTH_PATHS.magicLink)
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'This sign-in link has expired or was already used.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'This sign-in link has expired or was already used.',
    );
    expect(root.querySelector('a[href="/login"]')).toBeTruthy();
    expect(signIn()).toBeUndefined();
    expect(navigateByUrl).not.toHaveBeenCalled();
  });
});
