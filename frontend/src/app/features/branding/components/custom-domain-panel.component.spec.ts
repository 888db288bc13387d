import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { BRANDING_PATHS, type CustomDomainView } from '@atrium/shared';
import { CustomDomainPanelComponent } from './custom-domain-panel.component';

const view = (status: CustomDomainView['status'], found: [boolean, boolean]): CustomDomainView => ({
  hostname: 'portal.acme.example',
  status,
  records: [
    { type: 'CNAME', name: 'portal.acme.example', value: 'atrium.example.com', found: found[0] },
    { type: 'TXT', name: '_atrium-challenge.portal.acme.example', value: 'token-123', found: found[1] },
  ],
  lastCheckedAt: null,
  problem: status === 'pending' ? 'We could not find the TXT record _atrium-challenge.portal.acme.example.' : null,
  stopsServingAt: null,
});

describe('CustomDomainPanelComponent', () => {
  let fixture: ComponentFixture<CustomDomainPanelComponent>;
  let backend: HttpTestingController;
  let root: HTMLElement;

  const hostnameInput = () => {
    const input = root.querySelector<HTMLInputElement>('input[formcontrolname="hostname"]');
    if (!input) throw new Error('No domain field');
    return input;
  };
  const submit = () => root.querySelector('form')?.dispatchEvent(new Event('submit'));

  async function render(inputs: { canEdit: boolean; entitled: boolean }, current?: CustomDomainView | null) {
    TestBed.configureTestingModule({
      imports: [CustomDomainPanelComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CustomDomainPanelComponent);
    fixture.componentRef.setInput('canEdit', inputs.canEdit);
    fixture.componentRef.setInput('entitled', inputs.entitled);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    if (current !== undefined) backend.expectOne(BRANDING_PATHS.domain).flush(current);
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('says the plan has no custom domain, without asking the server', async () => {
    await render({ canEdit: true, entitled: false });
    expect(root.textContent).toContain('Your plan does not include a custom domain');
    expect(root.querySelector('form')).toBeNull();
  });

  it('claims a domain and shows the two records to create, with whether each was found', async () => {
    await render({ canEdit: true, entitled: true }, null);
    const input = hostnameInput();
    input.value = 'portal.acme.example';
    input.dispatchEvent(new Event('input'));
    submit();
    const put = backend.expectOne(BRANDING_PATHS.domain);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ hostname: 'portal.acme.example' });
    put.flush(view('pending', [false, false]));
    await fixture.whenStable();

    const text = root.textContent ?? '';
    expect(text).toContain('Waiting for the TXT record');
    expect(text).toContain('_atrium-challenge.portal.acme.example');
    expect(text).toContain('token-123');
    expect(text).toContain('atrium.example.com');
    expect(root.querySelectorAll('.record__found--yes')).toHaveLength(0);
    expect(text).toContain('We could not find the TXT record');

    [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('Check now'))?.click();
    backend.expectOne(BRANDING_PATHS.domainCheck).flush(view('active', [true, true]));
    await fixture.whenStable();
    expect(root.textContent).toContain('Active');
    expect(root.querySelectorAll('.record__found--yes')).toHaveLength(2);
  });

  it('shows the domain read-only to members', async () => {
    await render({ canEdit: false, entitled: true }, view('verified', [false, true]));
    expect(root.textContent).toContain('Ownership proved');
    expect(root.querySelector('form')).toBeNull();
    expect([...root.querySelectorAll('button')].some((b) => b.textContent?.includes('Check now'))).toBe(false);
  });

  it('puts the server’s words on the field when the name is refused', async () => {
    await render({ canEdit: true, entitled: true }, null);
    const input = hostnameInput();
    input.value = '192.0.2.1';
    input.dispatchEvent(new Event('input'));
    submit();
    backend.expectOne(BRANDING_PATHS.domain).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input: hostname',
        details: [{ field: 'hostname', messages: ['Enter a domain name, not an IP address.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(root.textContent).toContain('Enter a domain name, not an IP address.');
  });
});
