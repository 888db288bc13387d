import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MemberStatus } from '@atrium/shared';
import { statusChip } from '../member-status';

/** The status of a person in a user list: a coloured dot and the word (never colour alone). */
@Component({
  selector: 'atr-status-chip',
  template: `<span class="dot" aria-hidden="true"></span><span class="label">{{ chip().label }}</span>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 10px 2px 8px;
      border-radius: var(--mat-sys-corner-full);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }
    :host(.tone-pending) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host(.tone-positive) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.tone-warning) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  host: {
    '[class]': "'tone-' + chip().tone",
    '[attr.title]': 'chip().description',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChipComponent {
  readonly status = input.required<MemberStatus>();
  protected readonly chip = computed(() => statusChip(this.status()));
}
