import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { ContractEventType, ContractFileKind, ContractView } from '@atrium/shared';
import { switchMap } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { toLoadState } from '../../../core/http/load-state';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { ToastService } from '../../../core/ui/toast.service';
import { ROLE_LABELS } from '../contract-status';
import { recipientStatusText } from '../portal/contract-wording';
import { ContractsApi, saveBlob } from '../data-access/contracts.api';
import { ReasonDialogComponent, type ReasonDialogData } from './reason-dialog.component';
import { SignDialogComponent, type SignDialogData } from './sign-dialog.component';

const EVENT_WORDS: Record<ContractEventType, string> = {
  created: 'Created',
  updated: 'Changed',
  sent: 'Sent',
  email_sent: 'Email sent',
  opened: 'Opened',
  viewed: 'Viewed for the first time',
  field_filled: 'Field filled',
  signed: 'Signed',
  approved: 'Approved',
  declined: 'Declined',
  reminded: 'Reminder sent',
  voided: 'Voided',
  expired: 'Expired',
  completed: 'Completed',
  sealed: 'Signed copy sealed',
  downloaded: 'Downloaded',
};

/** A sent contract, for the agency: where each recipient stands, what to do next, the files and the trail. */
@Component({
  selector: 'atr-contract-detail',
  imports: [MatButtonModule, MatIconModule, NoticeComponent],
  templateUrl: './contract-detail.component.html',
  styleUrl: './contract-detail.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractDetailComponent {
  readonly contract = input.required<ContractView>();
  readonly changed = output<ContractView>();

  private readonly api = inject(ContractsApi);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly eventWords = EVENT_WORDS;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly active = computed(() => ['sent', 'viewed', 'partially_signed'].includes(this.contract().status));
  protected readonly me = computed(() => this.contract().recipients.find((r) => r.isMe) ?? null);
  protected readonly events = toSignal(
    toObservable(this.contract).pipe(switchMap((contract) => toLoadState(this.api.events(contract.id)))),
    { initialValue: { status: 'loading' } as const },
  );

  protected statusText = recipientStatusText;

  protected when(iso: string | null): string {
    return iso ? fullDateTime(iso) : '';
  }

  protected download(kind: ContractFileKind, suffix: string): void {
    const contract = this.contract();
    this.api.file(contract.id, kind).subscribe({
      next: (blob) => saveBlob(blob, `${contract.title}${suffix}.pdf`),
      error: (error: unknown) => this.error.set(`The file could not be downloaded. ${toApiError(error).message}`),
    });
  }

  protected remind(recipientId?: string): void {
    this.run(this.api.remind(this.contract().id, recipientId), 'Sent again.');
  }

  protected retrySeal(): void {
    this.run(this.api.retrySeal(this.contract().id), 'Sealing again.');
  }

  protected voidContract(): void {
    const data: ReasonDialogData = {
      title: 'Void this contract?',
      message: 'It can no longer be signed. Everyone it reached is told, with your reason.',
      label: 'Reason',
      confirmLabel: 'Void contract',
    };
    this.dialog
      .open(ReasonDialogComponent, { ...DIALOG_SIZE, data })
      .afterClosed()
      .subscribe((reason?: string) => {
        if (reason) this.run(this.api.void(this.contract().id, reason), 'Voided. Everyone it reached was told.');
      });
  }

  protected sign(): void {
    const me = this.me();
    if (!me) return;
    if (me.role === 'approver') {
      this.run(this.api.approve(this.contract().id), 'Approved.');
      return;
    }
    const data: SignDialogData = {
      name: me.name,
      fields: this.contract().fields.filter((f) => f.recipientId === me.id),
    };
    this.dialog
      .open(SignDialogComponent, { ...DIALOG_SIZE, width: '640px', data })
      .afterClosed()
      .subscribe((input) => {
        if (input) this.run(this.api.sign(this.contract().id, input), 'Signed.');
      });
  }

  private run(request: ReturnType<ContractsApi['get']>, done: string): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: (view) => {
        this.busy.set(false);
        this.toast.show(done);
        this.changed.emit(view);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(error);
        this.error.set(apiError.details?.flatMap((d) => d.messages).join(' ') || apiError.message);
      },
    });
  }
}
