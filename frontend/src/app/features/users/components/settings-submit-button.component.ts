import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * The submit row that ends the profile, email and password forms: disabled and aria-busy while
 * the save runs. Not the shared atr-submit-button: in these cards the button keeps its natural
 * width and shows no spinner.
 */
@Component({
  selector: 'atr-settings-submit-button',
  imports: [MatButtonModule],
  template: `
    <button mat-flat-button type="submit" [disabled]="busy()" [attr.aria-busy]="busy() ? 'true' : null">
      <ng-content />
    </button>
  `,
  styles: `
    :host {
      display: block;
      margin-top: 12px;
    }
    button {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsSubmitButtonComponent {
  readonly busy = input(false);
}
