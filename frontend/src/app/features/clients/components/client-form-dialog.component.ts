import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { NAME_MAX_LENGTH, type ClientPermission, type ClientSummary, type UpdateClientRequest } from '@atrium/shared';
import { Observable, finalize } from 'rxjs';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { PERMISSION_INFO } from '../client-permissions';

export type ClientFormMode = 'create' | 'rename' | 'permissions';

export interface ClientFormDialogData {
  readonly mode: ClientFormMode;
  readonly client?: ClientSummary;
  /** Saves; the dialog stays open with the server's message when that fails. */
  readonly save: (body: UpdateClientRequest) => Observable<ClientSummary>;
}

/** New clients start with the read-and-contribute pages; the rest is a deliberate choice. */
const DEFAULT_PERMISSIONS: readonly ClientPermission[] = ['calendar.view', 'media.upload'];

const TEXT: Record<ClientFormMode, { title: (name: string) => string; submit: string }> = {
  create: { title: () => 'Create client', submit: 'Create client' },
  rename: { title: (name) => `Rename ${name}`, submit: 'Save' },
  permissions: { title: (name) => `Permissions for ${name}`, submit: 'Save permissions' },
};

/** Create a client (name and permissions), rename it, or change its permissions. */
@Component({
  selector: 'atr-client-form-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    NoticeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>{{ text.title(data.client?.name ?? '') }}</h2>
    <form class="dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="atr-form">
        <atr-notice [message]="formError()" kind="error" />
        @if (data.mode !== 'permissions') {
          <mat-form-field>
            <mat-label>Client name</mat-label>
            <input matInput formControlName="name" autocomplete="organization" required />
            @if (form.controls.name.hasError('required')) {
              <mat-error>Enter the client's name.</mat-error>
            } @else if (form.controls.name.hasError('maxlength')) {
              <mat-error>Keep it under {{ nameMax }} characters.</mat-error>
            } @else if (serverError(form.controls.name); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        @if (data.mode !== 'rename') {
          <fieldset class="permissions">
            <legend>Portal pages</legend>
            <p class="atr-muted hint">
              What the client's people may use in your portal. Members never get Team or Billing, whatever you allow.
            </p>
            @for (info of permissions; track info.permission) {
              <div class="permission">
                <mat-checkbox
                  [checked]="granted().has(info.permission)"
                  (change)="toggle(info.permission, $event.checked)"
                  [aria-describedby]="'perm-' + info.permission"
                >
                  {{ info.label }}
                </mat-checkbox>
                <p class="permission__description" [id]="'perm-' + info.permission">
                  {{ info.description }}
                  @if (info.adminOnly) {
                    <span class="admin-only">Client admins only.</span>
                  }
                </p>
              </div>
            }
          </fieldset>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()" [attr.aria-busy]="saving() ? 'true' : null">
          {{ text.submit }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .dialog-form {
      display: contents;
    }
    .permissions {
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      padding: 0;
      font: var(--mat-sys-title-small);
    }
    .hint {
      margin: 4px 0 8px;
      font: var(--mat-sys-body-small);
    }
    .permission__description {
      margin: -8px 0 8px 40px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .admin-only {
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientFormDialogComponent {
  protected readonly data = inject<ClientFormDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ClientFormDialogComponent, ClientSummary>>(MatDialogRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly text = TEXT[this.data.mode];
  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly permissions = PERMISSION_INFO;
  protected readonly serverError = serverError;
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly granted = signal<ReadonlySet<ClientPermission>>(
    new Set(this.data.client?.permissions ?? DEFAULT_PERMISSIONS),
  );
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [
      this.data.client?.name ?? '',
      this.data.mode === 'permissions' ? [] : [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)],
    ],
  });

  protected toggle(permission: ClientPermission, checked: boolean): void {
    const next = new Set(this.granted());
    if (checked) {
      next.add(permission);
    } else {
      next.delete(permission);
    }
    this.granted.set(next);
  }

  protected submit(): void {
    if (this.saving()) {
      return;
    }
    const name = this.form.controls.name.value.trim();
    if (this.data.mode !== 'permissions' && !name) {
      this.form.controls.name.setValue('');
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const permissions = PERMISSION_INFO.map((info) => info.permission).filter((p) => this.granted().has(p));
    const body: UpdateClientRequest =
      this.data.mode === 'create' ? { name, permissions } : this.data.mode === 'rename' ? { name } : { permissions };
    this.formError.set(null);
    this.saving.set(true);
    this.data
      .save(body)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (client) => this.dialogRef.close(client),
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)));
          focusFirstInvalid(this.host.nativeElement);
        },
      });
  }
}
