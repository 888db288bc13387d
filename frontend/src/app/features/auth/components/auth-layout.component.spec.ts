import { DOCUMENT } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { BRAND_BOOTSTRAP_ID, BRANDING_PATHS, type PublicBrand } from '@atrium/shared';
import { AUTH_ROUTES, BRANDED_AUTH_ROUTES } from '../auth.routes';

const MAILBOX = '/api/v1/dev/mailbox';

const LUMEN: PublicBrand = {
  portalName: 'Lumen Portal',
  primaryColor: '#ffff66',
  accentColor: null,
  signInHeadline: 'Welcome to Lumen',
  signInText: 'Your posts,\nyour files.',
  supportEmail: 'help@lumen.test',
  supportUrl: 'https://help.lumen.test',
  legalFooter: 'Lumen Ltd, 1 Quay Street',
  showPoweredBy: false,
  images: {
    logoLight: { slot: 'logoLight', url: '/api/v1/public/brand-images/lumen/logoLight/v1', width: 480, height: 160 },
  },
  slug: 'lumen',
};

/** The sign-in pages as the router shows them: branded under /a/:slug, Atrium's at the root. */
describe('AuthLayoutComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'a/:slug', children: BRANDED_AUTH_ROUTES },
            { path: '', children: AUTH_ROUTES },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    // The server said: the installation's own host, no brand of its own.
    const script = TestBed.inject(DOCUMENT).createElement('script');
    script.id = BRAND_BOOTSTRAP_ID;
    script.type = 'application/json';
    script.textContent = JSON.stringify({ brand: null, customDomain: false });
    TestBed.inject(DOCUMENT).body.appendChild(script);
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });
  afterEach(() => TestBed.inject(DOCUMENT).getElementById(BRAND_BOOTSTRAP_ID)?.remove());

  const root = () => harness.routeNativeElement?.ownerDocument.body as HTMLElement;
  const text = () => root().textContent ?? '';
  const settle = async () => {
    for (const request of backend.match(MAILBOX)) request.flush([], { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();
  };

  it("wears the agency's brand on its sign-in address and never says Atrium", async () => {
    const navigation = harness.navigateByUrl('/a/lumen/login');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne((r) => r.url === BRANDING_PATHS.publicBrand && r.params.get('slug') === 'lumen').flush(LUMEN);
    await navigation;
    await settle();

    expect(root().querySelector('img.auth__logo-image')?.getAttribute('alt')).toBe('Lumen Portal');
    expect(root().querySelector('h1')?.textContent?.trim()).toBe('Welcome to Lumen');
    expect(text()).toContain('Your posts,');
    expect(root().querySelector('a[href="mailto:help@lumen.test"]')).toBeTruthy();
    expect(root().querySelector('a[href="https://help.lumen.test"]')?.textContent).toContain('Help centre');
    expect(text()).toContain('Lumen Ltd, 1 Quay Street');
    expect(root().querySelector('a[href="/a/lumen/forgot"]')?.textContent).toContain('Forgot your password?');
    expect(text()).not.toContain('Create an agency account');
    expect(text()).not.toMatch(/Atrium/);
    expect(TestBed.inject(DOCUMENT).documentElement.style.getPropertyValue('--mat-sys-primary')).not.toBe('');
  });

  it('shows "Powered by Atrium" only when the agency shows it', async () => {
    const navigation = harness.navigateByUrl('/a/lumen/forgot');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne((r) => r.url === BRANDING_PATHS.publicBrand).flush({ ...LUMEN, showPoweredBy: true });
    await navigation;
    await settle();
    expect(text()).toContain('Powered by Atrium');
    const links = Array.from(root().querySelectorAll('a[href="/a/lumen/login"]')).map((a) => a.textContent?.trim());
    expect(links).toContain('Back to sign in');
  });

  it('says plainly when no agency has the address', async () => {
    const navigation = harness.navigateByUrl('/a/nobody/login');
    await new Promise((resolve) => setTimeout(resolve));
    backend
      .expectOne((r) => r.url === BRANDING_PATHS.publicBrand)
      .flush({ statusCode: 404, message: 'No portal at this address' }, { status: 404, statusText: 'Not Found' });
    await navigation;
    await settle();
    expect(root().querySelector('h1')?.textContent).toContain('There is no sign-in page at this address');
    expect(root().querySelector('form')).toBeNull();
    expect(text()).not.toMatch(/Atrium/);
  });

  it("keeps Atrium's own sign-in page as it was", async () => {
    await harness.navigateByUrl('/login');
    await settle();
    backend.expectNone(BRANDING_PATHS.publicBrand);
    expect(root().querySelector('h1')?.textContent?.trim()).toBe('Sign in');
    expect(text()).toContain('Atrium');
    expect(text()).toContain('Create an agency account');
    expect(root().querySelector('a[href="/forgot"]')).toBeTruthy();
  });
});
