import { NgTemplateOutlet } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChild,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  TemplateRef,
  untracked,
  viewChildren,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { ContractPageSize } from '@atrium/shared';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { PdfPageOverlayContext, PdfPageOverlayDirective } from './pdf-page-overlay.directive';
import { describePdfError, mostVisiblePage, pageLabel, PdfProblem, pagesToRelease, renderSize } from './pdf-layout';
import { assetUrl, PDFJS_LOADER } from './pdfjs-loader';

interface PageInfo extends ContractPageSize {
  index: number;
}

type ViewerState = 'empty' | 'loading' | 'ready' | 'error';

/** Waits this long after the last resize before drawing pages again at the new width. */
const RESIZE_DEBOUNCE_MS = 150;
/** Pages this far (in viewport heights) above or below the viewport are drawn ahead of time. */
const NEAR_MARGIN = '100% 0px';
/** At most this many pages are being drawn at once. */
const MAX_CONCURRENT_RENDERS = 2;

/**
 * A PDF, every page stacked at the width of its container (CropBox and /Rotate as pdf.js shows
 * them). Pages are drawn on HiDPI canvases when they come near the viewport and again after the
 * container changes width; far-away pages let go of their canvas. The parent may draw over each
 * page with an `ng-template atrPdfPageOverlay` (or the `pageOverlay` input), given the page index
 * and its size on screen. The page's text is there for screen readers, as the canvas is not.
 *
 * pdf.js is imported when the first document opens, and runs without eval, XFA or scripts.
 */
