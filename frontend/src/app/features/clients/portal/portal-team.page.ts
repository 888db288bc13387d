import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ClientRole, InviteAvailability } from '@atrium/shared';
import { filter, map, tap } from 'rxjs';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { ToastService } from '../../../core/ui/toast.service';
import { InviteButtonComponent } from '../../members/components/invite-button.component';
import {
  InviteDialogComponent,
  InviteDialogData,
  InviteDialogResult,
} from '../../members/components/invite-dialog.component';
import { MemberManagerComponent } from '../../members/components/member-manager.component';
import { CLIENT_ROLE_OPTIONS, MemberSource } from '../../members/member-source';
import { PortalTeamApi } from '../data-access/portal-team.api';

/** The server decides; the portal offers the button and shows the server's reason if it refuses. */
const INVITE_ALLOWED: InviteAvailability = { allowed: true, reasons: [] };

/** Portal > Team [002]: client admins manage their own client's people (users.manage). */
@Component({
  selector: 'atr-portal-team-page',
  imports: [InviteButtonComponent, MemberManagerComponent],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Team</h1>
          <p class="atr-muted">The people of {{ clientName() }} who can sign in to this portal.</p>
        </div>
        <atr-invite-button [availability]="invite" [target]="clientName()" (invite)="openInvite()" />
      </header>

      <atr-member-manager
        [source]="source"
        [roles]="roles"
        [place]="'the ' + clientName() + ' portal'"
        [caption]="'People of ' + clientName()"
        emptyMessage="Only you so far. Invite the people you work with."
      />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalTeamPage {
  private readonly api = inject(PortalTeamApi);
  private readonly auth = inject(AuthService);
  private readonly activeClient = inject(ActiveClientService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly manager = viewChild.required(MemberManagerComponent);

  protected readonly roles = CLIENT_ROLE_OPTIONS;
  protected readonly invite = INVITE_ALLOWED;
  /** From the session at once, then as the server names it. */
  private readonly loadedName = signal<string | null>(null);
  protected readonly clientName = computed(() => this.loadedName() ?? this.activeClient.client()?.name ?? '');

  protected readonly source: MemberSource = {
    list: () =>
      this.api.team().pipe(
        tap((team) => this.loadedName.set(team.client.name)),
        map((team) => team.members),
      ),
    invite: (request) => this.api.invite({ ...request, role: request.role as ClientRole }),
    resend: (row) => this.api.resendInvitation(row.id),
    revoke: (row) => this.api.revokeInvitation(row.id),
    changeRole: (row, role) => this.api.changeRole(row.id, { role: role as ClientRole }),
    remove: (row) => this.api.remove(row.id),
    canManage: (row) => row.id !== this.auth.me()?.id,
  };

  protected openInvite(): void {
    const clientName = this.clientName();
    this.dialog
      .open<InviteDialogComponent, InviteDialogData, InviteDialogResult>(InviteDialogComponent, {
        ...DIALOG_SIZE,
        data: {
          title: `Invite to ${clientName}`,
          intro: `They get an email with a link to set a password and join this portal. The link works for 7 days.`,
          roles: CLIENT_ROLE_OPTIONS,
          send: (request) => this.source.invite(request),
        },
      })
      .afterClosed()
      .pipe(filter((result): result is InviteDialogResult => !!result))
      .subscribe((result) => {
        this.toast.show(`Invitation sent to ${result.email}.`);
        this.manager().reload();
      });
  }
}
