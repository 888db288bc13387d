import { NgTemplateOutlet } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { Component, contentChild, input, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { ContractView, SignatureInput } from '@atrium/shared';
import { Observable, of, throwError } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { PortalContractsApi } from '../data-access/contracts.api';
import { PdfDocumentComponent } from '../ui/pdf-document.component';
import { PdfPageOverlayDirective } from '../ui/pdf-page-overlay.directive';
import { PortalContractPage } from './portal-contract.page';
import { contractView, recipient } from './testing/contract-fixtures';
import { axeViolations } from './testing/axe';

/** Downloads the page started: the blob's URL and the file name, instead of the browser saving them. */
let saved: { url: string; filename: string }[] = [];
beforeEach(() => {
  saved = [];
  URL.createObjectURL = jest.fn(() => `blob:download-${saved.length + 1}`);
  URL.revokeObjectURL = jest.fn();
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ url: this.href, filename: this.download });
  });
});
afterEach(() => jest.restoreAllMocks());

/** jsdom draws no PDF: two blank pages with the page's overlay over each. */
@Component({
  selector: 'atr-pdf-document',
  imports: [NgTemplateOutlet],
  template: `
    @for (page of pages; track page) {
      <div class="fake-page" [attr.data-page-index]="page">
        @if (overlay(); as template) {
          <ng-container
            *ngTemplateOutlet="template.template; context: { $implicit: page, page, width: 600, height: 800 }"
          />
        }
      </div>
    }
  `,
})
class FakePdfDocumentComponent {
  readonly source = input<ArrayBuffer | Uint8Array | null>(null);
  readonly label = input('');
  protected readonly overlay = contentChild(PdfPageOverlayDirective);
  protected readonly pages = [0, 1];
}

const signature: SignatureInput = { method: 'typed', image: 'data:image/png;base64,AAAA', typedText: 'Ana Silva' };
const initials: SignatureInput = { method: 'typed', image: 'data:image/png;base64,BBBB', typedText: 'AS' };

interface Api {
  get: jest.Mock;
  file: jest.Mock;
  sign: jest.Mock;
  approve: jest.Mock;
  decline: jest.Mock;
}

function setup(view: () => Observable<ContractView>, options: { viewAs?: boolean } = {}) {
  const api: Api = {
    get: jest.fn(view),
    file: jest.fn(() => of(new Blob(['%PDF-1.7'], { type: 'application/pdf' }))),
    sign: jest.fn(),
    approve: jest.fn(),
    decline: jest.fn(),
  };
  const dialogResults: unknown[] = [];
  const dialog = {
    open: jest.fn((_component: unknown, _config: { data: unknown }) => ({
      afterClosed: () => of(dialogResults.shift()),
    })),
  };
  TestBed.configureTestingModule({
    imports: [PortalContractPage],
    providers: [
      provideRouter([]),
      {
        provide: AuthService,
        useValue: {
          me: signal({
            name: 'Ana Silva',
            timezone: 'UTC',
            agency: { name: 'Acme Agency' },
            viewAs: options.viewAs ? { viewerName: 'Ann Agency' } : undefined,
          }),
        },
      },
      { provide: PortalContractsApi, useValue: api },
      { provide: MatDialog, useValue: dialog },
    ],
  });
  TestBed.overrideComponent(PortalContractPage, {
    remove: { imports: [PdfDocumentComponent] },
    add: { imports: [FakePdfDocumentComponent] },
  });
  const fixture = TestBed.createComponent(PortalContractPage);
  fixture.componentRef.setInput('contractId', 'c-1');
  return { fixture, element: fixture.nativeElement as HTMLElement, api, dialog, dialogResults };
}

/** The view arrives, then the document's bytes (read from the blob). */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
  }
  await fixture.whenStable();
}

/** What a person reads: the text without the icons' ligature names. */
function text(element: Element | null | undefined): string {
  if (!element) return '';
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
const button = (root: HTMLElement, name: string) =>
  Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((candidate) => text(candidate) === name);
const fieldNames = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<HTMLElement>('[data-field-index]')).map((element) =>
    element.getAttribute('aria-label'),
  );

