import type { MediaKind } from './media-api';

/**
 * Messages (SPEC §3, issue 16): one conversation per client between the client's people and the
 * agency. Agency people may also leave internal notes in it, which no client user ever receives.
 *
 * Every message has two counters within its conversation:
 * - `seq`: its place in the conversation (1, 2, 3, … in the order written; never reused);
 * - `change`: bumped for the whole conversation each time any message is written, edited or
 *   deleted. A page that lost its live connection asks for `changes?since=<highest change seen>`
 *   and merges what comes back by id: nothing is missed and nothing counted twice.
 */
export type MessageKind = 'message' | 'note';
export type MessageSide = 'client' | 'agency';

/** Longest message body, in characters. */
export const MESSAGE_BODY_MAX = 5000;
/** Most attachments on one message. */
export const MESSAGE_ATTACHMENTS_MAX = 10;
/** One's own message can be edited or deleted this long after it was written. */
export const MESSAGE_EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Messages per page of the conversation (older pages load on scroll). */
export const MESSAGE_PAGE_SIZE = 30;

/** When a person is emailed about messages left unread: each time (after the delay), once a day, or never. */
export type MessageEmailMode = 'every' | 'daily' | 'never';
export const MESSAGE_EMAIL_MODES: readonly MessageEmailMode[] = ['every', 'daily', 'never'];

export interface MessageAuthorView {
  /** Null once the person's account is gone; the name stays as it was. */
  id: string | null;
  name: string;
  side: MessageSide;
}

export interface MessageAttachmentView {
  /** The media asset's id (the file is in the media library). */
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  kind: MediaKind;
  /** A short-lived signed URL that downloads the file. */
  url: string;
  /** A short-lived signed URL of a thumbnail (images), else null. */
  thumbnailUrl: string | null;
}

export interface MessageView {
  id: string;
  /** The client whose conversation it is (the conversation's key). */
  clientId: string;
  seq: number;
  change: number;
  kind: MessageKind;
  author: MessageAuthorView;
  /** Plain text (never HTML); empty once deleted. */
  body: string;
  attachments: MessageAttachmentView[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

/** How far one person has read a conversation ("seen by"). */
export interface ConversationReaderView {
  userId: string;
  name: string;
  side: MessageSide;
  /** The highest `seq` they have read. */
  lastReadSeq: number;
  readAt: string;
}

export interface ConversationView {
  /** One conversation per client: the client's id is its key in every route. */
  clientId: string;
  clientName: string;
  /** Agency person the conversation is assigned to (agency users only; null for client users). */
  assignee: { id: string; name: string } | null;
  lastMessage: { preview: string; at: string; authorName: string; side: MessageSide; kind: MessageKind } | null;
  /** Messages written by others after the caller's last read one. */
  unread: number;
  /** The caller's own read position. */
  lastReadSeq: number;
  lastSeq: number;
  change: number;
  /** Everyone who has read part of it (client users see the agency's readers and their own side). */
  readers: ConversationReaderView[];
}

/** A page of the conversation, oldest first; `olderBefore` asks for the page before it (null: no more). */
export interface MessagePageResponse {
  messages: MessageView[];
  olderBefore: number | null;
}

/** What changed after `since` (ordered by change), the new cursor, and the readers now. */
export interface MessageChangesResponse {
  messages: MessageView[];
  change: number;
  readers: ConversationReaderView[];
}

export interface MessageSearchResponse {
  messages: MessageView[];
}

export interface InboxResponse {
  /** Unread first, then by the latest message. */
  conversations: ConversationView[];
  nextCursor: string | null;
}

export interface UnreadSummaryResponse {
  /** Conversations with something unread (the portal: 0 or 1). */
  conversations: number;
  messages: number;
}

export interface SendMessageRequest {
  body: string;
  /** Files uploaded with `…/attachments` first (at most MESSAGE_ATTACHMENTS_MAX). */
  attachmentIds?: string[];
  /** `note`: an internal note, agency users only. */
  kind?: MessageKind;
}

export interface EditMessageRequest {
  body: string;
}

export interface MarkReadRequest {
  /** Read up to and including this `seq`. */
  seq: number;
}

export interface AssignConversationRequest {
  /** An agency user of the agency, or null to unassign. */
  assigneeUserId: string | null;
}

export interface MessageAttachmentUploadResponse {
  attachments: MessageAttachmentView[];
  rejected: { filename: string; reason: string }[];
}

export interface MessageEmailSettingsView {
  mode: MessageEmailMode;
}

/** Paths of the messages API (the agency's take the client's id after `conversations/`). */
export const MESSAGES_PATHS = {
  portal: '/api/v1/portal/messages',
  agency: '/api/v1/messages',
  emailSettings: '/api/v1/me/message-emails',
} as const;

/**
 * The live connection (socket.io). Connect to the installation with `path: REALTIME_PATH`, giving
 * `auth: { token: <access token>, clientId?: <client, for client users> }`. The server decides
 * what the socket may receive from the database, and re-decides when access changes.
 */
export const REALTIME_PATH = '/api/realtime';

export const REALTIME_EVENTS = {
  /** A message was written, edited or deleted: `MessageView`. */
  message: 'message',
  /** Someone read further: `{ clientId, reader: ConversationReaderView }`. */
  read: 'read',
  /** The conversation's assignee changed (agency sockets only): `{ clientId, assignee }`. */
  conversation: 'conversation',
  /** Something the socket shows may have changed (unread counts): refetch `UnreadSummaryResponse`. */
  unread: 'unread',
  /** Access changed: the socket now follows these clients' conversations (`{ clientIds, agency }`). */
  access: 'access',
} as const;

export interface RealtimeReadEvent {
  clientId: string;
  reader: ConversationReaderView;
}

export interface RealtimeConversationEvent {
  clientId: string;
  assignee: { id: string; name: string } | null;
}
