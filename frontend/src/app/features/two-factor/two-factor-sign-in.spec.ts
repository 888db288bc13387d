import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  AUTH_PATHS,
  INVITATION_PATHS,
  TWO_FACTOR_PATHS,
  TWO_FACTOR_CHALLENGE_TTL_SECONDS,
  type MeResponse,
  type TwoFactorChallengeResponse,
} from '@atrium/shared';
import { AuthService } from '../../core/auth/auth.service';
import { AcceptInvitationPage } from '../auth/pages/accept-invitation.page';
import { LoginPage } from '../auth/pages/login.page';
import { MagicLinkPage } from '../auth/pages/magic-link.page';
import { SIGN_IN_EXPIRED_MESSAGE } from './components/two-factor-code-step.component';

const MAILBOX = '/api/v1/dev/mailbox';

const mia: MeResponse = {
  id: 'u1',
  name: 'Mia Member',
  email: 'mia@northwind.test',
  emailConfirmed: true,
  timezone: 'UTC',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'agency',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: 'member',
  clients: [],
};
const dana: MeResponse = {
  ...mia,
  id: 'u2',
  name: 'Dana Delta',
  email: 'dana@delta.test',
  audience: 'client',
  agencyRole: null,
  clients: [{ id: 'c1', name: 'Delta Outdoors', role: 'admin', permissions: [] }],
};

const challenge = (twoFactor: 'code' | 'enrol'): TwoFactorChallengeResponse => ({
  twoFactor,
  challengeToken: `challenge-${twoFactor}`,
  expiresIn: TWO_FACTOR_CHALLENGE_TTL_SECONDS,
});
const wrongCode = {
  body: { statusCode: 401, error: 'Unauthorized', message: 'That code is not right. Check your app and try again.' },
  init: { status: 401, statusText: 'Unauthorized' },
};

/** The DOM of a page, read and driven the way a person would: by labels and button texts. */
class Screen {
  constructor(private readonly fixture: ComponentFixture<unknown>) {}

  get root(): HTMLElement {
    return this.fixture.nativeElement as HTMLElement;
  }

