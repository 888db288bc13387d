import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { isLink, linkify } from './linkify';

/**
 * A message body as text: every piece is interpolated (never innerHTML), and only http, https and
 * mailto addresses become links, opening in a new tab without handing it this page.
 */
@Component({
  selector: 'atr-message-body',
  template: `@for (segment of segments(); track $index) {
    @if (isLink(segment)) {
      <a [href]="segment.url" target="_blank" rel="noopener noreferrer">{{ segment.text }}</a>
    } @else {
      <span>{{ segment.text }}</span>
    }
  }`,
  styles: `
    :host {
      display: block;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    a {
      color: inherit;
      text-decoration: underline;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageBodyComponent {
  readonly body = input.required<string>();
  protected readonly segments = computed(() => linkify(this.body()));
  protected readonly isLink = isLink;
}
