import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  type BulkResult,
  type ChangeRoleRequest,
  type ClientMemberRow,
  type ClientPermission,
  type ClientSummary,
  type CreateClientRequest,
  type InviteRequest,
  type MagicLinkResponse,
  type Paginated,
  type UpdateClientRequest,
} from '@atrium/shared';
import { EMPTY, Observable, expand, reduce } from 'rxjs';

const CLIENTS = `${API_V1}/clients`;
const CLIENT_USERS = `${API_V1}/client-users`;
/** The most the server returns in one page. */
const MAX_PAGE = 200;

/** A client as pickers show it. */
export interface ClientOption {
  readonly id: string;
  readonly name: string;
  /** What the client's portal allows (where a page needs to know, e.g. whether it may approve posts). */
  readonly permissions?: readonly ClientPermission[];
}

/** The agency's clients and their client users (SPEC §2). */
@Injectable({ providedIn: 'root' })
export class ClientsApi {
  private readonly http = inject(HttpClient);

  list(cursor?: string | null, limit?: number): Observable<Paginated<ClientSummary>> {
    let params = new HttpParams();
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    if (limit) {
      params = params.set('limit', limit);
    }
    return this.http.get<Paginated<ClientSummary>>(CLIENTS, { params });
  }

  /** Every client, page after page (for pickers: "assign to client", calendar filters). */
  listAll(): Observable<ClientSummary[]> {
    return this.list(null, MAX_PAGE).pipe(
      expand((page) => (page.nextCursor ? this.list(page.nextCursor, MAX_PAGE) : EMPTY)),
      reduce<Paginated<ClientSummary>, ClientSummary[]>((all, page) => [...all, ...page.items], []),
    );
  }

  create(body: CreateClientRequest): Observable<ClientSummary> {
    return this.http.post<ClientSummary>(CLIENTS, body);
  }

  update(clientId: string, body: UpdateClientRequest): Observable<ClientSummary> {
    return this.http.patch<ClientSummary>(`${CLIENTS}/${encodeURIComponent(clientId)}`, body);
  }

  delete(clientId: string): Observable<void> {
    return this.http.delete<void>(`${CLIENTS}/${encodeURIComponent(clientId)}`);
  }

  users(clientId: string): Observable<ClientMemberRow[]> {
    return this.http.get<ClientMemberRow[]>(`${this.client(clientId)}/users`);
  }

  invite(clientId: string, body: InviteRequest): Observable<ClientMemberRow> {
    return this.http.post<ClientMemberRow>(`${this.client(clientId)}/invitations`, body);
  }

  resendInvitation(clientId: string, invitationId: string): Observable<ClientMemberRow> {
    return this.http.post<ClientMemberRow>(
      `${this.client(clientId)}/invitations/${encodeURIComponent(invitationId)}/resend`,
      null,
    );
  }

  revokeInvitation(clientId: string, invitationId: string): Observable<void> {
    return this.http.delete<void>(`${this.client(clientId)}/invitations/${encodeURIComponent(invitationId)}`);
  }

  changeRole(clientId: string, userId: string, body: ChangeRoleRequest): Observable<ClientMemberRow> {
    return this.http.patch<ClientMemberRow>(`${this.client(clientId)}/users/${encodeURIComponent(userId)}`, body);
  }

  removeUser(clientId: string, userId: string): Observable<void> {
    return this.http.delete<void>(`${this.client(clientId)}/users/${encodeURIComponent(userId)}`);
  }

  bulkRemove(clientId: string, userIds: string[]): Observable<BulkResult> {
    return this.http.post<BulkResult>(`${this.client(clientId)}/users/bulk-remove`, { userIds });
  }

  /** Emails each client user a one-click sign-in link. */
  sendLoginEmails(userIds: string[]): Observable<BulkResult> {
    return this.http.post<BulkResult>(`${CLIENT_USERS}/login-emails`, { userIds });
  }

  /** A 15-minute single-use sign-in link for the agency to pass on. */
  createMagicLink(userId: string): Observable<MagicLinkResponse> {
    return this.http.post<MagicLinkResponse>(`${CLIENT_USERS}/${encodeURIComponent(userId)}/magic-link`, null);
  }

  revokeMagicLinks(userId: string): Observable<void> {
    return this.http.delete<void>(`${CLIENT_USERS}/${encodeURIComponent(userId)}/magic-links`);
  }

  private client(clientId: string): string {
    return `${CLIENTS}/${encodeURIComponent(clientId)}`;
  }
}
