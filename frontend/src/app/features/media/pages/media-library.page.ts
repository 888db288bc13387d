import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { MediaAssetView, MediaKind, MediaUsage } from '@atrium/shared';
import { Subject, debounceTime, filter, map, switchMap } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { ClientOption, ClientsApi } from '../../clients/data-access/clients.api';
import { LoadMoreComponent } from '../components/load-more.component';
import { MediaCardComponent } from '../components/media-card.component';
import { MediaListStatusComponent } from '../components/media-list-status.component';
import { UploadDropZoneComponent } from '../components/upload-drop-zone.component';
import { UploadListComponent } from '../components/upload-list.component';
import { MediaApi } from '../data-access/media.api';
import { downloadClickHandler } from '../download';
import { MediaList } from '../media-list';
import {
  AGENCY_FILES,
  ALL_CLIENTS,
  MEDIA_KINDS,
  MediaFilters,
  NO_FILTERS,
  acceptedTypesLabel,
  attribution,
  filtersToQuery,
  formatBytes,
  hasFilters,
  matchesFilters,
} from '../media-query';
import { settledSearch } from '../settled-search';
import { UploadQueue } from '../upload-queue';

interface Person {
  readonly id: string;
  readonly name: string;
}

/**
 * Media (agency): everything the agency and its clients uploaded, each file marked with its client
 * and uploader; filter by client, uploader, type and filename; upload (for the agency itself or
 * for a client); delete what no pending post needs.
 */
