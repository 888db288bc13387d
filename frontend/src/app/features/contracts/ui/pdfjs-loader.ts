import { InjectionToken } from '@angular/core';
import type * as PdfJs from 'pdfjs-dist';

export type PdfJsModule = typeof PdfJs;

/**
 * Where project.json copies pdf.js's worker, character maps and standard fonts (relative to the
 * base href). The worker runs apart from the page; the maps and fonts are fetched only by PDFs
 * that need them.
 */
export const PDFJS_ASSETS_PATH = 'pdfjs/';

let pdfjs: Promise<PdfJsModule> | null = null;

/**
 * pdf.js, imported on first use: it stays out of the initial bundle and is shared by every viewer
 * afterwards. A failed import (a lost connection) is forgotten, so "Try again" imports it again.
 */
export function loadPdfJs(): Promise<PdfJsModule> {
  pdfjs ??= import('pdfjs-dist').then(
    (module) => {
      module.GlobalWorkerOptions.workerSrc = assetUrl('pdf.worker.min.mjs');
      return module;
    },
    (error: unknown) => {
      pdfjs = null;
      throw error;
    },
  );
  return pdfjs;
}

export function assetUrl(path: string): string {
  return new URL(PDFJS_ASSETS_PATH + path, document.baseURI).href;
}

/** How the viewer gets pdf.js; tests give a loader that never touches it. */
export const PDFJS_LOADER = new InjectionToken<() => Promise<PdfJsModule>>('PDFJS_LOADER', {
  providedIn: 'root',
  factory: () => loadPdfJs,
});
