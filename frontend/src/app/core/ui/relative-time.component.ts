import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { fullDateTime, relativeTime } from './time';

/** "3 days ago", with the full date (in the user's timezone) in the tooltip and the markup. */
@Component({
  selector: 'atr-relative-time',
  template: `
    @if (value(); as iso) {
      <time [attr.datetime]="iso" [title]="full()">{{ relative() }}</time>
    } @else {
      <span class="atr-muted">{{ never() }}</span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RelativeTimeComponent {
  readonly value = input<string | null>(null);
  readonly timeZone = input<string | null | undefined>(null);
  /** What to say when there is no date. */
  readonly never = input('Never');

  protected readonly relative = computed(() => {
    const iso = this.value();
    return iso ? relativeTime(iso) : '';
  });
  protected readonly full = computed(() => {
    const iso = this.value();
    return iso ? fullDateTime(iso, this.timeZone()) : '';
  });
}
