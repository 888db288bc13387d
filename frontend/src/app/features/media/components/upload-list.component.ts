import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { formatBytes } from '../media-query';
import { UploadItem, UploadQueue, UploadStatus, UploadSummary } from '../upload-queue';

const ICONS: Record<UploadStatus, string> = {
  waiting: 'schedule',
  uploading: 'upload',
  done: 'check_circle',
  rejected: 'block',
  failed: 'error',
};

/** "3 of 5 files uploaded · 1 not accepted · 1 failed": what the live region announces. */
export function uploadSummaryText(summary: UploadSummary): string {
  const total = summary.waiting + summary.uploading + summary.done + summary.rejected + summary.failed;
  if (total === 0) {
    return '';
  }
  const parts = [`${summary.done} of ${total} ${total === 1 ? 'file' : 'files'} uploaded`];
  if (summary.rejected > 0) {
    parts.push(`${summary.rejected} not accepted`);
  }
  if (summary.failed > 0) {
    parts.push(`${summary.failed} failed`);
  }
  return parts.join(' · ');
}

/** The files of an upload queue, each with its own state: waiting, progress, done, rejected, failed. */
@Component({
  selector: 'atr-upload-list',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule],
  template: `
    @if (items().length > 0) {
      <section class="uploads" aria-labelledby="uploads-title">
        <div class="uploads__head">
          <h2 id="uploads-title" class="uploads__title">Uploads</h2>
          <span class="atr-muted uploads__summary" role="status">{{ summaryText() }}</span>
          @if (finished() > 0) {
            <button mat-button type="button" (click)="queue().clearFinished()">Clear finished</button>
          }
        </div>
        <ul class="uploads__list" aria-labelledby="uploads-title">
          @for (item of items(); track item.id) {
            <li class="upload" [class]="'upload--' + item.status">
              <mat-icon class="upload__icon" aria-hidden="true">{{ icon(item) }}</mat-icon>
              <div class="upload__body">
                <div class="upload__row">
                  <span class="upload__name">{{ item.name }}</span>
                  <span class="upload__size atr-muted">{{ size(item) }}</span>
                </div>
                @if (item.note) {
                  <span class="upload__note atr-muted">{{ item.note }}</span>
                }
                @switch (item.status) {
                  @case ('waiting') {
                    <span class="upload__state">Waiting…</span>
                  }
                  @case ('uploading') {
                    <mat-progress-bar
                      mode="determinate"
                      [value]="item.progress"
                      [attr.aria-label]="'Uploading ' + item.name + ', ' + item.progress + '%'"
                    />
                    <span class="upload__state" aria-hidden="true">
                      {{ item.progress < 100 ? item.progress + '%' : 'Finishing…' }}
                    </span>
                  }
                  @case ('done') {
                    <span class="upload__state">Uploaded</span>
                  }
                  @case ('rejected') {
                    <span class="upload__problem">Not uploaded: {{ item.message }}</span>
                  }
                  @case ('failed') {
                    <span class="upload__problem">Upload failed: {{ item.message }}</span>
                  }
                }
              </div>
              @if (item.status === 'failed') {
                <button mat-stroked-button type="button" (click)="queue().retry(item.id)">
                  Retry<span class="atr-visually-hidden"> {{ item.name }}</span>
                </button>
              } @else if (item.status === 'waiting' || item.status === 'uploading') {
                <button mat-icon-button type="button" matTooltip="Cancel upload" (click)="queue().cancel(item.id)">
                  <mat-icon aria-hidden="true">close</mat-icon>
                  <span class="atr-visually-hidden">Cancel upload of {{ item.name }}</span>
                </button>
              }
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .uploads__head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
    }
    .uploads__title {
      font: var(--mat-sys-title-medium);
    }
    .uploads__summary {
      flex: 1 1 auto;
      font: var(--mat-sys-body-medium);
    }
    .uploads__list {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    .upload {
      display: flex;
      gap: 12px;
      align-items: center;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface);
    }
    .upload__icon {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
    .upload--done .upload__icon {
      color: var(--mat-sys-primary);
    }
    .upload--rejected .upload__icon,
    .upload--failed .upload__icon,
    .upload__problem {
      color: var(--mat-sys-error);
    }
    .upload__body {
      display: flex;
      flex: 1 1 auto;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
      font: var(--mat-sys-body-medium);
    }
    .upload__row {
      display: flex;
      gap: 8px;
      justify-content: space-between;
    }
    .upload__name {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: 500;
    }
    .upload__size {
      flex: none;
    }
    .upload__note,
    .upload__state,
    .upload__problem {
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadListComponent {
  readonly queue = input.required<UploadQueue>();

  protected readonly items = computed(() => this.queue().items());
  protected readonly summaryText = computed(() => uploadSummaryText(this.queue().summary()));
  protected readonly finished = computed(() => {
    const summary = this.queue().summary();
    return summary.done + summary.rejected;
  });

  protected icon(item: UploadItem): string {
    return ICONS[item.status];
  }

  protected size(item: UploadItem): string {
    return formatBytes(item.size);
  }
}
