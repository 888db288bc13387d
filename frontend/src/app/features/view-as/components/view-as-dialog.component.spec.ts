import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { ClientMemberRow } from '@atrium/shared';
import { of, throwError } from 'rxjs';
import { ViewAsDialogComponent, type ViewAsDialogData } from './view-as-dialog.component';

const person = (id: string, name: string, role: ClientMemberRow['role']): ClientMemberRow => ({
  id,
  kind: 'user',
  name,
  email: `${id}@acme.test`,
  role,
  status: 'active',
  lastActiveAt: null,
  expiresAt: null,
});

describe('ViewAsDialogComponent', () => {
  let fixture: ComponentFixture<ViewAsDialogComponent>;
  let root: HTMLElement;
  let open: jest.Mock;
  let close: jest.Mock;

  async function render(result: ReturnType<ViewAsDialogData['open']>): Promise<void> {
    open = jest.fn(() => result);
    close = jest.fn();
    const data: ViewAsDialogData = {
      clientName: 'Acme Coffee',
      people: [person('anna', 'Anna Acme', 'admin'), person('max', 'Max Acme', 'member')],
      open,
    };
    TestBed.configureTestingModule({
      imports: [ViewAsDialogComponent],
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    fixture = TestBed.createComponent(ViewAsDialogComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const radios = () => [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  const openButton = () =>
    [...root.querySelectorAll('button')].find((button) => button.textContent?.includes('Open portal')) as HTMLElement;

  it('lists the people with their role and opens the portal as the one picked', async () => {
    await render(of(undefined));
    expect(root.textContent).toContain('View Acme Coffee as…');
    expect(root.textContent).toContain('anna@acme.test · Admin');
    expect(root.textContent).toContain('max@acme.test · Member');
    expect(radios()[0].checked).toBe(true);

    radios()[1].click();
    await fixture.whenStable();
    openButton().click();

    expect(open).toHaveBeenCalledWith('max');
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ id: 'max', name: 'Max Acme' }));
  });

  it('stays open with the reason when the view cannot be opened', async () => {
    await render(throwError(() => new Error('User not found')));
    openButton().click();
    await fixture.whenStable();

    expect(close).not.toHaveBeenCalled();
    expect(root.textContent).toContain('User not found');
  });
});
