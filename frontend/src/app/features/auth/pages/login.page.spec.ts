import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AUTH_PATHS, type MeResponse } from '@atrium/shared';
import { LoginPage } from './login.page';

const MAILBOX = '/api/v1/dev/mailbox';

const clientUser: MeResponse = {
  id: 'u2',
  name: 'Carol Client',
  email: 'carol@contoso.test',
  emailConfirmed: true,
  timezone: 'Europe/Paris',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'client',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: null,
  clients: [{ id: 'c1', name: 'Contoso', role: 'admin', permissions: ['calendar.view'] }],
};

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function field(label: string): HTMLInputElement {
    const labelElement = Array.from(root.querySelectorAll('label')).find(
      (candidate) => candidate.textContent?.trim().replace(/\s*\*$/, '') === label,
    );
    const input = labelElement && root.querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`);
    if (!input) {
      throw new Error(`No field labelled ${label}`);
    }
    return input;
  }

  function type(label: string, value: string): void {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function signInButton(): HTMLButtonElement {
    const button = Array.from(root.querySelectorAll('button')).find(
      (candidate) => candidate.textContent?.trim() === 'Sign in',
    );
    if (!button) {
      throw new Error('No Sign in button');
    }
    return button;
  }

  async function submit(email: string, password: string): Promise<void> {
    backend.match(MAILBOX).forEach((request) => request.flush(null, { status: 404, statusText: 'Not Found' }));
    type('Email', email);
    type('Password', password);
    signInButton().click();
    await fixture.whenStable();
  }

  it('shows the server’s error in an alert and lets the user try again', async () => {
    await submit('carol@contoso.test', 'wrong password');

    const login = backend.expectOne(AUTH_PATHS.login);
    expect(login.request.body).toEqual({ email: 'carol@contoso.test', password: 'wrong password' });
    expect(signInButton().getAttribute('aria-disabled')).toBe('true');
    signInButton().click();
    await fixture.whenStable();
    backend.expectNone(AUTH_PATHS.login);

    login.flush(
      { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password.' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();

    const alert = root.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Invalid email or password.');
    expect(signInButton().hasAttribute('aria-disabled')).toBe(false);
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('tells a rate-limited user how long to wait', async () => {
    await submit('carol@contoso.test', 'wrong password');
    backend
      .expectOne(AUTH_PATHS.login)
      .flush(
        { statusCode: 429, error: 'Too Many Requests', message: 'ThrottlerException' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '300' } },
      );
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Too many attempts, try again in 5 minutes.');
  });

  it('does not call the server while the form is invalid', async () => {
    await submit('not-an-email', '');
    backend.expectNone(AUTH_PATHS.login);
    expect(root.textContent).toContain('Enter a valid email address.');
    expect(root.textContent).toContain('Enter your password.');
  });

  it('ignores a returnUrl from the agency side for a client user', async () => {
    fixture.componentRef.setInput('returnUrl', '/app/clients');
    await submit('carol@contoso.test', 'correct horse battery');
    backend.expectOne(AUTH_PATHS.login).flush({ accessToken: 't', expiresIn: 900, me: clientUser });
    await fixture.whenStable();

    expect(navigateByUrl).toHaveBeenCalledWith('/portal');
  });

  it('returns a client user to the portal page they wanted', async () => {
    fixture.componentRef.setInput('returnUrl', '/portal/calendar');
    await submit('carol@contoso.test', 'correct horse battery');
    backend.expectOne(AUTH_PATHS.login).flush({ accessToken: 't', expiresIn: 900, me: clientUser });
    await fixture.whenStable();

    expect(navigateByUrl).toHaveBeenCalledWith('/portal/calendar');
  });

  it('offers the dev mailbox only when the server captures email', async () => {
    backend.expectOne(MAILBOX).flush([]);
    await fixture.whenStable();
    expect(root.querySelector('a[href="/dev/mailbox"]')?.textContent).toContain('Dev mailbox');
  });

  it('hides the dev mailbox link when email goes out over SMTP', async () => {
    backend.expectOne(MAILBOX).flush(null, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(root.querySelector('a[href="/dev/mailbox"]')).toBeNull();
  });
});
