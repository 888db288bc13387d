import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import type { ContractFieldInput, ContractFieldKind, ContractPageSize, FieldBox } from '@atrium/shared';
import { FieldBoxComponent } from './field-box.component';
import { FIELD_KIND_DRAG_TYPE, FieldEditorRecipient } from './field-editor.types';
import { boxAt, clampBox, relativePoint } from './field-geometry';
import { FIELD_KINDS, fieldAccessibleName, fieldKindInfo, requiredByDefault, takesLabel } from './field-kinds';
import { FieldPropertiesComponent } from './field-properties.component';
import { PdfDocumentComponent } from './pdf-document.component';
import { PdfPageOverlayDirective } from './pdf-page-overlay.directive';
import { RecipientSwatchComponent } from './recipient-swatch.component';

let nextId = 0;
let nextKey = 0;

interface PlacedField {
  field: ContractFieldInput;
  index: number;
  /** Tracks the box across changes: the field's key, else its place in the list. */
  id: string;
}

/**
 * Where the agency places the fields each signer fills: a palette, a "Fields for" recipient
 * selector, and the PDF with the fields over its pages. A field is added by dragging a palette item
 * onto a page, or by choosing the item (click, Enter), which puts it in the middle of the page in
 * view. Fields are moved, resized, edited and deleted with the pointer or the keyboard; every
 * change emits the whole list (`fieldsChange`), each field kept on its page.
 */
