import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { BrandImage, BrandImageSlot, BrandingResponse } from '@atrium/shared';
import { Observable, finalize } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { BrandingApi } from '../data-access/branding.api';

type Busy = 'save' | 'remove' | null;

/** Image types the server takes (it refuses SVG); each is resized for its slot. */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/avif';

/**
 * One brand image slot (logo, dark logo, icon, sign-in image): what is saved, a preview of a newly
 * chosen file (also shown in the live preview) before it is uploaded, and remove.
 */
@Component({
  selector: 'atr-brand-image-field',
  imports: [MatButtonModule, MatIconModule, NoticeComponent],
  host: { '[attr.data-slot]': 'slot()' },
  template: `
    <div class="slot">
      <div class="slot__thumb" [class.slot__thumb--dark]="slot() === 'logoDark'">
        @if (shownUrl(); as url) {
          <img [src]="url" [alt]="previewUrl() ? 'Preview of the new ' + lowerLabel() : 'Current ' + lowerLabel()" />
        } @else {
          <span>None yet</span>
        }
      </div>
      <div class="slot__side">
        <h3 class="slot__title">{{ label() }}</h3>
        <p class="slot__hint">{{ hint() }}</p>
        <atr-notice [message]="error()" kind="error" />
        <atr-notice [message]="done()" kind="success" />
        @if (canEdit()) {
          @if (chosen(); as file) {
            <p class="slot__hint">
              Preview of <strong>{{ file.name }}</strong
              >. Save it to show it to your clients.
            </p>
            <div class="slot__actions">
              <button
                mat-flat-button
                type="button"
                [disabled]="!!busy()"
                [attr.aria-busy]="busy() === 'save' ? 'true' : null"
                (click)="save(file)"
              >
                Save<span class="atr-visually-hidden"> {{ lowerLabel() }}</span>
              </button>
              <button mat-button type="button" [disabled]="!!busy()" (click)="discard()">
                Cancel<span class="atr-visually-hidden"> the new {{ lowerLabel() }}</span>
              </button>
            </div>
          } @else {
            <div class="slot__actions">
              <button mat-stroked-button type="button" [disabled]="!!busy()" (click)="fileInput.click()">
                <mat-icon aria-hidden="true">upload</mat-icon>
                {{ image() ? 'Replace' : 'Upload' }}<span class="atr-visually-hidden"> {{ lowerLabel() }}</span>
              </button>
              @if (image()) {
                <button
                  mat-button
                  type="button"
                  class="danger"
                  [disabled]="!!busy()"
                  [attr.aria-busy]="busy() === 'remove' ? 'true' : null"
                  (click)="remove()"
                >
                  Remove<span class="atr-visually-hidden"> {{ lowerLabel() }}</span>
                </button>
              }
            </div>
          }
          <input #fileInput type="file" [accept]="accept" hidden (change)="pick(fileInput)" />
        }
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .slot {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: flex-start;
    }
    .slot__thumb {
      flex: none;
      display: grid;
      place-items: center;
      width: 120px;
      height: 80px;
      padding: 8px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-lowest);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .slot__thumb--dark {
      background: var(--mat-sys-inverse-surface);
      color: var(--mat-sys-inverse-on-surface);
    }
    .slot__thumb img {
      max-width: 100%;
      max-height: 100%;
      object-fit: contain;
    }
    .slot__side {
      display: flex;
      flex: 1 1 200px;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
    }
    .slot__title {
      font: var(--mat-sys-title-small);
    }
    .slot__hint {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    .slot__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .slot__actions button {
      min-height: 44px;
    }
    .danger {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandImageFieldComponent {
  private readonly api = inject(BrandingApi);

  readonly slot = input.required<BrandImageSlot>();
  readonly label = input.required<string>();
  readonly hint = input.required<string>();
  readonly image = input<BrandImage | undefined>();
  readonly canEdit = input(true);
  /** The brand after an upload or a removal. */
  readonly changed = output<BrandingResponse>();
  /** A chosen, not yet saved image (an object URL) for the live preview; null when there is none. */
  readonly pending = output<string | null>();

  protected readonly accept = ACCEPT;
  protected readonly chosen = signal<File | null>(null);
  protected readonly previewUrl = signal<string | null>(null);
  protected readonly busy = signal<Busy>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly lowerLabel = computed(() => this.label().toLowerCase());
  protected readonly shownUrl = computed(() => this.previewUrl() ?? this.image()?.url ?? null);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      const url = this.previewUrl();
      if (url) URL.revokeObjectURL(url);
    });
  }

  protected pick(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null;
    input.value = '';
    this.error.set(null);
    this.done.set(null);
    if (!file) return;
    if (!file.type.startsWith('image/') || file.type === 'image/svg+xml') {
      this.error.set(`${file.name} cannot be used. Choose a PNG, JPEG, GIF, WebP or AVIF image (not SVG).`);
      return;
    }
    this.chosen.set(file);
    this.setPreview(file);
  }

  protected discard(): void {
    this.chosen.set(null);
    this.setPreview(null);
  }

  protected save(file: File): void {
    this.run('save', this.api.uploadImage(this.slot(), file), `${this.label()} saved.`);
  }

  protected remove(): void {
    this.run('remove', this.api.removeImage(this.slot()), `${this.label()} removed.`);
  }

  private run(kind: Exclude<Busy, null>, request: Observable<BrandingResponse>, success: string): void {
    if (this.busy()) return;
    this.busy.set(kind);
    this.error.set(null);
    this.done.set(null);
    request.pipe(finalize(() => this.busy.set(null))).subscribe({
      next: (response) => {
        this.chosen.set(null);
        this.setPreview(null);
        this.done.set(success);
        this.changed.emit(response);
      },
      error: (error: unknown) => this.error.set(toApiError(error).message),
    });
  }

  private setPreview(file: File | null): void {
    const old = this.previewUrl();
    if (old) URL.revokeObjectURL(old);
    const url = file ? URL.createObjectURL(file) : null;
    this.previewUrl.set(url);
    this.pending.emit(url);
  }
}
