import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { normalizeHex } from '../brand-draft';

/**
 * A brand colour: the system colour picker beside a hex field, both editing the same value. The
 * field is what keyboard and screen-reader users (and anyone pasting a brand guide's hex) use.
 */
@Component({
  selector: 'atr-color-field',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ReactiveFormsModule],
  template: `
    <div class="color-field">
      <input
        type="color"
        class="color-field__swatch"
        [value]="swatch()"
        [disabled]="control().disabled"
        [attr.aria-label]="'Pick ' + label().toLowerCase() + ' from a palette'"
        (input)="picked($event)"
      />
      <mat-form-field class="color-field__hex" subscriptSizing="dynamic">
        <mat-label>{{ label() }}</mat-label>
        <input
          matInput
          [formControl]="control()"
          [required]="required()"
          autocomplete="off"
          spellcheck="false"
          maxlength="7"
          placeholder="#3f51b5"
          (blur)="tidy()"
        />
        <mat-hint>{{ hint() }}</mat-hint>
        @if (control().hasError('required')) {
          <mat-error>Enter a colour like #3f51b5.</mat-error>
        } @else if (control().hasError('hexColor')) {
          <mat-error>Use a colour like #3f51b5: # and six digits or letters a to f.</mat-error>
        } @else if (control().hasError('server')) {
          <mat-error>{{ control().getError('server') }}</mat-error>
        }
      </mat-form-field>
      @if (clearable() && value() && control().enabled) {
        <button mat-button type="button" class="color-field__clear" (click)="clear()">
          Remove<span class="atr-visually-hidden"> {{ label().toLowerCase() }}</span>
        </button>
      }
    </div>
  `,
  styles: `
    .color-field {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .color-field__swatch {
      flex: none;
      width: 56px;
      height: 56px;
      padding: 4px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface);
      cursor: pointer;
    }
    .color-field__swatch:focus-visible {
      outline: 3px solid var(--atr-focus-ring);
      outline-offset: 2px;
    }
    .color-field__swatch:disabled {
      cursor: default;
    }
    .color-field__hex {
      flex: 1 1 auto;
      min-width: 0;
    }
    .color-field__clear {
      min-height: 44px;
      margin-top: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ColorFieldComponent {
  readonly control = input.required<FormControl<string>>();
  /** The control's current value (the page's draft), so the swatch follows the typing. */
  readonly value = input.required<string>();
  readonly label = input.required<string>();
  readonly hint = input('');
  readonly required = input(false);
  /** An optional colour (the accent) can be removed. */
  readonly clearable = input(false);

  /** The picker needs a full colour; while one is being typed it shows the nearest thing to it. */
  protected readonly swatch = computed(() => normalizeHex(this.value()) ?? '#ffffff');

  protected picked(event: Event): void {
    const control = this.control();
    control.setValue((event.target as HTMLInputElement).value.toLowerCase());
    control.markAsDirty();
  }

  protected tidy(): void {
    const control = this.control();
    const hex = normalizeHex(control.value);
    if (hex && hex !== control.value) control.setValue(hex);
  }

  protected clear(): void {
    const control = this.control();
    control.setValue('');
    control.markAsDirty();
  }
}
