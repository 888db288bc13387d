import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ContractFieldInput, ContractPageSize, FieldBox } from '@atrium/shared';
import { boxKeyAction, moveBox, resizeBox } from './field-geometry';
import { fieldAccessibleName, fieldKindInfo, takesLabel } from './field-kinds';
import { recipientStyle } from './recipient-style';

/** A press that moves less than this (CSS pixels) is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3;

interface Drag {
  mode: 'move' | 'resize';
  pointerId: number;
  startX: number;
  startY: number;
  start: FieldBox;
  /** The page's box on screen when the drag began. */
  page: DOMRect;
  moved: boolean;
}

/**
 * A field on a page of the editor, placed by percentages of the page. It is focusable (focus
 * selects it) and named for screen readers; it moves by dragging (mouse, pen, touch) or arrow
 * keys, resizes by its corner handle or Alt+arrows, and goes with Delete or its delete button.
 * While dragged it shows where it goes and reports once, on release.
 */
@Component({
  selector: 'atr-field-box',
  imports: [MatIconModule],
  template: `
    <div
      #box
      class="box"
      role="button"
      tabindex="0"
      data-testid="field-box"
      [attr.data-field-index]="index()"
      [attr.data-kind]="field().kind"
      [attr.data-page]="field().page"
      [attr.data-recipient-index]="field().recipientIndex"
      [attr.aria-label]="name()"
      [attr.aria-describedby]="describedBy()"
      [class.box--selected]="selected()"
      [class.box--optional]="!field().required"
      (focus)="selectField.emit()"
      (keydown)="onKey($event)"
      (pointerdown)="onPointerDown($event, 'move')"
    >
      <span class="box__badge" aria-hidden="true">{{ style().badge }}</span>
      <mat-icon class="box__icon" aria-hidden="true">{{ info().icon }}</mat-icon>
      <span class="box__label" aria-hidden="true">{{ text() }}</span>
    </div>
    @if (selected()) {
      <button
        class="remove"
        type="button"
        data-testid="field-delete"
        [class.remove--below]="shown().y < 0.06"
        [attr.aria-label]="'Delete ' + name()"
        (pointerdown)="$event.stopPropagation()"
        (click)="remove.emit()"
      >
        <mat-icon aria-hidden="true">delete</mat-icon>
      </button>
      <span class="handle" aria-hidden="true" (pointerdown)="onPointerDown($event, 'resize')"></span>
    }
  `,
  styles: `
    :host {
      position: absolute;
      display: block;
      touch-action: none;
    }
    .box {
      position: absolute;
      inset: 0;
      display: flex;
      gap: 2px;
      align-items: center;
      overflow: hidden;
      padding: 0 2px;
      border: var(--box-border) var(--box-pattern) var(--box-color);
      border-radius: 2px;
      background: var(--box-fill);
      color: var(--box-color);
      /* The label grows with the box (and so with the page's zoom). */
      container-type: size;
      font:
        500 11px/1.1 Roboto,
        sans-serif;
      font-size: clamp(9px, 42cqh, 15px);
      cursor: move;
      user-select: none;
      -webkit-user-select: none;
    }
    .box--optional .box__label {
      font-style: italic;
    }
    .box--selected {
      outline: 2px solid var(--atr-focus-ring);
      outline-offset: 2px;
      z-index: 1;
    }
    .box__badge {
      display: grid;
      flex: none;
      place-items: center;
      min-width: 14px;
      height: 14px;
      border-radius: 7px;
      background: var(--box-color);
      color: #fff;
      font-size: 10px;
      font-weight: 700;
    }
    .box__icon {
      flex: none;
      width: 1.2em;
      height: 1.2em;
      font-size: 1.2em;
    }
    .box__label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .handle {
      position: absolute;
      right: -8px;
      bottom: -8px;
      z-index: 2;
      width: 16px;
      height: 16px;
      border: 2px solid var(--box-color);
      border-radius: 50%;
      background: #fff;
      cursor: nwse-resize;
    }
    .handle::after {
      position: absolute;
      inset: -10px;
      content: '';
    }
    .remove {
      position: absolute;
      right: -6px;
      bottom: calc(100% + 6px);
      z-index: 2;
      display: grid;
      place-items: center;
      width: 32px;
      height: 32px;
      padding: 0;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 50%;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-error);
      box-shadow: var(--mat-sys-level2);
      cursor: pointer;
    }
    .remove--below {
      top: calc(100% + 12px);
      bottom: auto;
    }
    .remove mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
  `,
  host: {
    '[style.left.%]': 'shown().x * 100',
    '[style.top.%]': 'shown().y * 100',
    '[style.width.%]': 'shown().width * 100',
    '[style.height.%]': 'shown().height * 100',
    '[style.--box-color]': 'style().color',
    '[style.--box-fill]': 'style().fill',
    '[style.--box-pattern]': 'style().pattern',
    '[style.--box-border]': "style().pattern === 'double' ? '3px' : '2px'",
    '(pointermove)': 'onPointerMove($event)',
    '(pointerup)': 'onPointerUp($event)',
    '(pointercancel)': 'cancelDrag()',
    '(lostpointercapture)': 'onPointerUp($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldBoxComponent {
  readonly field = input.required<ContractFieldInput>();
  /** Its index in the editor's field list (for tests and the editor's bookkeeping). */
  readonly index = input.required<number>();
  readonly recipientName = input<string | null>(null);
  readonly selected = input(false);
  /** The page's size in points (keeps default minimum sizes physical); null until known. */
  readonly pageSize = input<ContractPageSize | null>(null);
  /** Id of the keyboard instructions. */
  readonly describedBy = input<string | null>(null);

  readonly selectField = output<void>();
  /** The new position or size, kept on the page. */
  readonly changeBox = output<FieldBox>();
  readonly remove = output<void>();
  /** Enter or Space: the editor opens the field's settings. */
  readonly edit = output<void>();

  private readonly boxElement = viewChild.required<ElementRef<HTMLElement>>('box');
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  private readonly draft = signal<FieldBox | null>(null);
  private drag: Drag | null = null;
  /**
   * Where the field is, as this box last reported it: the `field` input catches up only at the next
   * change detection, and a second key press (or a held key) in between must build on the first.
   */
  private readonly box = linkedSignal<FieldBox>(() => {
    const { page, x, y, width, height } = this.field();
    return { page, x, y, width, height };
  });

  protected readonly shown = computed<FieldBox>(() => this.draft() ?? this.box());
  protected readonly style = computed(() => recipientStyle(this.field().recipientIndex));
  protected readonly info = computed(() => fieldKindInfo(this.field().kind));
  protected readonly text = computed(() => {
    const field = this.field();
    return (takesLabel(field.kind) && field.label?.trim()) || this.info().label;
  });
  protected readonly name = computed(() =>
    fieldAccessibleName({ ...this.field(), recipientName: this.recipientName() }),
  );

  focus(): void {
    this.boxElement().nativeElement.focus();
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.remove.emit();
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.edit.emit();
      return;
    }
    const action = boxKeyAction(event.key, event);
    if (!action) {
      return;
    }
    // The arrows move the field, not the page.
    event.preventDefault();
    const box = this.box();
    this.report(
      'move' in action
        ? moveBox(box, action.move.dx, action.move.dy, this.pageSize())
        : resizeBox(box, action.resize.dw, action.resize.dh, this.pageSize()),
    );
  }

  protected onPointerDown(event: PointerEvent, mode: Drag['mode']): void {
    if (event.button !== 0 || this.drag) {
      return;
    }
    const page = this.host.nativeElement.parentElement?.getBoundingClientRect();
    if (!page || page.width === 0 || page.height === 0) {
      return;
    }
    // Not a text selection or a scroll; focus (and so selection) is given by hand below.
    event.preventDefault();
    event.stopPropagation();
    this.drag = {
      mode,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      start: this.box(),
      page,
      moved: false,
    };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    this.boxElement().nativeElement.focus({ preventScroll: true });
  }

  protected onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) {
      return;
    }
    const dxPx = event.clientX - drag.startX;
    const dyPx = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dxPx, dyPx) < DRAG_THRESHOLD_PX) {
      return;
    }
    drag.moved = true;
    const dx = dxPx / drag.page.width;
    const dy = dyPx / drag.page.height;
    this.draft.set(
      drag.mode === 'move'
        ? moveBox(drag.start, dx, dy, this.pageSize())
        : resizeBox(drag.start, dx, dy, this.pageSize()),
    );
  }

  protected onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) {
      return;
    }
    const draft = this.draft();
    this.drag = null;
    if (drag.moved && draft) {
      this.report(draft);
    }
    this.draft.set(null);
  }

  private report(box: FieldBox): void {
    this.box.set(box);
    this.changeBox.emit(box);
  }

  protected cancelDrag(): void {
    this.drag = null;
    this.draft.set(null);
  }
}