@Component({
  selector: 'atr-field-editor',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    FieldBoxComponent,
    FieldPropertiesComponent,
    PdfDocumentComponent,
    PdfPageOverlayDirective,
    RecipientSwatchComponent,
  ],
  template: `
    <div class="editor">
      <aside class="side" [attr.aria-labelledby]="id + '-tools'">
        <h2 class="atr-visually-hidden" [id]="id + '-tools'">Fields</h2>
        @if (signers().length === 0) {
          <p class="note">Add a signer to the contract to place fields for them.</p>
        } @else {
          <mat-form-field class="for" subscriptSizing="dynamic">
            <mat-label>Fields for</mat-label>
            <mat-select
              data-testid="field-recipient"
              [value]="activeRecipient()"
              (valueChange)="activeRecipient.set($event)"
            >
              <mat-select-trigger>
                <span class="who"><atr-recipient-swatch [index]="activeRecipient() ?? 0" />{{ activeName() }}</span>
              </mat-select-trigger>
              @for (recipient of signers(); track recipient.index) {
                <mat-option [value]="recipient.index">
                  <span class="who"><atr-recipient-swatch [index]="recipient.index" />{{ recipient.name }}</span>
                </mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <p class="note note--hint" [id]="id + '-palette'">
          Drag a field onto a page, or choose it to add it to the page in view.
        </p>
        <div #palette class="palette" role="group" [attr.aria-labelledby]="id + '-palette'">
          @for (item of kinds; track item.kind) {
            <button
              mat-stroked-button
              type="button"
              draggable="true"
              [attr.data-testid]="'add-field-' + item.kind"
              [disabled]="activeRecipient() === null || pageCount() === 0"
              (click)="add(item.kind)"
              (dragstart)="onPaletteDrag($event, item.kind)"
            >
              <mat-icon aria-hidden="true">{{ item.icon }}</mat-icon>
              <span class="atr-visually-hidden">Add </span>{{ item.label }}
            </button>
          }
        </div>
        @if (selected(); as current) {
          <atr-field-properties
            class="props"
            [field]="current.field"
            [signers]="signers()"
            [pageCount]="pageCount()"
            (patch)="update(current.index, $event)"
            (remove)="removeField(current.index)"
            (done)="focusField(current.index)"
          />
        }
      </aside>

      <div class="doc" [class.doc--sheet-open]="selected() !== null">
        <atr-pdf-document [source]="source()" label="Contract document" (loaded)="pageSizes.set($event)">
          <ng-template atrPdfPageOverlay let-page>
            <div
              class="layer"
              data-testid="field-layer"
              [attr.data-page]="page"
              (pointerdown)="onLayerPointerDown($event)"
              (dragover)="onLayerDragOver($event)"
              (drop)="onLayerDrop($event, page)"
            >
              @for (placed of fieldsByPage().get(page) ?? []; track placed.id) {
                <atr-field-box
                  [field]="placed.field"
                  [index]="placed.index"
                  [recipientName]="nameOf(placed.field.recipientIndex)"
                  [selected]="selectedIndex() === placed.index"
                  [pageSize]="pageSize(page)"
                  [describedBy]="id + '-keys'"
                  (selectField)="selectedIndex.set(placed.index)"
                  (changeBox)="update(placed.index, $event)"
                  (remove)="removeField(placed.index)"
                  (edit)="openProperties(placed.index)"
                />
              }
            </div>
          </ng-template>
        </atr-pdf-document>
      </div>
    </div>
    <p class="atr-visually-hidden" [id]="id + '-keys'">
      Arrow keys move the field, with Shift in larger steps. Alt and arrow keys resize it. Enter opens its settings,
      Delete removes it.
    </p>
    <p class="atr-visually-hidden" role="status">{{ announcement() }}</p>
  `,
  styles: `
    :host {
      display: block;
      container-type: inline-size;
    }
    .editor {
      display: grid;
      gap: 16px;
    }
    .side {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-width: 0;
    }
    .note {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .who {
      display: inline-flex;
      gap: 8px;
      align-items: center;
    }
    .palette {
      display: flex;
      gap: 8px;
      overflow-x: auto;
      padding-bottom: 4px;
    }
    .palette button {
      flex: none;
      min-height: 44px;
      cursor: grab;
    }
    .doc {
      min-width: 0;
      padding: 8px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container);
    }
    .layer {
      position: absolute;
      inset: 0;
    }
    @container (min-width: 720px) {
      .editor {
        grid-template-columns: minmax(220px, 280px) minmax(0, 1fr);
        align-items: start;
      }
      .side {
        position: sticky;
        top: 0;
        max-height: 100dvh;
        overflow-y: auto;
      }
      .palette {
        flex-direction: column;
        overflow: visible;
      }
      .palette button {
        justify-content: flex-start;
      }
    }
    @container (max-width: 719.98px) {
      /* On a phone the palette stays in sight above the pages (so "the page in view" is the one
         being looked at), and the selected field's settings are a bar at the bottom of the screen. */
      .side {
        position: sticky;
        top: var(--atr-field-editor-sticky-top, 0);
        z-index: 3;
        gap: 8px;
        padding: 4px 0 8px;
        background: var(--mat-sys-surface);
      }
      .note--hint {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      .props {
        position: fixed;
        right: 0;
        bottom: 0;
        left: 0;
        z-index: 10;
        max-height: 60dvh;
        overflow-y: auto;
        box-shadow: var(--mat-sys-level3);
      }
      .doc--sheet-open {
        padding-bottom: 80px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldEditorComponent {
  /** The PDF's bytes. */
  readonly source = input<ArrayBuffer | Uint8Array | null>(null);
  /** Everyone on the contract; only signers get fields. */
  readonly recipients = input<readonly FieldEditorRecipient[]>([]);
  /** The fields, two-way: `[(fields)]`, or `[fields]` and `(fieldsChange)`. */
  readonly fields = input<ContractFieldInput[]>([]);
  /** The whole list after every change, each field kept on its page. */
  readonly fieldsChange = output<ContractFieldInput[]>();

  protected readonly id = `atr-field-editor-${nextId++}`;
  /**
   * The list as last emitted: the parent's input catches up only at the next change detection
   * (or never, if it ignores a change), and the next edit must build on this one.
   */
  private readonly current = linkedSignal(() => this.fields());
  protected readonly kinds = FIELD_KINDS;
  protected readonly pageSizes = signal<ContractPageSize[]>([]);
  protected readonly pageCount = computed(() => this.pageSizes().length);
  protected readonly selectedIndex = signal<number | null>(null);
  protected readonly announcement = signal('');

  protected readonly signers = computed(() => this.recipients().filter((recipient) => recipient.role === 'signer'));
  /** Whose fields the palette adds: the first signer, until another is chosen (and while they remain a signer). */
  protected readonly activeRecipient = linkedSignal<readonly FieldEditorRecipient[], number | null>({
    source: this.signers,
    computation: (signers, previous) =>
      previous && signers.some((signer) => signer.index === previous.value)
        ? previous.value
        : (signers[0]?.index ?? null),
  });
  protected readonly activeName = computed(() => this.nameOf(this.activeRecipient()) ?? '');
  protected readonly fieldsByPage = computed(() => {
    const pages = new Map<number, PlacedField[]>();
    this.current().forEach((field, index) => {
      const placed = { field, index, id: field.key ? `key:${field.key}` : `at:${index}` };
      pages.set(field.page, [...(pages.get(field.page) ?? []), placed]);
    });
    return pages;
  });
  protected readonly selected = computed<PlacedField | null>(() => {
    const index = this.selectedIndex();
    const field = index === null ? undefined : this.current()[index];
    return field && index !== null ? { field, index, id: `at:${index}` } : null;
  });

  private readonly viewer = viewChild.required(PdfDocumentComponent);
  private readonly boxes = viewChildren(FieldBoxComponent);
  private readonly properties = viewChild(FieldPropertiesComponent);
  private readonly palette = viewChild.required<ElementRef<HTMLElement>>('palette');
  private readonly injector = inject(Injector);

  /** Adds a field for the selected recipient, centred on a point of a page (the page in view by default). */
  add(kind: ContractFieldKind, page = this.viewer().pageInView(), centre?: { x: number; y: number }): void {
    const recipientIndex = this.activeRecipient();
    if (recipientIndex === null || this.pageCount() === 0) {
      return;
    }
    const pageIndex = Math.min(Math.max(page, 0), this.pageCount() - 1);
    const field: ContractFieldInput = {
      key: newKey(),
      kind,
      recipientIndex,
      required: requiredByDefault(kind),
      ...(takesLabel(kind) ? { label: null } : {}),
      ...boxAt(kind, pageIndex, this.pageSizes()[pageIndex], centre),
    };
    const index = this.current().length;
    this.emit([...this.current(), field]);
    this.selectedIndex.set(index);
    this.announce(`${this.describe(field)} added.`);
    this.focusField(index, true);
  }

  protected pageSize(page: number): ContractPageSize | null {
    return this.pageSizes().at(page) ?? null;
  }

  protected nameOf(recipientIndex: number | null): string | null {
    return this.recipients().find((recipient) => recipient.index === recipientIndex)?.name ?? null;
  }

  protected update(index: number, patch: Partial<ContractFieldInput> | FieldBox): void {
    const before = this.current()[index];
    if (!before) {
      return;
    }
    this.emit(this.current().map((field, at) => (at === index ? { ...field, ...patch } : field)));
    if ('page' in patch && patch.page !== before.page) {
      this.announce(`Moved to page ${(patch.page ?? 0) + 1}.`);
    }
  }

  protected removeField(index: number): void {
    const field = this.current()[index];
    if (!field) {
      return;
    }
    const rest = this.current().filter((_, at) => at !== index);
    this.emit(rest);
    this.selectedIndex.set(null);
    this.announce(`${this.describe(field)} deleted.`);
    // Focus stays near: the next field on the same page, else the palette.
    const next = rest.findIndex((other, at) => other.page === field.page && at >= index);
    const previous = rest.map((other) => other.page).lastIndexOf(field.page);
    const target = next >= 0 ? next : previous;
    if (target >= 0) {
      this.focusField(target, true);
    } else {
      afterNextRender(() => this.palette().nativeElement.querySelector<HTMLElement>('button')?.focus(), {
        injector: this.injector,
      });
    }
  }

  protected openProperties(index: number): void {
    this.selectedIndex.set(index);
    afterNextRender(() => this.properties()?.focus(), { injector: this.injector });
  }

  /** Focuses a field's box; `afterRender` when the list just changed (boxes are shown at the next render). */
  protected focusField(index: number, afterRender = false): void {
    const find = () => this.boxes().find((box) => box.index() === index);
    const box = afterRender ? undefined : find();
    if (box) {
      box.focus();
    } else {
      afterNextRender(() => find()?.focus(), { injector: this.injector });
    }
  }

  protected onPaletteDrag(event: DragEvent, kind: ContractFieldKind): void {
    event.dataTransfer?.setData(FIELD_KIND_DRAG_TYPE, kind);
    event.dataTransfer?.setData('text/plain', fieldKindInfo(kind).label);
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = 'copy';
    }
  }

  protected onLayerDragOver(event: DragEvent): void {
    if (Array.from(event.dataTransfer?.types ?? []).includes(FIELD_KIND_DRAG_TYPE)) {
      event.preventDefault();
      if (event.dataTransfer) {
        event.dataTransfer.dropEffect = 'copy';
      }
    }
  }

  protected onLayerDrop(event: DragEvent, page: number): void {
    const kind = event.dataTransfer?.getData(FIELD_KIND_DRAG_TYPE) as ContractFieldKind | undefined;
    if (!kind || !FIELD_KINDS.some((info) => info.kind === kind)) {
      return;
    }
    event.preventDefault();
    const layer = event.currentTarget as HTMLElement;
    this.add(kind, page, relativePoint(event.clientX, event.clientY, layer.getBoundingClientRect()));
  }

  /** A press on the page itself (not on a field) clears the selection. */
  protected onLayerPointerDown(event: PointerEvent): void {
    if (event.target === event.currentTarget) {
      this.selectedIndex.set(null);
    }
  }

  private emit(fields: ContractFieldInput[]): void {
    const sizes = this.pageSizes();
    const kept = fields.map((field) => clampBox(field, sizes[field.page], sizes.length || undefined));
    this.current.set(kept);
    this.fieldsChange.emit(kept);
  }

  private describe(field: ContractFieldInput): string {
    return fieldAccessibleName({ ...field, recipientName: this.nameOf(field.recipientIndex) });
  }

  private announce(message: string): void {
    // The same words twice in a row are announced again only if the text changes in between.
    this.announcement.set(this.announcement() === message ? `${message} ` : message);
  }
}

function newKey(): string {
  const random =
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `field-${random}-${nextKey++}`;
}
