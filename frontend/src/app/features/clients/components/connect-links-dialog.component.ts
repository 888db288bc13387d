import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { ConnectLinkStatus, ConnectLinkView } from '@atrium/shared';
import { filter, finalize, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { fullDateTime } from '../../../core/ui/time';
import { SocialApi } from '../../social/data-access/social.api';

export interface ConnectLinksDialogData {
  readonly clientId: string;
  readonly clientName: string;
}

const STATUS_LABELS: Record<ConnectLinkStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

const DEFAULT_DAYS = 7;
const MAX_DAYS = 30;

/**
 * Client Connect Links [000][001] of one client: links the agency sends to someone at the client
 * without portal access, through which they connect accounts that land on this client.
 */
@Component({
  selector: 'atr-connect-links-dialog',
  imports: [
    ClipboardModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    NoticeComponent,
    RelativeTimeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Connect links for {{ data.clientName }}</h2>
    <mat-dialog-content>
      <p class="intro">
        Send a link to someone at {{ data.clientName }} who does not use your portal. They connect their social accounts
        without signing in, and the accounts land on {{ data.clientName }}. Anyone with the link can use it until it
        expires or you revoke it.
      </p>

      <form class="create" [formGroup]="createForm" (ngSubmit)="create()" novalidate>
        <mat-form-field subscriptSizing="dynamic" class="days">
          <mat-label>Valid for (days)</mat-label>
          <input matInput type="number" inputmode="numeric" min="1" [max]="maxDays" formControlName="days" required />
          @if (days.hasError('required')) {
            <mat-error>Enter a number of days.</mat-error>
          } @else if (days.invalid) {
            <mat-error>From 1 to {{ maxDays }} days.</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="creating()" [attr.aria-busy]="creating() ? 'true' : null">
          <mat-icon aria-hidden="true">add_link</mat-icon>
          Create link
        </button>
      </form>

      <atr-notice [message]="actionError()" kind="error" />

      @if (created(); as link) {
        <div class="new-link">
          <label class="new-link__label" for="new-connect-link">New link, valid until {{ expires(link) }}</label>
          <div class="new-link__row">
            <input
              id="new-connect-link"
              class="new-link__value"
              readonly
              [value]="link.url ?? ''"
              (focus)="selectAll($event)"
            />
            <button
              mat-flat-button
              type="button"
              [cdkCopyToClipboard]="link.url ?? ''"
              (cdkCopyToClipboardCopied)="onCopied($event)"
            >
              <mat-icon aria-hidden="true">content_copy</mat-icon>
              Copy link
            </button>
          </div>
        </div>
      }
      <atr-notice [message]="copied()" [kind]="copiedKind()" />

      <h3 class="list-title">Links</h3>
      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading connect links" />
            <span class="atr-visually-hidden">Loading connect links…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="'We could not load the links. ' + loadError()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (links().length === 0) {
            <p class="atr-muted none">No connect links yet. Create one to send it.</p>
          } @else {
            <ul class="links">
              @for (link of links(); track link.id) {
                <li class="link" [class.is-inactive]="link.status !== 'active'">
                  <div class="link__text">
                    <span class="link__status">
                      <span [class]="'status status--' + link.status">{{ statusLabel(link.status) }}</span>
                      <span>{{ dateLine(link) }}</span>
                    </span>
                    <span class="atr-muted">
                      {{ link.accountsConnected }}
                      {{ link.accountsConnected === 1 ? 'account' : 'accounts' }} connected · created
                      @if (link.createdByName) {
                        by {{ link.createdByName }}
                      }
                      <atr-relative-time [value]="link.createdAt" [timeZone]="timeZone()" />
                    </span>
                  </div>
                  @if (link.status === 'active') {
                    <div class="link__actions">
                      @if (link.url; as url) {
                        <button
                          mat-icon-button
                          type="button"
                          matTooltip="Copy link"
                          [cdkCopyToClipboard]="url"
                          (cdkCopyToClipboardCopied)="onCopied($event)"
                        >
                          <mat-icon aria-hidden="true">content_copy</mat-icon>
                          <span class="atr-visually-hidden">Copy link {{ linkName(link) }}</span>
                        </button>
                      }
                      <button
                        mat-icon-button
                        type="button"
                        matTooltip="Revoke"
                        [disabled]="revokingId() === link.id"
                        (click)="revoke(link)"
                      >
                        <mat-icon aria-hidden="true">link_off</mat-icon>
                        <span class="atr-visually-hidden">Revoke link {{ linkName(link) }}</span>
                      </button>
                    </div>
                  }
                </li>
              }
            </ul>
          }
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .intro {
      margin: 0 0 16px;
    }
    .create {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin-bottom: 12px;
    }
    .days {
      width: 160px;
    }
    .new-link {
      margin: 4px 0 8px;
      padding: 12px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container);
    }
    .new-link__label {
      display: block;
      margin-bottom: 6px;
      font: var(--mat-sys-title-small);
    }
    .new-link__row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .new-link__value {
      flex: 1 1 200px;
      min-width: 0;
      padding: 10px 12px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: 0.9rem monospace;
    }
    .list-title {
      margin: 16px 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .none {
      margin: 0;
    }
    .links {
      display: flex;
      flex-direction: column;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .link {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .link__text {
      display: flex;
      flex: 1 1 auto;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      font: var(--mat-sys-body-medium);
    }
    .link__status {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .link__actions {
      display: flex;
      flex: none;
    }
    .status {
      padding: 0 8px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-surface-container-high);
      font: var(--mat-sys-label-large);
    }
    .status--active {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectLinksDialogComponent {
  protected readonly data = inject<ConnectLinksDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(SocialApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly maxDays = MAX_DAYS;
  protected readonly days = new FormControl<number | null>(DEFAULT_DAYS, [
    Validators.required,
    Validators.min(1),
    Validators.max(MAX_DAYS),
    Validators.pattern(/^\d+$/),
  ]);
  protected readonly createForm = new FormGroup({ days: this.days });
  protected readonly state = signal<LoadState<ConnectLinkView[]>>({ status: 'loading' });
  protected readonly created = signal<ConnectLinkView | null>(null);
  protected readonly creating = signal(false);
  protected readonly revokingId = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly copied = signal<string | null>(null);
  protected readonly copiedKind = signal<'success' | 'error'>('success');
  protected readonly timeZone = computed(() => this.auth.me()?.timezone ?? null);

  protected readonly links = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .connectLinks(this.data.clientId)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  protected statusLabel(status: ConnectLinkStatus): string {
    return STATUS_LABELS[status] ?? status;
  }

  protected expires(link: ConnectLinkView): string {
    return fullDateTime(link.expiresAt, this.timeZone());
  }

  protected dateLine(link: ConnectLinkView): string {
    switch (link.status) {
      case 'revoked':
        return link.revokedAt ? `Revoked ${fullDateTime(link.revokedAt, this.timeZone())}` : 'Revoked';
      case 'expired':
        return `Expired ${this.expires(link)}`;
      default:
        return `Expires ${this.expires(link)}`;
    }
  }

  /** Tells links apart for screen readers: "created Mar 3, 2026, 9:00 AM". */
  protected linkName(link: ConnectLinkView): string {
    return `created ${fullDateTime(link.createdAt, this.timeZone())}`;
  }

  protected create(): void {
    if (this.creating()) {
      return;
    }
    if (this.days.invalid) {
      this.days.markAsTouched();
      return;
    }
    this.creating.set(true);
    this.actionError.set(null);
    this.copied.set(null);
    this.api
      .createConnectLink(this.data.clientId, { validForDays: Number(this.days.value) })
      .pipe(
        finalize(() => this.creating.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (link) => {
          this.created.set(link);
          this.state.update((state) =>
            state.status === 'ready' ? { status: 'ready', value: [link, ...state.value] } : state,
          );
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          const days = apiError.details?.find((detail) => detail.field === 'validForDays');
          this.actionError.set(days ? days.messages.join(' ') : apiError.message);
        },
      });
  }

  protected revoke(link: ConnectLinkView): void {
    this.actionError.set(null);
    confirmAction(this.dialog, {
      title: 'Revoke this connect link?',
      message: `Nobody can connect accounts through it any more. Accounts already connected stay with ${this.data.clientName}.`,
      confirmLabel: 'Revoke link',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.revokingId.set(link.id);
          return this.api.revokeConnectLink(link.id);
        }),
        finalize(() => this.revokingId.set(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          const revoked: ConnectLinkView = { ...link, status: 'revoked', revokedAt: new Date().toISOString() };
          this.state.update((state) =>
            state.status === 'ready'
              ? {
                  status: 'ready',
                  value: state.value.map((candidate) => (candidate.id === link.id ? revoked : candidate)),
                }
              : state,
          );
          if (this.created()?.id === link.id) {
            this.created.set(null);
          }
          this.copied.set(null);
        },
        error: (error: unknown) => this.actionError.set(toApiError(error).message),
      });
  }

  protected onCopied(success: boolean): void {
    this.copiedKind.set(success ? 'success' : 'error');
    this.copied.set(success ? 'Link copied.' : 'Could not copy. Select the link and copy it yourself.');
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
