import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { AvatarFormComponent } from '../components/avatar-form.component';
import { EmailFormComponent } from '../components/email-form.component';
import { PasswordFormComponent } from '../components/password-form.component';
import { ProfileFormComponent } from '../components/profile-form.component';

/**
 * The signed-in person's own settings [000]: profile (name, time zone), picture, email (re-verified)
 * and password. One page for both audiences: Settings in the portal, Profile settings in the
 * workspace (where "settings" otherwise means the agency's).
 */
@Component({
  selector: 'atr-settings-page',
  imports: [AvatarFormComponent, EmailFormComponent, PasswordFormComponent, ProfileFormComponent],
  providers: [OUTLINED_FIELDS],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>{{ heading() }}</h1>
          <p class="atr-muted">How you appear, how you sign in, and the time zone your dates are shown in.</p>
        </div>
      </header>

      <section class="card" aria-labelledby="settings-profile-title">
        <h2 id="settings-profile-title">Profile</h2>
        <atr-profile-form />
      </section>

      <section class="card" aria-labelledby="settings-picture-title">
        <h2 id="settings-picture-title">Profile picture</h2>
        <atr-avatar-form />
      </section>

      <section class="card" aria-labelledby="settings-email-title">
        <h2 id="settings-email-title">Email</h2>
        <atr-email-form />
      </section>

      <section class="card" aria-labelledby="settings-password-title">
        <h2 id="settings-password-title">Password</h2>
        <atr-password-form />
      </section>
    </div>
  `,
  styles: `
    .card {
      max-width: 640px;
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
      margin-bottom: 16px;
      font: var(--mat-sys-title-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  /** From the route's data: "Settings" in the portal, "Profile settings" in the workspace. */
  readonly heading = input('Settings');
}
