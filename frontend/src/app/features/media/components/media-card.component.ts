import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { MediaAssetView } from '@atrium/shared';
import { fullDateTime } from '../../../core/ui/time';
import { safeTimeZone } from '../../../core/ui/zoned-time';
import { fileIcon, formatBytes } from '../media-query';

/**
 * One file of a media grid: its thumbnail (or a file-type symbol; a placeholder while the
 * thumbnail is being made), name, size, date, who uploaded it when that matters, and Download.
 * Clicking the picture downloads too; for keyboards and screen readers the Download button is
 * the one way (the picture link is out of the tab order). Other actions come in as content.
 */
@Component({
  selector: 'atr-media-card',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <div class="card__media">
      @if (showThumbnail()) {
        <a
          class="card__thumb"
          [href]="asset().downloadUrl"
          [attr.download]="asset().filename"
          tabindex="-1"
          aria-hidden="true"
          (click)="download.emit($event)"
        >
          <img [src]="asset().thumbnailUrl" alt="" loading="lazy" (error)="onThumbnailError()" />
        </a>
      } @else if (asset().status === 'processing') {
        <div class="card__placeholder">
          <mat-progress-spinner mode="indeterminate" diameter="24" aria-hidden="true" />
          <span>Preparing preview…</span>
        </div>
      } @else {
        <mat-icon class="card__icon" aria-hidden="true">{{ icon() }}</mat-icon>
      }
    </div>
    <div class="card__body">
      <span class="card__name" [title]="asset().filename">{{ asset().filename }}</span>
      <span class="card__meta">
        {{ size() }} · <time [attr.datetime]="asset().createdAt" [title]="fullDate()">{{ date() }}</time>
      </span>
      @if (attribution(); as by) {
        <span class="card__by">{{ by }}</span>
      }
      @if (asset().status === 'failed') {
        <span class="card__problem">No preview: the file could not be read.</span>
      }
    </div>
    <div class="card__actions">
      <a mat-button [href]="asset().downloadUrl" [attr.download]="asset().filename" (click)="download.emit($event)">
        <mat-icon aria-hidden="true">download</mat-icon>
        Download<span class="atr-visually-hidden"> {{ asset().filename }}</span>
      </a>
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-width: 0;
      overflow: hidden;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface);
    }
    .card__media {
      display: grid;
      place-items: center;
      aspect-ratio: 4 / 3;
      background: var(--mat-sys-surface-container);
      color: var(--mat-sys-on-surface-variant);
    }
    .card__thumb,
    .card__thumb img {
      display: block;
      width: 100%;
      height: 100%;
    }
    .card__thumb img {
      object-fit: cover;
    }
    .card__icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
    }
    .card__placeholder {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: center;
      font: var(--mat-sys-body-small);
    }
    .card__body {
      display: flex;
      flex: 1 1 auto;
      flex-direction: column;
      gap: 2px;
      padding: 8px 12px 0;
      min-width: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .card__name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-title-small);
    }
    .card__by {
      overflow-wrap: anywhere;
    }
    .card__problem {
      color: var(--mat-sys-error);
    }
    .card__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      align-items: center;
      justify-content: space-between;
      padding: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaCardComponent {
  readonly asset = input.required<MediaAssetView>();
  /** "Anna Acme · Acme Coffee (portal)"; null where every file is the viewer's own. */
  readonly attribution = input<string | null>(null);
  readonly timeZone = input<string | null | undefined>(null);
  /** A Download (button or picture) was clicked: the page may swap stale URLs first. */
  readonly download = output<MouseEvent>();
  /** The thumbnail did not load (its signed URL probably expired). */
  readonly thumbnailError = output<void>();

  private readonly failedUrl = signal<string | null>(null);
  protected readonly showThumbnail = computed(() => {
    const url = this.asset().thumbnailUrl;
    return !!url && url !== this.failedUrl();
  });
  protected readonly icon = computed(() => fileIcon(this.asset().kind, this.asset().mimeType));
  protected readonly size = computed(() => formatBytes(this.asset().size));
  protected readonly date = computed(() => {
    const date = new Date(this.asset().createdAt);
    return Number.isNaN(date.getTime())
      ? ''
      : new Intl.DateTimeFormat('en', {
          month: 'short',
          day: 'numeric',
          year: 'numeric',
          timeZone: safeTimeZone(this.timeZone()),
        }).format(date);
  });
  protected readonly fullDate = computed(() => fullDateTime(this.asset().createdAt, this.timeZone()));

  protected onThumbnailError(): void {
    this.failedUrl.set(this.asset().thumbnailUrl);
    this.thumbnailError.emit();
  }
}
