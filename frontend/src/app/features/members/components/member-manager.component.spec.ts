import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import type { ClientMemberRow } from '@atrium/shared';
import { of } from 'rxjs';
import { CLIENT_ROLE_OPTIONS, MemberSource } from '../member-source';
import { MemberManagerComponent } from './member-manager.component';

const rows: ClientMemberRow[] = [
  {
    id: 'u1',
    kind: 'user',
    name: 'Anna Acme',
    email: 'anna@acme.test',
    role: 'admin',
    status: 'active',
    lastActiveAt: '2026-01-01T10:00:00Z',
    expiresAt: null,
  },
  {
    id: 'u2',
    kind: 'user',
    name: 'Max Acme',
    email: 'max@acme.test',
    role: 'member',
    status: 'active',
    lastActiveAt: null,
    expiresAt: null,
  },
  {
    id: 'i1',
    kind: 'invitation',
    name: 'Ivy Invited',
    email: 'ivy@acme.test',
    role: 'member',
    status: 'invited',
    lastActiveAt: null,
    expiresAt: '2026-01-08T10:00:00Z',
  },
  {
    id: 'i2',
    kind: 'invitation',
    name: 'Ed Expired',
    email: 'ed@acme.test',
    role: 'member',
    status: 'expired',
    lastActiveAt: null,
    expiresAt: '2025-12-01T10:00:00Z',
  },
  {
    id: 'u3',
    kind: 'user',
    name: 'Dee Gone',
    email: 'dee@acme.test',
    role: 'member',
    status: 'deactivated',
    lastActiveAt: '2025-11-01T10:00:00Z',
    expiresAt: null,
  },
];

