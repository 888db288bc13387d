import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * Where files come in: dropped on the zone (many at once), or picked with "Choose files" (the
 * keyboard and screen-reader way; the file input itself stays hidden).
 */
@Component({
  selector: 'atr-upload-drop-zone',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div
      class="zone"
      role="group"
      aria-labelledby="upload-zone-title"
      [attr.aria-describedby]="hint() ? 'upload-zone-hint' : null"
      [class.zone--over]="over()"
      [class.zone--disabled]="disabled()"
      (dragenter)="onDragEnter($event)"
      (dragover)="onDragOver($event)"
      (dragleave)="onDragLeave()"
      (drop)="onDrop($event)"
    >
      <mat-icon class="zone__icon" aria-hidden="true">cloud_upload</mat-icon>
      <p id="upload-zone-title" class="zone__title">{{ over() ? 'Drop to upload' : title() }}</p>
      <button mat-flat-button type="button" [disabled]="disabled()" (click)="input.click()">
        <mat-icon aria-hidden="true">upload_file</mat-icon>
        Choose files
      </button>
      <input
        #input
        class="zone__input"
        type="file"
        multiple
        hidden
        [attr.accept]="accept()"
        (change)="onPicked(input)"
      />
      @if (hint(); as text) {
        <p id="upload-zone-hint" class="zone__hint">{{ text }}</p>
      }
    </div>
  `,
  styles: `
    .zone {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: center;
      padding: 24px 16px;
      border: 2px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      text-align: center;
      transition: background-color 120ms;
    }
    .zone--over {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .zone--disabled {
      opacity: 0.6;
    }
    .zone__icon {
      width: 40px;
      height: 40px;
      font-size: 40px;
      color: var(--mat-sys-primary);
    }
    .zone__title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .zone__hint {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    button {
      min-height: 44px;
    }
  `,
  host: {
    // A file dropped beside the zone would make the browser open it, leaving the page (and
    // cancelling the uploads under way).
    '(window:dragover)': 'onWindowDrag($event)',
    '(window:drop)': 'onWindowDrag($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadDropZoneComponent {
  readonly title = input('Drag and drop files here, or');
  /** Limits and types, when known. */
  readonly hint = input<string | null>(null);
  /** The file picker's `accept` (MIME types); null offers every file. */
  readonly accept = input<string | null>(null);
  readonly disabled = input(false);
  readonly files = output<File[]>();

  protected readonly over = signal(false);
  /** dragenter/dragleave fire for every child crossed: count them to know when the pointer left. */
  private depth = 0;

  protected onDragEnter(event: DragEvent): void {
    if (!this.carriesFiles(event)) {
      return;
    }
    event.preventDefault();
    this.depth++;
    this.over.set(true);
  }

  protected onDragOver(event: DragEvent): void {
    if (!this.carriesFiles(event)) {
      return;
    }
    // Without this the browser opens the file instead of dropping it here.
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = this.disabled() ? 'none' : 'copy';
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
    if (files.length > 0 && !this.disabled()) {
      this.files.emit(files);
    }
  }

  protected onPicked(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    // Cleared so that picking the same file again (after a failure) is noticed.
    input.value = '';
    if (files.length > 0) {
      this.files.emit(files);
    }
  }

  protected onWindowDrag(event: DragEvent): void {
    if (this.carriesFiles(event) && !event.defaultPrevented) {
      event.preventDefault();
      if (event.dataTransfer && event.type === 'dragover') {
        event.dataTransfer.dropEffect = 'none';
      }
    }
  }

  private carriesFiles(event: DragEvent): boolean {
    return Array.from(event.dataTransfer?.types ?? []).includes('Files');
  }
}
