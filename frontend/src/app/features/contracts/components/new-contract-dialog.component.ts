import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { ClientSummary, ContractLimits, ContractTemplateSummary, ContractView } from '@atrium/shared';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ContractsApi } from '../data-access/contracts.api';

export interface NewContractData {
  clients: ClientSummary[];
  templates: ContractTemplateSummary[];
  limits: ContractLimits;
  clientId: string | null;
}

/** New contract: for which client, from a PDF or from a template. Closes with the new draft. */
@Component({
  selector: 'atr-new-contract-dialog',
  imports: [
    FormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    NoticeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>New contract</h2>
    <mat-dialog-content>
      <form id="new-contract" class="atr-form" (ngSubmit)="create()">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Client</mat-label>
          <mat-select name="client" [(ngModel)]="clientId" required>
            @for (client of data.clients; track client.id) {
              <mat-option [value]="client.id">{{ client.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>The contract goes to this client's people.</mat-hint>
        </mat-form-field>

        @if (data.templates.length > 0) {
          <mat-radio-group name="source" [(ngModel)]="source" aria-label="Start from">
            <mat-radio-button value="upload">Upload a PDF</mat-radio-button>
            <mat-radio-button value="template">Use a template</mat-radio-button>
          </mat-radio-group>
        }

        @if (source === 'upload') {
          <div class="file">
            <label for="contract-file" class="file__label">PDF document</label>
            <input id="contract-file" type="file" accept="application/pdf,.pdf" (change)="pick($event)" />
            <span class="atr-muted"
              >Up to {{ maxMb }} MB and {{ data.limits.maxPages }} pages, without a password.</span
            >
          </div>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Title</mat-label>
            <input matInput name="title" [(ngModel)]="title" maxlength="200" />
            <mat-hint>Defaults to the file name.</mat-hint>
          </mat-form-field>
        } @else {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Template</mat-label>
            <mat-select name="template" [(ngModel)]="templateId" required>
              @for (template of data.templates; track template.id) {
                <mat-option [value]="template.id">{{ template.name }} ({{ template.pageCount }} pages)</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @if (progress() !== null) {
          <mat-progress-bar mode="determinate" [value]="progress()" aria-label="Uploading the document" />
        }
        <atr-notice kind="error" [message]="error()" />
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="new-contract" [disabledInteractive]="true" [disabled]="busy()">
        Continue
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .file {
      display: flex;
      flex-direction: column;
      gap: 6px;
      margin: 8px 0 16px;
    }
    .file__label {
      font: var(--mat-sys-title-small);
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewContractDialogComponent {
  protected readonly data = inject<NewContractData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<NewContractDialogComponent, ContractView>);
  private readonly api = inject(ContractsApi);
  private readonly destroyRef = inject(DestroyRef);

  protected clientId: string | null =
    this.data.clientId ?? (this.data.clients.length === 1 ? this.data.clients[0].id : null);
  protected source: 'upload' | 'template' = 'upload';
  protected templateId: string | null = null;
  protected title = '';
  protected file: File | null = null;
  protected readonly maxMb = Math.round(this.data.limits.maxBytes / (1024 * 1024));
  protected readonly busy = signal(false);
  protected readonly progress = signal<number | null>(null);
  protected readonly error = signal<string | null>(null);

  protected pick(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.error.set(null);
    if (file && file.size > this.data.limits.maxBytes) {
      this.error.set(`${file.name} is larger than ${this.maxMb} MB.`);
      this.file = null;
      return;
    }
    this.file = file;
    if (file && !this.title) this.title = file.name.replace(/\.pdf$/i, '');
  }

  protected create(): void {
    if (this.busy()) return;
    if (!this.clientId) return this.error.set('Choose the client the contract is for.');
    this.error.set(null);
    if (this.source === 'template') {
      if (!this.templateId) return this.error.set('Choose a template.');
      this.busy.set(true);
      this.api
        .fromTemplate(this.templateId, this.clientId, null)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({ next: (view) => this.ref.close(view), error: (e: unknown) => this.fail(e) });
      return;
    }
    if (!this.file) return this.error.set('Choose the PDF to send.');
    this.busy.set(true);
    this.progress.set(0);
    this.api
      .upload(this.clientId, this.file, this.title.trim())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress && event.total) {
            this.progress.set(Math.round((100 * event.loaded) / event.total));
          } else if (event.type === HttpEventType.Response && event.body) {
            this.ref.close(event.body);
          }
        },
        error: (e: unknown) => this.fail(e),
      });
  }

  private fail(error: unknown): void {
    const apiError = toApiError(error);
    this.error.set(apiError.details?.[0]?.messages[0] ?? apiError.message);
    this.busy.set(false);
    this.progress.set(null);
  }
}
