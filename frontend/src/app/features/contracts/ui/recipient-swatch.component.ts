import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { recipientStyle } from './recipient-style';

/**
 * A recipient's mark: their colour, border pattern and number, the same as on their fields. It is
 * decorative; the recipient's name always stands next to it.
 */
@Component({
  selector: 'atr-recipient-swatch',
  template: `{{ style().badge }}`,
  styles: `
    :host {
      display: inline-grid;
      flex: none;
      place-items: center;
      box-sizing: border-box;
      min-width: 24px;
      height: 24px;
      padding: 0 4px;
      border-width: 3px;
      border-radius: 6px;
      font:
        700 12px/1 Roboto,
        sans-serif;
    }
  `,
  host: {
    'aria-hidden': 'true',
    '[style.color]': 'style().color',
    '[style.border-color]': 'style().color',
    '[style.border-style]': 'style().pattern',
    '[style.background]': 'style().fill',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecipientSwatchComponent {
  /** The recipient's index in the contract's recipient list. */
  readonly index = input.required<number>();
  protected readonly style = computed(() => recipientStyle(this.index()));
}
