import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  SOCIAL_PATHS,
  type AssignAccountRequest,
  type CompleteConnectRequest,
  type CompleteConnectResponse,
  type CompleteHandbackRequest,
  type ConnectLinkCompleteResponse,
  type ConnectLinkCompleteRequest,
  type ConnectLinkPreview,
  type ConnectLinkStartRequest,
  type ConnectLinkStartResponse,
  type ConnectLinkView,
  type CreateConnectLinkRequest,
  type OAuthHandbackRequest,
  type OAuthHandbackResponse,
  type PortalStartConnectRequest,
  type SocialAccountList,
  type SocialAccountView,
  type SocialProviderInfo,
  type StartConnectRequest,
  type StartConnectResponse,
} from '@atrium/shared';
import { Observable } from 'rxjs';

/**
 * Social accounts and their OAuth connections, for every audience: the agency workspace, the
 * portal (the client header picks the client) and the public connect-link page (no sign-in).
 */
@Injectable({ providedIn: 'root' })
export class SocialApi {
  private readonly http = inject(HttpClient);

  /** The platforms this installation offers. */
  providers(): Observable<SocialProviderInfo[]> {
    return this.http.get<SocialProviderInfo[]>(SOCIAL_PATHS.providers);
  }

  // ---- Agency ----------------------------------------------------------------------------

  accounts(clientId?: string | null): Observable<SocialAccountList> {
    const params = clientId ? new HttpParams().set('clientId', clientId) : undefined;
    return this.http.get<SocialAccountList>(SOCIAL_PATHS.accounts, { params });
  }

  startConnect(body: StartConnectRequest): Observable<StartConnectResponse> {
    return this.http.post<StartConnectResponse>(SOCIAL_PATHS.connect, body);
  }

  assign(accountId: string, body: AssignAccountRequest): Observable<SocialAccountView> {
    return this.http.patch<SocialAccountView>(SOCIAL_PATHS.account(encodeURIComponent(accountId)), body);
  }

  disconnect(accountId: string): Observable<void> {
    return this.http.delete<void>(SOCIAL_PATHS.account(encodeURIComponent(accountId)));
  }

  /** Finishes a connection started by a signed-in user (agency or portal). */
  complete(body: CompleteConnectRequest): Observable<CompleteConnectResponse> {
    return this.http.post<CompleteConnectResponse>(SOCIAL_PATHS.complete, body);
  }

  /** On APP_URL: where to hand a round trip begun on an agency's custom domain back to (404 when it was not). */
  handback(body: OAuthHandbackRequest): Observable<OAuthHandbackResponse> {
    return this.http.post<OAuthHandbackResponse>(SOCIAL_PATHS.oauthHandback, body);
  }

  /** On the custom domain: finishes with the hand-back's one-time code, in the session that started. */
  completeHandback(body: CompleteHandbackRequest): Observable<CompleteConnectResponse> {
    return this.http.post<CompleteConnectResponse>(SOCIAL_PATHS.completeHandback, body);
  }

  connectLinks(clientId: string): Observable<ConnectLinkView[]> {
    return this.http.get<ConnectLinkView[]>(SOCIAL_PATHS.clientConnectLinks(encodeURIComponent(clientId)));
  }

  createConnectLink(clientId: string, body: CreateConnectLinkRequest): Observable<ConnectLinkView> {
    return this.http.post<ConnectLinkView>(SOCIAL_PATHS.clientConnectLinks(encodeURIComponent(clientId)), body);
  }

  revokeConnectLink(linkId: string): Observable<void> {
    return this.http.delete<void>(SOCIAL_PATHS.connectLink(encodeURIComponent(linkId)));
  }

  // ---- Portal ----------------------------------------------------------------------------

  portalAccounts(): Observable<SocialAccountList> {
    return this.http.get<SocialAccountList>(SOCIAL_PATHS.portalAccounts);
  }

  portalStartConnect(body: PortalStartConnectRequest): Observable<StartConnectResponse> {
    return this.http.post<StartConnectResponse>(SOCIAL_PATHS.portalConnect, body);
  }

  portalRemove(accountId: string): Observable<void> {
    return this.http.delete<void>(SOCIAL_PATHS.portalAccount(encodeURIComponent(accountId)));
  }

  // ---- Public connect link (POSTs, so that the token stays out of URLs and logs) ---------

  linkPreview(token: string): Observable<ConnectLinkPreview> {
    return this.http.post<ConnectLinkPreview>(SOCIAL_PATHS.linkPreview, { token });
  }

  linkStart(body: ConnectLinkStartRequest): Observable<ConnectLinkStartResponse> {
    return this.http.post<ConnectLinkStartResponse>(SOCIAL_PATHS.linkStart, body);
  }

  linkComplete(body: ConnectLinkCompleteRequest): Observable<ConnectLinkCompleteResponse> {
    return this.http.post<ConnectLinkCompleteResponse>(SOCIAL_PATHS.linkComplete, body);
  }
}
