import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { SOCIAL_PATHS, type ConnectLinkView } from '@atrium/shared';
import { ConnectLinksDialogComponent } from './connect-links-dialog.component';

const link = (id: string, status: ConnectLinkView['status']): ConnectLinkView => ({
  id,
  clientId: 'c1',
  url: `https://atrium.test/connect?token=${id}`,
  status,
  expiresAt: '2026-12-01T10:00:00Z',
  revokedAt: status === 'revoked' ? '2026-11-20T10:00:00Z' : null,
  createdAt: '2026-11-19T10:00:00Z',
  createdByName: 'Olga Owner',
  accountsConnected: 2,
});

describe('ConnectLinksDialogComponent', () => {
  let fixture: ComponentFixture<ConnectLinksDialogComponent>;
  let backend: HttpTestingController;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ConnectLinksDialogComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { clientId: 'c1', clientName: 'Acme Coffee' } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConnectLinksDialogComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    backend.expectOne(SOCIAL_PATHS.clientConnectLinks('c1')).flush([link('old', 'revoked')]);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const submit = () => root.querySelector('form.create')?.dispatchEvent(new Event('submit'));
  function days(): HTMLInputElement {
    const input = root.querySelector<HTMLInputElement>('input[type="number"]');
    if (!input) {
      throw new Error('No days field');
    }
    return input;
  }

  it('lists the links with their status and only offers copy and revoke for active ones', () => {
    expect(root.textContent).toContain('Revoked');
    expect(root.textContent).toContain('2 accounts connected');
    expect(root.textContent).toContain('by Olga Owner');
    expect(root.querySelector('button[aria-label], .link__actions')).toBeNull();
  });

  it('creates a link valid for 7 days by default and shows it ready to copy', async () => {
    submit();
    const request = backend.expectOne(SOCIAL_PATHS.clientConnectLinks('c1'));
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ validForDays: 7 });
    request.flush(link('new', 'active'));
    await fixture.whenStable();

    expect(root.querySelector<HTMLInputElement>('#new-connect-link')?.value).toBe(
      'https://atrium.test/connect?token=new',
    );
    expect(root.querySelectorAll('.link')).toHaveLength(2);
    expect(root.querySelector('.link__actions')?.textContent).toContain('Revoke link');
  });

  it('refuses a validity beyond 30 days without asking the server', async () => {
    days().value = '45';
    days().dispatchEvent(new Event('input'));
    submit();
    await fixture.whenStable();

    expect(root.textContent).toContain('From 1 to 30 days.');
    backend.expectNone((request) => request.method === 'POST');
  });
});
