import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';

export interface ReasonDialogData {
  title: string;
  message: string;
  label: string;
  confirmLabel: string;
}

/** Asks why (voiding, declining): closes with the reason, or nothing when cancelled. */
@Component({
  selector: 'atr-reason-dialog',
  imports: [FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      <form id="reason-form" (ngSubmit)="confirm()">
        <mat-form-field class="atr-full-width" subscriptSizing="dynamic">
          <mat-label>{{ data.label }}</mat-label>
          <textarea
            matInput
            name="reason"
            rows="3"
            maxlength="1000"
            required
            [(ngModel)]="reason"
            cdkFocusInitial
          ></textarea>
          @if (missing()) {
            <mat-error>Say why, so everyone involved knows.</mat-error>
          }
        </mat-form-field>
        @if (missing()) {
          <p class="missing" role="alert">Say why, so everyone involved knows.</p>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="reason-form" class="destructive">{{ data.confirmLabel }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .missing {
      color: var(--mat-sys-error);
      margin: 4px 0 0;
    }
    .destructive {
      --mdc-filled-button-container-color: var(--mat-sys-error);
      --mdc-filled-button-label-text-color: var(--mat-sys-on-error);
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonDialogComponent {
  protected readonly data = inject<ReasonDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ReasonDialogComponent, string>);
  protected reason = '';
  protected readonly missing = signal(false);

  protected confirm(): void {
    const reason = this.reason.trim();
    if (!reason) return this.missing.set(true);
    this.ref.close(reason);
  }
}
