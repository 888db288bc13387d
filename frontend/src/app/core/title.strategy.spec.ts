import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { PublicBrand } from '@atrium/shared';
import { BrandThemeService } from './branding/brand-theme.service';
import { AtriumTitleStrategy } from './title.strategy';

@Component({ template: '' })
class BlankPage {}

const LUMEN: PublicBrand = {
  portalName: 'Lumen',
  primaryColor: '#0000ff',
  accentColor: null,
  signInHeadline: null,
  signInText: null,
  supportEmail: null,
  supportUrl: null,
  legalFooter: null,
  showPoweredBy: false,
  images: {},
  slug: 'lumen',
};

describe('AtriumTitleStrategy', () => {
  let harness: RouterTestingHarness;
  const title = () => TestBed.inject(Title).getTitle();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        // The real wiring: the router builds the strategy, which reads the brand.
        provideRouter([
          { path: 'login', title: 'Sign in', component: BlankPage },
          { path: 'a/:slug/login', title: 'Sign in', component: BlankPage },
          { path: 'app', title: 'Dashboard', component: BlankPage },
        ]),
        { provide: TitleStrategy, useClass: AtriumTitleStrategy },
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  it("titles Atrium's own pages with Atrium", async () => {
    await harness.navigateByUrl('/login');
    expect(title()).toBe('Sign in · Atrium');
  });

  it('never says Atrium on a branded sign-in page, and takes the portal name when the brand arrives', async () => {
    await harness.navigateByUrl('/a/lumen/login');
    expect(title()).toBe('Sign in');
    await TestBed.inject(BrandThemeService).apply(LUMEN);
    await harness.fixture.whenStable();
    expect(title()).toBe('Sign in · Lumen');
  });

  it('keeps the agency workspace Atrium’s, whatever brand came before', async () => {
    await harness.navigateByUrl('/a/lumen/login');
    await TestBed.inject(BrandThemeService).apply(LUMEN);
    await harness.navigateByUrl('/app');
    await harness.fixture.whenStable();
    expect(title()).toBe('Dashboard · Atrium');
    expect(TestBed.inject(BrandThemeService).brand()).toBeNull();
  });
});
