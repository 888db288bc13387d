import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { SignatureInput } from '@atrium/shared';
import SignaturePad, { type PointGroup } from 'signature_pad';
import { scaleStrokes } from './image-geometry';
import { INK, trimmedImage } from './signature-canvas';

let nextId = 0;

/**
 * The "Draw" way to sign: a pad as wide as its container (HiDPI), for a finger, a pen or a mouse.
 * When the pad changes width (a phone turned), the strokes are scaled with it. The picture placed
 * is the ink, trimmed and fitted within 600 × 200.
 */
@Component({
  selector: 'atr-drawn-signature',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div #frame class="pad">
      <canvas
        #canvas
        class="pad__canvas"
        data-testid="signature-pad"
        role="img"
        [attr.aria-label]="'Drawing area for your ' + noun()"
        [attr.aria-describedby]="id + '-hint'"
      ></canvas>
      <span class="pad__line" aria-hidden="true">✕</span>
    </div>
    <p [id]="id + '-hint'" class="hint">
      Draw your {{ noun() }} with a finger or the mouse. Cannot draw? Type it or upload a picture instead.
    </p>
    @if (unsupported()) {
      <p class="hint" role="alert">
        This browser cannot draw here. Type your {{ noun() }} or upload a picture instead.
      </p>
    }
    <div class="actions">
      <button mat-stroked-button type="button" [disabled]="empty()" (click)="undo()">
        <mat-icon aria-hidden="true">undo</mat-icon>
        Undo
      </button>
      <button mat-stroked-button type="button" [disabled]="empty()" (click)="clear()">
        <mat-icon aria-hidden="true">ink_eraser</mat-icon>
        Clear
      </button>
    </div>
    <figure class="preview" data-testid="signature-preview">
      <figcaption>Will be placed as</figcaption>
      @if (image(); as src) {
        <img [src]="src" [alt]="'Your drawn ' + noun()" />
      } @else {
        <p class="preview__empty">Nothing drawn yet.</p>
      }
    </figure>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .pad {
      position: relative;
      width: 100%;
      max-width: 640px;
      aspect-ratio: 2.2 / 1;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: #fff;
    }
    .pad__canvas {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      touch-action: none;
      cursor: crosshair;
    }
    .pad__line {
      position: absolute;
      right: 16px;
      bottom: 28%;
      left: 16px;
      border-bottom: 1px solid #c4c7c5;
      color: #80868b;
      font-size: 14px;
      line-height: 1;
      pointer-events: none;
    }
    .hint {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .actions button {
      min-height: 44px;
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
export class DrawnSignatureComponent {
  readonly kind = input<'signature' | 'initials'>('signature');
  readonly changed = output<SignatureInput | null>();

  protected readonly id = `atr-drawn-signature-${nextId++}`;
  protected readonly noun = computed(() => (this.kind() === 'initials' ? 'initials' : 'signature'));
  protected readonly empty = signal(true);
  protected readonly image = signal<string | null>(null);
  protected readonly unsupported = signal(false);

  private readonly frame = viewChild.required<ElementRef<HTMLElement>>('frame');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private pad: SignaturePad | null = null;
  /** The CSS width the strokes were drawn at. */
  private drawnWidth = 0;
  private resizeObserver: ResizeObserver | null = null;

  constructor() {
    afterNextRender(() => this.start());
    inject(DestroyRef).onDestroy(() => {
      this.resizeObserver?.disconnect();
      this.pad?.off();
    });
  }

  protected clear(): void {
    this.pad?.clear();
    this.update();
  }

  protected undo(): void {
    if (!this.pad) {
      return;
    }
    const strokes = this.pad.toData();
    strokes.pop();
    this.pad.fromData(strokes);
    this.update();
  }

  private start(): void {
    const canvas = this.canvas().nativeElement;
    if (!canvas.getContext('2d')) {
      this.unsupported.set(true);
      return;
    }
    this.pad = new SignaturePad(canvas, { penColor: INK, minWidth: 0.8, maxWidth: 2.8 });
    this.pad.addEventListener('endStroke', () => this.update());
    this.fit();
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.fit());
      this.resizeObserver.observe(this.frame().nativeElement);
    }
  }

  /** Sizes the canvas to its box at the screen's pixel density, keeping (scaling) the strokes. */
  private fit(): void {
    const pad = this.pad;
    const canvas = this.canvas().nativeElement;
    const width = canvas.offsetWidth;
    const height = canvas.offsetHeight;
    // A hidden tab has no size: keep everything until it shows again.
    if (!pad || width === 0 || height === 0) {
      return;
    }
    const ratio = Math.max(globalThis.devicePixelRatio || 1, 1);
    if (width === this.drawnWidth && canvas.width === Math.round(width * ratio)) {
      return;
    }
    const strokes = pad.toData();
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.getContext('2d')?.scale(ratio, ratio);
    const factor = this.drawnWidth > 0 ? width / this.drawnWidth : 1;
    pad.fromData(scaleStrokes<PointGroup>(strokes, factor));
    this.drawnWidth = width;
  }

  private update(): void {
    const empty = !this.pad || this.pad.isEmpty();
    this.empty.set(empty);
    const image = empty ? null : trimmedImage(this.canvas().nativeElement, 8);
    this.image.set(image);
    this.changed.emit(image ? { method: 'drawn', image } : null);
  }
}
