import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, type MediaAssetView, type MediaPage } from '@atrium/shared';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { MediaApi } from '../../media/data-access/media.api';
import { fileIcon } from '../../media/media-query';

/** How many of the newest uploads the dashboard shows; the Media page has the rest. */
const SHOWN = 6;

/** Portal dashboard: the newest files the client's people uploaded (media.upload). */
@Component({
  selector: 'atr-latest-uploads',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, NoticeComponent, RelativeTimeComponent],
  template: `
    <section class="atr-stack" aria-labelledby="uploads-title">
      <div class="section-head">
        <h2 id="uploads-title" class="section-title">Latest uploads</h2>
        <a mat-button [routerLink]="mediaLink">Open media</a>
      </div>
      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading your latest uploads" />
            <span class="atr-visually-hidden">Loading your latest uploads…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="'We could not load your latest uploads. ' + errorMessage()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (files().length === 0) {
            <div class="empty">
              <mat-icon aria-hidden="true">cloud_upload</mat-icon>
              <span>No files yet. Upload photos and videos for {{ agencyName() }} to use in your posts.</span>
              <a mat-stroked-button [routerLink]="mediaLink">Upload files</a>
            </div>
          } @else {
            <ul class="files">
              @for (file of files(); track file.id) {
                <li class="file">
                  @if (file.thumbnailUrl && !failed().has(file.id)) {
                    <img
                      class="file__preview"
                      [src]="file.thumbnailUrl"
                      alt=""
                      width="96"
                      height="72"
                      loading="lazy"
                      (error)="markFailed(file.id)"
                    />
                  } @else {
                    <span class="file__preview file__preview--icon">
                      <mat-icon aria-hidden="true">{{ icon(file) }}</mat-icon>
                    </span>
                  }
                  <span class="file__name" [title]="file.filename">{{ file.filename }}</span>
                  <span class="file__meta">
                    {{ file.uploadedBy.name }} ·
                    <atr-relative-time [value]="file.createdAt" [timeZone]="timeZone()" />
                  </span>
                </li>
              }
            </ul>
          }
        }
      }
    </section>
  `,
  styleUrl: './dashboard-section.scss',
  styles: `
    .files {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .file {
      display: grid;
      gap: 4px;
      min-width: 0;
      padding: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface);
    }
    .file__preview {
      width: 100%;
      height: auto;
      aspect-ratio: 4 / 3;
      border-radius: var(--mat-sys-corner-small);
      object-fit: cover;
      background: var(--mat-sys-surface-container);
    }
    .file__preview--icon {
      display: grid;
      place-items: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .file__name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font: var(--mat-sys-label-large);
    }
    .file__meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .empty {
      flex-wrap: wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LatestUploadsComponent {
  private readonly api = inject(MediaApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly agencyName = input.required<string>();
  readonly timeZone = input<string | null>(null);

  protected readonly mediaLink = WEB_PATHS.portalMedia;
  protected readonly state = signal<LoadState<MediaPage>>({ status: 'loading' });
  /** Thumbnails that did not load (an expired signed URL): an icon stands in. */
  protected readonly failed = signal<ReadonlySet<string>>(new Set());
  protected readonly files = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value.items : [];
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .portalList('', null, SHOWN)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  protected icon(file: MediaAssetView): string {
    return fileIcon(file.kind, file.mimeType);
  }

  protected markFailed(id: string): void {
    this.failed.update((ids) => new Set([...ids, id]));
  }
}
