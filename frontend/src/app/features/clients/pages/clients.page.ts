import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal, viewChildren } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { ClientSummary, InviteAvailability, SocialAccountView } from '@atrium/shared';
import { Observable, catchError, filter, finalize, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { AgencyDashboardApi } from '../../agencies/data-access/agency-dashboard.api';
import { InviteButtonComponent } from '../../members/components/invite-button.component';
import {
  InviteDialogComponent,
  InviteDialogData,
  InviteDialogResult,
} from '../../members/components/invite-dialog.component';
import { MemberManagerComponent } from '../../members/components/member-manager.component';
import { AnyMemberRow, CLIENT_ROLE_OPTIONS, MemberSource } from '../../members/member-source';
import { AuthService } from '../../../core/auth/auth.service';
import { clientMemberSource } from '../client-member-source';
import { permissionSummary } from '../client-permissions';
import {
  ClientFormDialogComponent,
  ClientFormDialogData,
  ClientFormMode,
} from '../components/client-form-dialog.component';
import { ClientsApi } from '../data-access/clients.api';
import { SocialApi } from '../../social/data-access/social.api';
import { providerIcon } from '../../social/provider-ui';
import { ConnectLinksDialogComponent, ConnectLinksDialogData } from '../components/connect-links-dialog.component';
import { ViewAsLauncher } from '../../view-as/components/view-as-launcher.service';

/** Until the server says otherwise, inviting is assumed possible; it still refuses with a reason. */
const INVITE_UNKNOWN: InviteAvailability = { allowed: true, reasons: [] };

/** Settings > Clients [001][002]: the agency's clients, their portal permissions and their people. */
@Component({
  selector: 'atr-clients-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTooltipModule,
    InviteButtonComponent,
    MemberManagerComponent,
    NoticeComponent,
  ],
  templateUrl: './clients.page.html',
  styleUrl: './clients.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientsPage {
  private readonly api = inject(ClientsApi);
  private readonly auth = inject(AuthService);
  private readonly dashboardApi = inject(AgencyDashboardApi);
  private readonly socialApi = inject(SocialApi);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly viewAsLauncher = inject(ViewAsLauncher);
  private readonly destroyRef = inject(DestroyRef);
  private readonly managers = viewChildren(MemberManagerComponent);
  private readonly sources = new Map<string, MemberSource>();

  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadError = signal('');
  protected readonly clients = signal<ClientSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly invite = signal<InviteAvailability | null>(null);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly roles = CLIENT_ROLE_OPTIONS;
  protected readonly permissionSummary = permissionSummary;
  /** Each client's assigned social accounts, from one read of the agency's accounts. */
  private readonly accountsByClient = signal<ReadonlyMap<string, SocialAccountView[]> | null>(null);
  protected readonly accountsError = signal(false);
  protected readonly providerIcon = providerIcon;
  protected readonly empty = computed(() => this.status() === 'ready' && this.clients().length === 0);

  constructor() {
    this.load();
    this.dashboardApi
      .dashboard()
      .pipe(
        map((dashboard) => dashboard.invite),
        catchError(() => of(INVITE_UNKNOWN)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((invite) => this.invite.set(invite));
    this.loadAccounts();
  }

  protected accountsOf(client: ClientSummary): SocialAccountView[] | null {
    const byClient = this.accountsByClient();
    return byClient ? (byClient.get(client.id) ?? []) : null;
  }

  protected openConnectLinks(client: ClientSummary): void {
    this.dialog
      .open<ConnectLinksDialogComponent, ConnectLinksDialogData>(ConnectLinksDialogComponent, {
        ...DIALOG_SIZE,
        width: '600px',
        data: { clientId: client.id, clientName: client.name },
      })
      .afterClosed()
      // Accounts may have arrived through a link meanwhile.
      .subscribe(() => this.loadAccounts());
  }

  private loadAccounts(): void {
    this.socialApi
      .accounts()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          const byClient = new Map<string, SocialAccountView[]>();
          for (const account of list.items) {
            if (account.clientId) {
              byClient.set(account.clientId, [...(byClient.get(account.clientId) ?? []), account]);
            }
          }
          this.accountsByClient.set(byClient);
          this.accountsError.set(false);
        },
        error: () => this.accountsError.set(true),
      });
  }

  protected load(): void {
    this.status.set('loading');
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.clients.set(page.items);
          this.nextCursor.set(page.nextCursor);
          this.status.set('ready');
        },
        error: (error: unknown) => {
          this.loadError.set(toApiError(error).message);
          this.status.set('error');
        },
      });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) {
      return;
    }
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.api
      .list(cursor)
      .pipe(
        finalize(() => this.loadingMore.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (page) => {
          const known = new Set(this.clients().map((client) => client.id));
          this.clients.update((clients) => [...clients, ...page.items.filter((client) => !known.has(client.id))]);
          this.nextCursor.set(page.nextCursor);
        },
        error: (error: unknown) => this.moreError.set(toApiError(error).message),
      });
  }

  protected isExpanded(client: ClientSummary): boolean {
    return this.expanded().has(client.id);
  }

  protected toggleUsers(client: ClientSummary): void {
    const next = new Set(this.expanded());
    if (next.has(client.id)) {
      next.delete(client.id);
    } else {
      next.add(client.id);
    }
    this.expanded.set(next);
  }

  protected source(client: ClientSummary): MemberSource {
    let source = this.sources.get(client.id);
    if (!source) {
      const role = this.auth.me()?.agencyRole;
      source = clientMemberSource(this.api, client.id, role === 'owner' || role === 'admin');
      this.sources.set(client.id, source);
    }
    return source;
  }

  protected create(): void {
    this.openForm('create', undefined, (body) =>
      this.api.create({ name: body.name ?? '', permissions: body.permissions }),
    ).subscribe((client) => {
      this.clients.update((clients) =>
        [...clients, client].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
      );
      this.toast.show(`${client.name} created. Invite its people when you are ready.`);
    });
  }

  protected rename(client: ClientSummary): void {
    this.openForm('rename', client, (body) => this.api.update(client.id, body)).subscribe((updated) => {
      this.replace(updated);
      this.toast.show(`Renamed to ${updated.name}.`);
    });
  }

  protected editPermissions(client: ClientSummary): void {
    this.openForm('permissions', client, (body) => this.api.update(client.id, body)).subscribe((updated) => {
      this.replace(updated);
      this.toast.show(`Permissions of ${updated.name} saved. They apply from their people's next click.`);
    });
  }

  protected delete(client: ClientSummary): void {
    this.actionError.set(null);
    confirmAction(this.dialog, {
      title: `Delete ${client.name}?`,
      message: 'Deleting this client cannot be undone:',
      consequences: [
        `Its client users are deactivated: they can no longer sign in to your portal (${client.counts.active} active now).`,
        `Its pending invitations are revoked (${client.counts.invited} pending).`,
        'Its social accounts stay connected but become unassigned.',
      ],
      confirmLabel: 'Delete client',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(client.id)),
      )
      .subscribe({
        next: () => {
          this.clients.update((clients) => clients.filter((candidate) => candidate.id !== client.id));
          this.sources.delete(client.id);
          this.toast.show(`${client.name} deleted. Its client users were deactivated.`);
        },
        error: (error: unknown) => this.actionError.set(toApiError(error).message),
      });
  }

  /** Opens the client's portal, read-only, as one of its people, in a new tab. */
  protected viewAs(client: ClientSummary): void {
    this.actionError.set(null);
    this.viewAsLauncher.open(client).subscribe({
      next: (person) => {
        if (person) {
          this.toast.show(`${client.name}'s portal opened in a new tab, as ${person.name}.`);
        }
      },
      error: (error: Error) => this.actionError.set(error.message),
    });
  }

  protected inviteTo(client: ClientSummary): void {
    const source = this.source(client);
    this.dialog
      .open<InviteDialogComponent, InviteDialogData, InviteDialogResult>(InviteDialogComponent, {
        ...DIALOG_SIZE,
        data: {
          title: `Invite to ${client.name}`,
          intro: `They get an email with a link to set a password and join the ${client.name} portal. The link works for 7 days.`,
          roles: CLIENT_ROLE_OPTIONS,
          send: (request) => source.invite(request),
        },
      })
      .afterClosed()
      .pipe(filter((result): result is InviteDialogResult => !!result))
      .subscribe((result) => {
        this.toast.show(`Invitation sent to ${result.email}.`);
        this.managerFor(client)?.reload();
        this.patchCounts(client.id, (counts) => ({ ...counts, invited: counts.invited + 1 }));
      });
  }

  /** Keeps the Users column in step with what the expanded list shows. */
  protected onMembers(client: ClientSummary, rows: readonly AnyMemberRow[]): void {
    const active = rows.filter((row) => row.status === 'active').length;
    const invited = rows.filter((row) => row.status === 'invited').length;
    this.patchCounts(client.id, (counts) => ({ ...counts, active, invited }));
  }

  private openForm(
    mode: ClientFormMode,
    client: ClientSummary | undefined,
    save: ClientFormDialogData['save'],
  ): Observable<ClientSummary> {
    return this.dialog
      .open<ClientFormDialogComponent, ClientFormDialogData, ClientSummary>(ClientFormDialogComponent, {
        ...DIALOG_SIZE,
        data: { mode, client, save },
      })
      .afterClosed()
      .pipe(filter((saved): saved is ClientSummary => !!saved));
  }

  private managerFor(client: ClientSummary): MemberManagerComponent | undefined {
    const source = this.sources.get(client.id);
    return this.managers().find((manager) => manager.source() === source);
  }

  private replace(updated: ClientSummary): void {
    this.clients.update((clients) => clients.map((client) => (client.id === updated.id ? updated : client)));
  }

  private patchCounts(clientId: string, change: (counts: ClientSummary['counts']) => ClientSummary['counts']): void {
    this.clients.update((clients) =>
      clients.map((client) => (client.id === clientId ? { ...client, counts: change(client.counts) } : client)),
    );
  }
}
