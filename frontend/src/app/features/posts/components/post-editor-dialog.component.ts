import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  MAX_POST_COMMENT_LENGTH,
  WEB_PATHS,
  type PostThread,
  type PostView,
  type SocialAccountView,
  type SocialProviderId,
  type SocialProviderInfo,
} from '@atrium/shared';
import { Observable, filter, map, switchMap } from 'rxjs';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { DIALOG_SIZE, OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { browserTimeZone } from '../../../core/ui/zoned-time';
import type { ClientOption } from '../../clients/data-access/clients.api';
import { AttachedMedia, MAX_POST_MEDIA, isImage, keepForClient } from '../../media/attached-media';
import type {
  MediaPickerData,
  MediaPickerDialogComponent,
  MediaPickerResult,
} from '../../media/components/media-picker-dialog.component';
import { SocialApi } from '../../social/data-access/social.api';
import { handleLabel, nameList, providerIcon } from '../../social/provider-ui';
import { fromLocalInputValue, toLocalInputValue } from '../calendar-range';
import { PostsApi } from '../data-access/posts.api';
import { approvalLabel, isDeletable, isEditable, postStatus } from '../post-status';
import { PostThreadComponent } from './post-thread.component';

export interface PostEditorData {
  /** The post to show or edit; null composes a new one. */
  readonly post: PostView | null;
  /** New posts: the time and client to start with. */
  readonly scheduledAt?: Date | null;
  readonly clientId?: string | null;
  readonly clients: readonly ClientOption[];
  /** The offered platforms, for their text limits. */
  readonly providers: readonly SocialProviderInfo[];
}

export type PostEditorResult =
  | { readonly kind: 'saved'; readonly post: PostView }
  | { readonly kind: 'deleted'; readonly postId: string };

interface AccountOption {
  readonly id: string;
  readonly name: string;
  readonly provider: SocialProviderId;
  readonly providerName: string;
  readonly handle: string | null;
  /** A target of the post that is no longer among the client's accounts. */
  readonly gone: boolean;
}

type Busy = 'draft' | 'schedule' | 'cancel' | 'delete' | null;

/** Text length as people (and most platforms) count it: characters, not UTF-16 units. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/**
 * Composer and post view in one: compose a new post, edit a draft, scheduled or failed post
 * (text, images from the media library, accounts, time), schedule it, turn it back into a draft,
 * cancel or delete it; published, publishing and cancelled posts are shown read-only. Times are
 * the browser's local time.
 */
@Component({
  selector: 'atr-post-editor-dialog',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    NoticeComponent,
    PostThreadComponent,
  ],
  providers: [OUTLINED_FIELDS],
  templateUrl: './post-editor-dialog.component.html',
  styleUrl: './post-editor-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostEditorDialogComponent {
  protected readonly data = inject<PostEditorData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<PostEditorDialogComponent, PostEditorResult>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly postsApi = inject(PostsApi);
  private readonly socialApi = inject(SocialApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly post = this.data.post;
  protected readonly editable = isEditable(this.post);
  protected readonly deletable = !!this.post && isDeletable(this.post);
  protected readonly status = this.post ? postStatus(this.post.status) : null;
  protected readonly timeZone = browserTimeZone();
  protected readonly minDateTime = toLocalInputValue(new Date());
  protected readonly accountsPage = WEB_PATHS.agencyAccounts;
  protected readonly serverError = serverError;
  protected readonly icon = providerIcon;
  protected readonly handle = handleLabel;
  protected readonly approvalLabel = approvalLabel;
  protected readonly maxComment = MAX_POST_COMMENT_LENGTH;
  protected readonly title = !this.post
    ? 'New post'
    : this.post.status === 'draft'
      ? 'Edit draft'
      : this.post.status === 'scheduled'
        ? 'Edit scheduled post'
        : this.post.status === 'failed'
          ? 'Failed post'
          : 'Post';

  protected readonly busy = signal<Busy>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly accountsState = signal<LoadState<SocialAccountView[]>>({ status: 'loading' });
  protected readonly chosen = signal<ReadonlySet<string>>(new Set(this.post?.targets.map((t) => t.accountId) ?? []));
  protected readonly textLength = signal(characterCount(this.post?.text ?? ''));
  /** The post's images, in order. */
  protected readonly media = signal<readonly AttachedMedia[]>(this.post?.media ?? []);
  protected readonly maxMedia = MAX_POST_MEDIA;
  protected readonly hasImage = computed(() => this.media().some(isImage));

  protected readonly form = new FormGroup({
    clientId: new FormControl<string | null>(
      { value: this.post?.clientId ?? this.data.clientId ?? null, disabled: !!this.post },
      Validators.required,
    ),
    accountIds: new FormControl<string[]>([...this.chosen()], { nonNullable: true }),
    /** Mirrors `media` so that the server's errors about the files have a place by the files. */
    mediaIds: new FormControl<string[]>(this.post?.media?.map((item) => item.id) ?? [], { nonNullable: true }),
    text: new FormControl(this.post?.text ?? '', {
      nonNullable: true,
      validators: [Validators.required, (control) => this.withinLimit(control)],
    }),
    scheduledAt: new FormControl(this.initialTime(), { nonNullable: true }),
    /** Hold it until the client approves (offered when the client has Approvals on). */
    needsApproval: new FormControl(!!this.post?.approval, { nonNullable: true }),
  });

  /** The chosen client, followed as it changes (it decides whether approval is offered). */
  private readonly clientId = signal(this.form.controls.clientId.value);
  protected readonly clientName = computed(
    () =>
      this.data.clients.find((client) => client.id === this.clientId())?.name ?? this.post?.clientName ?? 'the client',
  );
  /** Approval can be asked of clients with Approvals on; a post that already needs it keeps the choice. */
  protected readonly approvalOffered = computed(
    () =>
      !!this.post?.approval ||
      !!this.data.clients.find((client) => client.id === this.clientId())?.permissions?.includes('posts.approve'),
  );
  protected readonly approval = this.post?.approval ?? null;

  /** The post's thread (existing posts), with the agency's notes. */
  protected readonly thread = signal<LoadState<PostThread>>({ status: 'loading' });
  protected readonly threadError = computed(() => {
    const state = this.thread();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly threadItems = computed(() => {
    const state = this.thread();
    return state.status === 'ready' ? state.value.items : [];
  });
  protected readonly commentText = new FormControl('', { nonNullable: true });
  protected readonly commentInternal = new FormControl(false, { nonNullable: true });
  protected readonly sendingComment = signal(false);
  protected readonly commentError = signal<string | null>(null);

  protected readonly accountOptions = computed<AccountOption[]>(() => {
    const state = this.accountsState();
    const accounts = state.status === 'ready' ? state.value : [];
    const options: AccountOption[] = accounts.map((account) => ({
      id: account.id,
      name: account.displayName,
      provider: account.provider,
      providerName: account.providerName,
      handle: account.handle,
      gone: false,
    }));
    // Targets of this post that were disconnected or moved stay visible (and can be unticked).
    for (const target of this.post?.targets ?? []) {
      if (!accounts.some((account) => account.id === target.accountId)) {
        options.push({
          id: target.accountId,
          name: target.accountName,
          provider: target.provider,
          providerName: this.providerInfo(target.provider)?.name ?? target.provider,
          handle: target.accountHandle,
          gone: true,
        });
      }
    }
    return options;
  });
  protected readonly accountsError = computed(() => {
    const state = this.accountsState();
    return state.status === 'error' ? state.error.message : '';
  });

  /** The tightest text limit among the chosen accounts' platforms, and who sets it. */
  protected readonly limit = computed<{ max: number; platform: string } | null>(() => {
    let best: { max: number; platform: string } | null = null;
    for (const option of this.accountOptions()) {
      const info = this.chosen().has(option.id) ? this.providerInfo(option.provider) : undefined;
      if (info && (!best || info.maxTextLength < best.max)) {
        best = { max: info.maxTextLength, platform: info.name };
      }
    }
    return best;
  });
  /** "17 / 280 (X)": the count against the tightest limit. */
  protected readonly counter = computed(() => {
    const limit = this.limit();
    return limit ? `${this.textLength()} / ${limit.max} (${limit.platform})` : `${this.textLength()}`;
  });
  protected readonly over = computed(() => {
    const limit = this.limit();
    return !!limit && this.textLength() > limit.max;
  });
  /**
   * What would make the server refuse the post because of its media (the same rules): a platform
   * that needs an image while there is none, platforms that cannot carry files yet, and
   * each platform's rules for files (how many, which types).
   */
  protected readonly mediaWarning = computed(() => {
    const chosen = this.accountOptions().filter((option) => this.chosen().has(option.id));
    const media = this.media();
    const problems: string[] = [];
    const needing = this.hasImage() ? [] : chosen.filter((option) => this.providerInfo(option.provider)?.requiresMedia);
    if (needing.length > 0) {
      const platforms = [...new Set(needing.map((option) => option.providerName))];
      problems.push(
        `${nameList(platforms)} needs an image with every post. Add one with Add media, or this post cannot be published to ${nameList(needing.map((option) => option.name))}.`,
      );
    }
    if (media.length > 0) {
      const textOnly = chosen.filter((option) => this.providerInfo(option.provider)?.acceptsMedia === false);
      if (textOnly.length > 0) {
        const platforms = [...new Set(textOnly.map((option) => option.providerName))];
        problems.push(
          `${nameList(platforms)} cannot carry images yet: remove the images, or untick ${nameList(textOnly.map((option) => option.name))}.`,
        );
      }
      for (const provider of new Set(chosen.map((option) => option.provider))) {
        const info = this.providerInfo(provider);
        const limits = info?.acceptsMedia ? info.mediaLimits : null;
        if (!info || !limits) continue;
        if (media.length > limits.maxFiles) {
          const files = limits.maxFiles === 1 ? 'one file' : `${limits.maxFiles} files`;
          problems.push(`${info.name} takes ${files} per post: remove ${media.length - limits.maxFiles}.`);
        }
        const unfit = media.filter((item) => !limits.mimeTypes.includes(item.mimeType));
        if (unfit.length > 0) {
          problems.push(
            `${info.name} takes ${limits.typesLabel} only: replace ${nameList(unfit.map((item) => item.filename))}.`,
          );
        }
      }
    }
    return problems.length > 0 ? problems.join(' ') : null;
  });

  constructor() {
    const client = this.form.controls.clientId;
    if (client.value) {
      this.loadAccounts(client.value);
    } else {
      this.accountsState.set({ status: 'ready', value: [] });
    }
    if (this.post) this.loadThread();
    client.valueChanges.pipe(takeUntilDestroyed()).subscribe((clientId) => {
      this.clientId.set(clientId);
      this.setChosen(new Set());
      // Another client's files cannot go out with this one's posts.
      this.setMedia(keepForClient(this.media(), clientId));
      if (clientId) {
        this.loadAccounts(clientId);
      } else {
        this.accountsState.set({ status: 'ready', value: [] });
      }
    });
    this.form.controls.text.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((text) => this.textLength.set(characterCount(text)));
  }

  protected loadAccounts(clientId = this.form.controls.clientId.value): void {
    if (!clientId) {
      return;
    }
    this.socialApi
      .accounts(clientId)
      .pipe(
        map((list) => list.items),
        toLoadState,
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.accountsState.set(state));
  }

  protected loadThread(): void {
    const post = this.post;
    if (!post) return;
    this.postsApi
      .comments(post.id)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.thread.set(state));
  }

  /** A message on the thread; "Only the agency" keeps it as a note the client never sees. */
  protected sendComment(): void {
    const post = this.post;
    const body = this.commentText.value.trim();
    if (!post || this.sendingComment()) return;
    if (!body) {
      this.commentError.set('Write something first.');
      return;
    }
    this.sendingComment.set(true);
    this.commentError.set(null);
    this.postsApi
      .addComment(post.id, body, this.commentInternal.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (added) => {
          this.sendingComment.set(false);
          this.commentText.reset();
          const state = this.thread();
          const items = state.status === 'ready' ? state.value.items : [];
          this.thread.set({ status: 'ready', value: { items: [...items, added] } });
        },
        error: (error: unknown) => {
          this.sendingComment.set(false);
          this.commentError.set(toApiError(error).message);
        },
      });
  }

  protected toggleAccount(accountId: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) {
      next.add(accountId);
    } else {
      next.delete(accountId);
    }
    this.setChosen(next);
  }

  /** Opens the library picker (loaded on first use: most posts are written without it). */
  protected addMedia(): void {
    const clientId = this.form.controls.clientId.value;
    if (!clientId || this.busy()) {
      return;
    }
    const clientName =
      this.data.clients.find((client) => client.id === clientId)?.name ?? this.post?.clientName ?? 'This client';
    void import('../../media/components/media-picker-dialog.component').then((picker) =>
      this.dialog
        .open<MediaPickerDialogComponent, MediaPickerData, MediaPickerResult>(picker.MediaPickerDialogComponent, {
          ...DIALOG_SIZE,
          width: '760px',
          data: { clientId, clientName, selected: this.media() },
        })
        .afterClosed()
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe((result) => {
          if (result) {
            this.setMedia(result);
          }
        }),
    );
  }

  protected removeMedia(mediaId: string): void {
    this.setMedia(this.media().filter((item) => item.id !== mediaId));
  }

  private setMedia(media: readonly AttachedMedia[]): void {
    this.media.set(media);
    const control = this.form.controls.mediaIds;
    control.setValue(media.map((item) => item.id));
    // A server error about the files no longer applies to other files.
    control.setErrors(null);
  }

  protected describe(iso: string | null): string {
    return iso ? fullDateTime(iso) : '';
  }

  protected targetStatus(status: PostView['status']): string {
    return postStatus(status).label;
  }

  protected saveDraft(): void {
    if (this.busy() || !this.editable) {
      return;
    }
    this.clearManualErrors();
    if (this.form.controls.text.invalid || this.form.controls.clientId.invalid) {
      this.refuse();
      return;
    }
    this.save('draft', null);
  }

  protected schedule(): void {
    if (this.busy() || !this.editable) {
      return;
    }
    this.clearManualErrors();
    const { accountIds, scheduledAt } = this.form.controls;
    if (accountIds.value.length === 0) {
      accountIds.setErrors({ required: true });
    }
    const when = fromLocalInputValue(scheduledAt.value);
    if (!scheduledAt.value) {
      scheduledAt.setErrors({ required: true });
    } else if (!when) {
      scheduledAt.setErrors({ invalid: true });
    } else if (when.getTime() <= Date.now()) {
      scheduledAt.setErrors({ past: true });
    }
    if (this.form.invalid || !when) {
      this.refuse();
      return;
    }
    this.save('schedule', when.toISOString());
  }

  protected cancelPost(): void {
    const post = this.post;
    if (!post || this.busy()) {
      return;
    }
    this.confirmThen(
      {
        title: 'Cancel this post?',
        message: 'It will not be published. A cancelled post cannot be scheduled again, only deleted.',
        confirmLabel: 'Cancel post',
      },
      'cancel',
      () => this.postsApi.cancel(post.id).pipe(map((saved): PostEditorResult => ({ kind: 'saved', post: saved }))),
    );
  }

  protected deletePost(): void {
    const post = this.post;
    if (!post || this.busy()) {
      return;
    }
    this.confirmThen(
      {
        title: 'Delete this post?',
        message: 'It disappears from the calendar for good.',
        confirmLabel: 'Delete post',
      },
      'delete',
      () => this.postsApi.delete(post.id).pipe(map((): PostEditorResult => ({ kind: 'deleted', postId: post.id }))),
    );
  }

  private confirmThen(
    text: { title: string; message: string; confirmLabel: string },
    busy: Busy,
    action: () => Observable<PostEditorResult>,
  ): void {
    this.formError.set(null);
    confirmAction(this.dialog, { ...text, destructive: true })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(busy);
          return action();
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => this.dialogRef.close(result),
        error: (error: unknown) => {
          this.busy.set(null);
          this.formError.set(toApiError(error).message);
        },
      });
  }

  private save(kind: 'draft' | 'schedule', scheduledAt: string | null): void {
    const { clientId, accountIds, mediaIds, text, needsApproval: wanted } = this.form.getRawValue();
    const post = this.post;
    const approval = this.approvalOffered() ? { needsApproval: wanted } : {};
    const request: Observable<PostView> = post
      ? this.postsApi.update(post.id, { text, accountIds, mediaIds, scheduledAt, ...approval })
      : this.postsApi.create({ clientId: clientId ?? '', text, accountIds, mediaIds, scheduledAt, ...approval });
    this.formError.set(null);
    this.busy.set(kind);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => this.dialogRef.close({ kind: 'saved', post: saved }),
      error: (error: unknown) => {
        this.busy.set(null);
        this.formError.set(applyServerErrors(this.form, toApiError(error)));
        this.focusProblem();
      },
    });
  }

  private refuse(): void {
    this.form.markAllAsTouched();
    this.focusProblem();
  }

  private focusProblem(): void {
    if (this.form.controls.accountIds.invalid && this.form.controls.text.valid) {
      this.host.nativeElement.querySelector<HTMLElement>('.accounts input')?.focus();
      return;
    }
    focusFirstInvalid(this.host.nativeElement);
  }

  /** Errors set by hand (or by the server) go before each new attempt; validators then run again. */
  private clearManualErrors(): void {
    for (const control of Object.values(this.form.controls)) {
      control.setErrors(null);
      control.updateValueAndValidity({ emitEvent: false });
    }
  }

  private setChosen(next: ReadonlySet<string>): void {
    this.chosen.set(next);
    this.form.controls.accountIds.setValue([...next]);
    // The text limit depends on the platforms chosen.
    this.form.controls.text.updateValueAndValidity();
  }

  private withinLimit(control: AbstractControl): ValidationErrors | null {
    // Read before the signals exist (the form is built first): no limit yet.
    const limit = this.limit?.();
    const length = characterCount(String(control.value ?? ''));
    return limit && length > limit.max ? { tooLong: { max: limit.max, platform: limit.platform, length } } : null;
  }

  private providerInfo(provider: SocialProviderId): SocialProviderInfo | undefined {
    return this.data.providers.find((info) => info.id === provider);
  }

  private initialTime(): string {
    const iso = this.data.post?.scheduledAt;
    if (iso) {
      return toLocalInputValue(new Date(iso));
    }
    return this.data.scheduledAt ? toLocalInputValue(this.data.scheduledAt) : '';
  }
}
