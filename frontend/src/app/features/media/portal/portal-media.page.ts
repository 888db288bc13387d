import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { MediaAssetView } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { LoadMoreComponent } from '../components/load-more.component';
import { MediaCardComponent } from '../components/media-card.component';
import { MediaListStatusComponent } from '../components/media-list-status.component';
import { UploadDropZoneComponent } from '../components/upload-drop-zone.component';
import { UploadListComponent } from '../components/upload-list.component';
import { MediaApi } from '../data-access/media.api';
import { downloadClickHandler } from '../download';
import { MediaList } from '../media-list';
import { settledSearch } from '../settled-search';
import { UploadQueue } from '../upload-queue';

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
    LoadMoreComponent,
    MediaCardComponent,
    MediaListStatusComponent,
    NoticeComponent,
    UploadDropZoneComponent,
    UploadListComponent,
  ],
  templateUrl: './portal-media.page.html',
  styleUrls: ['../media-page.scss', './portal-media.page.scss'],
  host: {
    '(window:beforeunload)': 'queue.warnBeforeLeaving($event)',
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
  protected readonly onDownload = downloadClickHandler(this.list, this.actionError);

  constructor() {
    this.list.reload();
    settledSearch(this.search).subscribe((q) => {
      this.query.set(q);
      this.list.reload();
    });
    this.destroyRef.onDestroy(() => {
      this.list.destroy();
      this.queue.destroy();
    });
  }

  protected upload(files: File[]): void {
    this.actionError.set(null);
    this.queue.add(files, (file) => this.api.portalUpload(file));
  }

  protected clearSearch(): void {
    this.search.setValue('');
  }
}

function matchesSearch(asset: MediaAssetView, q: string): boolean {
  return !q || asset.filename.toLowerCase().includes(q.toLowerCase());
}
