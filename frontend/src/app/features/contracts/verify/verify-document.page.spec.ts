import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { ContractVerification } from '@atrium/shared';
import { Observable, of, throwError } from 'rxjs';
import { VerifyApi } from '../data-access/contracts.api';
import { axeViolations } from '../portal/testing/axe';
import { VerifyDocumentPage } from './verify-document.page';

const HASH = 'ab'.repeat(32);

function setup(answer: () => Observable<ContractVerification>) {
  const api = { file: jest.fn(answer), hash: jest.fn(answer) };
  TestBed.configureTestingModule({ imports: [VerifyDocumentPage], providers: [{ provide: VerifyApi, useValue: api }] });
  const fixture = TestBed.createComponent(VerifyDocumentPage);
  return { fixture, element: fixture.nativeElement as HTMLElement, api };
}

function text(element: Element | null | undefined): string {
  if (!element) return '';
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function pick(element: HTMLElement, file: File): void {
  const input = element.querySelector<HTMLInputElement>('[data-testid="verify-file-input"]');
  if (!input) throw new Error('No file input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

function paste(element: HTMLElement, value: string): void {
  const input = element.querySelector<HTMLInputElement>('input.hash-input');
  if (!input) throw new Error('No SHA-256 field');
  input.value = value;
  input.dispatchEvent(new Event('input'));
  element.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
}

const pdf = () => new File(['%PDF-1.7'], 'Service agreement - signed.pdf', { type: 'application/pdf' });

describe('VerifyDocumentPage', () => {
  it('checks a picked PDF and says it matches, with the SHA-256 checked and nothing personal', async () => {
    const { fixture, element, api } = setup(() =>
      of({ match: true, title: 'Service agreement', completedAt: '2026-03-05T12:00:00Z', sha256: HASH }),
    );
    await fixture.whenStable();
    expect(text(element.querySelector('h1'))).toBe('Check a signed document');

    const file = pdf();
    pick(element, file);
    await fixture.whenStable();

    expect(api.file).toHaveBeenCalledWith(file);
    const result = element.querySelector('[data-testid="verify-result"]');
    expect(text(result?.querySelector('h2'))).toBe('Signed and unchanged');
    expect(text(result)).toContain(
      'This is a completed contract: Service agreement, completed on March 5, 2026. The file has not been changed since it was signed.',
    );
    const details = Array.from(result?.querySelectorAll('.detail') ?? []).map((detail) => [
      text(detail.querySelector('dt')),
      text(detail.querySelector('dd')),
    ]);
    expect(details).toEqual([
      ['File checked', 'Service agreement - signed.pdf'],
      ['SHA-256 checked', HASH],
    ]);
    expect(document.activeElement).toBe(result?.querySelector('h2'));
  });

  it('says what no match may mean, and starts again on request', async () => {
    const { fixture, element } = setup(() => of({ match: false, title: null, completedAt: null, sha256: HASH }));
    await fixture.whenStable();
    pick(element, pdf());
    await fixture.whenStable();
    expect(text(element)).toContain(
      'This file does not match any completed contract of this installation. It may have been changed after signing, or it was not signed here.',
    );

    Array.from(element.querySelectorAll('button'))
      .find((button) => text(button) === 'Check another document')
      ?.click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="verify-result"]')).toBeNull();
    expect(element.querySelector('input.hash-input')).not.toBeNull();
  });

  it('refuses a file that is not a PDF without sending it', async () => {
    const { fixture, element, api } = setup(() => of({ match: false, title: null, completedAt: null, sha256: HASH }));
    await fixture.whenStable();
    pick(element, new File(['x'], 'photo.jpg', { type: 'image/jpeg' }));
    await fixture.whenStable();
    expect(api.file).not.toHaveBeenCalled();
    expect(text(element.querySelector('[role="alert"]'))).toBe(
      '“photo.jpg” is not a PDF. Choose the PDF file of the signed contract.',
    );
  });

  it('checks a pasted SHA-256 only once it is 64 hexadecimal characters', async () => {
    const { fixture, element, api } = setup(() =>
      of({ match: true, title: 'NDA', completedAt: '2026-03-05T12:00:00Z', sha256: HASH }),
    );
    await fixture.whenStable();

    paste(element, 'abc123');
    await fixture.whenStable();
    expect(api.hash).not.toHaveBeenCalled();
    expect(text(element.querySelector('mat-error'))).toBe('A SHA-256 has 64 characters; this has 6.');
    expect(document.activeElement).toBe(element.querySelector('input.hash-input'));

    paste(element, HASH.toUpperCase());
    await fixture.whenStable();
    expect(api.hash).toHaveBeenCalledWith(HASH);
    expect(text(element)).toContain('This SHA-256 is that of a completed contract: NDA, completed on March 5, 2026.');
  });

  it('says when the check could not be made', async () => {
    const { fixture, element } = setup(() =>
      throwError(() => new HttpErrorResponse({ status: 429, headers: undefined })),
    );
    await fixture.whenStable();
    pick(element, pdf());
    await fixture.whenStable();
    expect(text(element.querySelector('[role="alert"]'))).toContain('We could not check it. Too many attempts');
  });

  it('is clean for axe, before and after a check', async () => {
    const { fixture, element } = setup(() =>
      of({ match: true, title: 'NDA', completedAt: '2026-03-05T12:00:00Z', sha256: HASH }),
    );
    await fixture.whenStable();
    expect(await axeViolations(element)).toEqual([]);
    pick(element, pdf());
    await fixture.whenStable();
    expect(await axeViolations(element)).toEqual([]);
  });
});
