import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { settingsFor } from '../../../core/auth/return-url';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SettingsApi } from '../../users/data-access/settings.api';
import { LinkConfirmation } from '../link-confirmation';

/**
 * The link sent to a new email address. Opening it only shows this page; the token is spent by the
 * button (mail scanners fetch links before the person does, SPEC §5). Works signed out too.
 */
@Component({
  selector: 'atr-confirm-email-change-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, NoticeComponent],
  template: `
    @if (confirmation.state() === 'confirmed') {
      <section class="atr-stack" aria-labelledby="changed-title">
        <mat-icon class="done-icon" aria-hidden="true">mark_email_read</mat-icon>
        <h1 id="changed-title">Your email address is changed</h1>
        <atr-notice kind="success" [message]="doneMessage()" />
        @if (signedIn()) {
          <a mat-flat-button [routerLink]="homeUrl()">Continue</a>
        } @else {
          <a mat-flat-button [routerLink]="paths.login">Sign in with the new address</a>
        }
      </section>
    } @else {
      <div class="atr-auth-heading">
        <h1>Confirm your new email</h1>
        <p>Your sign-in email changes to this address once you confirm. The old one stops working for signing in.</p>
      </div>
      @if (token()) {
        <div class="atr-stack">
          <atr-notice [message]="confirmation.error()" kind="error" />
          @if (confirmation.state() !== 'failed') {
            <button
              mat-flat-button
              type="button"
              [disabled]="confirmation.state() === 'confirming'"
              [attr.aria-busy]="confirmation.state() === 'confirming' ? 'true' : null"
              (click)="confirm()"
            >
              Confirm new email
            </button>
          } @else {
            <p class="atr-muted hint">
              Links work once and not for long. Ask for a new one from your settings: enter the new address again.
            </p>
          }
        </div>
      } @else {
        <atr-notice
          kind="warning"
          message="This confirmation link is incomplete. Open the link from the email again, or start the change again in your settings."
        />
      }
      <nav class="atr-auth-links" aria-label="Account">
        @if (signedIn()) {
          <a [routerLink]="settingsUrl()">Go to your settings</a>
          <a [routerLink]="homeUrl()">Back to your workspace</a>
        } @else {
          <a [routerLink]="paths.login">Back to sign in</a>
        }
      </nav>
    }
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .done-icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    .hint {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmEmailChangePage {
  private readonly api = inject(SettingsApi);
  private readonly auth = inject(AuthService);

  readonly token = input<string | undefined>();

  protected readonly paths = WEB_PATHS;
  protected readonly confirmation = new LinkConfirmation((token) => this.api.confirmEmailChange({ token }));
  protected readonly doneMessage = signal('Use the new address the next time you sign in.');
  protected readonly signedIn = this.auth.isSignedIn;
  protected readonly homeUrl = this.auth.homeUrl;
  protected readonly settingsUrl = computed(() => settingsFor(this.auth.me()?.audience ?? 'client'));

  protected confirm(): void {
    this.confirmation.confirm(this.token(), (response) => {
      if (response.message) {
        this.doneMessage.set(response.message);
      }
    });
  }
}
