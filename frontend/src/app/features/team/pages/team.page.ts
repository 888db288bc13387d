import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { InviteAvailability } from '@atrium/shared';
import { filter, map, tap } from 'rxjs';
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
import { MemberSource, TEAM_ROLE_OPTIONS } from '../../members/member-source';
import { TeamApi, TeamInviteRole } from '../data-access/team.api';

/** Settings > Team: the agency's own people. Owner and admins only (the route is guarded). */
@Component({
  selector: 'atr-team-page',
  imports: [InviteButtonComponent, MemberManagerComponent],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Team</h1>
          <p class="atr-muted">The people of {{ agencyName() }} who work in this workspace.</p>
        </div>
        <atr-invite-button [availability]="invite()" (invite)="openInvite()" />
      </header>

      <atr-member-manager
        [source]="source"
        [roles]="roles"
        place="the agency workspace"
        caption="Team members"
        emptyMessage="Only you so far. Invite the people you work with."
      />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamPage {
  private readonly api = inject(TeamApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly manager = viewChild.required(MemberManagerComponent);

  protected readonly roles = TEAM_ROLE_OPTIONS;
  protected readonly invite = signal<InviteAvailability | null>(null);
  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'your agency');

  protected readonly source: MemberSource = {
    list: () =>
      this.api.team().pipe(
        tap((team) => this.invite.set(team.invite)),
        map((team) => team.members),
      ),
    invite: (request) => this.api.invite({ ...request, role: request.role as TeamInviteRole }),
    resend: (row) => this.api.resendInvitation(row.id),
    revoke: (row) => this.api.revokeInvitation(row.id),
    changeRole: (row, role) => this.api.changeRole(row.id, role as TeamInviteRole),
    remove: (row) => this.api.remove(row.id),
    // The owner is never managed from here, and nobody removes or demotes themselves.
    canManage: (row) => row.role !== 'owner' && row.id !== this.auth.me()?.id,
  };

  protected openInvite(): void {
    this.dialog
      .open<InviteDialogComponent, InviteDialogData, InviteDialogResult>(InviteDialogComponent, {
        ...DIALOG_SIZE,
        data: {
          title: 'Invite to your team',
          intro: `They get an email with a link to join ${this.agencyName()} on Atrium. The link works for 7 days.`,
          roles: TEAM_ROLE_OPTIONS,
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