/** Ana makes her signature and initials (the dialog answers) and fills in her required fields. */
function fillEverything(element: HTMLElement, dialogResults: unknown[]): void {
  dialogResults.push(signature, initials);
  element.querySelector<HTMLButtonElement>('[aria-label="Sign here, page 1, required"]')?.click();
  element.querySelector<HTMLButtonElement>('[aria-label="Initial here, page 2, required"]')?.click();
  const company = element.querySelector<HTMLInputElement>('[aria-label="Company, page 1, required"]');
  if (company) {
    company.value = 'Blue Harbor';
    company.dispatchEvent(new Event('input'));
  }
  const terms = element.querySelector<HTMLInputElement>('[aria-label="I accept the terms, page 1, required"]');
  if (terms) {
    terms.checked = true;
    terms.dispatchEvent(new Event('change'));
  }
}

describe('PortalContractPage, my turn to sign', () => {
  it('shows the contract, who signs in plain words, and my fields as labelled controls in reading order', async () => {
    const { fixture, element, api } = setup(() => of(contractView()));
    await settle(fixture);

    expect(api.get).toHaveBeenCalledWith('c-1');
    expect(api.file).toHaveBeenCalledWith('c-1', 'original');
    expect(text(element.querySelector('h1'))).toBe('Service agreement');
    expect(text(element.querySelector('.head'))).toContain('Status: Sent');
    expect(text(element.querySelector('.head'))).toContain('From Acme Agency');
    expect(text(element)).toContain('Please sign by Friday.');
    const people = Array.from(element.querySelectorAll('.person')).map(text);
    expect(people).toEqual([
      expect.stringContaining('Ana Silva (you) Signs · step 1 Waiting for your signature'),
      expect.stringContaining('Ben Ode Signs · step 2 Waiting for their turn'),
    ]);

    expect(fieldNames(element)).toEqual([
      'Company, page 1, required',
      'I accept the terms, page 1, required',
      'Send me news, page 1',
      'Sign here, page 1, required',
      'Initial here, page 2, required',
    ]);
    // Name fills itself; Ben's field is there but faint and out of the way of screen readers.
    expect(text(element.querySelector('.field--auto'))).toContain('Your name, filled in when you sign: Ana Silva');
    expect(element.querySelector('.field--other')?.getAttribute('aria-hidden')).toBe('true');
    expect(text(element.querySelector('.field--other'))).toBe('For Ben Ode');
  });

  it('keeps Sign from sending while something is missing, and says what', async () => {
    const { fixture, element, api } = setup(() => of(contractView()));
    await settle(fixture);

    const sign = button(element, 'Sign');
    expect(sign?.getAttribute('aria-disabled')).toBe('true');
    const missing = element.querySelector(`#${sign?.getAttribute('aria-describedby')}`);
    expect(text(missing)).toBe(
      'Before you can sign: fill in “Company”, tick “I accept the terms”, add your signature and add your initials.',
    );
    expect(text(element.querySelector('.bar__where'))).toBe('5 fields for you · 4 required fields left');

    sign?.click();
    await fixture.whenStable();
    expect(api.sign).not.toHaveBeenCalled();
    // The person is taken to the first thing missing.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Company, page 1, required');
    expect(missing?.classList).not.toContain('atr-visually-hidden');
    expect(text(element.querySelector('.bar__where'))).toContain('Field 1 of 5');
  });

  it('adopts the signature once for all signature fields, then signs with everything filled in', async () => {
    const { fixture, element, api, dialog, dialogResults } = setup(() => of(contractView()));
    const signed = contractView({
      status: 'partially_signed',
      awaitingMe: false,
      progress: { done: 1, total: 2 },
      recipients: [
        recipient({ status: 'signed', actedAt: '2026-03-03T10:00:00Z' }),
        recipient({ id: 'r-ben', name: 'Ben Ode', isMe: false, step: 2, status: 'sent' }),
      ],
    });
    api.sign.mockReturnValue(of(signed));
    await settle(fixture);

    expect(element.querySelector<HTMLInputElement>('input[type="text"]')?.maxLength).toBe(1000);
    fillEverything(element, dialogResults);
    expect(dialog.open).toHaveBeenCalledTimes(2);
    expect(dialog.open.mock.calls[0][1]).toMatchObject({ data: { kind: 'signature', name: 'Ana Silva', places: 1 } });
    expect(dialog.open.mock.calls[1][1]).toMatchObject({ data: { kind: 'initials', places: 1 } });
    await fixture.whenStable();
    expect(element.querySelector('[aria-label="Your signature, page 1. Change it"] img')?.getAttribute('src')).toBe(
      signature.image,
    );

    const sign = button(element, 'Sign');
    expect(sign?.getAttribute('aria-disabled')).toBeNull();
    expect(text(element.querySelector('.bar__where'))).toContain('Everything required is filled in.');
    sign?.click();
    await fixture.whenStable();

    expect(api.sign).toHaveBeenCalledWith('c-1', {
      signature,
      initials,
      values: { 'f-company': 'Blue Harbor', 'f-terms': 'true', 'f-optional': 'false' },
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(text(element.querySelector('atr-notice[kind="success"]'))).toBe(
      "You signed “Service agreement”. We'll email you the signed copy when everyone has signed.",
    );
    expect(button(element, 'Sign')).toBeUndefined();
    expect(element.querySelector('[data-field-index]')).toBeNull();
    expect(document.activeElement).toBe(element.querySelector('h1'));
  });

  it('says in plain words why signing was refused, and shows the contract as it is now', async () => {
    const { fixture, element, api, dialogResults } = setup(() => of(contractView()));
    await settle(fixture);
    fillEverything(element, dialogResults);
    await fixture.whenStable();

    api.sign.mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            error: {
              statusCode: 409,
              error: 'Conflict',
              message: 'This contract is voided: it can no longer be signed.',
            },
          }),
      ),
    );
    api.get.mockReturnValue(of(contractView({ status: 'voided', awaitingMe: false, voidReason: 'Sent by mistake' })));
    button(element, 'Sign')?.click();
    await settle(fixture);

    expect(text(element.querySelector('[role="alert"]'))).toContain(
      'This contract is voided: it can no longer be signed.',
    );
    expect(text(element)).toContain('Acme Agency withdrew this contract, saying: “Sent by mistake”.');
    expect(button(element, 'Sign')).toBeUndefined();
  });

  it('asks for a reason before declining, through the dialog', async () => {
    const { fixture, element, api, dialog, dialogResults } = setup(() => of(contractView()));
    await settle(fixture);
    const declined = contractView({
      status: 'declined',
      awaitingMe: false,
      declinedByName: 'Ana Silva',
      declineReason: 'No',
    });
    dialogResults.push(declined);
    button(element, 'Decline')?.click();
    await fixture.whenStable();

    const { data } = dialog.open.mock.calls[0][1] as { data: { decline: (reason: string) => unknown } };
    data.decline('Wrong price');
    expect(api.decline).toHaveBeenCalledWith('c-1', 'Wrong price');
    expect(text(element.querySelector('atr-notice[kind="success"]'))).toBe(
      'You declined “Service agreement”, saying: “No”. Acme Agency and the other people on it have been told.',
    );
  });

  it('lets an agency user viewing as the client look, not sign', async () => {
    const { fixture, element } = setup(() => of(contractView()), { viewAs: true });
    await settle(fixture);
    expect(text(element)).toContain('signing, approving and declining are turned off');
    expect(button(element, 'Sign')).toBeUndefined();
    expect(element.querySelector('[data-field-index]')).toBeNull();
  });
});

