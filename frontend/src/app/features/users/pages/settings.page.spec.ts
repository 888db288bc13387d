import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { provideRouter } from '@angular/router';
import { AUTH_PATHS, SETTINGS_PATHS, TWO_FACTOR_PATHS, type MeResponse } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from '../../../core/auth/auth.interceptor';
import { AuthService } from '../../../core/auth/auth.service';
import { serverError } from '../../../core/http/api-error';
import { PASSWORD_CHANGED_MESSAGE } from '../components/password-form.component';
import { applySettingsError, fieldSentence, pictureErrorText } from '../settings-errors';
import { SettingsPage } from './settings.page';

const anna: MeResponse = {
  id: 'u1',
  name: 'Anna Acme',
  email: 'anna@acme.test',
  emailConfirmed: true,
  timezone: 'Europe/Berlin',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'client',
  agency: { id: 'a1', name: 'Northwind' },
  agencyRole: null,
  clients: [{ id: 'c1', name: 'Acme Coffee', role: 'admin', permissions: ['media.upload'] }],
};

const badRequest = (field: string, message: string) => ({
  body: {
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    details: [{ field, messages: [message] }],
  },
  init: { status: 400, statusText: 'Bad Request' },
});

describe('SettingsPage', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let backend: HttpTestingController;
  let auth: AuthService;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SettingsPage],
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    const signedIn = firstValueFrom(auth.login({ email: anna.email, password: 'pw' }));
    backend.expectOne(AUTH_PATHS.login).flush({ accessToken: 't', expiresIn: 900, me: anna });
    await signedIn;

    fixture = TestBed.createComponent(SettingsPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    backend.expectOne(TWO_FACTOR_PATHS.status).flush({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
      required: false,
      hasPassword: true,
    });
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  /** The section under a heading. */
  function section(title: string): HTMLElement {
    const heading = Array.from(root.querySelectorAll('h2')).find((h) => h.textContent?.trim() === title);
    const found = heading?.closest('section');
    if (!found) {
      throw new Error(`No section ${title}`);
    }
    return found;
  }

  function fieldIn(scope: HTMLElement, label: string): HTMLElement {
    const found = Array.from(scope.querySelectorAll('mat-form-field')).find(
      (candidate) => candidate.querySelector('mat-label')?.textContent?.trim() === label,
    );
    if (!found) {
      throw new Error(`No field ${label}`);
    }
    return found as HTMLElement;
  }

  function type(scope: HTMLElement, label: string, value: string): void {
    const input = fieldIn(scope, label).querySelector('input');
    if (!input) {
      throw new Error(`No input for ${label}`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function press(scope: HTMLElement, label: string): Promise<void> {
    const button = Array.from(scope.querySelectorAll('button')).find((b) => b.textContent?.trim() === label);
    if (!button) {
      throw new Error(`No button ${label}`);
    }
    button.click();
    await fixture.whenStable();
  }

  it('puts a wrong current password and a weak new one by their fields', async () => {
    const password = section('Password');
    type(password, 'Current password', 'not-it');
    type(password, 'New password', 'password123');
    type(password, 'Confirm new password', 'password123');
    await press(password, 'Change password');

    const first = backend.expectOne(SETTINGS_PATHS.password);
    expect(first.request.body).toEqual({ currentPassword: 'not-it', newPassword: 'password123' });
    // The API's own wording: a fragment after the field's name.
    const wrong = badRequest('currentPassword', 'is not your current password');
    first.flush(wrong.body, wrong.init);
    await fixture.whenStable();
    expect(fieldIn(password, 'Current password').textContent).toContain('This is not your current password.');
    // Nothing in the form's banner: the error is where the field is.
    expect(password.querySelector('atr-notice[kind="error"]')?.textContent?.trim()).toBe('');

    type(password, 'Current password', 'the right one');
    await press(password, 'Change password');
    const weak = badRequest('newPassword', 'This password is too common. Please choose another.');
    backend.expectOne(SETTINGS_PATHS.password).flush(weak.body, weak.init);
    await fixture.whenStable();
    expect(fieldIn(password, 'New password').textContent).toContain(
      'This password is too common. Please choose another.',
    );
    expect(fieldIn(password, 'Current password').textContent).not.toContain('not your current password');
  });

  it('says that other sessions were signed out after a password change', async () => {
    const password = section('Password');
    type(password, 'Current password', 'the right one');
    type(password, 'New password', 'a long new passphrase');
    type(password, 'Confirm new password', 'a long new passphrase');
    await press(password, 'Change password');
    backend.expectOne(SETTINGS_PATHS.password).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(password.textContent).toContain(PASSWORD_CHANGED_MESSAGE);
    expect(fieldIn(password, 'New password').querySelector('input')?.value).toBe('');
  });

  it('refuses mismatching passwords without asking the server', async () => {
    const password = section('Password');
    type(password, 'Current password', 'the right one');
    type(password, 'New password', 'a long new passphrase');
    type(password, 'Confirm new password', 'a long other passphrase');
    await press(password, 'Change password');
    backend.expectNone(SETTINGS_PATHS.password);
    expect(fieldIn(password, 'Confirm new password').textContent).toContain('The passwords do not match.');
  });

  it('starts an email change and shows where the link went', async () => {
    const email = section('Email');
    expect(email.textContent).toContain('anna@acme.test');
    type(email, 'New email', 'anna@new.test');
    type(email, 'Current password', 'pw');
    await press(email, 'Change email');

    const request = backend.expectOne(SETTINGS_PATHS.email);
    expect(request.request.body).toEqual({ newEmail: 'anna@new.test', currentPassword: 'pw' });
    request.flush({ message: 'Check your inbox.' }, { status: 202, statusText: 'Accepted' });
    backend.expectOne(AUTH_PATHS.me).flush({ ...anna, pendingEmail: 'anna@new.test' });
    await fixture.whenStable();

    expect(email.textContent).toContain('We sent a link to anna@new.test; your email changes when you open it.');
    expect(auth.me()?.pendingEmail).toBe('anna@new.test');
  });

  it('shows an email error from the server by the email field', async () => {
    const email = section('Email');
    type(email, 'New email', 'taken@acme.test');
    type(email, 'Current password', 'pw');
    await press(email, 'Change email');
    const taken = badRequest('newEmail', 'newEmail must be an email');
    backend.expectOne(SETTINGS_PATHS.email).flush(taken.body, taken.init);
    await fixture.whenStable();
    expect(fieldIn(email, 'New email').textContent).toContain('This must be an email.');
  });

  it('saves name and time zone, and the whole app follows', async () => {
    const profile = section('Profile');
    expect(profile.textContent).toContain('Current: Europe/Berlin');
    type(profile, 'Name', 'Anna Q. Acme');
    type(profile, 'Time zone', 'America/New_York');
    await press(profile, 'Save profile');

    const request = backend.expectOne(SETTINGS_PATHS.profile);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ name: 'Anna Q. Acme', timezone: 'America/New_York' });
    request.flush({ ...anna, name: 'Anna Q. Acme', timezone: 'America/New_York' });
    await fixture.whenStable();

    expect(auth.me()).toMatchObject({ name: 'Anna Q. Acme', timezone: 'America/New_York' });
    expect(profile.textContent).toContain('Profile saved.');
    expect(profile.textContent).toContain('Current: America/New_York');
  });

  it('refuses a time zone that is not in the list', async () => {
    const profile = section('Profile');
    type(profile, 'Time zone', 'Mars/Olympus_Mons');
    await press(profile, 'Save profile');
    backend.expectNone(SETTINGS_PATHS.profile);
    expect(fieldIn(profile, 'Time zone').textContent).toContain('Choose a time zone from the list');
  });
});

