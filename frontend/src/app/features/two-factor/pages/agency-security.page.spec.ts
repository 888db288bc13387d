import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TWO_FACTOR_PATHS } from '@atrium/shared';
import { AgencySecurityPage } from './agency-security.page';

describe('AgencySecurityPage', () => {
  let fixture: ComponentFixture<AgencySecurityPage>;
  let backend: HttpTestingController;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AgencySecurityPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AgencySecurityPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const toggle = (name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button[role="switch"]')).find((button) =>
      root.querySelector(`label[for="${button.id}"]`)?.textContent?.includes(name),
    );

  async function loaded(policy = { requireTwoFactorForTeam: false, requireTwoFactorForClients: false }): Promise<void> {
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Loading security settings');
    backend.expectOne(TWO_FACTOR_PATHS.agencyPolicy).flush(policy);
    await fixture.whenStable();
  }

  it('saves one switch with the other unchanged, and says what happens next', async () => {
    await loaded({ requireTwoFactorForTeam: true, requireTwoFactorForClients: false });
    expect(toggle('your team')?.getAttribute('aria-checked')).toBe('true');

    toggle('client users')?.click();
    await fixture.whenStable();
    const request = backend.expectOne({ method: 'PUT', url: TWO_FACTOR_PATHS.agencyPolicy });
    expect(request.request.body).toEqual({ requireTwoFactorForTeam: true, requireTwoFactorForClients: true });
    request.flush({ requireTwoFactorForTeam: true, requireTwoFactorForClients: true });
    await fixture.whenStable();

    expect(toggle('client users')?.getAttribute('aria-checked')).toBe('true');
    expect(root.textContent).toContain('Each one sets it up at their next sign-in.');
  });

  it('puts the switch back and says so when the change was refused', async () => {
    await loaded();

    toggle('your team')?.click();
    await fixture.whenStable();
    backend
      .expectOne({ method: 'PUT', url: TWO_FACTOR_PATHS.agencyPolicy })
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'Only the owner can change this.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();

    expect(toggle('your team')?.getAttribute('aria-checked')).toBe('false');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Not saved. Only the owner can change this.');
  });

  it('offers to try again when the policy could not be read', async () => {
    backend.expectOne(TWO_FACTOR_PATHS.agencyPolicy).flush(null, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();

    const retry = Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Try again');
    retry?.click();
    await fixture.whenStable();
    await loaded();
    expect(toggle('client users')).toBeTruthy();
  });
});
