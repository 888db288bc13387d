import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BRANDING_PATHS, deriveBrandTheme, type BrandingResponse } from '@atrium/shared';
import { BrandingPage } from './branding.page';

const RESPONSE: BrandingResponse = {
  settings: {
    portalName: 'Northwind Creative',
    primaryColor: '#3f51b5',
    accentColor: null,
    signInHeadline: null,
    signInText: null,
    supportEmail: null,
    supportUrl: null,
    legalFooter: null,
    emailSenderName: null,
    emailReplyTo: null,
    showPoweredBy: true,
  },
  images: {},
  slug: 'northwind',
  slugChangeable: true,
  portalUrl: 'http://localhost/a/northwind',
  colorNotes: [],
  entitlements: { customDomain: true, hidePoweredBy: true },
  canEdit: true,
};

describe('BrandingPage', () => {
  let fixture: ComponentFixture<BrandingPage>;
  let backend: HttpTestingController;
  let root: HTMLElement;

  const open = async (response: BrandingResponse | null) => {
    TestBed.configureTestingModule({
      imports: [BrandingPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BrandingPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const request = backend.expectOne(BRANDING_PATHS.settings);
    if (response) request.flush(response);
    else request.flush({ statusCode: 500, message: 'Something went wrong' }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    noCustomDomain();
  };
  /** The custom domain panel asks for its domain: none here. */
  const noCustomDomain = () => backend.match(BRANDING_PATHS.domain).forEach((request) => request.flush(null));
  afterEach(() => {
    noCustomDomain();
    backend.verify();
  });

  const field = (label: string): HTMLInputElement => {
    const labelElement = Array.from(root.querySelectorAll('label')).find(
      (candidate) => candidate.textContent?.trim().replace(/\s*\*$/, '') === label,
    );
    const input = labelElement && root.querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`);
    if (!input) throw new Error(`No field labelled ${label}`);
    return input;
  };
  const type = async (label: string, value: string) => {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const button = (name: string) =>
    Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);
  const preview = () => root.querySelector<HTMLElement>('[data-testid="brand-preview"]');

  it('explains a too-light colour as it is typed and previews the adjusted shade', async () => {
    await open(RESPONSE);
    expect(field('Brand colour').value).toBe('#3f51b5');
    expect(preview()?.style.getPropertyValue('--mat-sys-primary')).toBe('#3f51b5');

    await type('Brand colour', '#FFFF66');
    const adjusted = deriveBrandTheme('#ffff66', null).light['primary'];
    expect(root.textContent).toContain(
      `Your colour #ffff66 is too light for white text; buttons use a darker shade, ${adjusted}.`,
    );
    expect(preview()?.style.getPropertyValue('--mat-sys-primary')).toBe(adjusted);

    await type('Portal name', 'Lumen');
    expect(preview()?.textContent).toContain('Lumen');
  });

  it('saves every field, colours as #rrggbb and empty text cleared', async () => {
    await open(RESPONSE);
    await type('Brand colour', 'ffff66');
    await type('Headline', '  Welcome back  ');
    await type('Support email', 'help@northwind.test');
    button('Save brand')?.click();
    await fixture.whenStable();

    const request = backend.expectOne((r) => r.method === 'PUT' && r.url === BRANDING_PATHS.settings);
    expect(request.request.body).toEqual({
      portalName: 'Northwind Creative',
      primaryColor: '#ffff66',
      accentColor: null,
      signInHeadline: 'Welcome back',
      signInText: null,
      supportEmail: 'help@northwind.test',
      supportUrl: null,
      legalFooter: null,
      emailSenderName: null,
      emailReplyTo: null,
      showPoweredBy: true,
    });
    request.flush({
      ...RESPONSE,
      settings: { ...RESPONSE.settings, primaryColor: '#ffff66', signInHeadline: 'Welcome back' },
    });
    await fixture.whenStable();
    expect(field('Headline').value).toBe('Welcome back');
  });

  it('does not send a colour that is not one', async () => {
    await open(RESPONSE);
    await type('Brand colour', 'yellow');
    button('Save brand')?.click();
    await fixture.whenStable();
    backend.expectNone((r) => r.method === 'PUT');
    expect(root.textContent).toContain('Use a colour like #3f51b5');
  });

  it('says why "powered by" cannot be hidden on this plan, and leaves it out of the save', async () => {
    await open({ ...RESPONSE, entitlements: { customDomain: false, hidePoweredBy: false } });
    const toggle = root.querySelector<HTMLButtonElement>('mat-slide-toggle button');
    expect(toggle?.disabled).toBe(true);
    expect(root.textContent).toContain('Upgrade your plan to hide it.');
    button('Save brand')?.click();
    await fixture.whenStable();
    const request = backend.expectOne((r) => r.method === 'PUT');
    expect(request.request.body).not.toHaveProperty('showPoweredBy');
    request.flush(RESPONSE);
  });

  it('shows members the brand read-only', async () => {
    await open({ ...RESPONSE, canEdit: false });
    expect(root.textContent).toContain('Only the owner and admins can change the brand.');
    expect(field('Portal name').disabled).toBe(true);
    expect(field('Brand colour').disabled).toBe(true);
    expect(button('Save brand')).toBeUndefined();
    expect(button('Upload logo')).toBeUndefined();
    expect(button('Change address')).toBeUndefined();
    expect(root.textContent).toContain('/a/northwind/login');
  });

  it('offers the sign-in address with a copy button', async () => {
    await open(RESPONSE);
    expect(root.querySelector('.address a')?.textContent?.trim()).toMatch(/\/a\/northwind\/login$/);
    expect(button('content_copy Copy address')).toBeTruthy();
    expect(button('upload Upload logo')).toBeTruthy();
  });

  it('offers to try again when the brand could not be loaded', async () => {
    await open(null);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('We could not load your brand.');
    button('Try again')?.click();
    backend.expectOne(BRANDING_PATHS.settings).flush(RESPONSE);
    await fixture.whenStable();
    expect(field('Portal name').value).toBe('Northwind Creative');
  });
});
