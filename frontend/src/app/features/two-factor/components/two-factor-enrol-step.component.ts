import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MeResponse, TwoFactorChallengeResponse, TwoFactorSetupResponse } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService, type EnrolledSignIn } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { TwoFactorApi } from '../data-access/two-factor.api';
import { challengeIsOver, codeRefusal } from '../two-factor-code';
import { SIGN_IN_EXPIRED_MESSAGE } from './two-factor-code-step.component';
import { RecoveryCodesComponent } from './recovery-codes.component';
import { TotpSetupComponent } from './totp-setup.component';

type Step =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'scan'; readonly setup: TwoFactorSetupResponse }
  | { readonly kind: 'codes'; readonly enrolled: EnrolledSignIn };

/**
 * The sign-in of someone whose agency requires two-step verification and who has none yet: set it
 * up (scan, first code), keep the recovery codes, and only then go on into the app or portal.
 */
@Component({
  selector: 'atr-two-factor-enrol-step',
  imports: [MatButtonModule, MatProgressBarModule, NoticeComponent, RecoveryCodesComponent, TotpSetupComponent],
  template: `
    <div class="atr-auth-heading">
      <h1>Set up two-step verification</h1>
      @if (step().kind === 'codes') {
        <p>Two-step verification is on. One last thing: keep your recovery codes.</p>
      } @else {
        <p>
          Your agency requires two-step verification. From now on, signing in asks for your password and a code from an
          app on your phone. It takes a minute to set up.
        </p>
      }
    </div>

    @switch (step().kind) {
      @case ('loading') {
        <div role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Preparing your setup" />
          <span class="atr-visually-hidden">Preparing your setup…</span>
        </div>
      }
      @case ('failed') {
        <atr-notice kind="error" [message]="failedMessage()">
          <button mat-stroked-button type="button" (click)="load()">Try again</button>
        </atr-notice>
      }
      @case ('scan') {
        @if (setupOf(); as setup) {
          <atr-totp-setup
            [setup]="setup"
            [busy]="checking()"
            [error]="codeError()"
            submitLabel="Turn on and continue"
            (confirmed)="finish($event)"
          />
        }
      }
      @case ('codes') {
        @if (enrolledOf(); as enrolled) {
          <atr-recovery-codes [codes]="enrolled.recoveryCodes" (done)="signedIn.emit(enrolled.me)" />
        }
      }
    }

    @if (step().kind !== 'codes') {
      <div class="atr-auth-links">
        <button mat-button type="button" class="link" (click)="restart.emit(null)">Back to sign in</button>
      </div>
    }
  `,
  styles: `
    .link {
      min-height: 44px;
      padding-inline: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorEnrolStepComponent implements OnInit {
  private readonly api = inject(TwoFactorApi);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  readonly challenge = input.required<TwoFactorChallengeResponse>();
  /** Set up, recovery codes saved: the session is open. */
  readonly signedIn = output<MeResponse>();
  /** Back to the first step, with why (the challenge expired) or without (the person chose to). */
  readonly restart = output<string | null>();

  protected readonly step = signal<Step>({ kind: 'loading' });
  protected readonly checking = signal(false);
  protected readonly codeError = signal<string | null>(null);
  private readonly startedAt = Date.now();

  protected readonly setupOf = computed(() => {
    const step = this.step();
    return step.kind === 'scan' ? step.setup : null;
  });
  protected readonly enrolledOf = computed(() => {
    const step = this.step();
    return step.kind === 'codes' ? step.enrolled : null;
  });
  protected readonly failedMessage = computed(() => {
    const step = this.step();
    return step.kind === 'failed' ? step.message : null;
  });

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.step.set({ kind: 'loading' });
    this.api
      .startSignInEnrolment(this.challenge().challengeToken)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (setup) => this.step.set({ kind: 'scan', setup }),
        error: (error: unknown) => {
          if (this.isOver(error)) {
            this.restart.emit(SIGN_IN_EXPIRED_MESSAGE);
            return;
          }
          this.step.set({ kind: 'failed', message: toApiError(error).message });
        },
      });
  }

  protected finish(code: string): void {
    if (this.checking()) {
      return;
    }
    this.codeError.set(null);
    this.checking.set(true);
    this.auth
      .finishTwoFactorEnrolment({ challengeToken: this.challenge().challengeToken, code })
      .pipe(finalize(() => this.checking.set(false)))
      .subscribe({
        next: (enrolled) => this.step.set({ kind: 'codes', enrolled }),
        error: (error: unknown) => {
          if (this.isOver(error)) {
            this.restart.emit(SIGN_IN_EXPIRED_MESSAGE);
            return;
          }
          this.codeError.set(codeRefusal(error));
        },
      });
  }

  private isOver(error: unknown): boolean {
    return challengeIsOver(error, this.startedAt + this.challenge().expiresIn * 1000);
  }
}
