import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * The submit row that ends the profile, email and password forms: disabled and aria-busy while
 * the save runs, and still focusable then (aria-disabled), so focus stays on it after saving. Not the shared atr-submit-button: in these cards the button keeps its natural
 * width and shows no spinner.
 */
@Component({
  selector: 'atr-settings-submit-button',
  imports: [MatButtonModule],
  template: `
    <button
      mat-flat-button
      type="submit"
      [disabled]="busy()"
      [disabledInteractive]="true"
      (click)="ignoreWhileDisabled($event)"
      [attr.aria-busy]="busy() ? 'true' : null"
    >
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

  /** A focusable disabled button still fires clicks (and Enter in a field clicks it): no second submit. */
  protected ignoreWhileDisabled(event: Event): void {
    if (this.busy()) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }
}
