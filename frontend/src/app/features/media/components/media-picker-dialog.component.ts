import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { WEB_PATHS, type MediaAssetView } from '@atrium/shared';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { AttachedMedia, MAX_POST_MEDIA, toAttached } from '../attached-media';
import { MediaApi } from '../data-access/media.api';
import { MediaList } from '../media-list';
import { AGENCY_FILES, filtersToQuery } from '../media-query';
import { settledSearch } from '../settled-search';
import { LoadMoreComponent } from './load-more.component';
import { MediaListStatusComponent } from './media-list-status.component';

export interface MediaPickerData {
  readonly clientId: string;
  readonly clientName: string;
  /** What the post carries now (kept, in order, unless unticked). */
  readonly selected: readonly AttachedMedia[];
}

/** Closes with the chosen files, or undefined when cancelled. */
export type MediaPickerResult = AttachedMedia[] | undefined;

/**
 * Picks images for a post from the library: the client's files or the agency's own (the only ones
 * a post for this client may use), up to MAX_POST_MEDIA in all.
 */
@Component({
  selector: 'atr-media-picker-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    LoadMoreComponent,
    MediaListStatusComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Add media</h2>
    <mat-dialog-content>
      <div class="toolbar">
        <mat-button-toggle-group
          aria-label="Whose files"
          [value]="source()"
          (change)="showSource($event.value)"
          hideSingleSelectionIndicator
        >
          <mat-button-toggle [value]="data.clientId">{{ data.clientName }}</mat-button-toggle>
          <mat-button-toggle [value]="AGENCY_FILES">Agency's own files</mat-button-toggle>
        </mat-button-toggle-group>
        <mat-form-field subscriptSizing="dynamic" class="search">
          <mat-label>Search images</mat-label>
          <input matInput type="search" autocomplete="off" [formControl]="search" />
        </mat-form-field>
      </div>

      <p class="count" role="status">
        {{ chosen().length }} of {{ max }} images chosen{{ full() ? ': that is the most a post can carry.' : '.' }}
      </p>

      <atr-media-list-status [list]="list" what="images" failure="We could not load the images." />
      @if (list.status() === 'ready') {
        @if (list.items().length === 0) {
          <p class="empty">
            @if (query()) {
              No images match “{{ query() }}”.
            } @else {
              No images here yet.
              <a [href]="mediaPage" target="_blank" rel="noopener">Upload some in Media (opens a new tab)</a>, then come
              back.
            }
          </p>
        } @else {
          <ul class="grid" aria-label="Images">
            @for (asset of list.items(); track asset.id) {
              <li>
                <label class="pick" [class.pick--on]="isChosen(asset)" [class.pick--off]="!canToggle(asset)">
                  <input
                    type="checkbox"
                    class="pick__box"
                    [checked]="isChosen(asset)"
                    [disabled]="!canToggle(asset)"
                    (change)="toggle(asset)"
                  />
                  <span class="pick__media">
                    @if (asset.thumbnailUrl) {
                      <img [src]="asset.thumbnailUrl" alt="" loading="lazy" (error)="list.renewUrls(asset)" />
                    } @else if (asset.status === 'processing') {
                      <mat-progress-spinner mode="indeterminate" diameter="24" aria-hidden="true" />
                    } @else {
                      <mat-icon aria-hidden="true">image</mat-icon>
                    }
                  </span>
                  <span class="pick__name">{{ asset.filename }}</span>
                </label>
              </li>
            }
          </ul>
          <atr-load-more [list]="list" placement="dialog" />
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" (click)="done()">Use selected images</button>
    </mat-dialog-actions>
  `,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      padding-top: 4px;
    }
    mat-button-toggle-group {
      max-width: 100%;
      overflow-x: auto;
    }
    .search {
      flex: 1 1 200px;
    }
    .count {
      margin: 12px 0 8px;
      font: var(--mat-sys-body-medium);
    }
    .empty {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .pick {
      position: relative;
      display: flex;
      flex-direction: column;
      height: 100%;
      overflow: hidden;
      border: 2px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      cursor: pointer;
    }
    .pick--on {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
    }
    .pick--off {
      opacity: 0.5;
      cursor: not-allowed;
    }
    .pick:focus-within {
      outline: 3px solid var(--atr-focus-ring);
      outline-offset: 2px;
    }
    .pick__box {
      position: absolute;
      top: 6px;
      left: 6px;
      width: 20px;
      height: 20px;
      margin: 0;
      accent-color: var(--mat-sys-primary);
    }
    .pick__media {
      display: grid;
      place-items: center;
      aspect-ratio: 1;
      background: var(--mat-sys-surface-container);
    }
    .pick__media img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .pick__name {
      padding: 4px 8px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaPickerDialogComponent {
  protected readonly data = inject<MediaPickerData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<MediaPickerDialogComponent, MediaPickerResult>>(MatDialogRef);
  private readonly api = inject(MediaApi);

  protected readonly AGENCY_FILES = AGENCY_FILES;
  protected readonly max = MAX_POST_MEDIA;
  protected readonly mediaPage = WEB_PATHS.agencyMedia;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly query = signal('');
  /** The client's id or AGENCY_FILES. */
  protected readonly source = signal<string>(this.data.clientId);
  /** In the order chosen (the post's own order first). */
  private readonly chosenMap = signal<ReadonlyMap<string, AttachedMedia>>(
    new Map(this.data.selected.map((item) => [item.id, item])),
  );
  protected readonly chosen = computed(() => [...this.chosenMap().values()]);
  protected readonly full = computed(() => this.chosenMap().size >= MAX_POST_MEDIA);

  protected readonly list = new MediaList({
    fetchPage: (cursor) =>
      this.api.library(
        filtersToQuery({ q: this.query(), client: this.source(), uploaderId: null, kind: 'image' }, cursor),
      ),
    fetchAsset: (id) => this.api.asset(id),
  });

  constructor() {
    this.list.reload();
    settledSearch(this.search).subscribe((q) => {
      this.query.set(q);
      this.list.reload();
    });
    inject(DestroyRef).onDestroy(() => this.list.destroy());
  }

  protected showSource(source: string): void {
    this.source.set(source);
    this.list.reload();
  }

  protected isChosen(asset: MediaAssetView): boolean {
    return this.chosenMap().has(asset.id);
  }

  protected canToggle(asset: MediaAssetView): boolean {
    return this.isChosen(asset) || (!this.full() && asset.status !== 'failed');
  }

  protected toggle(asset: MediaAssetView): void {
    const next = new Map(this.chosenMap());
    if (next.has(asset.id)) {
      next.delete(asset.id);
    } else if (next.size < MAX_POST_MEDIA) {
      next.set(asset.id, toAttached(asset));
    }
    this.chosenMap.set(next);
  }

  protected done(): void {
    this.dialogRef.close(this.chosen());
  }
}
