import { HttpClient, HttpEventType, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  MESSAGES_PATHS,
  type AssignConversationRequest,
  type ConversationView,
  type EditMessageRequest,
  type InboxResponse,
  type MarkReadRequest,
  type MessageAttachmentUploadResponse,
  type MessageChangesResponse,
  type MessageEmailSettingsView,
  type MessagePageResponse,
  type MessageSearchResponse,
  type MessageView,
  type SendMessageRequest,
} from '@atrium/shared';
import { Observable, filter, map } from 'rxjs';

/**
 * Where one conversation's routes live: the portal's (the active client's, through the client
 * header) or the agency's for one client.
 */
export type ConversationBase = string;

export function portalConversation(): ConversationBase {
  return MESSAGES_PATHS.portal;
}

export function agencyConversation(clientId: string): ConversationBase {
  return `${MESSAGES_PATHS.agency}/conversations/${encodeURIComponent(clientId)}`;
}

/** What an attachment upload reports: progress, then the server's answer. */
export type AttachmentStep =
  | { readonly kind: 'progress'; readonly loaded: number; readonly total: number }
  | { readonly kind: 'result'; readonly result: MessageAttachmentUploadResponse };

export interface InboxQuery {
  readonly clientId?: string | null;
  readonly assignedToMe?: boolean;
  readonly unread?: boolean;
  readonly cursor?: string | null;
}

/** The messages API (libs/shared messages-api.ts): one conversation per client. */
@Injectable({ providedIn: 'root' })
export class MessagesApi {
  private readonly http = inject(HttpClient);

  conversation(base: ConversationBase): Observable<ConversationView> {
    return this.http.get<ConversationView>(base);
  }

  /** A page of history, oldest first; `before` a seq, or null for the newest page. */
  items(base: ConversationBase, before: number | null, limit?: number): Observable<MessagePageResponse> {
    let params = new HttpParams();
    if (before !== null) params = params.set('before', before);
    if (limit) params = params.set('limit', limit);
    return this.http.get<MessagePageResponse>(`${base}/items`, { params });
  }

  changes(base: ConversationBase, since: number): Observable<MessageChangesResponse> {
    return this.http.get<MessageChangesResponse>(`${base}/changes`, { params: { since } });
  }

  search(base: ConversationBase, q: string): Observable<MessageSearchResponse> {
    return this.http.get<MessageSearchResponse>(`${base}/search`, { params: { q } });
  }

  send(base: ConversationBase, body: SendMessageRequest): Observable<MessageView> {
    return this.http.post<MessageView>(`${base}/items`, body);
  }

  edit(base: ConversationBase, id: string, body: EditMessageRequest): Observable<MessageView> {
    return this.http.patch<MessageView>(`${base}/items/${encodeURIComponent(id)}`, body);
  }

  delete(base: ConversationBase, id: string): Observable<MessageView | null> {
    return this.http.delete<MessageView | null>(`${base}/items/${encodeURIComponent(id)}`);
  }

  markRead(base: ConversationBase, body: MarkReadRequest): Observable<ConversationView> {
    return this.http.post<ConversationView>(`${base}/read`, body);
  }

  /** One file per request (part `file`), so each has its own progress, as the media pages do. */
  upload(base: ConversationBase, file: File): Observable<AttachmentStep> {
    const body = new FormData();
    // The part is named `file`, as the media pipeline (which stores these files) reads it.
    body.append('file', file, file.name);
    return this.http
      .post<MessageAttachmentUploadResponse>(`${base}/attachments`, body, { reportProgress: true, observe: 'events' })
      .pipe(
        filter((event) => event.type === HttpEventType.UploadProgress || event.type === HttpEventType.Response),
        map((event): AttachmentStep => {
          if (event.type === HttpEventType.UploadProgress) {
            return { kind: 'progress', loaded: event.loaded, total: event.total || file.size };
          }
          const result =
            event.type === HttpEventType.Response && event.body ? event.body : { attachments: [], rejected: [] };
          return { kind: 'result', result };
        }),
      );
  }

  // ---- Agency inbox --------------------------------------------------------------------

  inbox(query: InboxQuery): Observable<InboxResponse> {
    let params = new HttpParams();
    if (query.clientId) params = params.set('clientId', query.clientId);
    if (query.assignedToMe) params = params.set('assigned', 'me');
    if (query.unread) params = params.set('unread', 'true');
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<InboxResponse>(`${MESSAGES_PATHS.agency}/conversations`, { params });
  }

  assign(clientId: string, body: AssignConversationRequest): Observable<ConversationView> {
    return this.http.put<ConversationView>(`${agencyConversation(clientId)}/assignee`, body);
  }

  // ---- Email settings ------------------------------------------------------------------

  emailSettings(): Observable<MessageEmailSettingsView> {
    return this.http.get<MessageEmailSettingsView>(MESSAGES_PATHS.emailSettings);
  }

  saveEmailSettings(body: MessageEmailSettingsView): Observable<MessageEmailSettingsView> {
    return this.http.put<MessageEmailSettingsView>(MESSAGES_PATHS.emailSettings, body);
  }
}
