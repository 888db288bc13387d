import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { WEB_PATHS, type ContractFieldInput, type ContractView } from '@atrium/shared';
import { catchError, forkJoin, map, of } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { ConfirmDialogComponent } from '../../../core/ui/confirm-dialog.component';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { TeamApi } from '../../team/data-access/team.api';
import { ROLE_LABELS } from '../contract-status';
import { ContractsApi } from '../data-access/contracts.api';
import { draftInput, draftProblems, draftStateOf, withoutRecipient, type DraftState } from '../draft-form';
import { FieldEditorComponent } from '../ui/field-editor.component';
import type { FieldEditorRecipient } from '../ui/field-editor.types';

interface Person {
  id: string;
  name: string;
  email: string;
  side: 'client' | 'agency';
}

/**
 * A draft being prepared: title, message, expiry, reminders, recipients (who, role, step) and the
 * fields on the pages. Save keeps it; Send checks it on the server and sends it.
 */
@Component({
  selector: 'atr-contract-editor',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    NoticeComponent,
    FieldEditorComponent,
  ],
  templateUrl: './contract-editor.component.html',
  styleUrl: './contract-editor.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractEditorComponent {
  readonly contract = input.required<ContractView>();
  readonly document = input<ArrayBuffer | null>(null);
  readonly changed = output<ContractView>();

  private readonly api = inject(ContractsApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly teamApi = inject(TeamApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roles = ['signer', 'approver', 'copy'] as const;
  protected readonly state = signal<DraftState | null>(null);
  protected readonly busy = signal(false);
  protected readonly problems = signal<string[]>([]);
  protected readonly error = signal<string | null>(null);

  /** The client's active people, and the agency's (countersigners), to choose recipients from. */
  protected readonly people = signal<Person[]>([]);

  protected readonly editorRecipients = computed<FieldEditorRecipient[]>(() => {
    const state = this.state();
    if (!state) return [];
    return state.recipients.map((r, index) => ({
      index,
      name: this.nameOf(r.userId) ?? `Recipient ${index + 1}`,
      role: r.role,
    }));
  });

  constructor() {
    queueMicrotask(() => this.init());
  }

  private canSeeTeam(): boolean {
    const role = this.auth.me()?.agencyRole;
    return role === 'owner' || role === 'admin';
  }

  private init(): void {
    const contract = this.contract();
    forkJoin({
      client: this.clientsApi.users(contract.clientId).pipe(catchError(() => of([]))),
      team: this.canSeeTeam()
        ? this.teamApi.team().pipe(
            map((t) => t.members),
            catchError(() => of([])),
          )
        : of([]),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ client, team }) =>
        this.people.set([
          ...client
            .filter((m) => m.kind === 'user' && m.status === 'active')
            .map((m) => ({ id: m.id, name: m.name, email: m.email, side: 'client' as const })),
          ...team
            .filter((m) => m.kind === 'user' && m.status === 'active')
            .map((m) => ({ id: m.id, name: m.name, email: m.email, side: 'agency' as const })),
        ]),
      );
    const layout$ =
      contract.templateId && contract.recipients.length === 0
        ? this.api.templateLayout(contract.templateId).pipe(catchError(() => of(null)))
        : of(null);
    layout$
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((layout) => this.state.set(draftStateOf(contract, layout)));
  }

  protected nameOf(userId: string | null): string | null {
    return (
      this.people().find((p) => p.id === userId)?.name ??
      this.contract().recipients.find((r) => r.userId === userId)?.name ??
      null
    );
  }

  protected patch(patch: Partial<DraftState>): void {
    const state = this.state();
    if (state) this.state.set({ ...state, ...patch });
    this.problems.set([]);
  }

  protected patchReminders(key: 'firstAfterDays' | 'everyDays' | 'maxCount', value: number): void {
    const state = this.state();
    if (state) this.patch({ reminders: { ...state.reminders, [key]: Math.max(1, Math.round(Number(value) || 1)) } });
  }

  protected addRecipient(): void {
    const state = this.state();
    if (!state) return;
    const lastStep = state.recipients.reduce((max, r) => Math.max(max, r.step), 0);
    this.patch({ recipients: [...state.recipients, { userId: null, role: 'signer', step: lastStep + 1 }] });
  }

  protected updateRecipient(index: number, patch: Partial<DraftState['recipients'][number]>): void {
    const state = this.state();
    if (!state) return;
    this.patch({ recipients: state.recipients.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  }

  protected removeRecipient(index: number): void {
    const state = this.state();
    if (state) this.patch(withoutRecipient(state, index));
  }

  protected setFields(fields: ContractFieldInput[]): void {
    this.patch({ fields });
  }

  protected takenBy(userId: string, index: number): boolean {
    return !!this.state()?.recipients.some((r, i) => i !== index && r.userId === userId);
  }

  protected save(then?: () => void): void {
    const state = this.state();
    if (!state || this.busy()) return;
    const problems = draftProblems(state);
    this.problems.set(problems);
    if (problems.length) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.save(this.contract().id, draftInput(state)).subscribe({
      next: (view) => {
        this.busy.set(false);
        if (then) then();
        else {
          this.toast.show('Draft saved.');
          this.changed.emit(view);
        }
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected send(): void {
    this.save(() => {
      this.busy.set(true);
      this.api.send(this.contract().id).subscribe({
        next: (view) => {
          this.busy.set(false);
          this.toast.show('Sent. Recipients get an email when it is their turn.');
          this.changed.emit(view);
        },
        error: (error: unknown) => this.fail(error),
      });
    });
  }

  protected saveAsTemplate(): void {
    const name = this.state()?.title.trim() || this.contract().title;
    this.save(() => {
      this.busy.set(true);
      this.api.saveAsTemplate(this.contract().id, name).subscribe({
        next: () => {
          this.busy.set(false);
          this.toast.show(`Saved as the template “${name}”.`);
        },
        error: (error: unknown) => this.fail(error),
      });
    });
  }

  protected remove(): void {
    this.dialog
      .open(ConfirmDialogComponent, {
        ...DIALOG_SIZE,
        data: {
          title: 'Delete this draft?',
          message: 'The document and its fields are deleted. This cannot be undone.',
          confirmLabel: 'Delete draft',
          destructive: true,
        },
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (!confirmed) return;
        this.api.remove(this.contract().id).subscribe({
          next: () => void this.router.navigateByUrl(WEB_PATHS.agencyContracts),
          error: (error: unknown) => this.fail(error),
        });
      });
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    const apiError = toApiError(error);
    const details = apiError.details?.flatMap((d) => d.messages) ?? [];
    if (details.length) this.problems.set(details);
    else this.error.set(apiError.message);
  }
}
