import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  type ChangeRoleRequest,
  type ClientMemberRow,
  type InviteRequest,
  type PortalTeamResponse,
} from '@atrium/shared';
import { Observable } from 'rxjs';

const TEAM = `${API_V1}/portal/team`;

/** The active client's people, managed by its admins (the client header picks the client). */
@Injectable({ providedIn: 'root' })
export class PortalTeamApi {
  private readonly http = inject(HttpClient);

  team(): Observable<PortalTeamResponse> {
    return this.http.get<PortalTeamResponse>(TEAM);
  }

  invite(body: InviteRequest): Observable<ClientMemberRow> {
    return this.http.post<ClientMemberRow>(`${TEAM}/invitations`, body);
  }

  resendInvitation(invitationId: string): Observable<ClientMemberRow> {
    return this.http.post<ClientMemberRow>(`${TEAM}/invitations/${encodeURIComponent(invitationId)}/resend`, null);
  }

  revokeInvitation(invitationId: string): Observable<void> {
    return this.http.delete<void>(`${TEAM}/invitations/${encodeURIComponent(invitationId)}`);
  }

  changeRole(userId: string, body: ChangeRoleRequest): Observable<ClientMemberRow> {
    return this.http.patch<ClientMemberRow>(`${TEAM}/${encodeURIComponent(userId)}`, body);
  }

  remove(userId: string): Observable<void> {
    return this.http.delete<void>(`${TEAM}/${encodeURIComponent(userId)}`);
  }
}
