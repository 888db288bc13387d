import type { InvoiceView } from '@atrium/shared';
import { Observable, defer, of, throwError } from 'rxjs';
import { paymentReturn, watchUntilPaid } from './payment-confirmation';

function view(status: InvoiceView['status']): InvoiceView {
  return { status } as InvoiceView;
}

/** Serves the given answers one per read (an Error = a failed read). */
function reads(answers: Array<InvoiceView | Error>): { load: () => Observable<InvoiceView>; count: () => number } {
  let index = 0;
  return {
    load: () =>
      defer(() => {
        const answer = answers[Math.min(index++, answers.length - 1)];
        return answer instanceof Error ? throwError(() => answer) : of(answer);
      }),
    count: () => index,
  };
}

describe('watching an invoice until the payment is confirmed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads again until the webhook marked it paid, then stops', () => {
    const source = reads([view('viewed'), view('viewed'), view('paid'), view('paid')]);
    const seen: string[] = [];
    let done = false;
    watchUntilPaid(source.load, 1000, 10).subscribe({
      next: (invoice) => seen.push(invoice.status),
      complete: () => (done = true),
    });
    jest.advanceTimersByTime(10_000);
    expect(seen).toEqual(['viewed', 'viewed', 'paid']);
    expect(done).toBe(true);
    expect(source.count()).toBe(3);
  });

  it('skips a failed read and gives up after the last try', () => {
    const source = reads([new Error('offline'), view('viewed')]);
    const seen: string[] = [];
    let done = false;
    watchUntilPaid(source.load, 1000, 4).subscribe({
      next: (invoice) => seen.push(invoice.status),
      complete: () => (done = true),
    });
    jest.advanceTimersByTime(10_000);
    expect(seen).toEqual(['viewed', 'viewed', 'viewed']);
    expect(done).toBe(true);
    expect(source.count()).toBe(4);
  });

  it('knows only the two ways back from the payment page', () => {
    expect(paymentReturn('success')).toBe('success');
    expect(paymentReturn('cancelled')).toBe('cancelled');
    expect(paymentReturn('paid')).toBeNull();
    expect(paymentReturn(undefined)).toBeNull();
  });
});
