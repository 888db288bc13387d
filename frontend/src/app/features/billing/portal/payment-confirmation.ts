import { DOCUMENT } from '@angular/common';
import { InjectionToken, inject } from '@angular/core';
import type { InvoiceView } from '@atrium/shared';
import { EMPTY, Observable, catchError, exhaustMap, take, takeWhile, timer } from 'rxjs';

/** How the portal learns that an online payment went through: it asks again until the invoice says paid. */
export const CONFIRM_POLL_MS = 2000;
export const CONFIRM_MAX_TRIES = 60;

/**
 * Reads the invoice now and then every `everyMs`, until it is paid (that last view included) or
 * `maxTries` reads were made. Coming back from the provider's page proves nothing: only the
 * provider's signed webhook marks the invoice paid on the server, so the page waits for that.
 * A failed read is skipped (the next one tries again).
 */
export function watchUntilPaid(
  load: () => Observable<InvoiceView>,
  everyMs = CONFIRM_POLL_MS,
  maxTries = CONFIRM_MAX_TRIES,
): Observable<InvoiceView> {
  return timer(0, everyMs).pipe(
    take(maxTries),
    exhaustMap(() => load().pipe(catchError(() => EMPTY))),
    takeWhile((invoice) => invoice.status !== 'paid' && invoice.status !== 'void', true),
  );
}

export type PaymentReturn = 'success' | 'cancelled' | null;

export function paymentReturn(value: string | null | undefined): PaymentReturn {
  return value === 'success' || value === 'cancelled' ? value : null;
}

/** Sends the browser to the provider's hosted payment page (a full navigation, away from the app). */
export const GO_TO_PAYMENT_PAGE = new InjectionToken<(url: string) => void>('GO_TO_PAYMENT_PAGE', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return (url: string) => document.defaultView?.location.assign(url);
  },
});
