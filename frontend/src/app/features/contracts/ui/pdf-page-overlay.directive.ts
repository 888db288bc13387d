import { Directive, inject, TemplateRef } from '@angular/core';

/** What a page overlay template gets: the page index (0-based) and the page's size on screen. */
export interface PdfPageOverlayContext {
  $implicit: number;
  page: number;
  /** CSS pixels; position things with percentages and they follow any width. */
  width: number;
  height: number;
}

/**
 * Marks the template `atr-pdf-document` draws over each page:
 * `<ng-template atrPdfPageOverlay let-page let-width="width">…</ng-template>`.
 */
@Directive({ selector: 'ng-template[atrPdfPageOverlay]' })
export class PdfPageOverlayDirective {
  readonly template = inject<TemplateRef<PdfPageOverlayContext>>(TemplateRef);

  static ngTemplateContextGuard(
    _directive: PdfPageOverlayDirective,
    context: unknown,
  ): context is PdfPageOverlayContext {
    return true;
  }
}
