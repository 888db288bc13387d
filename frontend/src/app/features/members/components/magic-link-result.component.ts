import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { MagicLinkResponse } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';

let nextId = 0;

/** A freshly made one-time sign-in link, ready to copy and pass on (e.g. by text message). */
@Component({
  selector: 'atr-magic-link-result',
  imports: [ClipboardModule, MatButtonModule, MatIconModule, NoticeComponent],
  template: `
    <label class="label" [for]="fieldId">One-time sign-in link for {{ personName() }}</label>
    <div class="link">
      <input class="link__value" [id]="fieldId" readonly [value]="link().url" (focus)="selectAll($event)" />
      <button
        mat-flat-button
        type="button"
        [cdkCopyToClipboard]="link().url"
        (cdkCopyToClipboardCopied)="onCopied($event)"
      >
        <mat-icon aria-hidden="true">content_copy</mat-icon>
        Copy link
      </button>
    </div>
    <p class="atr-muted hint">
      Works once, until {{ expires() }}. Anyone with the link can sign in as {{ personName() }}: send it only to them.
    </p>
    <atr-notice [message]="copied()" [kind]="copiedKind()" />
  `,
  styles: `
    :host {
      display: block;
    }
    .label {
      display: block;
      margin-bottom: 6px;
      font: var(--mat-sys-title-small);
    }
    .link {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .link__value {
      flex: 1 1 220px;
      min-width: 0;
      padding: 10px 12px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: 0.9rem monospace;
    }
    .hint {
      margin: 8px 0;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MagicLinkResultComponent {
  private readonly auth = inject(AuthService);

  readonly link = input.required<MagicLinkResponse>();
  readonly personName = input.required<string>();

  protected readonly fieldId = `atr-magic-link-${nextId++}`;
  protected readonly expires = computed(() => fullDateTime(this.link().expiresAt, this.auth.me()?.timezone));
  protected readonly copied = signal<string | null>(null);
  protected readonly copiedKind = signal<'success' | 'error'>('success');

  protected onCopied(success: boolean): void {
    this.copiedKind.set(success ? 'success' : 'error');
    this.copied.set(success ? 'Link copied.' : 'Could not copy. Select the link and copy it yourself.');
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
