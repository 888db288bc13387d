import { DOCUMENT } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { BRAND_BOOTSTRAP_ID, BRANDING_PATHS, type PublicBrand } from '@atrium/shared';
import { BrandThemeService } from './brand-theme.service';
import { BrandService } from './brand.service';

const brand = (slug: string, portalName = `${slug} portal`): PublicBrand => ({
  portalName,
  primaryColor: '#0000ff',
  accentColor: null,
  signInHeadline: null,
  signInText: null,
  supportEmail: null,
  supportUrl: null,
  legalFooter: null,
  showPoweredBy: true,
  images: {},
  slug,
});

@Component({ template: '' })
class BlankPage {}

describe('BrandService', () => {
  let backend: HttpTestingController;

  const setUp = (bootstrap?: unknown) => {
    const document = TestBed.inject(DOCUMENT);
    document.getElementById(BRAND_BOOTSTRAP_ID)?.remove();
    if (bootstrap !== undefined) {
      const script = document.createElement('script');
      script.id = BRAND_BOOTSTRAP_ID;
      script.type = 'application/json';
      script.textContent = JSON.stringify(bootstrap);
      document.body.appendChild(script);
    }
    backend = TestBed.inject(HttpTestingController);
    return { brands: TestBed.inject(BrandService), theme: TestBed.inject(BrandThemeService) };
  };

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'app', component: BlankPage },
          { path: 'login', component: BlankPage },
        ]),
      ],
    });
  });
  afterEach(() => {
    backend.verify();
    TestBed.inject(DOCUMENT).getElementById(BRAND_BOOTSTRAP_ID)?.remove();
  });

  it("loads and shows a sign-in address's brand once, and keeps its links on that address", () => {
    const { brands, theme } = setUp();
    const shown: Array<PublicBrand | null> = [];
    brands.forSignIn('lumen').subscribe((value) => shown.push(value));
    const request = backend.expectOne((r) => r.url === BRANDING_PATHS.publicBrand);
    expect(request.request.params.get('slug')).toBe('lumen');
    request.flush(brand('lumen'));

    expect(shown).toEqual([brand('lumen')]);
    expect(theme.brand()).toEqual(brand('lumen'));
    expect(brands.signInPath('/forgot')).toBe('/a/lumen/forgot');

    // The next page of the same address: no second request.
    brands.forSignIn('lumen').subscribe((value) => shown.push(value));
    backend.expectNone(BRANDING_PATHS.publicBrand);
    expect(shown).toHaveLength(2);
  });

  it("shows no one's brand for an unknown address", () => {
    const { brands, theme } = setUp();
    theme.apply(brand('other'));
    let failed = false;
    brands.forSignIn('nobody').subscribe({ error: () => (failed = true) });
    backend
      .expectOne((r) => r.url === BRANDING_PATHS.publicBrand)
      .flush({ statusCode: 404, message: 'No portal at this address' }, { status: 404, statusText: 'Not Found' });
    expect(failed).toBe(true);
    expect(theme.brand()).toBeNull();
  });

  it("asks the server for the host's brand when it did not say, once: none on the installation", () => {
    const { brands, theme } = setUp();
    const shown: Array<PublicBrand | null> = [];
    brands.forSignIn(null).subscribe((value) => shown.push(value));
    const request = backend.expectOne((r) => r.url === BRANDING_PATHS.publicBrand);
    expect(request.request.params.has('slug')).toBe(false);
    request.flush({ statusCode: 404 }, { status: 404, statusText: 'Not Found' });
    brands.forSignIn(null).subscribe((value) => shown.push(value));

    expect(shown).toEqual([null, null]);
    expect(theme.brand()).toBeNull();
    expect(brands.customDomain()).toBe(false);
    expect(brands.signInPath('/login')).toBe('/login');
  });

  it("shows a custom domain's brand, with its sign-in pages at the root", () => {
    const { brands, theme } = setUp();
    brands.forSignIn(null).subscribe();
    backend.expectOne((r) => r.url === BRANDING_PATHS.publicBrand).flush(brand('harbour'));
    expect(theme.brand()?.slug).toBe('harbour');
    expect(brands.customDomain()).toBe(true);
    expect(brands.signInPath('/forgot')).toBe('/forgot');
  });

  it('takes the brand the server put in the page without asking', () => {
    const { brands, theme } = setUp({ brand: brand('harbour'), customDomain: true });
    brands.forSignIn(null).subscribe();
    expect(theme.brand()?.slug).toBe('harbour');
    expect(brands.signInPath('/login')).toBe('/login');

    brands.forSignIn('harbour').subscribe();
    backend.expectNone(BRANDING_PATHS.publicBrand);
  });

  it("knows from the server's page that the installation's own host has no brand", () => {
    const { brands, theme } = setUp({ brand: null, customDomain: false });
    brands.forSignIn(null).subscribe();
    backend.expectNone(BRANDING_PATHS.publicBrand);
    expect(theme.brand()).toBeNull();
  });

  it("shows the portal user's last brand at once, then the current one; never another user's", () => {
    const { brands, theme } = setUp();
    brands.forPortal('u1').subscribe();
    expect(theme.brand()).toBeNull();
    backend.expectOne(BRANDING_PATHS.portalBrand).flush(brand('lumen', 'Lumen'));
    expect(theme.brand()?.portalName).toBe('Lumen');
    expect(brands.signInPath('/login')).toBe('/a/lumen/login');

    theme.reset();
    brands.forPortal('u1').subscribe();
    expect(theme.brand()?.portalName).toBe('Lumen');
    backend.expectOne(BRANDING_PATHS.portalBrand).flush(brand('lumen', 'Lumen renamed'));
    expect(theme.brand()?.portalName).toBe('Lumen renamed');

    theme.reset();
    brands.forPortal('u2').subscribe();
    expect(theme.brand()).toBeNull();
    backend.expectOne(BRANDING_PATHS.portalBrand).flush(brand('harbour'));
  });

  it("remembers the branded sign-in page for the portal's signed-out visitors; not a custom domain's", () => {
    const { brands } = setUp();
    expect(brands.portalSignInPath()).toBe('/login');
    brands.forSignIn('lumen').subscribe();
    backend.expectOne((r) => r.url === BRANDING_PATHS.publicBrand).flush(brand('lumen'));
    expect(brands.portalSignInPath()).toBe('/a/lumen/login');
    // A renamed address: the brand's current slug is the one kept.
    brands.forSignIn('old-lumen').subscribe();
    backend.expectOne((r) => r.url === BRANDING_PATHS.publicBrand).flush(brand('new-lumen'));
    expect(brands.portalSignInPath()).toBe('/a/new-lumen/login');

    brands.customDomain.set(true);
    expect(brands.portalSignInPath()).toBe('/login');
  });

  it("shows Atrium's look in the agency workspace", async () => {
    const { brands, theme } = setUp({ brand: brand('lumen'), customDomain: false });
    brands.forSignIn('lumen').subscribe();
    expect(theme.brand()).not.toBeNull();
    await TestBed.inject(Router).navigateByUrl('/login');
    expect(theme.brand()).not.toBeNull();
    await TestBed.inject(Router).navigateByUrl('/app');
    expect(theme.brand()).toBeNull();
  });
});
