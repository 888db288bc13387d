import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { MeResponse, TwoFactorChallengeResponse } from '@atrium/shared';
import { TwoFactorCodeStepComponent } from './two-factor-code-step.component';
import { TwoFactorEnrolStepComponent } from './two-factor-enrol-step.component';

/**
 * The second step of any sign-in (password, magic link, accepted invitation) when it answered a
 * challenge: a code, or setting two-step verification up. The page that signed in carries on with
 * `signedIn` exactly as after a sign-in without it.
 */
@Component({
  selector: 'atr-two-factor-sign-in',
  imports: [TwoFactorCodeStepComponent, TwoFactorEnrolStepComponent],
  template: `
    @if (challenge().twoFactor === 'enrol') {
      <atr-two-factor-enrol-step
        [challenge]="challenge()"
        (signedIn)="signedIn.emit($event)"
        (restart)="restart.emit($event)"
      />
    } @else {
      <atr-two-factor-code-step
        [challenge]="challenge()"
        (signedIn)="signedIn.emit($event)"
        (restart)="restart.emit($event)"
      />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorSignInComponent {
  readonly challenge = input.required<TwoFactorChallengeResponse>();
  readonly signedIn = output<MeResponse>();
  /** Back to the first step; the text says why when it was not the person's choice. */
  readonly restart = output<string | null>();
}
