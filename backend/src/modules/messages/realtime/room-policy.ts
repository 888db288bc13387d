import type { RequestContext } from '../../../core/auth/request-context';

/**
 * Which rooms a socket is in, decided only here, from a context freshly loaded from the database.
 * No client→server event names a room: a socket can only ask to follow another of its user's own
 * clients (`join`), and that goes through here too.
 */
export const rooms = {
  /** Every event of every client of the agency, internal notes included: agency users only. */
  agency: (agencyId: string) => `agency:${agencyId}`,
  /** A client's conversation without notes: its people who have `messages.use` there. */
  client: (clientId: string) => `client:${clientId}`,
  /** One person's own sockets (every tab): their read position, their unread counts. */
  user: (userId: string) => `user:${userId}`,
  /** Bookkeeping, never emitted to: the sockets to re-check when the agency's access changes. */
  access: (agencyId: string) => `access:${agencyId}`,
} as const;

/** Every room this policy manages; anything else a socket is in (its own id) is socket.io's. */
export function isManagedRoom(room: string): boolean {
  return /^(agency|client|user|access):/.test(room);
}

export const MESSAGES_PERMISSION = 'messages.use';

export interface SocketAccess {
  rooms: string[];
  /** The client conversations the socket follows (REALTIME_EVENTS.access). */
  clientIds: string[];
  /** Whether it follows the whole agency (agency users). */
  agency: boolean;
}

/** What a socket of this context may receive. A client user follows the context's (chosen) client. */
export function accessOf(context: RequestContext): SocketAccess {
  const base = [rooms.user(context.userId), rooms.access(context.agencyId)];
  if (context.audience === 'agency') {
    return { rooms: [...base, rooms.agency(context.agencyId)], clientIds: [], agency: true };
  }
  if (!context.client.permissions.includes(MESSAGES_PERMISSION)) return { rooms: base, clientIds: [], agency: false };
  return {
    rooms: [...base, rooms.client(context.client.clientId)],
    clientIds: [context.client.clientId],
    agency: false,
  };
}

/** Whether two accesses differ in what they let the socket receive. */
export function sameAccess(a: SocketAccess, b: SocketAccess): boolean {
  return a.agency === b.agency && [...a.rooms].sort().join('\n') === [...b.rooms].sort().join('\n');
}
