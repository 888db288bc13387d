import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { SignatureInput } from '@atrium/shared';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { uploadedSignatureImage } from './signature-canvas';
import { SIGNATURE_FILE_ACCEPT, signatureFileProblem, signatureFileType } from './signature-file';

let nextId = 0;

/**
 * The "Upload" way to sign: a PNG or JPEG picture of the signature (up to 2 MB), picked or
 * dropped, scaled down to fit 600 × 200 and previewed.
 */
@Component({
  selector: 'atr-uploaded-signature',
  imports: [MatButtonModule, MatIconModule, NoticeComponent],
  template: `
    <div
      class="zone"
      role="group"
      [attr.aria-labelledby]="id + '-title'"
      [attr.aria-describedby]="id + '-hint'"
      [class.zone--over]="over()"
      (dragenter)="onDragEnter($event)"
      (dragover)="onDragOver($event)"
      (dragleave)="onDragLeave()"
      (drop)="onDrop($event)"
    >
      <mat-icon class="zone__icon" aria-hidden="true">add_photo_alternate</mat-icon>
      <p [id]="id + '-title'" class="zone__title">
        {{ over() ? 'Drop the picture here' : 'A picture of your ' + noun() }}
      </p>
      <button mat-flat-button type="button" [disabled]="busy()" (click)="picker.click()">
        <mat-icon aria-hidden="true">upload_file</mat-icon>
        Choose a picture
      </button>
      <input
        #picker
        type="file"
        hidden
        data-testid="signature-upload-input"
        [attr.aria-label]="'Picture of your ' + noun() + ' (PNG or JPEG, up to 2 MB)'"
        [accept]="accept"
        (change)="onPicked(picker)"
      />
      <p [id]="id + '-hint'" class="zone__hint">PNG or JPEG, up to 2 MB. Or drop it here.</p>
    </div>
    <atr-notice kind="error" [message]="error()" />
    <figure class="preview" data-testid="signature-preview">
      <figcaption>Will be placed as</figcaption>
      @if (image(); as src) {
        <img [src]="src" [alt]="'Your uploaded ' + noun()" />
      } @else {
        <p class="preview__empty">{{ busy() ? 'Reading the picture…' : 'No picture yet.' }}</p>
      }
    </figure>
    @if (image()) {
      <button class="remove" mat-stroked-button type="button" (click)="remove()">
        <mat-icon aria-hidden="true">delete</mat-icon>
        Remove the picture
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .zone {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: center;
      padding: 16px;
      border: 2px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      text-align: center;
    }
    .zone--over {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
    }
    .zone__icon {
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
    button {
      min-height: 44px;
    }
    .remove {
      align-self: flex-start;
    }
    .preview {
      margin: 0;
    }
    figcaption {
      margin-bottom: 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    img,
    .preview__empty {
      display: grid;
      place-items: center;
      box-sizing: border-box;
      width: 100%;
      max-width: 320px;
      height: 96px;
      margin: 0;
      padding: 8px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: #fff;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      object-fit: contain;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadedSignatureComponent {
  readonly kind = input<'signature' | 'initials'>('signature');
  readonly changed = output<SignatureInput | null>();

  protected readonly id = `atr-uploaded-signature-${nextId++}`;
  protected readonly accept = SIGNATURE_FILE_ACCEPT;
  protected readonly noun = computed(() => (this.kind() === 'initials' ? 'initials' : 'signature'));
  protected readonly over = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly image = signal<string | null>(null);

  private depth = 0;
  private generation = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.generation++);
  }

  protected onPicked(picker: HTMLInputElement): void {
    const file = picker.files?.[0];
    // Cleared so that picking the same file again (after fixing it) is noticed.
    picker.value = '';
    if (file) {
      void this.take(file);
    }
  }

  protected onDragEnter(event: DragEvent): void {
    if (carriesFiles(event)) {
      event.preventDefault();
      this.depth++;
      this.over.set(true);
    }
  }

  protected onDragOver(event: DragEvent): void {
    if (carriesFiles(event)) {
      event.preventDefault();
      if (event.dataTransfer) {
        event.dataTransfer.dropEffect = 'copy';
      }
    }
  }

  protected onDragLeave(): void {
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) {
      this.over.set(false);
    }
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.depth = 0;
    this.over.set(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 1) {
      this.error.set('Drop one picture only.');
      return;
    }
    if (files[0]) {
      void this.take(files[0]);
    }
  }

  protected remove(): void {
    this.generation++;
    this.busy.set(false);
    this.image.set(null);
    this.error.set(null);
    this.changed.emit(null);
  }

  private async take(file: File): Promise<void> {
    const generation = ++this.generation;
    const problem = signatureFileProblem(file);
    this.error.set(problem);
    if (problem) {
      return;
    }
    this.busy.set(true);
    try {
      const image = await uploadedSignatureImage(file, signatureFileType(file) ?? 'image/png');
      if (generation !== this.generation) {
        return;
      }
      this.image.set(image);
      this.changed.emit({ method: 'uploaded', image });
    } catch {
      if (generation === this.generation) {
        this.error.set(`“${file.name}” could not be read as a picture. Choose another PNG or JPEG.`);
      }
    } finally {
      if (generation === this.generation) {
        this.busy.set(false);
      }
    }
  }
}

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}