  field(label: string): HTMLInputElement {
    const labelElement = Array.from(this.root.querySelectorAll('label')).find(
      (candidate) => candidate.textContent?.trim().replace(/\s*\*$/, '') === label,
    );
    const input = labelElement && this.root.querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`);
    if (!input) throw new Error(`No field labelled ${label}`);
    return input;
  }

  type(label: string, value: string): void {
    const input = this.field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  button(text: string): HTMLButtonElement {
    const found = Array.from(this.root.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`No button ${text}`);
    return found;
  }

  async click(text: string): Promise<void> {
    this.button(text).click();
    await this.fixture.whenStable();
  }

  text(): string {
    return this.root.textContent ?? '';
  }
}

describe('Two-step verification at sign-in', () => {
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function loginPage(): Promise<{ screen: Screen; fixture: ComponentFixture<LoginPage> }> {
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    backend.match(MAILBOX).forEach((request) => request.flush(null, { status: 404, statusText: 'Not Found' }));
    return { screen: new Screen(fixture), fixture };
  }

  async function passwordAccepted(screen: Screen, fixture: ComponentFixture<unknown>, answer: object): Promise<void> {
    screen.type('Email', 'mia@northwind.test');
    screen.type('Password', 'correct horse');
    await screen.click('Sign in');
    backend.expectOne(AUTH_PATHS.login).flush(answer);
    await fixture.whenStable();
  }

  it('asks for the code after the password, and opens no session before it', async () => {
    const { screen, fixture } = await loginPage();
    await passwordAccepted(screen, fixture, challenge('code'));

    expect(screen.root.querySelector('h1')?.textContent).toContain('Two-step verification');
    expect(screen.text()).toContain('Enter the 6-digit code from your authenticator app.');
    const code = screen.field('6-digit code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('shows a wrong code by the field and lets the person try again, then goes on like a sign-in', async () => {
    const { screen, fixture } = await loginPage();
    await passwordAccepted(screen, fixture, challenge('code'));

    screen.type('6-digit code', '000 000');
    await screen.click('Verify');
    const first = backend.expectOne(TWO_FACTOR_PATHS.verify);
    expect(first.request.body).toEqual({ challengeToken: 'challenge-code', code: '000000' });
    expect(screen.button('Verify').getAttribute('aria-busy')).toBe('true');
    first.flush(wrongCode.body, wrongCode.init);
    await fixture.whenStable();

    expect(screen.text()).toContain('That code is not right.');
    expect(navigateByUrl).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.field('6-digit code'));

    screen.type('6-digit code', '123456');
    await screen.click('Verify');
    backend.expectOne(TWO_FACTOR_PATHS.verify).flush({ accessToken: 't', expiresIn: 900, me: mia });
    await fixture.whenStable();

    expect(TestBed.inject(AuthService).me()?.email).toBe('mia@northwind.test');
    expect(navigateByUrl).toHaveBeenCalledWith('/app');
  });

  it('does not send something that is not a code', async () => {
    const { screen, fixture } = await loginPage();
    await passwordAccepted(screen, fixture, challenge('code'));

    screen.type('6-digit code', '12345');
    await screen.click('Verify');

    backend.expectNone(TWO_FACTOR_PATHS.verify);
    expect(screen.text()).toContain('The code is the 6 digits your app shows.');
  });

  it('takes a recovery code instead', async () => {
    const { screen, fixture } = await loginPage();
    await passwordAccepted(screen, fixture, challenge('code'));

    await screen.click('Use a recovery code instead');
    screen.type('Recovery code', ' ABCDE-12345 ');
    await screen.click('Verify');

    const request = backend.expectOne(TWO_FACTOR_PATHS.verify);
    expect(request.request.body).toEqual({ challengeToken: 'challenge-code', code: 'abcde-12345' });
    request.flush({ accessToken: 't', expiresIn: 900, me: mia });
    await fixture.whenStable();
    expect(navigateByUrl).toHaveBeenCalledWith('/app');
  });

  it('sends the person back to sign in, saying why, when the challenge has expired', async () => {
    const { screen, fixture } = await loginPage();
    await passwordAccepted(screen, fixture, challenge('code'));

    screen.type('6-digit code', '123456');
    await screen.click('Verify');
    backend.expectOne(TWO_FACTOR_PATHS.verify).flush(
      {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'This sign-in has expired.',
        details: [{ field: 'challengeToken', messages: ['has expired'] }],
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();

    expect(screen.root.querySelector('[role="alert"]')?.textContent).toContain(SIGN_IN_EXPIRED_MESSAGE);
    expect(screen.field('Email').value).toBe('mia@northwind.test');
    expect(screen.field('Password').value).toBe('');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('walks someone whose agency requires it through the setup, and in only once the codes are saved', async () => {
    const { screen, fixture } = await loginPage();
    await passwordAccepted(screen, fixture, challenge('enrol'));

    expect(screen.text()).toContain('Your agency requires two-step verification.');
    expect(screen.root.querySelector('[role="status"]')).not.toBeNull();
    const start = backend.expectOne(TWO_FACTOR_PATHS.enrolStart);
    expect(start.request.body).toEqual({ challengeToken: 'challenge-enrol' });
    start.flush({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/Atrium:mia?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
    });
    await fixture.whenStable();

    const qr = screen.root.querySelector('img');
    expect(qr?.getAttribute('alt')).toBe('QR code to scan with your authenticator app');
    expect(screen.text()).toContain('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    screen.type('6-digit code', '654321');
    await screen.click('Turn on and continue');
    const finish = backend.expectOne(TWO_FACTOR_PATHS.enrolFinish);
    expect(finish.request.body).toEqual({ challengeToken: 'challenge-enrol', code: '654321' });
    finish.flush({ accessToken: 't', expiresIn: 900, me: dana, recoveryCodes: ['aaaaa-11111', 'bbbbb-22222'] });
    await fixture.whenStable();

    expect(screen.text()).toContain('aaaaa-11111');
    expect(screen.text()).toContain('bbbbb-22222');
    expect(navigateByUrl).not.toHaveBeenCalled();
    expect(screen.button('Continue').disabled).toBe(true);

    screen.root.querySelector<HTMLInputElement>('mat-checkbox input')?.click();
    await fixture.whenStable();
    await screen.click('Continue');

    expect(navigateByUrl).toHaveBeenCalledWith('/portal');
  });

  it('keeps the setup step when its first code is refused', async () => {
    const { screen, fixture } = await loginPage();
    await passwordAccepted(screen, fixture, challenge('enrol'));
    backend.expectOne(TWO_FACTOR_PATHS.enrolStart).flush({
      secret: 'JBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/x',
      qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
    });
    await fixture.whenStable();

    screen.type('6-digit code', '111111');
    await screen.click('Turn on and continue');
    backend.expectOne(TWO_FACTOR_PATHS.enrolFinish).flush(wrongCode.body, wrongCode.init);
    await fixture.whenStable();

    expect(screen.root.querySelector('[role="alert"]')?.textContent).toContain('That code is not right.');
    expect(screen.field('6-digit code')).toBeTruthy();
    expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
  });

  it('asks for the code after a magic link, then follows the link to where it leads', async () => {
    const fixture = TestBed.createComponent(MagicLinkPage);
    fixture.componentRef.setInput('token', 'magic-token');
    fixture.componentRef.setInput('returnUrl', '/portal/contracts/k1');
    await fixture.whenStable();
    const screen = new Screen(fixture);

    await screen.click('Sign in');
    backend.expectOne(AUTH_PATHS.magicLink).flush(challenge('code'));
    await fixture.whenStable();

    screen.type('6-digit code', '123456');
    await screen.click('Verify');
    backend.expectOne(TWO_FACTOR_PATHS.verify).flush({ accessToken: 't', expiresIn: 900, me: dana });
    await fixture.whenStable();

    expect(navigateByUrl).toHaveBeenCalledWith('/portal/contracts/k1');
  });

  it('asks for the code after an invitation is accepted', async () => {
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', 'invite-token');
    await fixture.whenStable();
    backend.expectOne(INVITATION_PATHS.preview).flush({
      email: 'dana@delta.test',
      name: 'Dana Delta',
      agencyName: 'Summit Social',
      audience: 'client',
      clientName: 'Delta Outdoors',
      role: 'admin',
      status: 'pending',
      existingAccount: true,
    });
    await fixture.whenStable();
    const screen = new Screen(fixture);

    screen.type('Your current password', 'correct horse');
    await screen.click('Accept invitation');
    backend.expectOne(INVITATION_PATHS.accept).flush(challenge('code'));
    await fixture.whenStable();

    screen.type('6-digit code', '123456');
    await screen.click('Verify');
    backend.expectOne(TWO_FACTOR_PATHS.verify).flush({ accessToken: 't', expiresIn: 900, me: dana });
    await fixture.whenStable();

    expect(navigateByUrl).toHaveBeenCalledWith('/portal');
  });
});
