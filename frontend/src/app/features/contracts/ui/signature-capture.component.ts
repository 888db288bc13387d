import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import type { SignatureInput, SignatureMethod } from '@atrium/shared';
import { DrawnSignatureComponent } from './drawn-signature.component';
import { initialsOf } from './initials';
import { TypedSignatureComponent } from './typed-signature.component';
import { UploadedSignatureComponent } from './uploaded-signature.component';

const METHODS: readonly SignatureMethod[] = ['typed', 'drawn', 'uploaded'];

/**
 * How a signer makes their signature (or initials): typed in a script font (the default, and the
 * way for keyboards), drawn with a finger or a mouse, or uploaded as a picture. Emits what the
 * open tab holds, null while it holds nothing; each tab keeps its work when another is opened.
 *
 * The Draw and Upload tabs are built when first opened (the drawing pad needs its size).
 */
@Component({
  selector: 'atr-signature-capture',
  imports: [MatTabsModule, TypedSignatureComponent, DrawnSignatureComponent, UploadedSignatureComponent],
  template: `
    <mat-tab-group
      [aria-label]="kind() === 'initials' ? 'How to make your initials' : 'How to make your signature'"
      [selectedIndex]="tab()"
      (selectedIndexChange)="tab.set($event)"
      [preserveContent]="true"
      animationDuration="0ms"
    >
      <mat-tab label="Type">
        <div class="pane">
          <atr-typed-signature [kind]="kind()" [initialText]="initialText()" (changed)="keep('typed', $event)" />
        </div>
      </mat-tab>
      <mat-tab label="Draw">
        <ng-template matTabContent>
          <div class="pane">
            <atr-drawn-signature [kind]="kind()" (changed)="keep('drawn', $event)" />
          </div>
        </ng-template>
      </mat-tab>
      <mat-tab label="Upload">
        <ng-template matTabContent>
          <div class="pane">
            <atr-uploaded-signature [kind]="kind()" (changed)="keep('uploaded', $event)" />
          </div>
        </ng-template>
      </mat-tab>
    </mat-tab-group>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .pane {
      padding: 16px 4px 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignatureCaptureComponent {
  /** The signer's name: what the Type tab starts with (their initials, for initials). */
  readonly name = input('');
  readonly kind = input<'signature' | 'initials'>('signature');
  /** What would be placed now (the open tab's), null while that tab holds nothing. */
  readonly changed = output<SignatureInput | null>();

  protected readonly tab = signal(0);
  private readonly results = signal<Record<SignatureMethod, SignatureInput | null>>({
    typed: null,
    drawn: null,
    uploaded: null,
  });
  protected readonly initialText = computed(() => (this.kind() === 'initials' ? initialsOf(this.name()) : this.name()));
  /** The current result, as the parent sees it. */
  readonly value = computed(() => this.results()[METHODS[this.tab()] ?? 'typed']);

  constructor() {
    let last: SignatureInput | null | undefined;
    effect(() => {
      const value = this.value();
      if (value !== last) {
        last = value;
        this.changed.emit(value);
      }
    });
  }

  protected keep(method: SignatureMethod, value: SignatureInput | null): void {
    this.results.update((results) => ({ ...results, [method]: value }));
  }
}
