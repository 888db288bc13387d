import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type { DevMailboxEntry } from '@atrium/shared';
import { Subscription } from 'rxjs';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { DevMailboxApi } from '../data-access/dev-mailbox.api';
import { linkify } from '../linkify';
import { NO_MAILBOX_MESSAGE } from './mailbox-list.page';

@Component({
  selector: 'atr-mailbox-message-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, NoticeComponent],
  templateUrl: './mailbox-message.page.html',
  styleUrl: './mailbox-message.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxMessagePage {
  private readonly api = inject(DevMailboxApi);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly destroyRef = inject(DestroyRef);
  private loading: Subscription | null = null;

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState<DevMailboxEntry>>({ status: 'loading' });
  protected readonly entry = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    if (state.status !== 'error') {
      return null;
    }
    if (state.error.statusCode === 404) {
      return `${NO_MAILBOX_MESSAGE} (Or this email no longer exists.)`;
    }
    return `We could not load this email. ${state.error.message}`;
  });
  /**
   * The HTML body is shown only inside <iframe sandbox=""> (no scripts, no same-origin access, no
   * navigation), which is what makes trusting it for srcdoc acceptable. Never bind it elsewhere.
   */
  protected readonly sandboxedHtml = computed<SafeHtml | null>(() => {
    const html = this.entry()?.html;
    return html ? this.sanitizer.bypassSecurityTrustHtml(html) : null;
  });
  protected readonly textParts = computed(() => linkify(this.entry()?.text ?? ''));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected reload(): void {
    this.load(this.id());
  }

  private load(id: string): void {
    this.loading?.unsubscribe();
    this.loading = this.api
      .get(id)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }
}
