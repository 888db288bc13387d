import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TWO_FACTOR_PATHS, type TwoFactorStatusResponse } from '@atrium/shared';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { TwoFactorSettingsComponent } from './two-factor-settings.component';

const off: TwoFactorStatusResponse = {
  enabled: false,
  enabledAt: null,
  recoveryCodesLeft: 0,
  required: false,
  hasPassword: true,
};
const on: TwoFactorStatusResponse = {
  ...off,
  enabled: true,
  enabledAt: new Date().toISOString(),
  recoveryCodesLeft: 10,
};
const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-1234${i}`);

describe('TwoFactorSettingsComponent', () => {
  let fixture: ComponentFixture<TwoFactorSettingsComponent>;
  let backend: HttpTestingController;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [TwoFactorSettingsComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), OUTLINED_FIELDS],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TwoFactorSettingsComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  /** Buttons on the card, and in a dialog it opened (overlays live at the end of the body). */
  const button = (text: string, scope: ParentNode = document) =>
    Array.from(scope.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);

  function type(scope: ParentNode, label: string, value: string): void {
    const labelElement = Array.from(scope.querySelectorAll('label')).find(
      (candidate) => candidate.textContent?.trim().replace(/\s*\*$/, '') === label,
    );
    const input = labelElement && document.querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`);
    if (!input) throw new Error(`No field labelled ${label}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function openDialog(): HTMLElement {
    const found = document.querySelector<HTMLElement>('mat-dialog-container');
    if (!found) throw new Error('No dialog open');
    return found;
  }

  async function showing(status: TwoFactorStatusResponse): Promise<void> {
    backend.expectOne(TWO_FACTOR_PATHS.status).flush(status);
    await fixture.whenStable();
  }

  it('turns it on: the key, the first code, the recovery codes once, then the new status', async () => {
    await showing(off);
    expect(root.textContent).toContain('Off');

    button('Turn on two-step verification')?.click();
    await fixture.whenStable();
    backend.expectOne({ method: 'POST', url: TWO_FACTOR_PATHS.setup }).flush({
      secret: 'JBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/x',
      qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
    });
    await fixture.whenStable();
    expect(root.textContent).toContain('JBSW Y3DP EHPK 3PXP');

    type(root, '6-digit code', '123456');
    button('Turn on')?.click();
    await fixture.whenStable();
    const enable = backend.expectOne(TWO_FACTOR_PATHS.enable);
    expect(enable.request.body).toEqual({ code: '123456' });
    enable.flush({ recoveryCodes: codes });
    await fixture.whenStable();

    expect(root.querySelectorAll('ol[aria-label="Recovery codes"] li')).toHaveLength(10);
    root.querySelector<HTMLInputElement>('mat-checkbox input')?.click();
    await fixture.whenStable();
    button('Done')?.click();
    await fixture.whenStable();

    await showing(on);
    expect(root.textContent).toContain('Two-step verification is on.');
    expect(root.textContent).toContain('10 of 10 recovery codes left.');
  });

  it('keeps the setup open with the reason when the first code is refused', async () => {
    await showing(off);
    button('Turn on two-step verification')?.click();
    await fixture.whenStable();
    backend
      .expectOne(TWO_FACTOR_PATHS.setup)
      .flush({ secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrCodeDataUrl: 'data:,' });
    await fixture.whenStable();

    type(root, '6-digit code', '000000');
    button('Turn on')?.click();
    await fixture.whenStable();
    backend.expectOne(TWO_FACTOR_PATHS.enable).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [{ field: 'code', messages: ['is not the current code of the app set up with the latest secret'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'This is not the current code of the app set up with the latest secret.',
    );
    expect(button('Turn on')).toBeTruthy();
  });

  it('has no way to turn it off while the agency requires it', async () => {
    await showing({ ...on, required: true });

    expect(root.textContent).toContain('Required by your agency: it stays on.');
    expect(button('Turn off')).toBeUndefined();
    expect(button('New recovery codes')).toBeTruthy();
  });

  it('turns it off with the password and a code, saying a wrong password by its field', async () => {
    await showing(on);

    button('Turn off')?.click();
    await fixture.whenStable();
    const dialog = openDialog();
    expect(dialog.textContent).toContain('Turn off two-step verification?');
    type(dialog, 'Your password', 'not it');
    type(dialog, 'Code from your authenticator app', '123 456');
    button('Turn off', dialog)?.click();
    await fixture.whenStable();
    const first = backend.expectOne(TWO_FACTOR_PATHS.disable);
    expect(first.request.body).toEqual({ password: 'not it', code: '123456' });
    first.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [{ field: 'password', messages: ['is not your current password'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(dialog.textContent).toContain('This is not your current password.');

    type(dialog, 'Your password', 'correct horse');
    button('Turn off', dialog)?.click();
    await fixture.whenStable();
    backend.expectOne(TWO_FACTOR_PATHS.disable).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    await showing(off);
    expect(root.textContent).toContain('Two-step verification is off.');
  });

  it('asks only for a code from someone without a password', async () => {
    await showing({ ...on, hasPassword: false });

    button('New recovery codes')?.click();
    await fixture.whenStable();
    const dialog = openDialog();
    expect(dialog.textContent).not.toContain('Your password');
    type(dialog, 'Code from your authenticator app', 'ABCDE-12345');
    button('Create new codes')?.click();
    await fixture.whenStable();
    const request = backend.expectOne(TWO_FACTOR_PATHS.recoveryCodes);
    expect(request.request.body).toEqual({ code: 'abcde-12345' });
    request.flush({ recoveryCodes: codes });
    await fixture.whenStable();

    expect(dialog.querySelectorAll('ol[aria-label="Recovery codes"] li')).toHaveLength(10);
  });
});
