import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { statusIcon, statusLabel, statusTone, type BillingAudience, type ShownStatus } from '../billing-wording';

/** An invoice's status as a word in a pill ("Status: Overdue" for screen readers); colour only hints. */
@Component({
  selector: 'atr-invoice-status-chip',
  imports: [MatIconModule],
  template: `
    <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
    <span><span class="atr-visually-hidden">Status: </span>{{ label() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 4px;
      align-items: center;
      padding: 2px 10px 2px 8px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    :host(.tone-done) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.tone-alert) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    :host(.tone-muted) {
      background: var(--mat-sys-surface-container);
      color: var(--mat-sys-on-surface-variant);
    }
    mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
  `,
  host: {
    '[class.tone-done]': "tone() === 'done'",
    '[class.tone-alert]': "tone() === 'alert'",
    '[class.tone-muted]': "tone() === 'muted'",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvoiceStatusChipComponent {
  readonly status = input.required<ShownStatus>();
  readonly audience = input<BillingAudience>('agency');

  protected readonly label = computed(() => statusLabel(this.status(), this.audience()));
  protected readonly icon = computed(() => statusIcon(this.status()));
  protected readonly tone = computed(() => statusTone(this.status()));
}
