import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { AccountHealth } from '@atrium/shared';

const DATE = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' });

/** Whether an account still works: an icon and words, never colour alone. */
@Component({
  selector: 'atr-account-health',
  imports: [MatIconModule],
  template: `<mat-icon aria-hidden="true">{{ chip().icon }}</mat-icon
    ><span>{{ chip().label }}</span>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: var(--mat-sys-corner-full);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
    :host(.tone-connected) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.tone-expiring) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host(.tone-needs_reconnect) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  host: {
    '[class]': "'tone-' + health()",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountHealthComponent {
  readonly health = input.required<AccountHealth>();
  readonly expiresAt = input<string | null>(null);

  protected readonly chip = computed(() => {
    switch (this.health()) {
      case 'expiring': {
        const iso = this.expiresAt();
        const date = iso ? new Date(iso) : null;
        return {
          icon: 'schedule',
          label: date && !Number.isNaN(date.getTime()) ? `Expires ${DATE.format(date)}` : 'Expires soon',
        };
      }
      case 'needs_reconnect':
        return { icon: 'link_off', label: 'Needs reconnect' };
      default:
        return { icon: 'check_circle', label: 'Connected' };
    }
  });
}
