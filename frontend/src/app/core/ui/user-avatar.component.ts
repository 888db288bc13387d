import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';

/** "Anna Acme" → "AA": the first letters of the first two words (or of the first `count`). */
export function initialsOf(name: string, count = 2): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, count)
    .map((part) => Array.from(part)[0]?.toUpperCase() ?? '')
    .join('');
}

/**
 * A profile picture (a person's, or a social account's), or initials on a tinted disc when there is none (or it cannot
 * be loaded: the URLs are signed and expire, so `failed` lets the owner ask for a fresh one).
 * Decorative unless given an `alt`: the name is almost always written right beside it.
 */
@Component({
  selector: 'atr-user-avatar',
  template: `
    @if (showImage()) {
      <img [src]="src()" [attr.alt]="alt()" [width]="size()" [height]="size()" (error)="onError()" />
    } @else {
      <span [attr.aria-hidden]="alt() ? null : 'true'" [attr.role]="alt() ? 'img' : null" [attr.aria-label]="alt()">{{
        initials()
      }}</span>
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
      font: var(--mat-sys-label-large);
    }
    :host(.single) {
      font: var(--mat-sys-title-medium);
    }
    :host(.large) {
      font: var(--mat-sys-title-large);
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
    '[class.single]': 'letters() === 1',
    '[class.large]': 'size() >= 56',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserAvatarComponent {
  readonly name = input.required<string>();
  readonly src = input<string | null | undefined>(null);
  readonly size = input(32);
  /** Text for screen readers; empty = decorative. */
  readonly alt = input('');
  /** Two initials for people; one letter for accounts, whose names are often one word or a brand. */
  readonly letters = input<1 | 2>(2);
  readonly failed = output<string>();

  private readonly failedSrc = signal<string | null>(null);
  protected readonly initials = computed(() => initialsOf(this.name(), this.letters()) || '?');
  protected readonly showImage = computed(() => {
    const src = this.src();
    return !!src && src !== this.failedSrc();
  });

  protected onError(): void {
    const src = this.src();
    if (src) {
      this.failedSrc.set(src);
      this.failed.emit(src);
    }
  }
}
