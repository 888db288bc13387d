import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ContractStatus } from '@atrium/shared';
import { statusIcon, statusLabel, statusTone } from '../portal/contract-wording';

/** A contract's status as a word in a pill ("Status: Completed" for screen readers); colour only hints. */
@Component({
  selector: 'atr-contract-status-chip',
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
    :host(.tone-stopped) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
  `,
  host: {
    '[class.tone-done]': "tone() === 'done'",
    '[class.tone-stopped]': "tone() === 'stopped'",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractStatusChipComponent {
  readonly status = input.required<ContractStatus>();

  protected readonly label = computed(() => statusLabel(this.status()));
  protected readonly icon = computed(() => statusIcon(this.status()));
  protected readonly tone = computed(() => statusTone(this.status()));
}
