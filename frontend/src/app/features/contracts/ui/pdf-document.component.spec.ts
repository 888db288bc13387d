import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ContractPageSize } from '@atrium/shared';
import { PdfDocumentComponent } from './pdf-document.component';
import { PdfPageOverlayDirective } from './pdf-page-overlay.directive';
import { PDFJS_LOADER } from './pdfjs-loader';
import { pdfJsError, pdfJsStandIn } from './pdfjs-stand-in.testing';

@Component({
  imports: [PdfDocumentComponent, PdfPageOverlayDirective],
  template: `
    <atr-pdf-document [source]="source()" (loaded)="sizes = $event" (failed)="failure = $event">
      <ng-template atrPdfPageOverlay let-page let-width="width">
        <span class="marker">overlay {{ page }}</span>
      </ng-template>
    </atr-pdf-document>
  `,
})
class HostComponent {
  readonly source = signal<ArrayBuffer | Uint8Array | null>(null);
  sizes: ContractPageSize[] | null = null;
  failure: string | null = null;
}

describe('PdfDocumentComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let root: HTMLElement;
  const bytes = () => new TextEncoder().encode('%PDF-1.7 …');

  function create(loader: () => Promise<unknown>): void {
    TestBed.configureTestingModule({
      imports: [HostComponent],
      providers: [{ provide: PDFJS_LOADER, useValue: loader }],
    });
    fixture = TestBed.createComponent(HostComponent);
    root = fixture.nativeElement as HTMLElement;
  }

  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  it('shows nothing without a document', async () => {
    create(() => new Promise(() => undefined));
    await settle();
    expect(root.querySelector('[data-testid=pdf-document-loading]')).toBeNull();
    expect(root.querySelector('[data-testid=pdf-document-error]')).toBeNull();
    expect(root.querySelector('[data-testid=pdf-page]')).toBeNull();
  });

  it('says it is loading while pdf.js comes', async () => {
    create(() => new Promise(() => undefined));
    fixture.componentInstance.source.set(bytes());
    await settle();
    expect(root.querySelector('[data-testid=pdf-document-loading]')?.textContent).toContain('Loading the document…');
    expect(root.querySelector('[role=status]')?.textContent).toContain('Loading the document…');
  });

  it('shows every page labelled, with the overlay per page, and reports the page sizes as displayed', async () => {
    const standIn = pdfJsStandIn([
      { width: 595, height: 842 },
      { width: 792, height: 612 },
    ]);
    create(standIn.loader);
    const source = bytes();
    fixture.componentInstance.source.set(source);
    await settle();

    const pages = Array.from(root.querySelectorAll<HTMLElement>('[data-testid=pdf-page]'));
    expect(pages.map((page) => page.getAttribute('aria-label'))).toEqual(['Page 1 of 2', 'Page 2 of 2']);
    expect(pages[1].style.aspectRatio).toBe('792 / 612');
    expect(pages.map((page) => page.querySelector('.marker')?.textContent?.trim())).toEqual(['overlay 0', 'overlay 1']);
    expect(fixture.componentInstance.sizes).toEqual([
      { width: 595, height: 842 },
      { width: 792, height: 612 },
    ]);
    // Until drawn, a page says it is busy (no blank box without a sign of life).
    expect(pages[0].getAttribute('aria-busy')).toBe('true');
    expect(root.querySelector('[role=status]')?.textContent).toContain('Document shown, 2 pages.');
    // The text is there for screen readers.
    expect(pages[0].textContent).toContain('Terms of service');
    // pdf.js got a copy: the caller's bytes are still whole.
    expect(standIn.received[0]).not.toBe(source);
    expect(source.byteLength).toBeGreaterThan(0);
  });

  it('explains why a file cannot be shown, without offering a pointless retry', async () => {
    create(pdfJsStandIn(pdfJsError('InvalidPDFException', 'Invalid PDF structure.')).loader);
    fixture.componentInstance.source.set(bytes());
    await settle();

    const error = root.querySelector('[data-testid=pdf-document-error]');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toContain('This document could not be shown.');
    expect(error?.textContent).toContain('The file is not a valid PDF, or it is damaged.');
    expect(error?.querySelector('button')).toBeNull();
    expect(fixture.componentInstance.failure).toBe('The file is not a valid PDF, or it is damaged.');
  });

  it('offers "Try again" when the viewer itself failed to load, and loads again', async () => {
    const standIn = pdfJsStandIn([{ width: 100, height: 100 }]);
    let calls = 0;
    create(() =>
      ++calls === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : standIn.loader(),
    );
    fixture.componentInstance.source.set(bytes());
    await settle();
    const retry = root.querySelector<HTMLButtonElement>('[data-testid=pdf-document-error] button');
    expect(retry?.textContent).toContain('Try again');

    retry?.click();
    await settle();
    expect(root.querySelector('[data-testid=pdf-document-error]')).toBeNull();
    expect(root.querySelectorAll('[data-testid=pdf-page]')).toHaveLength(1);
  });

  it('closes the document when another comes and when it goes away', async () => {
    const standIn = pdfJsStandIn([{ width: 100, height: 100 }]);
    create(standIn.loader);
    fixture.componentInstance.source.set(bytes());
    await settle();
    fixture.componentInstance.source.set(bytes());
    await settle();
    expect(standIn.destroyed).toBe(1);
    fixture.destroy();
    expect(standIn.destroyed).toBe(2);
  });
});
