import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { SIGNATURE_FONTS, SignatureFont, SignatureInput } from '@atrium/shared';
import { fontFamily, loadSignatureFont, typedSignatureImage } from './signature-canvas';

let nextId = 0;

/** Waits for typing to pause this long before drawing the picture again. */
const TYPING_DEBOUNCE_MS = 200;

/**
 * The "Type" way to sign: the name (or initials) in one of three script fonts, each option shown
 * in its own font, and a preview of the picture that will be placed.
 */
@Component({
  selector: 'atr-typed-signature',
  imports: [MatFormFieldModule, MatInputModule, MatRadioModule],
  template: `
    <mat-form-field class="atr-full-width" subscriptSizing="dynamic">
      <mat-label>{{ kind() === 'initials' ? 'Your initials' : 'Your full name' }}</mat-label>
      <input
        matInput
        data-testid="typed-signature-text"
        [value]="text()"
        [attr.maxlength]="kind() === 'initials' ? 6 : 80"
        [attr.autocomplete]="kind() === 'initials' ? 'off' : 'name'"
        (input)="text.set($any($event.target).value)"
      />
    </mat-form-field>

    <p [id]="id + '-style'" class="legend">Style</p>
    <mat-radio-group
      class="fonts"
      [attr.aria-labelledby]="id + '-style'"
      [value]="font()"
      (change)="font.set($event.value)"
    >
      @for (option of fonts; track option) {
        <mat-radio-button class="font" [value]="option" [attr.data-font]="option">
          <span class="font__label">
            <span class="font__sample" [style.font-family]="family(option)">{{ sample() }}</span>
            <span class="font__name">{{ option }}</span>
          </span>
        </mat-radio-button>
      }
    </mat-radio-group>

    <figure class="preview" data-testid="signature-preview">
      <figcaption>Will be placed as</figcaption>
      @if (image(); as src) {
        <img [src]="src" [alt]="text().trim() + ', written in ' + font()" />
      } @else {
        <p class="preview__empty">{{ text().trim() ? 'Preparing the preview…' : 'Type your ' + noun() + ' above.' }}</p>
      }
    </figure>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .legend {
      margin: 4px 0 0;
      font: var(--mat-sys-title-small);
    }
    .fonts {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .font {
      max-width: 100%;
    }
    .font__label {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
      min-width: 0;
    }
    .font__sample {
      max-width: 100%;
      overflow: hidden;
      color: #17306b;
      font-size: 28px;
      line-height: 1.4;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .font__name {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
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
      display: block;
      box-sizing: border-box;
      width: 100%;
      max-width: 320px;
      height: 96px;
      margin: 0;
      padding: 8px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: #fff;
      object-fit: contain;
    }
    .preview__empty {
      display: grid;
      place-items: center;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TypedSignatureComponent {
  /** What the text field starts with (the signer's name, or their initials). */
  readonly initialText = input('');
  readonly kind = input<'signature' | 'initials'>('signature');
  readonly changed = output<SignatureInput | null>();

  protected readonly id = `atr-typed-signature-${nextId++}`;
  protected readonly fonts = SIGNATURE_FONTS;
  protected readonly text = linkedSignal(() => this.initialText());
  protected readonly font = signal<SignatureFont>(SIGNATURE_FONTS[0]);
  protected readonly image = signal<string | null>(null);
  protected readonly noun = computed(() => (this.kind() === 'initials' ? 'initials' : 'name'));
  protected readonly sample = computed(() => this.text().trim() || (this.kind() === 'initials' ? 'AB' : 'Your name'));
  protected readonly family = fontFamily;

  private readonly document = inject(DOCUMENT);
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const text = this.text().trim();
      const font = this.font();
      untracked(() => this.schedule(text, font));
    });
    inject(DestroyRef).onDestroy(() => {
      this.generation++;
      clearTimeout(this.timer);
    });
  }

  private schedule(text: string, font: SignatureFont): void {
    const generation = ++this.generation;
    clearTimeout(this.timer);
    // Until the new picture is drawn there is nothing valid to place (the old preview stays in sight).
    this.changed.emit(null);
    if (!text) {
      this.image.set(null);
      return;
    }
    this.timer = setTimeout(() => void this.draw(generation, text, font), TYPING_DEBOUNCE_MS);
  }

  private async draw(generation: number, text: string, font: SignatureFont): Promise<void> {
    await loadSignatureFont(this.document, font, text);
    if (generation !== this.generation) {
      return;
    }
    const image = typedSignatureImage(this.document, text, font);
    this.image.set(image);
    this.changed.emit(image ? { method: 'typed', image, typedText: text, font } : null);
  }
}
