import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';

/** The account's picture, or its initial on a tinted disc when there is none (or it fails to load). */
@Component({
  selector: 'atr-account-avatar',
  template: `
    @if (avatarUrl() && !failed()) {
      <img [src]="avatarUrl()" alt="" [width]="size()" [height]="size()" (error)="failed.set(true)" />
    } @else {
      <span aria-hidden="true">{{ initial() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-grid;
      place-items: center;
      flex: none;
      overflow: hidden;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font: var(--mat-sys-title-medium);
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
  `,
  host: {
    '[style.width.px]': 'size()',
    '[style.height.px]': 'size()',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountAvatarComponent {
  readonly name = input.required<string>();
  readonly avatarUrl = input<string | null>(null);
  readonly size = input(40);

  protected readonly failed = signal(false);
  protected readonly initial = computed(() => (this.name().trim()[0] ?? '?').toUpperCase());
}
