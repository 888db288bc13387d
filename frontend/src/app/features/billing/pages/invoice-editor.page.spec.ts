import { signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { Router, provideRouter } from '@angular/router';
import type { BillingProfileView, BillingSettingsView } from '@atrium/shared';
import { of, throwError } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { axeViolations } from '../../contracts/portal/testing/axe';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { BillingApi } from '../data-access/billing.api';
import { invoiceView } from '../testing/invoice.factory';
import { InvoiceEditorPage } from './invoice-editor.page';

const SETTINGS = {
  defaultCurrency: 'USD',
  defaultPaymentTermsDays: 14,
  defaultNotes: 'Thank you!',
  defaultTerms: 'Bank transfer.',
} as BillingSettingsView;
const PROFILE = { clientId: 'c1', currency: 'EUR', paymentTermsDays: 30 } as BillingProfileView;

function setup(create: jest.Mock) {
  const api = {
    settings: jest.fn(() => of(SETTINGS)),
    profile: jest.fn(() => of(PROFILE)),
    create,
  };
  TestBed.configureTestingModule({
    imports: [InvoiceEditorPage],
    providers: [
      provideRouter([]),
      provideNoopAnimations(),
      { provide: AuthService, useValue: { me: signal({ agencyRole: 'member' }) } },
      { provide: ClientsApi, useValue: { listAll: () => of([{ id: 'c1', name: 'Acme Coffee' }]) } },
      { provide: BillingApi, useValue: api },
    ],
  });
  const fixture = TestBed.createComponent(InvoiceEditorPage);
  fixture.componentRef.setInput('clientId', 'c1');
  return { fixture, element: fixture.nativeElement as HTMLElement, api };
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function type(
  fixture: { whenStable(): Promise<unknown> },
  input: HTMLInputElement | HTMLTextAreaElement,
  value: string,
) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await fixture.whenStable();
}

describe('InvoiceEditorPage', () => {
  it('starts from the client’s currency and terms, shows live totals, and puts the server’s field errors on the fields', async () => {
    const create = jest.fn(() =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              statusCode: 400,
              error: 'Bad Request',
              message: 'Invalid input',
              details: [{ field: 'lines.0.unitPrice', messages: ['The price is larger than we accept.'] }],
            },
          }),
      ),
    );
    const { fixture, element } = setup(create);
    await fixture.whenStable();

    // The client's billing profile: euros, due in 30 days; the agency's default notes.
    expect(text(element.querySelector('mat-select[formcontrolname="currency"]'))).toContain('EUR');
    const notes = element.querySelector<HTMLTextAreaElement>('textarea[formcontrolname="notes"]');
    expect(notes?.value).toBe('Thank you!');

    const line = element.querySelector('fieldset.line') as HTMLElement;
    await type(fixture, line.querySelector('textarea[formcontrolname="description"]') as HTMLTextAreaElement, 'Design');
    await type(fixture, line.querySelector('input[formcontrolname="quantity"]') as HTMLInputElement, '2');
    await type(fixture, line.querySelector('input[formcontrolname="unitPrice"]') as HTMLInputElement, '100.50');
    await type(fixture, line.querySelector('input[formcontrolname="taxRate"]') as HTMLInputElement, '20');
    const totals = element.querySelector('section.totals');
    expect(text(totals)).toMatch(/Subtotal\s*€201\.00/);
    expect(text(totals)).toMatch(/Tax 20%\s*€40\.20/);
    expect(text(totals)).toMatch(/Total\s*€241\.20/);
    expect(await axeViolations(element)).toEqual([]);

    element.querySelector<HTMLFormElement>('form.editor')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({
        clientId: 'c1',
        currency: 'EUR',
        lines: [{ description: 'Design', quantity: 2, unitPrice: 10050, taxRate: 20 }],
        discount: { kind: 'none', value: 0 },
      }),
    );
    expect(text(line)).toContain('The price is larger than we accept.');
  });

  it('opens the saved draft, with the server’s figures', async () => {
    const create = jest.fn(() => of(invoiceView({ id: 'new-1', status: 'draft', number: null })));
    const { fixture, element } = setup(create);
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    await fixture.whenStable();
    const line = element.querySelector('fieldset.line') as HTMLElement;
    await type(fixture, line.querySelector('textarea[formcontrolname="description"]') as HTMLTextAreaElement, 'Design');
    await type(fixture, line.querySelector('input[formcontrolname="unitPrice"]') as HTMLInputElement, '10');
    element.querySelector<HTMLFormElement>('form.editor')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/app/billing', 'invoices', 'new-1']);
  });

  it('refuses to send an unfinished line, and says where', async () => {
    const create = jest.fn();
    const { fixture, element } = setup(create);
    await fixture.whenStable();
    element.querySelector<HTMLFormElement>('form.editor')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(create).not.toHaveBeenCalled();
    expect(text(element)).toContain('Some fields need your attention.');
    expect(text(element)).toContain('Enter a description.');
    expect(text(element)).toContain('Enter a price.');
  });
});
