import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/**
 * The submit button of a form: disabled while the request runs, with a spinner beside a label
 * that stays the same (so its accessible name does not change under the user). It stays focusable
 * while disabled (aria-disabled, clicks ignored): a natively disabled button would drop the
 * keyboard user's focus to the page body.
 */
@Component({
  selector: 'atr-submit-button',
  imports: [MatButtonModule, MatProgressSpinnerModule],
  template: `
    <button
      mat-flat-button
      type="submit"
      class="atr-full-width"
      [disabled]="busy() || disabled()"
      [disabledInteractive]="true"
      (click)="ignoreWhileDisabled($event)"
      [attr.aria-busy]="busy() ? 'true' : null"
    >
      @if (busy()) {
        <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
      }
      <ng-content />
    </button>
  `,
  styles: `
    :host {
      display: block;
    }
    button {
      min-height: 44px;
    }
    mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubmitButtonComponent {
  readonly busy = input(false);
  readonly disabled = input(false);

  /** A focusable disabled button still fires clicks (and Enter in a field clicks it): no second submit. */
  protected ignoreWhileDisabled(event: Event): void {
    if (this.busy() || this.disabled()) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }
}
