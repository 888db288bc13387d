import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { of } from 'rxjs';
import { axeViolations } from '../../contracts/portal/testing/axe';
import { BillingApi } from '../data-access/billing.api';
import { invoiceView } from '../testing/invoice.factory';
import { VoidInvoiceDialogComponent } from './void-invoice-dialog.component';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('VoidInvoiceDialogComponent', () => {
  it('asks for a reason, says there is no credit note, and voids with the reason', async () => {
    const voided = invoiceView({ status: 'void', voidReason: 'Sent twice' });
    const api = { void: jest.fn(() => of(voided)) };
    const close = jest.fn();
    TestBed.configureTestingModule({
      imports: [VoidInvoiceDialogComponent],
      providers: [
        provideNoopAnimations(),
        { provide: MAT_DIALOG_DATA, useValue: invoiceView() },
        { provide: MatDialogRef, useValue: { close } },
        { provide: BillingApi, useValue: api },
      ],
    });
    const fixture = TestBed.createComponent(VoidInvoiceDialogComponent);
    const element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(text(element)).toContain('A credit note is not available');
    expect(await axeViolations(element)).toEqual([]);

    const form = element.querySelector('form') as HTMLFormElement;
    const submitted = new Event('submit', { cancelable: true });
    form.dispatchEvent(submitted);
    await fixture.whenStable();
    // Handled by the form directive: the browser never posts the page.
    expect(submitted.defaultPrevented).toBe(true);
    expect(api.void).not.toHaveBeenCalled();
    expect(text(element)).toContain('Enter why you void it.');

    const reason = element.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = '  Sent twice ';
    reason.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    expect(api.void).toHaveBeenCalledWith('inv-1', 'Sent twice');
    expect(close).toHaveBeenCalledWith(voided);
  });
});
