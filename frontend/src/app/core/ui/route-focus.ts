import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/** How long a page may take to draw its heading (it may wait for its first data) before main gets focus. */
const HEADING_WAIT_MS = 1500;

/**
 * After a move to another page, puts focus on that page's main heading so keyboard and screen-reader
 * users start at the new content and hear its name (the heading is read when it takes focus); focus
 * never stays on a control that vanished or falls to <body>. A change of query only (a calendar's
 * week, a search) is not a new page: focus stays where the person is. The first page of a visit keeps
 * the browser's own start, at the top.
 */
@Injectable({ providedIn: 'root' })
export class RouteFocus {
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private lastPath: string | null = null;
  private pending = 0;

  start(): void {
    this.router.events
      .pipe(
        filter((event): event is NavigationEnd => event instanceof NavigationEnd),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((event) => {
        const path = event.urlAfterRedirects.split(/[?#]/)[0];
        const previous = this.lastPath;
        this.lastPath = path;
        if (previous !== null && previous !== path) this.focusHeadingSoon();
      });
  }

  private focusHeadingSoon(): void {
    const attempt = ++this.pending;
    const started = performance.now();
    const tick = () => {
      if (attempt !== this.pending) return; // a later navigation took over
      if (this.focusIsMeaningful()) return;
      const heading = this.mainHeading();
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus();
        return;
      }
      if (performance.now() - started < HEADING_WAIT_MS) {
        requestAnimationFrame(tick);
        return;
      }
      this.document.getElementById('main')?.focus();
    };
    requestAnimationFrame(tick);
  }

  /** The new page already placed focus itself (a field, a dialog): leave it there. */
  private focusIsMeaningful(): boolean {
    const active = this.document.activeElement;
    if (!active || active === this.document.body || active.id === 'main') return false;
    if (!active.isConnected) return false;
    if (active.closest('.cdk-overlay-container')) return true;
    return !!active.closest('main') && active.matches('input, textarea, select, [contenteditable="true"]');
  }

  private mainHeading(): HTMLElement | null {
    return (
      this.document.querySelector<HTMLElement>('main h1') ?? this.document.querySelector<HTMLElement>('h1') ?? null
    );
  }
}
