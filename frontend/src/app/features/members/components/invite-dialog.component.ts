import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, type InviteRequest } from '@atrium/shared';
import { Observable, finalize } from 'rxjs';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import type { RoleOption } from '../member-source';

export interface ClientChoice {
  readonly id: string;
  readonly name: string;
}

export interface InviteDialogData {
  readonly title: string;
  readonly intro?: string;
  readonly roles: readonly RoleOption[];
  /** When set, the person first picks the client to invite to (the dashboard's quick action). */
  readonly clients?: readonly ClientChoice[];
  /** Sends the invitation; the dialog stays open and shows the server's message when it fails. */
  readonly send: (request: InviteRequest<string>, clientId: string | null) => Observable<unknown>;
}

export interface InviteDialogResult {
  readonly name: string;
  readonly email: string;
  readonly clientId: string | null;
}

/** Full name, Email, Role, then "Send invitation" (seed 001/002). */
@Component({
  selector: 'atr-invite-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    NoticeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form class="dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="atr-form">
        @if (data.intro) {
          <p class="intro">{{ data.intro }}</p>
        }
        <atr-notice [message]="formError()" kind="error" />

        @if (data.clients) {
          <mat-form-field>
            <mat-label>Client</mat-label>
            <select matNativeControl formControlName="clientId" required>
              <option value="" disabled>Choose a client</option>
              @for (client of data.clients; track client.id) {
                <option [value]="client.id">{{ client.name }}</option>
              }
            </select>
            @if (form.controls.clientId.hasError('required')) {
              <mat-error>Choose the client to invite to.</mat-error>
            }
          </mat-form-field>
        }

        <mat-form-field>
          <mat-label>Full name</mat-label>
          <input matInput formControlName="name" autocomplete="off" required />
          @if (form.controls.name.hasError('required')) {
            <mat-error>Enter their full name.</mat-error>
          } @else if (form.controls.name.hasError('maxlength')) {
            <mat-error>Keep it under {{ nameMax }} characters.</mat-error>
          } @else if (serverError(form.controls.name); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field>
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="off" required />
          @if (form.controls.email.hasError('required')) {
            <mat-error>Enter their email address.</mat-error>
          } @else if (form.controls.email.hasError('email') || form.controls.email.hasError('maxlength')) {
            <mat-error>Enter a valid email address.</mat-error>
          } @else if (serverError(form.controls.email); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Role</mat-label>
          <select matNativeControl formControlName="role" required>
            @for (role of data.roles; track role.value) {
              <option [value]="role.value">{{ role.label }}</option>
            }
          </select>
          <mat-hint>{{ roleDescription() }}</mat-hint>
          @if (serverError(form.controls.role); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="sending()" [attr.aria-busy]="sending() ? 'true' : null">
          @if (sending()) {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
          }
          Send invitation
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .dialog-form {
      display: contents;
    }
    .intro {
      margin: 0 0 12px;
    }
    mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteDialogComponent {
  protected readonly data = inject<InviteDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<InviteDialogComponent, InviteDialogResult>>(MatDialogRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly sending = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly serverError = serverError;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    clientId: [
      this.data.clients?.length === 1 ? this.data.clients[0].id : '',
      this.data.clients ? [Validators.required] : [],
    ],
    name: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH), notBlank]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    role: [this.data.roles[0]?.value ?? '', [Validators.required]],
  });

  private readonly role = toSignal(this.form.controls.role.valueChanges, {
    initialValue: this.form.controls.role.value,
  });
  protected readonly roleDescription = computed(
    () => this.data.roles.find((option) => option.value === this.role())?.description ?? '',
  );

  protected submit(): void {
    if (this.sending()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const value = this.form.getRawValue();
    const clientId = this.data.clients ? value.clientId : null;
    const request: InviteRequest<string> = { name: value.name.trim(), email: value.email.trim(), role: value.role };
    this.formError.set(null);
    this.sending.set(true);
    this.data
      .send(request, clientId)
      .pipe(finalize(() => this.sending.set(false)))
      .subscribe({
        next: () => this.dialogRef.close({ name: request.name, email: request.email, clientId }),
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)));
          focusFirstInvalid(this.host.nativeElement);
        },
      });
  }
}

/** "   " is not a name. */
function notBlank(control: { value: unknown }): { required: true } | null {
  return typeof control.value === 'string' && control.value.length > 0 && control.value.trim() === ''
    ? { required: true }
    : null;
}
