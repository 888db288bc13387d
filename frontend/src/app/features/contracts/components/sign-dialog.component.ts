import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ContractFieldView, SignContractInput, SignatureInput } from '@atrium/shared';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { SignatureCaptureComponent } from '../ui/signature-capture.component';

export interface SignDialogData {
  name: string;
  fields: ContractFieldView[];
}

/**
 * Signing in one step (the agency's countersigner): the signature (and initials) once for all
 * their fields, then their text fields and checkboxes. Closes with what to send.
 */
@Component({
  selector: 'atr-sign-dialog',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    SignatureCaptureComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Sign</h2>
    <mat-dialog-content>
      @if (needsSignature()) {
        <h3>Your signature</h3>
        <atr-signature-capture [name]="data.name" kind="signature" (changed)="signature.set($event)" />
      }
      @if (needsInitials()) {
        <h3>Your initials</h3>
        <atr-signature-capture [name]="data.name" kind="initials" (changed)="initials.set($event)" />
      }
      @for (field of inputs(); track field.id) {
        @if (field.kind === 'text') {
          <mat-form-field class="atr-full-width" subscriptSizing="dynamic">
            <mat-label>{{ field.label || 'Text on page ' + (field.page + 1) }}</mat-label>
            <input
              matInput
              maxlength="1000"
              [required]="field.required"
              [(ngModel)]="values[field.id]"
              [name]="field.id"
            />
          </mat-form-field>
        } @else {
          <mat-checkbox [(ngModel)]="checks[field.id]" [name]="field.id">
            {{ field.label || 'Checkbox on page ' + (field.page + 1) }}{{ field.required ? ' (required)' : '' }}
          </mat-checkbox>
        }
      }
      @if (missing()) {
        <p class="missing" role="alert">{{ missing() }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" (click)="confirm()">Sign</button>
    </mat-dialog-actions>
  `,
  styles: `
    h3 {
      font: var(--mat-sys-title-small);
      margin: 12px 0 8px;
    }
    .missing {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignDialogComponent {
  protected readonly data = inject<SignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<SignDialogComponent, SignContractInput>);
  protected readonly signature = signal<SignatureInput | null>(null);
  protected readonly initials = signal<SignatureInput | null>(null);
  protected readonly missing = signal<string | null>(null);
  protected readonly values: Record<string, string> = {};
  protected readonly checks: Record<string, boolean> = {};
  protected readonly needsSignature = computed(() => this.data.fields.some((f) => f.kind === 'signature'));
  protected readonly needsInitials = computed(() => this.data.fields.some((f) => f.kind === 'initials'));
  protected readonly inputs = computed(() =>
    this.data.fields.filter((f) => f.kind === 'text' || f.kind === 'checkbox'),
  );

  protected confirm(): void {
    if (this.needsSignature() && !this.signature()) return this.missing.set('Add your signature.');
    if (this.needsInitials() && !this.initials()) return this.missing.set('Add your initials.');
    const values: Record<string, string> = {};
    for (const field of this.inputs()) {
      if (field.kind === 'text') {
        const text = (this.values[field.id] ?? '').trim();
        if (field.required && !text) return this.missing.set(`Fill in ${field.label || 'the text field'}.`);
        if (text) values[field.id] = text;
      } else {
        if (field.required && !this.checks[field.id]) return this.missing.set(`Tick ${field.label || 'the checkbox'}.`);
        values[field.id] = this.checks[field.id] ? 'true' : 'false';
      }
    }
    this.ref.close({
      signature: this.signature(),
      initials: this.initials(),
      values,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  }
}
