import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { InvoiceView } from '@atrium/shared';
import { of } from 'rxjs';
import { axeViolations } from '../../contracts/portal/testing/axe';
import { PortalBillingApi } from '../data-access/billing.api';
import { invoiceView } from '../testing/invoice.factory';
import { GO_TO_PAYMENT_PAGE } from './payment-confirmation';
import { PortalInvoicePage } from './portal-invoice.page';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function setup(answers: InvoiceView[], payment?: string) {
  let reads = 0;
  const assign = jest.fn();
  const api = {
    get: jest.fn(() => of(answers[Math.min(reads++, answers.length - 1)])),
    pay: jest.fn(() => of({ url: 'http://127.0.0.1/api/sandbox-pay/checkout/s1' })),
    pdf: jest.fn(),
  };
  TestBed.configureTestingModule({
    imports: [PortalInvoicePage],
    providers: [
      provideRouter([]),
      { provide: PortalBillingApi, useValue: api },
      { provide: GO_TO_PAYMENT_PAGE, useValue: assign },
    ],
  });
  const fixture = TestBed.createComponent(PortalInvoicePage);
  fixture.componentRef.setInput('invoiceId', 'inv-1');
  if (payment) fixture.componentRef.setInput('payment', payment);
  return { fixture, element: fixture.nativeElement as HTMLElement, api, assign };
}

describe('PortalInvoicePage', () => {
  afterEach(() => jest.useRealTimers());

  it('shows the invoice as a document with the server’s figures, and pays on the provider’s page', async () => {
    const { fixture, element, api, assign } = setup([invoiceView()]);
    await fixture.whenStable();
    expect(text(element.querySelector('h1'))).toBe('Invoice INV-0003');
    expect(text(element)).toContain('€1,964.07 to pay by Dec 17, 2026');
    expect(text(element)).toMatch(/Tax 7% on €501\.00\s*€35\.07/);
    expect(text(element)).toMatch(/Tax 19% on €1,200\.00\s*€228\.00/);
    expect(await axeViolations(element)).toEqual([]);

    const pay = Array.from(element.querySelectorAll('button')).find((b) => text(b).includes('Pay now'));
    pay?.click();
    expect(api.pay).toHaveBeenCalledWith('inv-1');
    expect(assign).toHaveBeenCalledWith('http://127.0.0.1/api/sandbox-pay/checkout/s1');
  });

  it('offers no payment when the agency takes none online', async () => {
    const { fixture, element } = setup([invoiceView({ payable: false })]);
    await fixture.whenStable();
    expect(text(element)).not.toContain('Pay now');
    expect(text(element)).toContain('Pay the way the invoice');
  });

  it('back from paying, waits for the confirmation and then says it is paid', async () => {
    jest.useFakeTimers();
    const paid = invoiceView({ status: 'paid', balance: 0, amountPaid: 196407, payable: false });
    const { fixture, element, api } = setup([invoiceView(), invoiceView(), paid], 'success');
    fixture.detectChanges();
    jest.advanceTimersByTime(1);
    await fixture.whenStable();
    expect(text(element)).toContain("we're confirming your payment");
    expect(text(element)).not.toContain('Pay now');

    jest.advanceTimersByTime(4000);
    await fixture.whenStable();
    expect(api.get).toHaveBeenCalledTimes(3);
    expect(text(element)).toContain('Paid — thank you!');
    expect(text(element)).toContain('Status: Paid');
    jest.advanceTimersByTime(10_000);
    expect(api.get).toHaveBeenCalledTimes(3);
  });

  it('back from a cancelled payment, says so calmly and offers to pay again', async () => {
    const { fixture, element } = setup([invoiceView()], 'cancelled');
    await fixture.whenStable();
    expect(text(element)).toContain('Payment cancelled — nothing was charged.');
    expect(text(element)).toContain('Pay now');
  });
});
