import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { AuthService } from '../../../core/auth/auth.service';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { startDownload } from '../../media/download';
import { recoveryCodesFile } from '../two-factor-code';

/**
 * Recovery codes, shown this once (only their hashes are kept): copy them or download them, and
 * say they are saved before going on.
 */
@Component({
  selector: 'atr-recovery-codes',
  imports: [ClipboardModule, MatButtonModule, MatCheckboxModule, MatIconModule, NoticeComponent],
  template: `
    <atr-notice
      kind="warning"
      message="Save these recovery codes now. If you lose your phone, each one lets you sign in once. We will not show them again."
    />
    <ol class="codes" aria-label="Recovery codes">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ol>
    <div class="actions">
      <button
        mat-stroked-button
        type="button"
        [cdkCopyToClipboard]="asText()"
        (cdkCopyToClipboardCopied)="onCopied($event)"
      >
        <mat-icon aria-hidden="true">content_copy</mat-icon>
        Copy codes
      </button>
      <button mat-stroked-button type="button" (click)="download()">
        <mat-icon aria-hidden="true">download</mat-icon>
        Download as .txt
      </button>
    </div>
    <atr-notice [message]="copied()" [kind]="copiedKind()" />
    <mat-checkbox class="saved" [checked]="saved()" (change)="saved.set($event.checked)">
      I have saved my recovery codes
    </mat-checkbox>
    <button mat-flat-button type="button" class="continue" [disabled]="!saved()" (click)="done.emit()">
      {{ continueLabel() }}
    </button>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
      gap: 8px 16px;
      margin: 0;
      padding: 12px 16px 12px 40px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-high);
    }
    .codes code {
      font: 1rem/1.6 monospace;
      letter-spacing: 0.04em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .actions button,
    .continue {
      min-height: 44px;
    }
    .saved {
      min-height: 44px;
      display: flex;
      align-items: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodesComponent {
  private readonly auth = inject(AuthService);

  readonly codes = input.required<readonly string[]>();
  readonly continueLabel = input('Continue');
  /** The person said the codes are saved and went on. */
  readonly done = output<void>();

  protected readonly saved = signal(false);
  protected readonly copied = signal<string | null>(null);
  protected readonly copiedKind = signal<'success' | 'error'>('success');
  protected readonly asText = computed(() => recoveryCodesFile(this.codes(), this.auth.me()?.email ?? 'your account'));

  protected onCopied(success: boolean): void {
    this.copiedKind.set(success ? 'success' : 'error');
    this.copied.set(success ? 'Recovery codes copied.' : 'Could not copy. Select the codes and copy them yourself.');
  }

  protected download(): void {
    const url = URL.createObjectURL(new Blob([this.asText()], { type: 'text/plain' }));
    startDownload(url, 'recovery-codes.txt');
    // The click has handed the file to the browser; the object URL is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url));
  }
}
