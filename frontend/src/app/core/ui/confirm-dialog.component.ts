import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { Observable, map } from 'rxjs';
import { DIALOG_SIZE } from './dialogs';

export interface ConfirmDialogData {
  readonly title: string;
  readonly message: string;
  /** Consequences, one per line, shown as a list under the message. */
  readonly consequences?: readonly string[];
  readonly confirmLabel: string;
  /** Destructive actions get the error colour. */
  readonly destructive?: boolean;
}

/** Asks before something that cannot be undone, and says exactly what will happen. */
@Component({
  selector: 'atr-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      @if (data.consequences?.length) {
        <ul>
          @for (line of data.consequences; track line) {
            <li>{{ line }}</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="button" [class.destructive]="data.destructive" [mat-dialog-close]="true">
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 8px;
    }
    ul {
      margin: 0;
      padding-left: 20px;
    }
    li + li {
      margin-top: 4px;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Emits once: true when the person confirmed, false when they cancelled or closed the dialog. */
export function confirmAction(dialog: MatDialog, data: ConfirmDialogData): Observable<boolean> {
  return dialog
    .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
      ...DIALOG_SIZE,
      width: '440px',
      role: 'alertdialog',
      data,
    })
    .afterClosed()
    .pipe(map((confirmed) => confirmed === true));
}
