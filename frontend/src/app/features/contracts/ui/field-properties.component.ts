import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { ContractFieldInput } from '@atrium/shared';
import type { FieldEditorRecipient } from './field-editor.types';
import { fieldKindInfo, isAutoFilled, takesLabel } from './field-kinds';
import { RecipientSwatchComponent } from './recipient-swatch.component';

let nextId = 0;

/** The settings of the selected field: whose it is, whether it must be filled, its label and page. */
@Component({
  selector: 'atr-field-properties',
  // Escape from any control of the panel closes it (keys bubble up from the fields inside).
  host: { '(keydown.escape)': 'done.emit()' },
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    RecipientSwatchComponent,
  ],
  template: `
    <section
      class="panel"
      data-testid="field-properties"
      [class.panel--open]="open()"
      [attr.aria-labelledby]="id + '-title'"
    >
      <div class="panel__head">
        <h3 #title class="panel__title" [id]="id + '-title'" tabindex="-1">
          {{ info().label }} <span class="atr-muted">· {{ recipientName() }} · p. {{ field().page + 1 }}</span>
        </h3>
        <button
          mat-icon-button
          type="button"
          class="panel__toggle"
          aria-label="Field settings"
          [attr.aria-expanded]="open()"
          [attr.aria-controls]="id + '-body'"
          (click)="open.set(!open())"
        >
          <mat-icon aria-hidden="true">{{ open() ? 'expand_more' : 'tune' }}</mat-icon>
        </button>
        <button mat-button type="button" (click)="done.emit()">Done</button>
      </div>
      <div class="panel__body" [id]="id + '-body'">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Recipient</mat-label>
          <mat-select
            data-testid="field-recipient-select"
            [value]="field().recipientIndex"
            (valueChange)="patch.emit({ recipientIndex: $event })"
          >
            <mat-select-trigger>{{ recipientName() }}</mat-select-trigger>
            @for (recipient of signers(); track recipient.index) {
              <mat-option [value]="recipient.index">
                <span class="option"><atr-recipient-swatch [index]="recipient.index" />{{ recipient.name }}</span>
              </mat-option>
            }
          </mat-select>
        </mat-form-field>

        @if (autoFilled()) {
          <p class="note">Filled in automatically when they sign.</p>
        } @else {
          <mat-checkbox [checked]="field().required" (change)="patch.emit({ required: $event.checked })">
            {{ field().kind === 'checkbox' ? 'Must be ticked' : 'Required' }}
          </mat-checkbox>
        }

        @if (labelled()) {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Label</mat-label>
            <input
              matInput
              maxlength="120"
              [value]="field().label ?? ''"
              [placeholder]="field().kind === 'checkbox' ? 'I agree to the terms' : 'Job title'"
              (change)="patch.emit({ label: $any($event.target).value.trim() || null })"
            />
            <mat-hint
              >Shown to the signer beside the {{ field().kind === 'checkbox' ? 'checkbox' : 'field' }}.</mat-hint
            >
          </mat-form-field>
        }

        @if (pageCount() > 1) {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Page</mat-label>
            <mat-select [value]="field().page" (valueChange)="patch.emit({ page: $event })">
              @for (page of pages(); track page) {
                <mat-option [value]="page">Page {{ page + 1 }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }

        <button mat-stroked-button type="button" class="panel__delete" (click)="remove.emit()">
          <mat-icon aria-hidden="true">delete</mat-icon>
          Delete field
        </button>
      </div>
    </section>
  `,
  styles: `
    .panel,
    .panel__body {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .panel {
      padding: 8px 8px 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }
    .panel__head {
      display: flex;
      gap: 8px;
      align-items: center;
      justify-content: space-between;
    }
    .panel__title {
      flex: 1 1 auto;
      min-width: 0;
      overflow: hidden;
      font: var(--mat-sys-title-small);
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .panel__body {
      padding-right: 8px;
    }
    .panel__toggle {
      display: none;
    }
    /* On a phone the panel is a bar at the bottom of the screen; the settings open on demand. */
    @container (max-width: 719.98px) {
      .panel {
        padding-bottom: 8px;
        border-radius: var(--mat-sys-corner-large) var(--mat-sys-corner-large) 0 0;
      }
      .panel__toggle {
        display: inline-flex;
      }
      .panel:not(.panel--open) .panel__body {
        display: none;
      }
    }
    .panel__title:focus {
      outline: none;
    }
    .panel__delete {
      align-self: flex-start;
      color: var(--mat-sys-error);
    }
    .option {
      display: inline-flex;
      gap: 8px;
      align-items: center;
    }
    .note {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldPropertiesComponent {
  readonly field = input.required<ContractFieldInput>();
  /** The recipients a field may belong to (signers). */
  readonly signers = input.required<readonly FieldEditorRecipient[]>();
  readonly pageCount = input(1);
  readonly patch = output<Partial<ContractFieldInput>>();
  readonly remove = output<void>();
  /** Done or Escape: back to the field. */
  readonly done = output<void>();

  protected readonly id = `atr-field-properties-${nextId++}`;
  private readonly title = viewChild.required<ElementRef<HTMLElement>>('title');
  protected readonly info = computed(() => fieldKindInfo(this.field().kind));
  protected readonly autoFilled = computed(() => isAutoFilled(this.field().kind));
  protected readonly labelled = computed(() => takesLabel(this.field().kind));
  protected readonly pages = computed(() => Array.from({ length: this.pageCount() }, (_, page) => page));
  protected readonly recipientName = computed(
    () => this.signers().find((recipient) => recipient.index === this.field().recipientIndex)?.name ?? 'No recipient',
  );

  /** On a phone, whether the settings are shown (they always are on wider screens). */
  protected readonly open = signal(false);

  /** Opens the settings and moves focus to them (their heading), for keyboard users coming from the field. */
  focus(): void {
    this.open.set(true);
    this.title().nativeElement.focus();
  }
}
