import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { NoopAnimationsModule } from '@angular/platform-browser/animations';
import { of, throwError } from 'rxjs';
import { DeclineDialogComponent, type DeclineDialogData } from './decline-dialog.component';
import { contractView } from './testing/contract-fixtures';
import { axeViolations } from './testing/axe';

function setup(decline: DeclineDialogData['decline']) {
  const ref = { close: jest.fn(), disableClose: false };
  TestBed.configureTestingModule({
    imports: [DeclineDialogComponent, NoopAnimationsModule],
    providers: [
      { provide: MAT_DIALOG_DATA, useValue: { title: 'Service agreement', agencyName: 'Acme Agency', decline } },
      { provide: MatDialogRef, useValue: ref },
    ],
  });
  const fixture = TestBed.createComponent(DeclineDialogComponent);
  return { fixture, element: fixture.nativeElement as HTMLElement, ref };
}

const submit = (element: HTMLElement) =>
  element.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
const type = (element: HTMLElement, value: string) => {
  const reason = element.querySelector('textarea');
  if (!reason) throw new Error('No reason field');
  reason.value = value;
  reason.dispatchEvent(new Event('input'));
};

describe('DeclineDialogComponent', () => {
  it('says what declining does and will not decline without a reason', async () => {
    const decline = jest.fn();
    const { fixture, element, ref } = setup(decline);
    await fixture.whenStable();
    expect(element.textContent).toContain('Declining stops “Service agreement” for everyone');
    expect(element.querySelector('textarea')?.required).toBe(true);

    type(element, '   ');
    submit(element);
    await fixture.whenStable();
    expect(decline).not.toHaveBeenCalled();
    expect(ref.close).not.toHaveBeenCalled();
    expect(element.querySelector('mat-error')?.textContent).toContain('Say why you decline');
  });

  it('declines with the reason and closes with the contract as it is now', async () => {
    const declined = contractView({ status: 'declined' });
    const decline = jest.fn(() => of(declined));
    const { fixture, element, ref } = setup(decline);
    await fixture.whenStable();
    type(element, ' The price is wrong ');
    submit(element);
    await fixture.whenStable();
    expect(decline).toHaveBeenCalledWith('The price is wrong');
    expect(ref.close).toHaveBeenCalledWith(declined);
  });

  it('stays open and says why when declining fails', async () => {
    const conflict = new HttpErrorResponse({
      status: 409,
      error: {
        statusCode: 409,
        error: 'Conflict',
        message: 'You already signed this contract; it can no longer be declined.',
      },
    });
    const { fixture, element, ref } = setup(() => throwError(() => conflict));
    await fixture.whenStable();
    type(element, 'Changed my mind');
    submit(element);
    await fixture.whenStable();
    expect(ref.close).not.toHaveBeenCalled();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'You already signed this contract; it can no longer be declined.',
    );
  });

  it('is clean for axe', async () => {
    const { fixture, element } = setup(jest.fn());
    await fixture.whenStable();
    expect(await axeViolations(element)).toEqual([]);
  });
});