describe('PortalContractPage, other situations', () => {
  it('gives approvers Approve instead of fields', async () => {
    const approver = contractView({
      recipients: [recipient({ role: 'approver' })],
      fields: [],
    });
    const { fixture, element, api } = setup(() => of(approver));
    api.approve.mockReturnValue(
      of({
        ...approver,
        awaitingMe: false,
        status: 'completed',
        completedAt: '2026-03-03T10:00:00Z',
        sealState: 'sealing',
      }),
    );
    await settle(fixture);

    expect(button(element, 'Sign')).toBeUndefined();
    button(element, 'Approve')?.click();
    await fixture.whenStable();
    expect(api.approve).toHaveBeenCalledWith('c-1');
    expect(text(element.querySelector('atr-notice[kind="success"]'))).toMatch(
      /^You approved “Service agreement”. Everyone has now signed/,
    );
    expect(button(element, 'Check again')).toBeDefined();
  });

  it('tells someone whose turn has not come yet', async () => {
    const { fixture, element } = setup(() =>
      of(contractView({ awaitingMe: false, currentStep: 1, recipients: [recipient({ step: 2, status: 'waiting' })] })),
    );
    await settle(fixture);
    expect(text(element)).toContain("Others sign before you; we'll email you when it's your turn.");
    expect(button(element, 'Sign')).toBeUndefined();
    expect(element.querySelector('[data-field-index]')).toBeNull();
  });

  it('offers the signed copy and its certificate once complete, saved under the contract’s name', async () => {
    const completed = contractView({
      status: 'completed',
      awaitingMe: false,
      completedAt: '2026-03-04T10:00:00Z',
      sealState: 'sealed',
      recipients: [recipient({ status: 'signed', actedAt: '2026-03-03T10:00:00Z' })],
      downloads: { original: true, signed: true, certificate: true, voided: false },
    });
    const { fixture, element, api } = setup(() => of(completed));
    await settle(fixture);
    expect(text(element)).toContain('Everyone signed on Mar 4, 2026.');

    const signedCopy = new Blob(['signed']);
    api.file.mockReturnValue(of(signedCopy));
    button(element, 'Download signed copy')?.click();
    expect(api.file).toHaveBeenLastCalledWith('c-1', 'signed');
    expect(URL.createObjectURL).toHaveBeenCalledWith(signedCopy);
    button(element, 'Download signing certificate')?.click();
    expect(api.file).toHaveBeenLastCalledWith('c-1', 'certificate');
    expect(saved).toEqual([
      { url: 'blob:download-1', filename: 'Service agreement - signed.pdf' },
      { url: 'blob:download-2', filename: 'Service agreement - signing certificate.pdf' },
    ]);
    expect(button(element, 'Download voided copy')).toBeUndefined();
  });

  it('shows who declined and why', async () => {
    const { fixture, element } = setup(() =>
      of(
        contractView({
          status: 'declined',
          awaitingMe: false,
          declinedByName: 'Ben Ode',
          declineReason: 'Wrong price',
        }),
      ),
    );
    await settle(fixture);
    expect(text(element)).toContain(
      'Ben Ode declined this contract, saying: “Wrong price”. Nobody can sign it any more.',
    );
  });

  it('shows why a voided contract stopped and offers its voided copy', async () => {
    const { fixture, element } = setup(() =>
      of(
        contractView({
          status: 'voided',
          awaitingMe: false,
          voidReason: 'Sent by mistake',
          downloads: { original: true, signed: false, certificate: false, voided: true },
        }),
      ),
    );
    await settle(fixture);
    expect(text(element)).toContain('Acme Agency withdrew this contract, saying: “Sent by mistake”.');
    expect(button(element, 'Download voided copy')).toBeDefined();
  });

  it('explains a contract that did not load, and tries again', async () => {
    let fail = true;
    const { fixture, element, api } = setup(() =>
      fail ? throwError(() => new HttpErrorResponse({ status: 404 })) : of(contractView()),
    );
    await settle(fixture);
    expect(text(element.querySelector('[role="alert"]'))).toContain(
      'We could not load this contract. We could not find this. It may have been removed or moved.',
    );
    expect(text(element.querySelector('h1'))).toBe('Contract');

    fail = false;
    button(element, 'Try again')?.click();
    await settle(fixture);
    expect(api.get).toHaveBeenCalledTimes(2);
    expect(text(element.querySelector('h1'))).toBe('Service agreement');
  });

  it('explains a document that did not load, and tries again', async () => {
    const { fixture, element, api } = setup(() => of(contractView()));
    api.file.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })));
    await settle(fixture);
    expect(text(element)).toContain('We could not load the document. We could not reach the server.');
    expect(element.querySelector('atr-pdf-document')).toBeNull();

    button(element, 'Try again')?.click();
    await settle(fixture);
    expect(element.querySelector('atr-pdf-document')).not.toBeNull();
  });

  it('is clean for axe while signing and once complete', async () => {
    const signing = setup(() => of(contractView()));
    await settle(signing.fixture);
    expect(await axeViolations(signing.element)).toEqual([]);

    TestBed.resetTestingModule();
    const completed = setup(() =>
      of(
        contractView({
          status: 'completed',
          awaitingMe: false,
          sealState: 'sealed',
          recipients: [recipient({ status: 'signed', actedAt: '2026-03-03T10:00:00Z' })],
          downloads: { original: true, signed: true, certificate: true, voided: false },
        }),
      ),
    );
    await settle(completed.fixture);
    expect(await axeViolations(completed.element)).toEqual([]);
  });
});
