import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { PostView } from '@atrium/shared';
import { approvalLabel, postStatus, preview, targetSummary } from '../post-status';
import { PostThumbnailsComponent } from './post-thumbnails.component';

const TIME = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });

/**
 * A post on the calendar: time, account, status (icon, colour and words for screen readers), an
 * image symbol when it carries media and, unless compact, the start of the text and its pictures. Published posts
 * carry a link to the platform.
 */
@Component({
  selector: 'atr-post-chip',
  imports: [MatIconModule, PostThumbnailsComponent],
  template: `
    <button type="button" class="chip__main" [title]="title()" (click)="openPost.emit()">
      <mat-icon class="chip__icon" aria-hidden="true">{{ status().icon }}</mat-icon>
      <span class="chip__time"
        >{{ time() }}<span class="atr-visually-hidden">, {{ status().label }},</span>
        @if (approval(); as waiting) {
          <mat-icon class="chip__approval" aria-hidden="true">{{ waiting.icon }}</mat-icon
          ><span class="atr-visually-hidden">{{ waiting.label }},</span>
        }
        @if (mediaCount() > 0) {
          <mat-icon class="chip__media" aria-hidden="true">image</mat-icon
          ><span class="atr-visually-hidden"
            >with {{ mediaCount() === 1 ? 'an image' : mediaCount() + ' images' }},</span
          >
        }
      </span>
      <span class="chip__account">{{ accounts() }}</span>
      @if (compact()) {
        <span class="atr-visually-hidden">: {{ text() }}</span>
      } @else {
        <span class="chip__text">{{ text() }}</span>
        @if (mediaCount() > 0) {
          <atr-post-thumbnails class="chip__thumbs" [media]="post().media" [size]="32" [decorative]="true" />
        }
        @if (post().status === 'failed' && post().failureReason) {
          <span class="chip__reason">{{ post().failureReason }}</span>
        }
      }
    </button>
    @if (publishedUrl(); as url) {
      <a class="chip__link" [href]="url" target="_blank" rel="noopener noreferrer" [title]="'Open the published post'">
        <mat-icon aria-hidden="true">open_in_new</mat-icon>
        <span class="atr-visually-hidden">Open the published post ({{ accounts() }})</span>
      </a>
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: stretch;
      min-width: 0;
      border-left: 4px solid var(--chip-accent);
      border-radius: var(--mat-sys-corner-small);
      background: var(--chip-bg);
      color: var(--chip-fg);
      font: var(--mat-sys-label-medium);
      --chip-accent: var(--mat-sys-primary);
      --chip-bg: var(--mat-sys-primary-container);
      --chip-fg: var(--mat-sys-on-primary-container);
      /* A crowded week puts hundreds of chips on the page: off-screen ones skip style, layout and
         paint until they scroll near (their last drawn height is kept meanwhile). */
      content-visibility: auto;
      contain-intrinsic-size: auto 56px;
    }
    /* The containment above clips anything drawn outside the chip: the focus ring goes inside. */
    .chip__main:focus-visible,
    .chip__link:focus-visible {
      outline-offset: -3px;
    }
    :host(.status-draft) {
      --chip-accent: var(--mat-sys-outline);
      --chip-bg: var(--mat-sys-surface-container-high);
      --chip-fg: var(--mat-sys-on-surface);
    }
    :host(.status-publishing) {
      --chip-accent: var(--mat-sys-secondary);
      --chip-bg: var(--mat-sys-secondary-container);
      --chip-fg: var(--mat-sys-on-secondary-container);
    }
    :host(.status-published) {
      --chip-bg: var(--mat-sys-surface-container);
      --chip-fg: var(--mat-sys-on-surface);
    }
    :host(.status-failed) {
      --chip-accent: var(--mat-sys-error);
      --chip-bg: var(--mat-sys-error-container);
      --chip-fg: var(--mat-sys-on-error-container);
    }
    :host(.status-cancelled) {
      --chip-accent: var(--mat-sys-outline-variant);
      --chip-bg: var(--mat-sys-surface-container-low);
      --chip-fg: var(--mat-sys-on-surface-variant);
    }
    :host(.status-cancelled) .chip__text {
      text-decoration: line-through;
    }
    :host(.cdk-drag) .chip__main {
      cursor: grab;
    }
    .chip__main {
      display: grid;
      flex: 1 1 auto;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0 4px;
      align-items: center;
      min-width: 0;
      min-height: 32px;
      padding: 4px 6px;
      border: 0;
      background: transparent;
      color: inherit;
      font: inherit;
      text-align: left;
      cursor: pointer;
    }
    .chip__icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
    }
    .chip__time {
      font-weight: 500;
      white-space: nowrap;
    }
    .chip__approval {
      width: 14px;
      height: 14px;
      margin-left: 4px;
      font-size: 14px;
      vertical-align: -2px;
    }
    .chip__media {
      width: 14px;
      height: 14px;
      margin-left: 4px;
      font-size: 14px;
      vertical-align: -2px;
    }
    .chip__thumbs {
      grid-column: 1 / -1;
      margin-top: 2px;
    }
    .chip__account,
    .chip__text,
    .chip__reason {
      grid-column: 1 / -1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .chip__text {
      font: var(--mat-sys-body-small);
    }
    .chip__reason {
      font: var(--mat-sys-body-small);
      font-style: italic;
    }
    .chip__link {
      display: grid;
      flex: none;
      place-items: center;
      width: 32px;
      color: inherit;
    }
    .chip__link mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
  `,
  host: {
    '[class]': "'status-' + post().status",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostChipComponent {
  readonly post = input.required<PostView>();
  /** Month view: time and account only. */
  readonly compact = input(false);
  readonly openPost = output<void>();

  protected readonly status = computed(() => postStatus(this.post().status));
  /** Shown at a glance: waiting for the client, changes asked, or approved. */
  protected readonly approval = computed(() => {
    const approval = this.post().approval;
    return approval ? approvalLabel(approval) : null;
  });
  protected readonly time = computed(() => {
    const at = this.post().scheduledAt ?? this.post().publishedAt;
    return at ? TIME.format(new Date(at)) : 'No date';
  });
  protected readonly accounts = computed(() => targetSummary(this.post()));
  protected readonly mediaCount = computed(() => this.post().media?.length ?? 0);
  protected readonly text = computed(() => preview(this.post().text, 120));
  protected readonly publishedUrl = computed(() =>
    this.post().status === 'published' ? (this.post().targets.find((target) => target.url)?.url ?? null) : null,
  );
  protected readonly title = computed(() => {
    const post = this.post();
    const approval = this.approval();
    const state = approval ? `${this.status().label}, ${approval.label}` : this.status().label;
    return post.status === 'failed' && post.failureReason
      ? `${state}: ${post.failureReason}`
      : `${state} · ${preview(post.text, 100)}`;
  });
}
