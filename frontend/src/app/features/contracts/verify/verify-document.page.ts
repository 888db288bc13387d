import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ContractVerification } from '@atrium/shared';
import { Observable } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { VerifyApi } from '../data-access/contracts.api';
import { checkSha256, looksLikePdf, verificationSentence } from './verification';

interface Result {
  readonly verification: ContractVerification;
  readonly source: 'file' | 'hash';
  /** The file's name, as the visitor's own computer calls it (never sent back to them by the server). */
  readonly fileName: string | null;
}

function sha256Validator(control: AbstractControl<string>): ValidationErrors | null {
  const check = checkSha256(control.value ?? '');
  return check.ok ? null : { sha256: check.error };
}

/**
 * `/verify`, public: is this PDF a contract completed here, unchanged since it was signed? Drop or
 * pick the file (it is sent only to compute its SHA-256), or paste the SHA-256 printed on a signing
 * certificate. The answer names the contract's title and completion date, nothing personal.
 */
@Component({
  selector: 'atr-verify-document-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    NoticeComponent,
    ReactiveFormsModule,
    SubmitButtonComponent,
  ],
  template: `
    <div class="atr-auth-heading">
      <h1 tabindex="-1">Check a signed document</h1>
      <p>Find out whether a PDF is a contract that was completed and signed here, and that nobody changed it since.</p>
    </div>

    @if (result(); as r) {
      <section
        class="result"
        [class.result--match]="r.verification.match"
        aria-labelledby="verify-result-title"
        data-testid="verify-result"
      >
        <div class="result__head">
          <mat-icon aria-hidden="true">{{ r.verification.match ? 'verified' : 'gpp_maybe' }}</mat-icon>
          <h2 id="verify-result-title" class="result__title" tabindex="-1">
            {{ r.verification.match ? 'Signed and unchanged' : 'No match found' }}
          </h2>
        </div>
        <p>{{ sentence() }}</p>
        <dl class="details">
          @if (r.fileName) {
            <div class="detail">
              <dt>File checked</dt>
              <dd>{{ r.fileName }}</dd>
            </div>
          }
          <div class="detail">
            <dt>SHA-256 checked</dt>
            <dd>
              <code class="hash">{{ r.verification.sha256 }}</code>
            </dd>
          </div>
        </dl>
        <button mat-stroked-button type="button" class="again" (click)="reset()">Check another document</button>
      </section>
    } @else {
      <div class="atr-stack">
        <atr-notice kind="error" [message]="error()" />

        <section class="atr-stack part" aria-labelledby="verify-file-title">
          <h2 id="verify-file-title" class="part__title">Check a file</h2>
          <div
            class="zone"
            role="group"
            aria-labelledby="verify-file-title"
            aria-describedby="verify-file-hint"
            [class.zone--over]="over()"
            (dragenter)="onDragEnter($event)"
            (dragover)="onDragOver($event)"
            (dragleave)="onDragLeave()"
            (drop)="onDrop($event)"
          >
            <mat-icon class="zone__icon" aria-hidden="true">upload_file</mat-icon>
            <p class="zone__title">{{ over() ? 'Drop to check it' : 'Drop the PDF here, or' }}</p>
            <button
              mat-flat-button
              type="button"
              class="pick"
              [disabled]="busy() !== null"
              [disabledInteractive]="true"
              [attr.aria-busy]="busy() === 'file' ? 'true' : null"
              (click)="pick(picker)"
            >
              Choose a PDF
            </button>
            <input
              #picker
              type="file"
              hidden
              accept="application/pdf,.pdf"
              data-testid="verify-file-input"
              (change)="onPicked(picker)"
            />
            <p id="verify-file-hint" class="zone__hint">
              The file is sent to this site only to compute its fingerprint (SHA-256); it is not kept.
            </p>
          </div>
          @if (busy() === 'file') {
            <div role="status">
              <mat-progress-bar mode="indeterminate" aria-label="Checking the file" />
              <span class="atr-visually-hidden">Checking the file…</span>
            </div>
          }
        </section>

        <p class="or" aria-hidden="true"><span>or</span></p>

        <section class="part" aria-labelledby="verify-hash-title">
          <h2 id="verify-hash-title" class="part__title">Check a SHA-256</h2>
          <form class="atr-form" [formGroup]="form" (ngSubmit)="checkHash()" novalidate>
            <mat-form-field>
              <mat-label>SHA-256 of the document</mat-label>
              <input
                matInput
                class="hash-input"
                formControlName="sha256"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
              />
              <mat-hint>64 characters, 0–9 and a–f, as on the signing certificate.</mat-hint>
              @if (hashError(); as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <div class="atr-form-actions">
              <atr-submit-button [busy]="busy() === 'hash'" [disabled]="busy() === 'file'">Check</atr-submit-button>
            </div>
          </form>
        </section>
      </div>
    }
  `,
  styles: `
    .part__title {
      font: var(--mat-sys-title-medium);
    }
    .part {
      display: grid;
      gap: 12px;
    }
    .zone {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: center;
      padding: 20px 16px;
      border: 2px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      text-align: center;
    }
    .zone--over {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .zone__icon {
      width: 36px;
      height: 36px;
      font-size: 36px;
      color: var(--mat-sys-primary);
    }
    .zone__title,
    .zone__hint {
      margin: 0;
    }
    .zone__title {
      font: var(--mat-sys-title-small);
    }
    .zone__hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .pick,
    .again {
      min-height: 44px;
    }
    .or {
      display: flex;
      gap: 12px;
      align-items: center;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
      &::before,
      &::after {
        content: '';
        flex: 1;
        border-top: 1px solid var(--mat-sys-outline-variant);
      }
    }
    .hash-input {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    .result {
      display: grid;
      gap: 12px;
      padding: 16px;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }
    .result--match {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .result__head {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    .result__title {
      font: var(--mat-sys-title-large);
    }
    .details {
      display: grid;
      gap: 8px;
      margin: 0;
    }
    .detail {
      display: grid;
      gap: 2px;
      dt {
        font: var(--mat-sys-label-medium);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }
    .hash {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 13px;
      word-break: break-all;
    }
    .again {
      justify-self: start;
    }
  `,
  host: {
    // A file dropped beside the zone would make the browser open it and leave the page.
    '(window:dragover)': 'onWindowDrag($event)',
    '(window:drop)': 'onWindowDrag($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyDocumentPage {
  private readonly api = inject(VerifyApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly form = new FormGroup({
    sha256: new FormControl('', { nonNullable: true, validators: [sha256Validator] }),
  });
  protected readonly busy = signal<'file' | 'hash' | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<Result | null>(null);
  protected readonly over = signal(false);
  /** Re-read on every change detection: the control's validity is not a signal. */
  protected hashError(): string | null {
    const error: unknown = this.form.controls.sha256.errors?.['sha256'];
    return typeof error === 'string' ? error : null;
  }
  protected readonly sentence = computed(() => {
    const result = this.result();
    return result ? verificationSentence(result.verification, result.source) : '';
  });

  /** dragenter/dragleave fire for every child crossed: counted to know when the pointer left. */
  private depth = 0;

  protected checkHash(): void {
    if (this.busy()) return;
    const check = checkSha256(this.form.controls.sha256.value);
    if (!check.ok) {
      this.form.controls.sha256.markAsTouched();
      this.host.nativeElement.querySelector<HTMLElement>('.hash-input')?.focus();
      return;
    }
    this.run('hash', this.api.hash(check.value), null);
  }

  protected pick(picker: HTMLInputElement): void {
    if (this.busy() === null) picker.click();
  }

  protected onPicked(input: HTMLInputElement): void {
    const file = input.files?.[0];
    // Cleared so that picking the same file again is noticed.
    input.value = '';
    if (file) this.checkFile(file);
  }

  protected reset(): void {
    this.result.set(null);
    this.error.set(null);
    this.form.reset();
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('h1')?.focus(), {
      injector: this.injector,
    });
  }

  protected onDragEnter(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    this.depth++;
    this.over.set(true);
  }

  protected onDragOver(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = this.busy() ? 'none' : 'copy';
  }

  protected onDragLeave(): void {
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.over.set(false);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.depth = 0;
    this.over.set(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 1) {
      this.error.set('Drop one PDF at a time.');
      return;
    }
    if (files[0]) this.checkFile(files[0]);
  }

  protected onWindowDrag(event: DragEvent): void {
    if (carriesFiles(event) && !event.defaultPrevented) {
      event.preventDefault();
      if (event.dataTransfer && event.type === 'dragover') event.dataTransfer.dropEffect = 'none';
    }
  }

  private checkFile(file: File): void {
    if (this.busy()) return;
    if (!looksLikePdf(file)) {
      this.error.set(`“${file.name}” is not a PDF. Choose the PDF file of the signed contract.`);
      return;
    }
    this.run('file', this.api.file(file), file.name);
  }

  private run(source: 'file' | 'hash', request: Observable<ContractVerification>, fileName: string | null): void {
    this.busy.set(source);
    this.error.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (verification) => {
        this.busy.set(null);
        this.result.set({ verification, source, fileName });
        afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#verify-result-title')?.focus(), {
          injector: this.injector,
        });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const apiError = toApiError(error);
        this.error.set(
          apiError.statusCode === 413
            ? 'This file is larger than any contract signed here, so it cannot be one of them.'
            : `We could not check it. ${apiError.message}`,
        );
      },
    });
  }
}

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}
