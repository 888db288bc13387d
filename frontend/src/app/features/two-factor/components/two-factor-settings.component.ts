import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RECOVERY_CODE_COUNT, type TwoFactorSetupResponse, type TwoFactorStatusResponse } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { TwoFactorApi } from '../data-access/two-factor.api';
import { codeRefusal } from '../two-factor-code';
import {
  TwoFactorConfirmDialogComponent,
  type TwoFactorConfirmDialogData,
  type TwoFactorConfirmDialogResult,
} from './two-factor-confirm-dialog.component';
import { RecoveryCodesComponent } from './recovery-codes.component';
import { TotpSetupComponent } from './totp-setup.component';

type View =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'status'; readonly status: TwoFactorStatusResponse }
  | { readonly kind: 'setup'; readonly status: TwoFactorStatusResponse; readonly setup: TwoFactorSetupResponse }
  | { readonly kind: 'codes'; readonly codes: readonly string[] };

/**
 * "Two-step verification" in the person's own settings (agency and client users alike): whether
 * it is on, turning it on (scan, first code, recovery codes), and, unless the agency requires it,
 * turning it off; new recovery codes.
 */
@Component({
  selector: 'atr-two-factor-settings',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    NoticeComponent,
    RecoveryCodesComponent,
    TotpSetupComponent,
  ],
  template: `
    <atr-notice [message]="done()" kind="success" />
    @switch (view().kind) {
      @case ('loading') {
        <div role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Loading two-step verification" />
          <span class="atr-visually-hidden">Loading two-step verification…</span>
        </div>
      }
      @case ('failed') {
        <atr-notice kind="error" [message]="failedMessage()">
          <button mat-stroked-button type="button" (click)="load()">Try again</button>
        </atr-notice>
      }
      @case ('setup') {
        @if (setupOf(); as setup) {
          <div class="atr-stack">
            <atr-totp-setup [setup]="setup" [busy]="busy()" [error]="error()" (confirmed)="enable($event)" />
            <button mat-button type="button" class="action" (click)="cancelSetup()">Cancel</button>
          </div>
        }
      }
      @case ('codes') {
        <atr-recovery-codes [codes]="codesOf()" continueLabel="Done" (done)="load('Two-step verification is on.')" />
      }
      @default {
        @if (status(); as current) {
          <div class="state">
            <mat-icon aria-hidden="true" [class.state__icon--on]="current.enabled">
              {{ current.enabled ? 'verified_user' : 'shield' }}
            </mat-icon>
            <div>
              <p class="state__title">{{ current.enabled ? 'On' : 'Off' }}</p>
              @if (current.enabled) {
                <p class="atr-muted">
                  @if (current.enabledAt) {
                    Since {{ since() }}.
                  }
                  {{ codesLeft() }}
                </p>
              } @else {
                <p class="atr-muted">
                  Turn it on and signing in asks for a code from an app on your phone as well, so a stolen password
                  alone does not let anyone in.
                </p>
              }
            </div>
          </div>
          @if (current.required) {
            <atr-notice
              kind="info"
              [message]="
                current.enabled
                  ? 'Required by your agency: it stays on.'
                  : 'Required by your agency: turn it on now, or you will be asked to at your next sign-in.'
              "
            />
          }
          @if (current.enabled && current.recoveryCodesLeft <= 2) {
            <atr-notice
              kind="warning"
              message="You are running out of recovery codes. Create new ones and keep them safe."
            />
          }
          <atr-notice [message]="error()" kind="error" />
          <div class="actions">
            @if (current.enabled) {
              <button mat-stroked-button type="button" class="action" (click)="confirm('recovery-codes', current)">
                New recovery codes
              </button>
              @if (!current.required) {
                <button mat-stroked-button type="button" class="action" (click)="confirm('disable', current)">
                  Turn off
                </button>
              }
            } @else {
              <button
                mat-flat-button
                type="button"
                class="action"
                [disabled]="busy()"
                [attr.aria-busy]="busy() ? 'true' : null"
                (click)="startSetup(current)"
              >
                Turn on two-step verification
              </button>
            }
          </div>
        }
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .state {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .state mat-icon {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
    .state .state__icon--on {
      color: var(--mat-sys-primary);
    }
    .state p {
      margin: 0;
    }
    .state__title {
      font: var(--mat-sys-title-medium);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .action {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorSettingsComponent implements OnInit {
  private readonly api = inject(TwoFactorApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly view = signal<View>({ kind: 'loading' });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  protected readonly status = computed(() => {
    const view = this.view();
    return view.kind === 'status' ? view.status : null;
  });
  protected readonly setupOf = computed(() => {
    const view = this.view();
    return view.kind === 'setup' ? view.setup : null;
  });
  protected readonly codesOf = computed(() => {
    const view = this.view();
    return view.kind === 'codes' ? view.codes : [];
  });
  protected readonly failedMessage = computed(() => {
    const view = this.view();
    return view.kind === 'failed' ? view.message : null;
  });
  protected readonly since = computed(() => {
    const enabledAt = this.status()?.enabledAt;
    return enabledAt ? fullDateTime(enabledAt, this.auth.me()?.timezone) : '';
  });
  protected readonly codesLeft = computed(() => {
    const left = this.status()?.recoveryCodesLeft ?? 0;
    return `${left} of ${RECOVERY_CODE_COUNT} recovery codes left.`;
  });

  ngOnInit(): void {
    this.load();
  }

  /** Reads the status again; `message` says what just changed. */
  protected load(message: string | null = null): void {
    this.view.set({ kind: 'loading' });
    this.error.set(null);
    this.done.set(message);
    this.api
      .status()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (status) => this.view.set({ kind: 'status', status }),
        error: (error: unknown) => this.view.set({ kind: 'failed', message: toApiError(error).message }),
      });
  }

  protected startSetup(status: TwoFactorStatusResponse): void {
    if (this.busy()) {
      return;
    }
    this.error.set(null);
    this.done.set(null);
    this.busy.set(true);
    this.api
      .setup()
      .pipe(
        finalize(() => this.busy.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (setup) => this.view.set({ kind: 'setup', status, setup }),
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
  }

  protected cancelSetup(): void {
    const view = this.view();
    if (view.kind === 'setup') {
      this.error.set(null);
      this.view.set({ kind: 'status', status: view.status });
    }
  }

  protected enable(code: string): void {
    if (this.busy()) {
      return;
    }
    this.error.set(null);
    this.busy.set(true);
    this.api
      .enable({ code })
      .pipe(
        finalize(() => this.busy.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ recoveryCodes }) => this.view.set({ kind: 'codes', codes: recoveryCodes }),
        error: (error: unknown) => this.error.set(codeRefusal(error)),
      });
  }

  protected confirm(action: TwoFactorConfirmDialogData['action'], status: TwoFactorStatusResponse): void {
    this.done.set(null);
    this.dialog
      .open<TwoFactorConfirmDialogComponent, TwoFactorConfirmDialogData, TwoFactorConfirmDialogResult>(
        TwoFactorConfirmDialogComponent,
        { ...DIALOG_SIZE, data: { action, hasPassword: status.hasPassword } },
      )
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((changed) => {
        if (changed) {
          this.load(
            action === 'disable' ? 'Two-step verification is off.' : 'Your new recovery codes are ready to use.',
          );
        }
      });
  }
}
