import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { MediaList } from '../media-list';

/**
 * "Load more" under a media grid, with the error of the last attempt above it. The host draws no
 * box of its own (`display: contents`): the notice and the button take their place in the
 * surrounding layout as if written there.
 */
@Component({
  selector: 'atr-load-more',
  imports: [MatButtonModule, NoticeComponent],
  template: `
    <atr-notice [message]="list().moreError()" kind="error" />
    @if (list().hasMore()) {
      <button
        mat-stroked-button
        type="button"
        class="more"
        [class.more--page]="placement() === 'page'"
        [class.more--dialog]="placement() === 'dialog'"
        [disabled]="list().loadingMore()"
        [attr.aria-busy]="list().loadingMore() ? 'true' : null"
        (click)="list().loadMore()"
      >
        Load more
      </button>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    /* A page's column: centred, with a 44 px touch target. */
    .more--page {
      align-self: center;
      min-height: 44px;
    }
    /* A dialog's compact flow: at the start, a little below the grid. */
    .more--dialog {
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadMoreComponent {
  readonly list = input.required<MediaList>();
  readonly placement = input<'page' | 'dialog'>('page');
}
