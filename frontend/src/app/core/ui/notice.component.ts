import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

export type NoticeKind = 'error' | 'info' | 'success' | 'warning';

const ICONS: Record<NoticeKind, string> = {
  error: 'error',
  info: 'info',
  success: 'check_circle',
  warning: 'warning',
};

/**
 * A banner whose live region exists before its text does, so screen readers announce the text
 * when it appears: errors as an alert, everything else politely.
 */
@Component({
  selector: 'atr-notice',
  imports: [MatIconModule],
  template: `
    @if (message(); as text) {
      <div [class]="'notice notice--' + kind()">
        <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
        <div class="notice__body">
          <span>{{ text }}</span>
          <ng-content />
        </div>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .notice {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      font: var(--mat-sys-body-medium);
      /* Actions in a notice (Try again, Review, View invoices…) take the notice's text colour: a
         brand's primary colour can be unreadable on the notice's container (a pale yellow brand). */
      --mat-button-outlined-label-text-color: currentColor;
      --mat-button-text-label-text-color: currentColor;
    }
    .notice mat-icon {
      flex: none;
    }
    .notice__body {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .notice--error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .notice--info,
    .notice--success {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .notice--warning {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
  host: {
    '[attr.role]': "kind() === 'error' ? 'alert' : 'status'",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeComponent {
  readonly message = input<string | null>(null);
  readonly kind = input<NoticeKind>('error');
  protected readonly icon = computed(() => ICONS[this.kind()]);
}