@Component({
  selector: 'atr-media-library-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    LoadMoreComponent,
    MediaCardComponent,
    MediaListStatusComponent,
    NoticeComponent,
    UploadDropZoneComponent,
    UploadListComponent,
  ],
  templateUrl: './media-library.page.html',
  styleUrls: ['../media-page.scss', './media-library.page.scss'],
  host: {
    '(window:beforeunload)': 'queue.warnBeforeLeaving($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaLibraryPage {
  private readonly api = inject(MediaApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly AGENCY_FILES = AGENCY_FILES;
  protected readonly ALL_CLIENTS = ALL_CLIENTS;
  protected readonly kinds = MEDIA_KINDS;
  protected readonly attribution = attribution;

  protected readonly clients = signal<readonly ClientOption[]>([]);
  protected readonly clientsError = signal<string | null>(null);
  protected readonly filters = signal<MediaFilters>(NO_FILTERS);
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly search = new FormControl('', { nonNullable: true });
  /** Where new uploads go: AGENCY_FILES or a client id. */
  protected readonly uploadFor = signal<string>(AGENCY_FILES);
  protected readonly usage = signal<MediaUsage | null>(null);
  protected readonly actionError = signal<string | null>(null);
  private readonly busyIds = signal<ReadonlySet<string>>(new Set());
  /** Everyone seen uploading so far: the uploader filter's choices (kept across filter changes). */
  private readonly people = signal<ReadonlyMap<string, string>>(new Map());

  protected readonly uploaders = computed<Person[]>(() =>
    [...this.people()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  );
  protected readonly usageText = computed(() => {
    const usage = this.usage();
    if (!usage) {
      return null;
    }
    return usage.quotaBytes
      ? `${formatBytes(usage.usedBytes)} of ${formatBytes(usage.quotaBytes)} used`
      : `${formatBytes(usage.usedBytes)} used`;
  });
  protected readonly usagePercent = computed(() => {
    const usage = this.usage();
    return usage?.quotaBytes ? Math.min(100, Math.round((usage.usedBytes / usage.quotaBytes) * 100)) : null;
  });
  protected readonly dropHint = computed(() => {
    const usage = this.usage();
    if (!usage) {
      return 'You can choose or drop several files at once.';
    }
    const types = acceptedTypesLabel(usage.acceptedTypes);
    return `Up to ${formatBytes(usage.maxFileBytes)} per file${types ? ` · ${types}` : ''}.`;
  });
  protected readonly accept = computed(() => this.usage()?.acceptedTypes.join(',') || null);
  protected readonly emptyMessage = computed(() => {
    const filters = this.filters();
    return filters.q.trim()
      ? `No files match “${filters.q.trim()}” with these filters.`
      : 'No files match these filters.';
  });

  protected readonly list = new MediaList({
    fetchPage: (cursor) => this.api.library(filtersToQuery(this.filters(), cursor)),
    fetchAsset: (id) => this.api.asset(id),
  });
  protected readonly queue = new UploadQueue({
    precheck: (file) => this.precheck(file),
    onStored: (asset) => {
      if (matchesFilters(asset, this.filters())) {
        this.list.prepend(asset);
      }
      this.usageChanged.next();
    },
  });
  private readonly usageChanged = new Subject<void>();
  protected readonly onDownload = downloadClickHandler(this.list, this.actionError);

  constructor() {
    this.list.reload();
    this.loadUsage();
    this.clientsApi
      .listAll()
      .pipe(
        map((clients) => clients.map(({ id, name }) => ({ id, name }))),
        takeUntilDestroyed(),
      )
      .subscribe({
        next: (clients) => this.clients.set(clients),
        error: (error: unknown) =>
          this.clientsError.set(
            `We could not load your clients, so files can only be uploaded as the agency's own. ${toApiError(error).message}`,
          ),
      });
    settledSearch(this.search).subscribe((q) => this.setFilter({ q }));
    // One usage reload after a burst of uploads, not one per file.
    this.usageChanged.pipe(debounceTime(1500), takeUntilDestroyed()).subscribe(() => this.loadUsage());
    effect(() => {
      const items = this.list.items();
      untracked(() => this.rememberUploaders(items));
    });
    this.destroyRef.onDestroy(() => {
      this.list.destroy();
      this.queue.destroy();
    });
  }

  protected setFilter(patch: Partial<MediaFilters>): void {
    this.filters.update((filters) => ({ ...filters, ...patch }));
    this.list.reload();
  }

  protected setKind(value: MediaKind | ''): void {
    this.setFilter({ kind: value || null });
  }

  protected setUploader(value: string): void {
    this.setFilter({ uploaderId: value || null });
  }

  protected clearFilters(): void {
    // Without emitting: the search subscription would reload a second time.
    this.search.setValue('', { emitEvent: false });
    this.filters.set(NO_FILTERS);
    this.list.reload();
  }

  protected upload(files: File[]): void {
    this.actionError.set(null);
    const target = this.uploadFor();
    const clientId = target === AGENCY_FILES ? null : target;
    const clientName = clientId ? this.clients().find((client) => client.id === clientId)?.name : null;
    this.queue.add(
      files,
      (file) => this.api.upload(file, clientId),
      clientId ? `For ${clientName ?? 'a client'}` : "Agency's own files",
    );
  }

  protected isBusy(asset: MediaAssetView): boolean {
    return this.busyIds().has(asset.id);
  }

  protected remove(asset: MediaAssetView): void {
    this.actionError.set(null);
    confirmAction(this.dialog, {
      title: `Delete ${asset.filename}?`,
      message: 'The file leaves the media library for good:',
      consequences: [
        asset.source === 'portal' && asset.clientName
          ? `${asset.clientName} no longer sees it in their portal.`
          : 'Nobody can download it from Atrium any more.',
        'Posts already published keep their copy on the platforms.',
      ],
      confirmLabel: 'Delete',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.setBusy(asset.id, true);
          return this.api.delete(asset.id);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.setBusy(asset.id, false);
          this.list.remove(asset.id);
          this.toast.show(`${asset.filename} deleted.`);
          this.usageChanged.next();
        },
        error: (error: unknown) => {
          this.setBusy(asset.id, false);
          const apiError = toApiError(error);
          // 409: the file is attached to a post that has not gone out; the server says which.
          this.actionError.set(
            apiError.statusCode === 409 ? apiError.message : `${asset.filename} was not deleted. ${apiError.message}`,
          );
        },
      });
  }

  protected loadUsage(): void {
    this.api
      .usage()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (usage) => this.usage.set(usage),
        // Limits are a hint: without them the server still says what it refuses, per file.
        error: () => undefined,
      });
  }

  private precheck(file: File): string | null {
    const max = this.usage()?.maxFileBytes;
    return max && file.size > max ? `larger than ${formatBytes(max)}` : null;
  }

  private rememberUploaders(items: readonly MediaAssetView[]): void {
    const known = this.people();
    const fresh = items.filter((item) => item.uploadedBy.id && !known.has(item.uploadedBy.id));
    if (fresh.length === 0) {
      return;
    }
    const next = new Map(known);
    for (const item of fresh) {
      if (item.uploadedBy.id) {
        next.set(item.uploadedBy.id, item.uploadedBy.name);
      }
    }
    this.people.set(next);
  }

  private setBusy(id: string, busy: boolean): void {
    this.busyIds.update((ids) => {
      const next = new Set(ids);
      if (busy) {
        next.add(id);
      } else {
        next.delete(id);
      }
      return next;
    });
  }
}
