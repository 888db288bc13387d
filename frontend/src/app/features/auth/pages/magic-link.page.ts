import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { WEB_PATHS, type MeResponse, type TwoFactorChallengeResponse } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { resolveReturnUrl } from '../../../core/auth/return-url';
import { BrandService } from '../../../core/branding/brand.service';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { TwoFactorSignInComponent } from '../../two-factor/components/two-factor-sign-in.component';

/**
 * `/magic-link?token=…` [003]. Opening the link only shows this page: mail scanners fetch links
 * before the person does, so the single-use token is spent by the "Sign in" click alone.
 */
@Component({
  selector: 'atr-magic-link-page',
  imports: [MatButtonModule, RouterLink, NoticeComponent, TwoFactorSignInComponent],
  template: `
    @if (challenge(); as pending) {
      <atr-two-factor-sign-in [challenge]="pending" (signedIn)="enter($event)" (restart)="restart($event)" />
    } @else {
      <div class="atr-auth-heading">
        <h1>Sign in to your portal</h1>
        <p>This one-time link signs you in without a password.</p>
      </div>

      <div class="atr-stack">
        @if (!token()) {
          <atr-notice
            kind="warning"
            message="This sign-in link is incomplete. Open the link from the email or message again, or sign in with your password."
          >
            <a [routerLink]="loginPath()" [queryParams]="loginQuery()">Go to sign in</a>
          </atr-notice>
        } @else if (error(); as message) {
          <atr-notice kind="error" [message]="message">
            <span>Sign-in links work once and only for a while. Ask for a new one, or sign in with your password.</span>
            <a [routerLink]="loginPath()" [queryParams]="loginQuery()">Go to sign in</a>
          </atr-notice>
        } @else {
          <button
            mat-flat-button
            type="button"
            class="sign-in"
            [disabled]="signingIn()"
            [attr.aria-busy]="signingIn() ? 'true' : null"
            (click)="signIn()"
          >
            Sign in
          </button>
        }
      </div>
    }
  `,
  styles: `
    .sign-in {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MagicLinkPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  readonly token = input<string | undefined>();
  /** Where the link leads after signing in (a contract email opens its contract); own side only. */
  readonly returnUrl = input<string | undefined>();

  private readonly brands = inject(BrandService);
  /** Links that stay on the agency's sign-in address when the page is on one. */
  protected readonly loginPath = computed(() => this.brands.signInPath(WEB_PATHS.login));
  /** Sign-in keeps the destination, so a spent contract link still ends on its contract. */
  protected readonly loginQuery = computed(() => {
    const returnUrl = this.returnUrl();
    return returnUrl ? { returnUrl } : null;
  });
  protected readonly signingIn = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The link was good and a second step is asked for (a code, or setting it up). */
  protected readonly challenge = signal<TwoFactorChallengeResponse | null>(null);

  protected signIn(): void {
    const token = this.token();
    if (!token || this.signingIn()) {
      return;
    }
    this.signingIn.set(true);
    this.auth
      .signInWithMagicLink({ token })
      .pipe(finalize(() => this.signingIn.set(false)))
      .subscribe({
        next: (outcome) => {
          if (outcome.kind === 'two-factor') {
            this.challenge.set(outcome.challenge);
          } else {
            this.enter(outcome.me);
          }
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          // A validation failure (a mangled token) reads like any other dead link.
          this.error.set(apiError.details?.length ? 'This sign-in link is not valid.' : apiError.message);
        },
      });
  }

  protected enter(me: MeResponse): void {
    void this.router.navigateByUrl(resolveReturnUrl(this.returnUrl(), me.audience));
  }

  /**
   * Back from the second step. The link is spent by now, so what is left is signing in again:
   * the sign-in page, or, when the step expired, the page's notice saying so with a way there.
   */
  protected restart(message: string | null): void {
    this.challenge.set(null);
    if (message) {
      this.error.set(message);
    } else {
      void this.router.navigate([this.loginPath()], { queryParams: this.loginQuery() });
    }
  }
}
