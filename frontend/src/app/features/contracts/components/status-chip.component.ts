import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ContractStatus } from '@atrium/shared';
import { statusChip } from '../contract-status';

/** A contract's status: icon and words, tinted by how it stands. */
@Component({
  selector: 'atr-contract-status',
  imports: [MatIconModule],
  template: `<span class="chip" [class]="'chip chip--' + chip().tone"
    ><mat-icon aria-hidden="true">{{ chip().icon }}</mat-icon
    >{{ chip().label }}</span
  >`,
  styles: `
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      white-space: nowrap;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .chip--good {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .chip--bad {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .chip--busy {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractStatusComponent {
  readonly status = input.required<ContractStatus>();
  protected readonly chip = computed(() => statusChip(this.status()));
}
