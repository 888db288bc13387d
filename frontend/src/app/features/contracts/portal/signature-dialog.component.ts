import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import type { SignatureInput } from '@atrium/shared';
import { Observable } from 'rxjs';
import { DIALOG_SIZE, OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { SignatureCaptureComponent } from '../ui/signature-capture.component';

export interface SignatureDialogData {
  readonly kind: 'signature' | 'initials';
  /** The signer's name: what the Type tab starts with. */
  readonly name: string;
  /** How many of the signer's fields it goes in. */
  readonly places: number;
}

/** Phones: the dialog takes the whole screen, so that there is room to draw with a finger. */
export const FULL_SCREEN_QUERY = '(max-width: 599.98px)';

let nextId = 0;

/**
 * Makes the signer's signature (or initials) once: typed, drawn or uploaded. It goes in every one
 * of their signature (initials) fields; nothing is sent before they press Sign on the page.
 */
@Component({
  selector: 'atr-signature-dialog',
  imports: [MatButtonModule, MatDialogModule, SignatureCaptureComponent],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>{{ initials ? 'Add your initials' : 'Add your signature' }}</h2>
    <mat-dialog-content>
      <p class="intro">
        {{ initials ? 'Your initials go' : 'Your signature goes' }}
        {{ data.places === 1 ? 'in the place' : 'in all ' + data.places + ' places' }} where this contract asks for
        {{ initials ? 'them' : 'it' }}. Nothing is sent until you press Sign.
      </p>
      <atr-signature-capture [name]="data.name" [kind]="data.kind" (changed)="changed($event)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (asked() && !value()) {
        <p [id]="hintId" class="hint" role="alert">
          {{ initials ? 'Type, draw or upload your initials first.' : 'Type, draw or upload your signature first.' }}
        </p>
      }
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        class="adopt"
        [disabled]="!value()"
        [disabledInteractive]="true"
        [attr.aria-describedby]="asked() && !value() ? hintId : null"
        (click)="adopt()"
      >
        {{ initials ? 'Use these initials' : 'Use this signature' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .intro {
      margin: 0 0 8px;
    }
    .hint {
      flex: 1 1 100%;
      margin: 0 0 8px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-medium);
      text-align: start;
    }
    mat-dialog-actions {
      flex-wrap: wrap;
      gap: 8px;
    }
    button {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignatureDialogComponent {
  protected readonly data = inject<SignatureDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SignatureDialogComponent, SignatureInput>>(MatDialogRef);

  protected readonly initials = this.data.kind === 'initials';
  protected readonly hintId = `signature-dialog-hint-${nextId++}`;
  protected readonly value = signal<SignatureInput | null>(null);
  /** The person pressed "Use this signature" with nothing made yet. */
  protected readonly asked = signal(false);

  protected changed(value: SignatureInput | null): void {
    this.value.set(value);
  }

  protected adopt(): void {
    const value = this.value();
    if (!value) {
      this.asked.set(true);
      return;
    }
    this.ref.close(value);
  }
}

/** Emits the signature made, or nothing when the person cancelled. */
export function openSignatureDialog(
  dialog: MatDialog,
  breakpoints: BreakpointObserver,
  data: SignatureDialogData,
): Observable<SignatureInput | undefined> {
  const fullScreen = breakpoints.isMatched(FULL_SCREEN_QUERY);
  return dialog
    .open<SignatureDialogComponent, SignatureDialogData, SignatureInput>(SignatureDialogComponent, {
      ...DIALOG_SIZE,
      width: '640px',
      ...(fullScreen ? { width: '100vw', maxWidth: '100vw', height: '100dvh', maxHeight: '100dvh' } : {}),
      autoFocus: 'first-tabbable',
      ariaLabel: data.kind === 'initials' ? 'Add your initials' : 'Add your signature',
      data,
    })
    .afterClosed();
}