describe('applySettingsError', () => {
  const form = () => new FormGroup({ currentPassword: new FormControl(''), newPassword: new FormControl('') });

  it('puts details on their fields and leaves the banner empty', () => {
    const group = form();
    const banner = applySettingsError(
      group,
      new HttpErrorResponse({
        status: 400,
        error: badRequest('newPassword', 'Too short.').body,
      }),
    );
    expect(banner).toBeNull();
    expect(serverError(group.controls.newPassword)).toBe('Too short.');
  });

  it('treats a bare 401 as a wrong current password', () => {
    const group = form();
    const banner = applySettingsError(
      group,
      new HttpErrorResponse({
        status: 401,
        error: { statusCode: 401, error: 'Unauthorized', message: 'The current password is wrong.' },
      }),
    );
    expect(banner).toBeNull();
    expect(serverError(group.controls.currentPassword)).toBe('The current password is wrong.');
  });

  it('uses the banner for everything else', () => {
    expect(
      applySettingsError(
        form(),
        new HttpErrorResponse({ status: 429, error: { statusCode: 429, error: 'x', message: 'y' } }),
      ),
    ).toMatch(/Too many attempts/);
    expect(
      applySettingsError(
        new FormGroup({ name: new FormControl('') }),
        new HttpErrorResponse({
          status: 401,
          error: { statusCode: 401, error: 'Unauthorized', message: 'Signed out.' },
        }),
      ),
    ).toBe('Signed out.');
  });
});

describe('fieldSentence', () => {
  it('turns the API’s fragments into sentences and leaves sentences alone', () => {
    expect(fieldSentence('currentPassword', 'is not your current password')).toBe('This is not your current password.');
    expect(fieldSentence('timezone', 'must be a time zone like Europe/Berlin')).toBe(
      'This must be a time zone like Europe/Berlin.',
    );
    expect(fieldSentence('newEmail', 'newEmail must be an email')).toBe('This must be an email.');
    expect(fieldSentence('newPassword', 'Password must be at least 8 characters')).toBe(
      'Password must be at least 8 characters.',
    );
    expect(fieldSentence('newPassword', 'This password is too common. Please choose another.')).toBe(
      'This password is too common. Please choose another.',
    );
  });

  it('says why a picture was refused', () => {
    expect(
      pictureErrorText(
        new HttpErrorResponse({
          status: 400,
          error: badRequest('file', 'not an accepted file type (an SVG image)').body,
        }),
      ),
    ).toBe('The picture was not saved: not an accepted file type (an SVG image).');
  });
});
