import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MediaAssetView } from '@atrium/shared';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { MediaCardComponent } from '../../media/components/media-card.component';
import { UploadDropZoneComponent } from '../../media/components/upload-drop-zone.component';
import { UploadListComponent } from '../../media/components/upload-list.component';
import { MediaApi } from '../../media/data-access/media.api';
import { downloadWithFreshUrl } from '../../media/download';
import { MediaList } from '../../media/media-list';
import { UploadQueue } from '../../media/upload-queue';

/** Typing settles for this long before the search runs. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * Portal > Media [000] (media.upload): upload many files at once (drag and drop or pick, progress
 * per file), and find, see and download what this client's people uploaded from the portal.
 */
@Component({
  selector: 'atr-portal-media-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MediaCardComponent,
    NoticeComponent,
    UploadDropZoneComponent,
    UploadListComponent,
  ],
  templateUrl: './portal-media.page.html',
  styleUrl: './portal-media.page.scss',
  host: {
    '(window:beforeunload)': 'warnBeforeLeaving($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalMediaPage {
  private readonly api = inject(MediaApi);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly search = new FormControl('', { nonNullable: true });
  /** The search the list shows (the field's value once typing settles). */
  protected readonly query = signal('');
  protected readonly actionError = signal<string | null>(null);
  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'Your agency');
  protected readonly timeZone = computed(() => this.auth.me()?.timezone ?? null);

  protected readonly list = new MediaList({
    fetchPage: (cursor) => this.api.portalList(this.query(), cursor),
    fetchAsset: (id) => this.api.portalAsset(id),
  });
  protected readonly queue = new UploadQueue({
    onStored: (asset) => {
      if (matchesSearch(asset, this.query())) {
        this.list.prepend(asset);
      }
    },
  });

  constructor() {
    this.list.reload();
    this.search.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => {
        this.query.set(q);
        this.list.reload();
      });
    this.destroyRef.onDestroy(() => {
      this.list.destroy();
      this.queue.destroy();
    });
  }

  /** Closing or reloading the tab would cancel uploads under way: the browser asks first. */
  protected warnBeforeLeaving(event: BeforeUnloadEvent): void {
    if (this.queue.summary().active > 0) {
      event.preventDefault();
    }
  }

  protected upload(files: File[]): void {
    this.actionError.set(null);
    this.queue.add(files, (file) => this.api.portalUpload(file));
  }

  protected clearSearch(): void {
    this.search.setValue('');
  }

  protected onDownload(asset: MediaAssetView, event: MouseEvent): void {
    this.actionError.set(null);
    downloadWithFreshUrl(this.list, asset, event, (message) => this.actionError.set(message));
  }
}

function matchesSearch(asset: MediaAssetView, q: string): boolean {
  return !q || asset.filename.toLowerCase().includes(q.toLowerCase());
}
