import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { INVITATION_PATHS, type InvitationPreview, type MeResponse } from '@atrium/shared';
import { AcceptInvitationPage } from './accept-invitation.page';

const preview: InvitationPreview = {
  status: 'pending',
  agencyName: 'Northwind Creative',
  clientName: 'Acme Coffee',
  audience: 'client',
  name: 'Anna Acme',
  email: 'anna@acme.test',
  role: 'admin',
  existingAccount: false,
  expiresAt: '2026-01-08T10:00:00Z',
};

const anna: MeResponse = {
  id: 'u1',
  name: 'Anna B. Acme',
  email: 'anna@acme.test',
  emailConfirmed: true,
  timezone: 'UTC',
  avatarUrl: null,
  pendingEmail: null,
  audience: 'client',
  agency: { id: 'a1', name: 'Northwind Creative' },
  agencyRole: null,
  clients: [{ id: 'c1', name: 'Acme Coffee', role: 'admin', permissions: [] }],
};

describe('AcceptInvitationPage', () => {
  let fixture: ComponentFixture<AcceptInvitationPage>;
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;
  let root: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AcceptInvitationPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function open(answer: InvitationPreview | { status: number; message: string }): Promise<void> {
    fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', 'invite-token');
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const request = backend.expectOne(INVITATION_PATHS.preview);
    expect(request.request.body).toEqual({ token: 'invite-token' });
    if ('agencyName' in answer) {
      request.flush(answer);
    } else {
      request.flush(
        { statusCode: answer.status, error: 'Error', message: answer.message },
        { status: answer.status, statusText: 'Error' },
      );
    }
    await fixture.whenStable();
  }

  const labels = () =>
    Array.from(root.querySelectorAll('mat-label')).map((label) => label.textContent?.replace(/\s*\*$/, '').trim());

  function field(label: string): HTMLInputElement {
    const element = Array.from(root.querySelectorAll('label')).find(
      (candidate) => candidate.textContent?.trim().replace(/\s*\*$/, '') === label,
    );
    const input = element && root.querySelector<HTMLInputElement>(`#${element.htmlFor}`);
    if (!input) {
      throw new Error(`No field labelled ${label}`);
    }
    return input;
  }

  function type(label: string, value: string): void {
    field(label).value = value;
    field(label).dispatchEvent(new Event('input'));
  }

  it('tells who invited them to what, and asks for a new password twice', async () => {
    await open(preview);

    expect(root.querySelector('h1')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Northwind Creative invited you to the Acme Coffee client portal',
    );
    expect(labels()).toEqual(['Email', 'Full name', 'Password', 'Confirm password']);
    expect(field('Email').value).toBe('anna@acme.test');
    expect(field('Email').readOnly).toBe(true);
    expect(field('Full name').value).toBe('Anna Acme');
  });

  it('accepts with the corrected name and the new password, then opens the portal', async () => {
    await open(preview);
    type('Full name', 'Anna B. Acme');
    type('Password', 'a sturdy passphrase');
    type('Confirm password', 'a sturdy passphrase');
    Array.from(root.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Accept invitation')
      ?.click();
    await fixture.whenStable();

    const accept = backend.expectOne(INVITATION_PATHS.accept);
    expect(accept.request.body).toEqual({
      token: 'invite-token',
      name: 'Anna B. Acme',
      password: 'a sturdy passphrase',
    });
    accept.flush({ accessToken: 't', expiresIn: 900, me: anna });
    await fixture.whenStable();
    expect(navigateByUrl).toHaveBeenCalledWith('/portal');
  });

  it('asks for the current password, once, when the email already has an account', async () => {
    await open({ ...preview, existingAccount: true });
    expect(labels()).toEqual(['Email', 'Full name', 'Your current password']);
  });

  it('explains an expired invitation and who to ask', async () => {
    await open({ ...preview, status: 'expired' });
    expect(root.textContent).toContain('This invitation has expired. Ask Northwind Creative to send you a new one.');
    expect(root.querySelector('form')).toBeNull();
  });

  it('sends someone whose invitation was already accepted to sign in', async () => {
    await open({ ...preview, status: 'accepted' });
    expect(root.textContent).toContain('already been accepted');
    expect(root.querySelector('a[href="/login"]')?.textContent).toContain('Sign in');
  });

  it('says a replaced or unknown link is no longer valid', async () => {
    await open({ status: 404, message: 'Not Found' });
    expect(root.textContent).toContain('This invitation link is no longer valid');
    expect(root.textContent).toContain('ask the person who invited you for a new one');
  });
});