describe('MemberManagerComponent', () => {
  let fixture: ComponentFixture<MemberManagerComponent>;
  let root: HTMLElement;
  let source: { [K in keyof Required<MemberSource>]: jest.Mock };

  async function render(overrides: Partial<MemberSource> = {}): Promise<void> {
    source = {
      list: jest.fn(() => of(rows)),
      invite: jest.fn(),
      resend: jest.fn((row: ClientMemberRow) => of({ ...row, status: 'invited', id: 'i2-new' })),
      revoke: jest.fn(() => of(undefined)),
      changeRole: jest.fn((row: ClientMemberRow, role: string) => of({ ...row, role })),
      remove: jest.fn(() => of(undefined)),
      canManage: jest.fn(() => true),
      magicLink: jest.fn(),
      revokeMagicLinks: jest.fn(),
      loginEmails: jest.fn((selected: ClientMemberRow[]) => of({ done: selected.length, skipped: [] })),
      bulkRemove: jest.fn((selected: ClientMemberRow[]) => of({ done: selected.length, skipped: [] })),
    };
    TestBed.configureTestingModule({
      imports: [MemberManagerComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(MemberManagerComponent);
    fixture.componentRef.setInput('source', { ...source, ...overrides });
    fixture.componentRef.setInput('roles', CLIENT_ROLE_OPTIONS);
    fixture.componentRef.setInput('place', 'the Acme Coffee portal');
    fixture.componentRef.setInput('caption', 'Users of Acme Coffee');
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  function rowOf(name: string): HTMLTableRowElement {
    const row = Array.from(root.querySelectorAll<HTMLTableRowElement>('tbody tr')).find((candidate) =>
      candidate.querySelector('th')?.textContent?.includes(name),
    );
    if (!row) {
      throw new Error(`No row for ${name}`);
    }
    return row;
  }

  const buttonNames = (row: HTMLElement) =>
    Array.from(row.querySelectorAll('.col-actions button')).map((button) => accessibleName(button));

  function button(label: string): HTMLButtonElement {
    const found = Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find(
      (candidate) => accessibleName(candidate) === label,
    );
    if (!found) {
      throw new Error(`No button ${label}`);
    }
    return found;
  }

  it('shows each person with the status words of the spec', async () => {
    await render();
    expect(rowOf('Anna Acme').querySelector('atr-status-chip')?.textContent?.trim()).toBe('Active');
    expect(rowOf('Ivy Invited').querySelector('atr-status-chip')?.textContent?.trim()).toBe('Invited');
    expect(rowOf('Ed Expired').querySelector('atr-status-chip')?.textContent?.trim()).toBe('Expired');
    expect(rowOf('Dee Gone').querySelector('atr-status-chip')?.textContent?.trim()).toBe('Deactivated');
    expect(rowOf('Max Acme').querySelector('.col-last')?.textContent).toContain('Never');
    expect(rowOf('Anna Acme').querySelector('time')?.getAttribute('datetime')).toBe('2026-01-01T10:00:00Z');
  });

  it('offers the actions that fit each status', async () => {
    await render();
    expect(buttonNames(rowOf('Ivy Invited'))).toEqual([
      'Resend invitation to Ivy Invited',
      'Revoke invitation for Ivy Invited',
    ]);
    expect(buttonNames(rowOf('Ed Expired'))).toEqual(['Resend invitation to Ed Expired']);
    expect(buttonNames(rowOf('Anna Acme'))).toEqual([
      'Copy magic link for Anna Acme',
      'Send login email to Anna Acme',
      'Remove Anna Acme',
    ]);
    expect(buttonNames(rowOf('Dee Gone'))).toEqual([]);
    expect(accessibleName(rowOf('Anna Acme').querySelector('.col-role button'))).toBe(
      'Change role of Anna Acme, currently Admin',
    );
  });

  it('offers nothing on rows that may not be managed (the owner, yourself)', async () => {
    await render({ canManage: (row) => row.id !== 'u1' });
    expect(buttonNames(rowOf('Anna Acme'))).toEqual([]);
    expect(rowOf('Anna Acme').querySelector('.col-role button')).toBeNull();
    expect(rowOf('Anna Acme').querySelector('mat-checkbox')).toBeNull();
  });

  it('resends an expired invitation and shows it as invited again', async () => {
    await render();
    button('Resend invitation to Ed Expired').click();
    await fixture.whenStable();

    expect(source.resend).toHaveBeenCalledWith(rows[3]);
    expect(rowOf('Ed Expired').querySelector('atr-status-chip')?.textContent?.trim()).toBe('Invited');
  });

  it('sends the login email to the selected people in one go', async () => {
    await render();
    const bulkSend = button('Send login email to the selected people');
    expect(bulkSend.disabled).toBe(true);

    for (const name of ['Anna Acme', 'Max Acme']) {
      rowOf(name).querySelector<HTMLInputElement>('mat-checkbox input')?.click();
    }
    await fixture.whenStable();
    expect(root.textContent).toContain('2 selected');
    expect(bulkSend.disabled).toBe(false);

    bulkSend.click();
    await fixture.whenStable();
    expect(source.loginEmails).toHaveBeenCalledWith([rows[0], rows[1]]);
    expect(root.textContent).toContain('0 selected');
  });

  it('only lets active people be selected', async () => {
    await render();
    expect(rowOf('Ivy Invited').querySelector('mat-checkbox')).toBeNull();
    expect(rowOf('Dee Gone').querySelector('mat-checkbox')).toBeNull();
  });

  it('does not remove anyone when the confirmation is cancelled', async () => {
    await render();
    jest
      .spyOn(TestBed.inject(MatDialog), 'open')
      .mockReturnValue({ afterClosed: () => of(false) } as unknown as MatDialogRef<unknown>);
    button('Remove Anna Acme').click();
    await fixture.whenStable();
    expect(source.remove).not.toHaveBeenCalled();
  });

  it('removes someone after a confirmation that says what happens', async () => {
    await render();
    const dialog = TestBed.inject(MatDialog);
    // Confirm as the person would; the dialog itself is ConfirmDialogComponent's business.
    const open = jest
      .spyOn(dialog, 'open')
      .mockReturnValue({ afterClosed: () => of(true) } as unknown as MatDialogRef<unknown>);

    button('Remove Anna Acme').click();
    await fixture.whenStable();
    expect(open).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        data: expect.objectContaining({
          title: 'Remove Anna Acme?',
          message: expect.stringContaining('loses access to the Acme Coffee portal'),
          confirmLabel: 'Remove',
        }),
      }),
    );
    expect(source.remove).toHaveBeenCalledWith(rows[0]);
    expect(source.list).toHaveBeenCalledTimes(2);
  });

  it('says so when the list is empty', async () => {
    await render({ list: () => of([]) });
    fixture.componentRef.setInput('emptyMessage', 'Nobody from Acme Coffee can sign in yet.');
    await fixture.whenStable();
    expect(root.textContent).toContain('Nobody from Acme Coffee can sign in yet.');
    expect(root.querySelector('table')).toBeNull();
  });
});

/** A button's name as assistive technology computes it from its content (aria-hidden parts left out). */
function accessibleName(element: Element | null): string {
  const text = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) {
      return node.textContent ?? '';
    }
    return node instanceof Element && node.getAttribute('aria-hidden') !== 'true'
      ? Array.from(node.childNodes).map(text).join('')
      : '';
  };
  return element ? (element.getAttribute('aria-label') ?? text(element)).replace(/\s+/g, ' ').trim() : '';
}
