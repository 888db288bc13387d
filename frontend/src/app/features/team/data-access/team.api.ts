import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_V1, type InviteRequest, type TeamMemberRow, type TeamResponse } from '@atrium/shared';
import { Observable } from 'rxjs';

const TEAM = `${API_V1}/team`;

export type TeamInviteRole = 'admin' | 'member';

/** The agency's own people (owner and admins only; members get 403). */
@Injectable({ providedIn: 'root' })
export class TeamApi {
  private readonly http = inject(HttpClient);

  team(): Observable<TeamResponse> {
    return this.http.get<TeamResponse>(TEAM);
  }

  invite(body: InviteRequest<TeamInviteRole>): Observable<TeamMemberRow> {
    return this.http.post<TeamMemberRow>(`${TEAM}/invitations`, body);
  }

  resendInvitation(invitationId: string): Observable<TeamMemberRow> {
    return this.http.post<TeamMemberRow>(`${TEAM}/invitations/${encodeURIComponent(invitationId)}/resend`, null);
  }

  revokeInvitation(invitationId: string): Observable<void> {
    return this.http.delete<void>(`${TEAM}/invitations/${encodeURIComponent(invitationId)}`);
  }

  changeRole(userId: string, role: TeamInviteRole): Observable<TeamMemberRow> {
    return this.http.patch<TeamMemberRow>(`${TEAM}/${encodeURIComponent(userId)}`, { role });
  }

  remove(userId: string): Observable<void> {
    return this.http.delete<void>(`${TEAM}/${encodeURIComponent(userId)}`);
  }
}
