import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { MediaList } from '../media-list';

/**
 * What a media grid shows until its first page is in: a progress bar while it loads, or why it
 * failed with "Try again". Nothing once the list is ready (the page draws the grid then). The host
 * draws no box of its own (`display: contents`), so the bar and the notice sit in the page's layout
 * as if written there, and a ready list leaves no empty gap.
 */
@Component({
  selector: 'atr-media-list-status',
  imports: [MatButtonModule, MatProgressBarModule, NoticeComponent],
  template: `
    @switch (list().status()) {
      @case ('loading') {
        <div role="status">
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + what()" />
          <span class="atr-visually-hidden">Loading {{ what() }}…</span>
        </div>
      }
      @case ('error') {
        <atr-notice kind="error" [message]="failure() + ' ' + list().error()">
          <button mat-stroked-button type="button" (click)="list().reload()">Try again</button>
        </atr-notice>
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaListStatusComponent {
  readonly list = input.required<MediaList>();
  /** What is loading, as the progress bar names it: "Loading files". */
  readonly what = input('files');
  /** The first sentence of the error, before the server's reason: "We could not load your files." */
  readonly failure = input.required<string>();
}