@Component({
  selector: 'atr-pdf-document',
  imports: [NgTemplateOutlet, MatButtonModule, MatIconModule, MatProgressBarModule, MatProgressSpinnerModule],
  template: `
    <p class="atr-visually-hidden" role="status">{{ announcement() }}</p>
    @switch (state()) {
      @case ('loading') {
        <div class="loading" data-testid="pdf-document-loading">
          <mat-progress-bar mode="indeterminate" aria-hidden="true" />
          <p class="loading__text" aria-hidden="true">Loading the document…</p>
          <div class="sheet sheet--skeleton" aria-hidden="true"></div>
        </div>
      }
      @case ('error') {
        <div class="problem" role="alert" data-testid="pdf-document-error">
          <mat-icon class="problem__icon" aria-hidden="true">broken_image</mat-icon>
          <div class="problem__body">
            <p class="problem__title">This document could not be shown.</p>
            <p class="problem__reason">{{ problem()?.reason }}</p>
            @if (problem()?.retry) {
              <button mat-stroked-button type="button" (click)="reload()">Try again</button>
            }
          </div>
        </div>
      }
      @case ('ready') {
        <div class="pages" role="region" [attr.aria-label]="label()">
          @for (page of pages(); track page.index) {
            <div
              #frame
              class="sheet"
              role="group"
              data-testid="pdf-page"
              [attr.data-page-index]="page.index"
              [attr.data-rendered]="rendered().has(page.index)"
              [attr.aria-label]="pageLabel(page.index, pages().length)"
              [attr.aria-busy]="!rendered().has(page.index)"
              [style.aspect-ratio]="page.width + ' / ' + page.height"
            >
              <div #canvasHost class="sheet__canvas"></div>
              @if (failedPages().has(page.index)) {
                <p class="sheet__note">This page could not be drawn.</p>
              } @else if (!rendered().has(page.index)) {
                <div class="sheet__note" aria-hidden="true"><mat-spinner diameter="28" /></div>
              }
              @if (texts()[page.index]; as text) {
                <p class="atr-visually-hidden">{{ text }}</p>
              }
              @if (overlay(); as template) {
                <div class="sheet__overlay">
                  <ng-container *ngTemplateOutlet="template; context: overlayContexts()[page.index]" />
                </div>
              }
            </div>
            <p class="caption" aria-hidden="true">{{ pageLabel(page.index, pages().length) }}</p>
          }
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .pages,
    .loading {
      display: flex;
      flex-direction: column;
    }
    .sheet {
      position: relative;
      width: 100%;
      background: #fff;
      box-shadow: var(--mat-sys-level1);
    }
    .sheet__canvas {
      position: absolute;
      inset: 0;
      overflow: hidden;
    }
    .sheet__note {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      margin: 0;
      color: #5f6368;
      font: var(--mat-sys-body-medium);
    }
    .sheet__overlay {
      position: absolute;
      inset: 0;
    }
    .sheet--skeleton {
      aspect-ratio: 1 / 1.414;
      margin-top: 12px;
      background: linear-gradient(100deg, transparent 30%, var(--mat-sys-surface-container-high) 50%, transparent 70%) 0
        0 / 300% 100% var(--mat-sys-surface-container-low);
      animation: shimmer 1.6s linear infinite;
    }
    @keyframes shimmer {
      to {
        background-position: -150% 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .sheet--skeleton {
        animation: none;
      }
    }
    .caption {
      margin: 4px 0 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      text-align: center;
    }
    .loading__text {
      margin: 8px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .problem {
      display: flex;
      gap: 12px;
      padding: 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .problem__icon {
      flex: none;
    }
    .problem__body {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .problem__body p {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .problem__body .problem__title {
      font: var(--mat-sys-title-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PdfDocumentComponent {
  /** The PDF's bytes (copied before pdf.js takes them, so the caller's buffer stays usable). */
  readonly source = input<ArrayBuffer | Uint8Array | null>(null);
  /** The accessible name of the pages' region. */
  readonly label = input('Document');
  /** The template drawn over each page (the `atrPdfPageOverlay` child template is used otherwise). */
  readonly pageOverlay = input<TemplateRef<PdfPageOverlayContext> | null>(null);
  /** Page sizes in PDF points, as displayed (rotation applied), once the document is open. */
  readonly loaded = output<ContractPageSize[]>();
  /** Why the document could not be shown. */
  readonly failed = output<string>();

  private readonly loader = inject(PDFJS_LOADER);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  private readonly overlayChild = contentChild(PdfPageOverlayDirective);
  private readonly frames = viewChildren<ElementRef<HTMLElement>>('frame');
  private readonly canvasHosts = viewChildren<ElementRef<HTMLElement>>('canvasHost');

  protected readonly state = signal<ViewerState>('empty');
  protected readonly problem = signal<PdfProblem | null>(null);
  protected readonly pages = signal<PageInfo[]>([]);
  protected readonly rendered = signal<ReadonlySet<number>>(new Set());
  protected readonly failedPages = signal<ReadonlySet<number>>(new Set());
  protected readonly texts = signal<Record<number, string>>({});
  /** The container's width in CSS pixels (debounced while it is being resized). */
  private readonly width = signal(0);
  private readonly visibleHeights = signal<ReadonlyMap<number, number>>(new Map());

  /** The page showing most of itself (0-based), for "add at the page in view". */
  readonly pageInView = computed(() => mostVisiblePage(this.visibleHeights(), 0));
  /** Page sizes in PDF points as displayed; empty until the document is open. */
  readonly pageSizes = computed<ContractPageSize[]>(() => this.pages().map(({ width, height }) => ({ width, height })));

  protected readonly overlay = computed(() => this.pageOverlay() ?? this.overlayChild()?.template ?? null);
  protected readonly overlayContexts = computed<PdfPageOverlayContext[]>(() => {
    const width = this.width();
    return this.pages().map((page) => ({
      $implicit: page.index,
      page: page.index,
      width,
      height: Math.round((width * page.height * 100) / page.width) / 100,
    }));
  });
  protected readonly announcement = computed(() => {
    switch (this.state()) {
      case 'loading':
        return 'Loading the document…';
      case 'ready':
        return `Document shown, ${this.pages().length} ${this.pages().length === 1 ? 'page' : 'pages'}.`;
      default:
        return '';
    }
  });
  protected readonly pageLabel = pageLabel;

  private generation = 0;
  private loadingTask: PDFDocumentLoadingTask | null = null;
  private document: PDFDocumentProxy | null = null;
  /** CSS width each page's canvas was drawn at. */
  private readonly drawnWidth = new Map<number, number>();
  private readonly renderTasks = new Map<number, RenderTask>();
  private readonly near = new Set<number>();
  /** When each drawn page was last near the viewport (for letting far ones go). */
  private readonly lastNear = new Map<number, number>();
  private nearObserver: IntersectionObserver | null = null;
  private visibleObserver: IntersectionObserver | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor() {
    effect(() => {
      const source = this.source();
      untracked(() => void this.open(source));
    });
    // Whenever the page frames are (re)created, watch them.
    effect(() => {
      const frames = this.frames().map((frame) => frame.nativeElement);
      untracked(() => this.observe(frames));
    });
    // Draw what is near at the current width.
    effect(() => {
      this.width();
      this.canvasHosts();
      untracked(() => this.pump());
    });
    afterNextRender(() => this.watchWidth());
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      clearTimeout(this.resizeTimer);
      this.resizeObserver?.disconnect();
      this.unobserve();
      this.closeDocument();
    });
  }

  /** Scrolls a page (0-based) into view. */
  scrollToPage(index: number): void {
    this.frames()[index]?.nativeElement.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  protected reload(): void {
    void this.open(this.source());
  }

  private async open(source: ArrayBuffer | Uint8Array | null): Promise<void> {
    const generation = ++this.generation;
    this.closeDocument();
    this.problem.set(null);
    this.pages.set([]);
    this.texts.set({});
    this.rendered.set(new Set());
    this.failedPages.set(new Set());
    this.visibleHeights.set(new Map());
    if (!source || source.byteLength === 0) {
      this.state.set('empty');
      return;
    }
    this.state.set('loading');
    try {
      const pdfjs = await this.loader();
      if (generation !== this.generation) {
        return;
      }
      // pdf.js hands the bytes to its worker (detaching the buffer): give it a copy.
      const data = source instanceof Uint8Array ? source.slice() : new Uint8Array(source.slice(0));
      const task = pdfjs.getDocument({
        data,
        isEvalSupported: false,
        enableXfa: false,
        cMapUrl: assetUrl('cmaps/'),
        cMapPacked: true,
        standardFontDataUrl: assetUrl('standard_fonts/'),
      });
      this.loadingTask = task;
      const document = await task.promise;
      if (generation !== this.generation) {
        return;
      }
      this.document = document;
      const pages: PageInfo[] = [];
      for (let index = 0; index < document.numPages; index++) {
        const viewport = (await document.getPage(index + 1)).getViewport({ scale: 1 });
        pages.push({ index, width: viewport.width, height: viewport.height });
      }
      if (generation !== this.generation) {
        return;
      }
      this.pages.set(pages);
      this.state.set('ready');
      this.loaded.emit(this.pageSizes());
      void this.readTexts(generation);
    } catch (error) {
      if (generation !== this.generation || this.destroyed) {
        return;
      }
      const problem = describePdfError(error);
      this.closeDocument();
      this.problem.set(problem);
      this.state.set('error');
      this.failed.emit(problem.reason);
    }
  }

  private closeDocument(): void {
    for (const task of this.renderTasks.values()) {
      task.cancel();
    }
    this.renderTasks.clear();
    this.drawnWidth.clear();
    this.near.clear();
    this.lastNear.clear();
    // Destroying the loading task destroys its document and worker too.
    void this.loadingTask?.destroy().catch(() => undefined);
    this.loadingTask = null;
    this.document = null;
  }

  /** The text of every page, one after another, for screen readers. */
  private async readTexts(generation: number): Promise<void> {
    const document = this.document;
    for (let index = 0; document && index < document.numPages; index++) {
      try {
        const content = await (await document.getPage(index + 1)).getTextContent();
        if (generation !== this.generation) {
          return;
        }
        const text = content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
          .join('')
          .replace(/[ \t]+/g, ' ')
          .trim();
        this.texts.update((texts) => ({ ...texts, [index]: text }));
      } catch {
        // The page still shows; only its text is missing.
      }
    }
  }

  private watchWidth(): void {
    const element = this.host.nativeElement;
    this.width.set(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1].contentRect.width);
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.width.set(width), RESIZE_DEBOUNCE_MS);
    });
    this.resizeObserver.observe(element);
  }

  private observe(frames: HTMLElement[]): void {
    this.unobserve();
    this.near.clear();
    if (frames.length === 0) {
      return;
    }
    if (typeof IntersectionObserver === 'undefined') {
      // Nothing tells what is on screen: draw every page.
      frames.forEach((_, index) => this.near.add(index));
      this.pump();
      return;
    }
    const root = scrollParent(this.host.nativeElement);
    const indexOf = (element: Element) => Number((element as HTMLElement).dataset['pageIndex']);
    this.nearObserver = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const index = indexOf(entry.target);
          if (entry.isIntersecting) {
            this.near.add(index);
            this.lastNear.set(index, performance.now());
          } else {
            this.near.delete(index);
          }
        }
        this.pump();
      },
      { root, rootMargin: NEAR_MARGIN },
    );
    this.visibleObserver = new IntersectionObserver(
      (entries) => {
        const heights = new Map(this.visibleHeights());
        for (const entry of entries) {
          heights.set(indexOf(entry.target), entry.isIntersecting ? entry.intersectionRect.height : 0);
        }
        this.visibleHeights.set(heights);
      },
      { root, threshold: Array.from({ length: 21 }, (_, step) => step / 20) },
    );
    for (const frame of frames) {
      this.nearObserver.observe(frame);
      this.visibleObserver.observe(frame);
    }
  }

  private unobserve(): void {
    this.nearObserver?.disconnect();
    this.visibleObserver?.disconnect();
    this.nearObserver = null;
    this.visibleObserver = null;
  }

  /** Starts drawing the near pages that are not drawn at the current width, the page in view first. */
  private pump(): void {
    const width = this.width();
    if (!this.document || width <= 0 || this.destroyed) {
      return;
    }
    const inView = this.pageInView();
    const waiting = [...this.near]
      .filter((index) => this.drawnWidth.get(index) !== width && !this.renderTasks.has(index))
      .sort((a, b) => Math.abs(a - inView) - Math.abs(b - inView));
    for (const index of waiting) {
      if (this.renderTasks.size >= MAX_CONCURRENT_RENDERS) {
        break;
      }
      void this.draw(index, width);
    }
  }

  private async draw(index: number, width: number): Promise<void> {
    const document = this.document;
    const host = this.canvasHosts()[index]?.nativeElement;
    if (!document || !host) {
      return;
    }
    // Holds the page's place in the queue while it is fetched.
    const placeholder = { cancel: () => undefined } as unknown as RenderTask;
    this.renderTasks.set(index, placeholder);
    try {
      const page = await document.getPage(index + 1);
      if (this.document !== document) {
        return;
      }
      const size = renderSize(width, page.getViewport({ scale: 1 }), globalThis.devicePixelRatio ?? 1);
      const canvas = host.ownerDocument.createElement('canvas');
      canvas.width = size.canvasWidth;
      canvas.height = size.canvasHeight;
      // Made here, not by the template, so the component's (encapsulated) styles do not reach it.
      canvas.style.cssText = 'display:block;width:100%;height:100%';
      const context = canvas.getContext('2d', { alpha: false });
      if (!context) {
        throw new Error('This browser cannot draw the page.');
      }
      const task = page.render({ canvasContext: context, viewport: page.getViewport({ scale: size.scale }) });
      this.renderTasks.set(index, task);
      await task.promise;
      if (this.document !== document) {
        return;
      }
      // The old canvas (stretched) stays until the new one is ready: no blank page while resizing.
      host.replaceChildren(canvas);
      this.drawnWidth.set(index, width);
      this.lastNear.set(index, this.lastNear.get(index) ?? performance.now());
      this.rendered.update((set) => new Set(set).add(index));
      this.releaseFarPages();
    } catch (error) {
      if (this.document === document && (error as { name?: string })?.name !== 'RenderingCancelledException') {
        this.failedPages.update((set) => new Set(set).add(index));
      }
    } finally {
      if (this.document === document) {
        this.renderTasks.delete(index);
        this.pump();
      }
    }
  }

  private releaseFarPages(): void {
    const drawn = new Map([...this.lastNear].filter(([index]) => this.drawnWidth.has(index)));
    const release = pagesToRelease(drawn, this.near);
    if (release.length === 0) {
      return;
    }
    const hosts = this.canvasHosts();
    for (const index of release) {
      hosts[index]?.nativeElement.replaceChildren();
      this.drawnWidth.delete(index);
      this.lastNear.delete(index);
    }
    this.rendered.update((set) => new Set([...set].filter((index) => !release.includes(index))));
  }
}

/** The nearest ancestor that scrolls (the page's observers watch within it); null for the document. */
function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node && node !== element.ownerDocument.body; node = node.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(node).overflowY)) {
      return node;
    }
  }
  return null;
}
