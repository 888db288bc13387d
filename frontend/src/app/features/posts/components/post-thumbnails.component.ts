import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

export interface PostThumbnail {
  readonly id: string;
  readonly thumbnailUrl: string | null;
}

/**
 * The pictures a post carries, as small squares (the first few, then "+N"), on calendar cards in
 * the workspace and the portal and on the portal dashboard. A file without a preview, or whose
 * signed preview has expired, shows an image symbol instead.
 */
@Component({
  selector: 'atr-post-thumbnails',
  imports: [MatIconModule],
  template: `
    @for (media of shown(); track media.id; let index = $index) {
      @if (media.thumbnailUrl && !failed().has(media.id)) {
        <img
          [src]="media.thumbnailUrl"
          [alt]="decorative() ? '' : 'Picture ' + (index + 1) + ' of ' + media.total"
          [width]="size()"
          [height]="size()"
          loading="lazy"
          (error)="markFailed(media.id)"
        />
      } @else {
        <span
          class="file"
          [attr.role]="decorative() ? null : 'img'"
          [attr.aria-label]="decorative() ? null : 'Picture ' + (index + 1) + ' of ' + media.total"
        >
          <mat-icon aria-hidden="true">image</mat-icon>
        </span>
      }
    }
    @if (more() > 0) {
      <span class="more" [attr.aria-hidden]="decorative() ? 'true' : null"
        >+{{ more() }}<span class="atr-visually-hidden"> more</span></span
      >
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      align-items: center;
    }
    img,
    .file {
      width: var(--thumb-size);
      height: var(--thumb-size);
      border-radius: var(--mat-sys-corner-extra-small);
      object-fit: cover;
      background: var(--mat-sys-surface-container-high);
    }
    .file {
      display: grid;
      place-items: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .more {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  host: { '[style.--thumb-size.px]': 'size()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostThumbnailsComponent {
  readonly media = input.required<readonly PostThumbnail[]>();
  /** Edge of each square, in CSS pixels. */
  readonly size = input(40);
  /** Squares before "+N". */
  readonly max = input(3);
  /** Inside a control that already says how many pictures there are: the squares are only seen. */
  readonly decorative = input(false);

  protected readonly failed = signal<ReadonlySet<string>>(new Set());
  protected readonly shown = computed(() => {
    const all = this.media();
    return all.slice(0, this.max()).map((media) => ({ ...media, total: all.length }));
  });
  protected readonly more = computed(() => Math.max(0, this.media().length - this.max()));

  protected markFailed(id: string): void {
    this.failed.update((ids) => new Set([...ids, id]));
  }
}
