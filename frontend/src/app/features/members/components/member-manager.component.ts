import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { BulkResult } from '@atrium/shared';
import { Observable, Subscription, filter, finalize, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { ToastService } from '../../../core/ui/toast.service';
import { AnyMemberRow, MemberSource, RoleOption, loginEmailSelectionProblem, people, sameRow } from '../member-source';
import { roleLabel } from '../member-status';
import { MagicLinkDialogComponent, MagicLinkDialogData } from './magic-link-dialog.component';
import { StatusChipComponent } from './status-chip.component';

/**
 * A user list with everything that can be done to it: people and invitations with their status
 * and last activity; resend, revoke, change role, remove; for client users also magic links,
 * login emails and bulk actions on a selection. Used for a client's users (agency), the agency
 * team, and the portal's Team page; the MemberSource says where the data lives.
 */
@Component({
  selector: 'atr-member-manager',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTooltipModule,
    NoticeComponent,
    RelativeTimeComponent,
    StatusChipComponent,
  ],
  templateUrl: './member-manager.component.html',
  styleUrl: './member-manager.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberManagerComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  readonly source = input.required<MemberSource>();
  /** Roles that can be given here (Admin/Member). */
  readonly roles = input.required<readonly RoleOption[]>();
  /** What removal takes away, for the confirmation: "the Acme Coffee portal", "the agency workspace". */
  readonly place = input.required<string>();
  /** The table's caption, for screen readers: "Users of Acme Coffee". */
  readonly caption = input.required<string>();
  readonly emptyMessage = input('Nobody has been invited yet.');
  /** The list as loaded or changed, e.g. to update counts elsewhere on the page. */
  readonly membersChange = output<readonly AnyMemberRow[]>();

  protected readonly state = signal<LoadState<AnyMemberRow[]>>({ status: 'loading' });
  protected readonly rows = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : null;
  });
  protected readonly actionError = signal<string | null>(null);
  /** Rows with a request under way: their buttons wait. Keyed by kind and id. */
  private readonly busyKeys = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedIds = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkBusy = signal(false);

  protected readonly timeZone = computed(() => this.auth.me()?.timezone ?? null);
  protected readonly meId = computed(() => this.auth.me()?.id ?? null);
  protected readonly hasMagicLinks = computed(() => !!this.source().magicLink);
  protected readonly hasLoginEmails = computed(() => !!this.source().loginEmails);
  protected readonly bulkEnabled = computed(() => !!this.source().loginEmails || !!this.source().bulkRemove);
  protected readonly selectable = computed(() => this.rows().filter((row) => this.isSelectable(row)));
  protected readonly selectedRows = computed(() => this.selectable().filter((row) => this.selectedIds().has(row.id)));
  protected readonly allSelected = computed(
    () => this.selectable().length > 0 && this.selectedRows().length === this.selectable().length,
  );
  protected readonly roleLabel = roleLabel;

  private loading: Subscription | null = null;

  ngOnInit(): void {
    this.reload();
    this.destroyRef.onDestroy(() => this.loading?.unsubscribe());
  }

  /** Reads the list again (after an invitation sent from elsewhere on the page, for instance). */
  reload(): void {
    this.loading?.unsubscribe();
    if (this.state().status === 'error') {
      this.state.set({ status: 'loading' });
    }
    this.loading = this.source()
      .list()
      .pipe(toLoadState)
      .subscribe((state) => {
        // A reload keeps the current rows on screen instead of flashing a spinner.
        if (state.status === 'loading' && this.state().status === 'ready') {
          return;
        }
        this.state.set(state);
        if (state.status === 'ready') {
          this.afterChange(state.value);
        }
      });
  }

  protected canManage(row: AnyMemberRow): boolean {
    const canManage = this.source().canManage;
    return canManage ? canManage(row) : true;
  }

  protected isSelectable(row: AnyMemberRow): boolean {
    return this.bulkEnabled() && row.kind === 'user' && row.status === 'active' && this.canManage(row);
  }

  protected isBusy(row: AnyMemberRow): boolean {
    return this.busyKeys().has(key(row));
  }

  protected toggle(row: AnyMemberRow, checked: boolean): void {
    const next = new Set(this.selectedIds());
    if (checked) {
      next.add(row.id);
    } else {
      next.delete(row.id);
    }
    this.selectedIds.set(next);
  }

  protected toggleAll(checked: boolean): void {
    this.selectedIds.set(new Set(checked ? this.selectable().map((row) => row.id) : []));
  }

  protected resend(row: AnyMemberRow): void {
    this.run(row, this.source().resend(row), (updated) => {
      this.replace(row, updated);
      this.toast.show(`Invitation sent again to ${row.email}. The previous link no longer works.`);
    });
  }

  protected revoke(row: AnyMemberRow): void {
    this.run(row, this.source().revoke(row), () => {
      this.setRows(this.rows().filter((candidate) => !sameRow(candidate, row)));
      this.toast.show(`Invitation for ${row.email} revoked.`);
    });
  }

  protected changeRole(row: AnyMemberRow, role: string): void {
    if (row.role === role) {
      return;
    }
    this.run(row, this.source().changeRole(row, role), (updated) => {
      this.replace(row, updated);
      this.toast.show(`${row.name} is now ${roleLabel(role)}. It applies from their next click.`);
    });
  }

  protected remove(row: AnyMemberRow): void {
    confirmAction(this.dialog, {
      title: `Remove ${row.name}?`,
      message: `${row.name} loses access to ${this.place()} at once. They will not be notified.`,
      confirmLabel: 'Remove',
      destructive: true,
    })
      .pipe(filter(Boolean))
      .subscribe(() =>
        this.run(row, this.source().remove(row), () => {
          this.toast.show(`${row.name} removed.`);
          this.reload();
        }),
      );
  }

  protected magicLink(row: AnyMemberRow): void {
    const { magicLink, revokeMagicLinks } = this.source();
    if (!magicLink) {
      return;
    }
    this.dialog.open<MagicLinkDialogComponent, MagicLinkDialogData>(MagicLinkDialogComponent, {
      ...DIALOG_SIZE,
      data: {
        personName: row.name,
        create: () => magicLink(row),
        revoke: revokeMagicLinks ? () => revokeMagicLinks(row) : undefined,
      },
    });
  }

  protected loginEmail(row: AnyMemberRow): void {
    const loginEmails = this.source().loginEmails;
    if (loginEmails) {
      this.run(row, loginEmails([row]), () => this.toast.show(`Login email sent to ${row.email}.`));
    }
  }

  protected bulkLoginEmail(): void {
    const loginEmails = this.source().loginEmails;
    const rows = this.selectedRows();
    const problem = loginEmailSelectionProblem(rows.length);
    if (problem) {
      this.actionError.set(problem);
      return;
    }
    if (loginEmails && rows.length > 0) {
      this.runBulk(loginEmails(rows), (result) => {
        this.toast.show(`Login email sent to ${people(result.done)}.${skippedNote(result)}`);
        this.selectedIds.set(new Set());
      });
    }
  }

  protected bulkRemove(): void {
    const bulkRemove = this.source().bulkRemove;
    const rows = this.selectedRows();
    if (!bulkRemove || rows.length === 0) {
      return;
    }
    confirmAction(this.dialog, {
      title: `Remove ${people(rows.length)}?`,
      message: `They lose access to ${this.place()} at once. They will not be notified.`,
      consequences: rows.map((row) => `${row.name} (${row.email})`),
      confirmLabel: 'Remove',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.bulkBusy.set(true);
          this.actionError.set(null);
          return bulkRemove(rows).pipe(finalize(() => this.bulkBusy.set(false)));
        }),
      )
      .subscribe({
        next: (result) => {
          this.toast.show(`Removed ${people(result.done)}.${skippedNote(result)}`);
          this.selectedIds.set(new Set());
          this.reload();
        },
        error: (error: unknown) => this.actionError.set(toApiError(error).message),
      });
  }

  private run<T>(row: AnyMemberRow, request: Observable<T>, done: (value: T) => void): void {
    if (this.isBusy(row)) {
      return;
    }
    this.setBusy(row, true);
    this.actionError.set(null);
    request.pipe(finalize(() => this.setBusy(row, false))).subscribe({
      next: (value) => done(value),
      error: (error: unknown) => this.actionError.set(toApiError(error).message),
    });
  }

  private runBulk(request: Observable<BulkResult>, done: (result: BulkResult) => void): void {
    if (this.bulkBusy()) {
      return;
    }
    this.bulkBusy.set(true);
    this.actionError.set(null);
    request.pipe(finalize(() => this.bulkBusy.set(false))).subscribe({
      next: done,
      error: (error: unknown) => this.actionError.set(toApiError(error).message),
    });
  }

  private setBusy(row: AnyMemberRow, busy: boolean): void {
    const next = new Set(this.busyKeys());
    if (busy) {
      next.add(key(row));
    } else {
      next.delete(key(row));
    }
    this.busyKeys.set(next);
  }

  private replace(row: AnyMemberRow, updated: AnyMemberRow): void {
    this.setRows(this.rows().map((candidate) => (sameRow(candidate, row) ? updated : candidate)));
  }

  private setRows(rows: AnyMemberRow[]): void {
    this.state.set({ status: 'ready', value: rows });
    this.afterChange(rows);
  }

  private afterChange(rows: readonly AnyMemberRow[]): void {
    // A selection only ever holds people who are still selectable.
    const still = new Set(rows.filter((row) => this.isSelectable(row)).map((row) => row.id));
    const selected = [...this.selectedIds()].filter((id) => still.has(id));
    if (selected.length !== this.selectedIds().size) {
      this.selectedIds.set(new Set(selected));
    }
    this.membersChange.emit(rows);
  }
}

function key(row: AnyMemberRow): string {
  return `${row.kind}:${row.id}`;
}

function skippedNote(result: BulkResult): string {
  return result.skipped.length > 0 ? ` ${people(result.skipped.length)} skipped (no longer here).` : '';
}
