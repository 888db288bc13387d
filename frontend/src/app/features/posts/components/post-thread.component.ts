import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { PostCommentKind, PostCommentView } from '@atrium/shared';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';

const KIND: Record<PostCommentKind, { icon: string; label: string } | null> = {
  comment: null,
  note: { icon: 'lock', label: 'Note for the agency only' },
  submitted: { icon: 'send', label: 'Sent for approval' },
  approved: { icon: 'check_circle', label: 'Approved' },
  changes_requested: { icon: 'rate_review', label: 'Asked for changes' },
};

/**
 * A post's thread, oldest first, the same in the workspace and the portal: who wrote, when, and
 * what; decisions carry their symbol and words. Bodies are plain text (never HTML), line breaks kept.
 */
@Component({
  selector: 'atr-post-thread',
  imports: [MatIconModule, RelativeTimeComponent],
  template: `
    @if (items().length === 0) {
      <p class="atr-muted empty">No messages yet.</p>
    } @else {
      <ol class="thread">
        @for (item of items(); track item.id) {
          <li
            class="message"
            [class.message--note]="item.kind === 'note'"
            [class.message--client]="item.authorSide === 'client'"
          >
            <div class="message__head">
              @if (kind(item.kind); as decision) {
                <mat-icon aria-hidden="true">{{ decision.icon }}</mat-icon>
              }
              <span class="message__author">{{ item.authorName }}</span>
              @if (kind(item.kind); as decision) {
                <span class="message__kind">{{ item.kind === 'submitted' ? item.body : decision.label }}</span>
              }
              <atr-relative-time class="message__time" [value]="item.createdAt" [timeZone]="timeZone()" />
            </div>
            @if (item.body && !(item.kind === 'submitted' || (item.kind === 'approved' && item.body === 'Approved.'))) {
              <p class="message__body">{{ item.body }}</p>
            }
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .thread {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .message {
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container);
    }
    .message--client {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .message--note {
      border: 1px dashed var(--mat-sys-outline);
      background: var(--mat-sys-surface);
    }
    .message__head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: center;
      font: var(--mat-sys-label-large);
      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
      }
    }
    .message__kind,
    .message__time {
      font: var(--mat-sys-body-small);
    }
    .message__time {
      margin-left: auto;
    }
    .message__body {
      margin: 4px 0 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .empty {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostThreadComponent {
  readonly items = input.required<readonly PostCommentView[]>();
  readonly timeZone = input<string | null>(null);

  protected kind(kind: PostCommentKind) {
    return KIND[kind];
  }
}
