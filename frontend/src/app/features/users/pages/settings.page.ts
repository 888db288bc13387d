import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { AuthService } from '../../../core/auth/auth.service';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { MessageEmailSettingsComponent } from '../../messages/components/message-email-settings.component';
import { TwoFactorSettingsComponent } from '../../two-factor/components/two-factor-settings.component';
import { AvatarFormComponent } from '../components/avatar-form.component';
import { EmailFormComponent } from '../components/email-form.component';
import { PasswordFormComponent } from '../components/password-form.component';
import { ProfileFormComponent } from '../components/profile-form.component';

/**
 * The signed-in person's own settings [000]: profile (name, time zone), picture, email (re-verified),
 * password and two-step verification. One page for both audiences: Settings in the portal, Profile settings in the
 * workspace (where "settings" otherwise means the agency's).
 */
@Component({
  selector: 'atr-settings-page',
  imports: [
    AvatarFormComponent,
    EmailFormComponent,
    MessageEmailSettingsComponent,
    PasswordFormComponent,
    ProfileFormComponent,
    TwoFactorSettingsComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>{{ heading() }}</h1>
          <p class="atr-muted">How you appear, how you sign in, and the time zone your dates are shown in.</p>
        </div>
      </header>

      <section class="setting" aria-labelledby="settings-profile-title">
        <div class="setting__intro">
          <h2 id="settings-profile-title">Profile</h2>
          <p class="atr-muted">Your name as others see it, and the time zone your dates and times are shown in.</p>
        </div>
        <div class="card">
          <atr-profile-form />
        </div>
      </section>

      <section class="setting" aria-labelledby="settings-picture-title">
        <div class="setting__intro">
          <h2 id="settings-picture-title">Profile picture</h2>
          <p class="atr-muted">Shown beside your name. A square image works best.</p>
        </div>
        <div class="card">
          <atr-avatar-form />
        </div>
      </section>

      <section class="setting" aria-labelledby="settings-email-title">
        <div class="setting__intro">
          <h2 id="settings-email-title">Email</h2>
          <p class="atr-muted">
            Where we write to you and what you sign in with. A new address is confirmed before it is used.
          </p>
        </div>
        <div class="card">
          <atr-email-form />
        </div>
      </section>

      @if (showMessageEmails()) {
        <section class="setting" aria-labelledby="settings-message-emails-title">
          <div class="setting__intro">
            <h2 id="settings-message-emails-title">Message emails</h2>
            <p class="atr-muted">When we email you about messages you have not read yet.</p>
          </div>
          <div class="card">
            <atr-message-email-settings />
          </div>
        </section>
      }

      <section class="setting" aria-labelledby="settings-password-title">
        <div class="setting__intro">
          <h2 id="settings-password-title">Password</h2>
          <p class="atr-muted">Change the password you sign in with. Your other sessions are signed out.</p>
        </div>
        <div class="card">
          <atr-password-form />
        </div>
      </section>

      <section class="setting" aria-labelledby="settings-two-factor-title">
        <div class="setting__intro">
          <h2 id="settings-two-factor-title">Two-step verification</h2>
          <p class="atr-muted">A code from an app on your phone, asked for after your password or sign-in link.</p>
        </div>
        <div class="card">
          <atr-two-factor-settings />
        </div>
      </section>
    </div>
  `,
  styles: `
    /* Phones and narrow windows: each section's title, then its card. Wide screens: the title and
       what it is for on the left, the form on the right, so the page uses the width it has. */
    .setting {
      display: grid;
      gap: 8px 32px;
    }
    @media (min-width: 900px) {
      .setting {
        grid-template-columns: minmax(200px, 1fr) minmax(0, 2fr);
        align-items: start;
      }
      .setting + .setting {
        padding-top: 24px;
        border-top: 1px solid var(--mat-sys-outline-variant);
      }
    }
    .setting__intro p {
      margin: 4px 0 0;
    }
    .card {
      max-width: 720px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    @media (min-width: 600px) {
      .card {
        padding: 24px;
      }
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  /** From the route's data: "Settings" in the portal, "Profile settings" in the workspace. */
  readonly heading = input('Settings');

  private readonly auth = inject(AuthService);
  /** Agency people always have messages; client people when one of their clients has Messages. */
  protected readonly showMessageEmails = computed(() => {
    const me = this.auth.me();
    if (!me) return false;
    return me.audience !== 'client' || me.clients.some((client) => client.permissions.includes('messages.use'));
  });
}
