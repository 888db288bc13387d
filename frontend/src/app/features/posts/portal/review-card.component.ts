import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  Injector,
} from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MAX_POST_COMMENT_LENGTH, type ReviewPostView } from '@atrium/shared';
import type { Observable } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { safeTimeZone } from '../../../core/ui/zoned-time';
import { handleLabel, providerIcon } from '../../social/provider-ui';
import { PostThreadComponent } from '../components/post-thread.component';
import { PostThumbnailsComponent } from '../components/post-thumbnails.component';
import { PortalReviewsApi } from '../data-access/portal-reviews.api';

type Busy = 'approve' | 'changes' | 'comment' | null;

/**
 * One post the agency asked the client to approve: when and where it goes, its words and
 * pictures, the conversation so far, and the two decisions. Asking for changes needs a reason.
 */
@Component({
  selector: 'atr-review-card',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    NoticeComponent,
    PostThreadComponent,
    PostThumbnailsComponent,
    ReactiveFormsModule,
  ],
  template: `
    <article class="review" [attr.aria-labelledby]="titleId()">
      <header class="review__head">
        <h2 class="review__title" [id]="titleId()" tabindex="-1">
          <time [attr.datetime]="review().scheduledAt">{{ when() }}</time>
        </h2>
        <span class="state" [class.state--waiting]="review().approval.state === 'pending'">
          <mat-icon aria-hidden="true">{{
            review().approval.state === 'pending' ? 'hourglass_top' : 'edit_note'
          }}</mat-icon>
          {{ stateLabel() }}
        </span>
      </header>
      @if (review().approval.overdue && review().approval.state === 'pending') {
        <atr-notice kind="warning" message="Its planned time has passed. It goes out as soon as you approve it." />
      }
      <ul class="accounts" aria-label="Goes to">
        @for (account of review().accounts; track account.id) {
          <li>
            <mat-icon aria-hidden="true">{{ icon(account.provider) }}</mat-icon>
            {{ account.displayName }}
            @if (account.handle) {
              <span class="atr-muted">{{ handle(account.handle) }}</span>
            }
          </li>
        }
      </ul>
      <p class="review__text">{{ review().text }}</p>
      @if (review().media.length > 0) {
        <atr-post-thumbnails [media]="review().media" [size]="96" [max]="4" />
      }

      <section class="conversation" [attr.aria-labelledby]="titleId() + '-thread'">
        <h3 [id]="titleId() + '-thread'" class="conversation__title">Conversation</h3>
        <atr-post-thread [items]="review().thread" [timeZone]="timeZone()" />
      </section>

      @if (error(); as message) {
        <atr-notice kind="error" [message]="message" />
      }

      @if (review().approval.state === 'pending') {
        @if (askingForChanges()) {
          <form
            class="decision-form"
            [formGroup]="changesForm"
            #changesDir="ngForm"
            (ngSubmit)="sendChanges(changesDir)"
            novalidate
          >
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>What should change?</mat-label>
              <textarea
                matInput
                rows="3"
                formControlName="text"
                [maxlength]="maxLength"
                required
                class="changes-input"
              ></textarea>
              <mat-hint>{{ agencyName() }} sees this and sends the post again.</mat-hint>
              @if (changes.hasError('required')) {
                <mat-error>Say what should change.</mat-error>
              }
            </mat-form-field>
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="busy() !== null" [disabledInteractive]="true">
                Send request
              </button>
              <button mat-button type="button" (click)="closeChanges()">Cancel</button>
            </div>
          </form>
        } @else {
          <div class="actions">
            <button
              mat-flat-button
              type="button"
              [disabled]="busy() !== null"
              [disabledInteractive]="true"
              [attr.aria-busy]="busy() === 'approve' ? 'true' : null"
              (click)="approve()"
            >
              <mat-icon aria-hidden="true">check</mat-icon>
              Approve
            </button>
            <button mat-stroked-button type="button" class="ask-changes" (click)="openChanges()">
              <mat-icon aria-hidden="true">rate_review</mat-icon>
              Request changes
            </button>
          </div>
        }
      }

      <form
        class="comment-form"
        [formGroup]="commentForm"
        #commentDir="ngForm"
        (ngSubmit)="sendComment(commentDir)"
        novalidate
      >
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Write a comment</mat-label>
          <textarea matInput rows="2" formControlName="text" [maxlength]="maxLength"></textarea>
          @if (comment.hasError('required')) {
            <mat-error>Write something first.</mat-error>
          }
        </mat-form-field>
        <button mat-stroked-button type="submit" [disabled]="busy() !== null" [disabledInteractive]="true">Send</button>
      </form>
    </article>
  `,
  styles: `
    .review {
      display: grid;
      gap: 12px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    .review__head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .review__title {
      font: var(--mat-sys-title-medium);
    }
    .state {
      display: inline-flex;
      gap: 4px;
      align-items: center;
      padding: 2px 10px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-surface-container-high);
      font: var(--mat-sys-label-large);
      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
      }
    }
    .state--waiting {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .accounts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 0;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-medium);
      li {
        display: inline-flex;
        gap: 4px;
        align-items: center;
      }
      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
      }
    }
    .review__text {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .conversation {
      display: grid;
      gap: 8px;
    }
    .conversation__title {
      font: var(--mat-sys-title-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .decision-form,
    .comment-form {
      display: grid;
      gap: 8px;
    }
    .comment-form {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: start;
      @media (max-width: 599.98px) {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewCardComponent {
  private readonly api = inject(PortalReviewsApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly review = input.required<ReviewPostView>();
  readonly agencyName = input.required<string>();
  readonly timeZone = input<string | null>(null);
  /** The post changed (a decision or a comment): the list shows the new version. */
  readonly changed = output<ReviewPostView>();
  /** Approved: it leaves the list. */
  readonly approved = output<ReviewPostView>();

  protected readonly maxLength = MAX_POST_COMMENT_LENGTH;
  protected readonly busy = signal<Busy>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly askingForChanges = signal(false);
  protected readonly changes = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly comment = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly changesForm = new FormGroup({ text: this.changes });
  protected readonly commentForm = new FormGroup({ text: this.comment });

  protected readonly titleId = computed(() => `review-${this.review().id}`);
  protected readonly when = computed(() =>
    new Intl.DateTimeFormat('en', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: safeTimeZone(this.timeZone()),
    }).format(new Date(this.review().scheduledAt)),
  );
  protected readonly stateLabel = computed(() =>
    this.review().approval.state === 'pending' ? 'Waiting for you' : `Waiting for ${this.agencyName()}'s changes`,
  );
  protected readonly icon = providerIcon;
  protected readonly handle = handleLabel;

  protected approve(): void {
    if (this.busy()) return;
    this.run('approve', this.api.approve(this.review().id, ''), (updated) => this.approved.emit(updated));
  }

  protected openChanges(): void {
    this.askingForChanges.set(true);
    this.focusSoon('.changes-input');
  }

  protected closeChanges(): void {
    this.askingForChanges.set(false);
    this.changes.reset();
    this.focusSoon('.ask-changes');
  }

  protected sendChanges(directive: FormGroupDirective): void {
    if (this.busy()) return;
    if (!this.changes.value.trim()) {
      this.changes.setValue('');
      this.changes.markAsTouched();
      this.focusSoon('.changes-input');
      return;
    }
    this.run('changes', this.api.requestChanges(this.review().id, this.changes.value), (updated) => {
      this.askingForChanges.set(false);
      directive.resetForm();
      this.changed.emit(updated);
      this.focusSoon('.review__title');
    });
  }

  protected sendComment(directive: FormGroupDirective): void {
    if (this.busy()) return;
    if (!this.comment.value.trim()) {
      this.comment.setValue('');
      this.comment.markAsTouched();
      return;
    }
    this.run('comment', this.api.comment(this.review().id, this.comment.value), (added) => {
      directive.resetForm();
      this.changed.emit({ ...this.review(), thread: [...this.review().thread, added] });
    });
  }

  private run<T>(what: Busy, request: Observable<T>, done: (value: T) => void): void {
    this.busy.set(what);
    this.error.set(null);
    request.subscribe({
      next: (value) => {
        this.busy.set(null);
        done(value);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.error.set(toApiError(error).message);
      },
    });
  }

  private focusSoon(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
