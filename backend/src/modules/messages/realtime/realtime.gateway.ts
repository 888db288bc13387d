import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { In, IsNull } from 'typeorm';
import { REALTIME_EVENTS, REALTIME_PATH } from '@atrium/shared';
import type { RequestContext, RequestMeta } from '../../../core/auth/request-context';
import { Session } from '../../../core/tenancy/entities/session.entity';
import { ContextLoader } from '../../../core/tenancy/context-loader.service';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { AccessChanges } from './access-changes';
import { MessageEvents, type MessageEvent } from './message-events';
import { isClustered } from './realtime-io.adapter';
import { accessOf, isManagedRoom, MESSAGES_PERMISSION, rooms, sameAccess, type SocketAccess } from './room-policy';
import {
  CLIENT_NOT_FOUND,
  NO_MESSAGES_ACCESS,
  SESSION_ENDED,
  SocketAuth,
  SocketRefused,
  TRY_AGAIN,
} from './socket-auth';

/** Clients send nothing but `join`; anything bigger than this is not one (socket.io closes the connection). */
export const REALTIME_MAX_PAYLOAD_BYTES = 64 * 1024;
/** Access changes of one agency within this window are re-checked once (a bulk removal writes many entries). */
export const RECHECK_DEBOUNCE_MS = 50;
/** Sockets re-checked at a time (each is one context query). */
const RECHECK_CONCURRENCY = 16;
/** `join`s a socket may send per window; more are refused without touching the database. */
const JOINS_PER_WINDOW = 10;
const JOIN_WINDOW_MS = 10_000;
/** Session ids per query when looking for revoked ones. */
const SESSION_BATCH = 500;
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2_147_483_647;

/** Messages between instances (the Redis adapter's serverSideEmit), never seen by clients. */
const CLUSTER_EVENTS = {
  agencies: 'atrium:access-changed',
  sessions: 'atrium:sessions-revoked',
} as const;

export interface JoinAck {
  ok: boolean;
  error?: string;
}

/** What the server keeps on each socket: who it is, from where, and what it follows. */
interface SocketState {
  userId: string;
  sessionId: string;
  agencyId: string;
  audience: RequestContext['audience'];
  /** The client a client user's socket follows (null for agency users). */
  clientId: string | null;
  meta: RequestMeta;
  access: SocketAccess;
  expiryTimer?: NodeJS.Timeout;
  joins: { windowStart: number; count: number };
}

type RealtimeSocket = Socket & { data: { state?: SocketState } };

/**
 * Live delivery of conversation events (REALTIME_PATH). A socket authenticates in its handshake with
 * the same access token as a request (`auth: { token, clientId? }`); its context is loaded from the
 * database like a request's, and the rooms it joins follow from that context alone (room-policy.ts).
 * When access changes (AccessChanges), every affected socket is loaded again and disconnected or
 * moved; at its token's expiry its connection is closed, and the client reconnects with a fresh token.
 */
@WebSocketGateway({
  path: REALTIME_PATH,
  serveClient: false,
  maxHttpBufferSize: REALTIME_MAX_PAYLOAD_BYTES,
  // No CORS headers, like the API: pages of this installation (and its custom domains) are same-origin.
})
export class RealtimeGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() server!: Server;

  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly unsubscribe: Array<() => void> = [];
  private readonly recheckTimers = new Map<string, NodeJS.Timeout>();
  private readonly rechecking = new Map<string, Promise<void>>();
  private sessionCheck: { timer?: NodeJS.Timeout; running?: Promise<void>; again: boolean } = { again: false };
  private clustered = false;
  private closing = false;

  constructor(
    private readonly auth: SocketAuth,
    private readonly contexts: ContextLoader,
    private readonly events: MessageEvents,
    private readonly accessChanges: AccessChanges,
    private readonly tenant: TenantData,
  ) {}

  afterInit(server: Server): void {
    this.clustered = isClustered(server);
    server.use((socket, next) => {
      this.authenticate(socket as RealtimeSocket).then(
        () => next(),
        (error: unknown) => next(this.refusal(socket, error)),
      );
    });
    server.on('connection', (socket: RealtimeSocket) => this.connected(socket));
    server.engine.on('connection_error', (error: { code?: number; message?: string }) => {
      this.logger.debug({
        msg: 'Realtime connection refused by the transport',
        code: error.code,
        reason: error.message,
      });
    });
    if (this.clustered) {
      server.on(CLUSTER_EVENTS.agencies, (agencyIds: unknown) => {
        if (Array.isArray(agencyIds)) for (const id of agencyIds) if (typeof id === 'string') this.scheduleRecheck(id);
      });
      server.on(CLUSTER_EVENTS.sessions, () => this.scheduleSessionCheck());
    }
    this.unsubscribe.push(
      this.events.subscribe((event) => this.deliver(event)),
      this.accessChanges.listen({
        agencies: (agencyIds) => {
          for (const id of agencyIds) this.scheduleRecheck(id);
          if (this.clustered) this.server.serverSideEmit(CLUSTER_EVENTS.agencies, agencyIds);
        },
        sessionsRevoked: () => {
          this.scheduleSessionCheck();
          if (this.clustered) this.server.serverSideEmit(CLUSTER_EVENTS.sessions);
        },
      }),
    );
  }

  onModuleDestroy(): void {
    this.closing = true;
    for (const stop of this.unsubscribe.splice(0)) stop();
    for (const timer of this.recheckTimers.values()) clearTimeout(timer);
    this.recheckTimers.clear();
    clearTimeout(this.sessionCheck.timer);
  }

  // ---- Delivery -------------------------------------------------------------------------------

  /** Each event to exactly the rooms allowed to see it; with the Redis adapter, on every instance. */
  private deliver(event: MessageEvent): void {
    if (this.closing) return;
    const agency = rooms.agency(event.agencyId);
    const client = rooms.client(event.clientId);
    const hint = { clientId: event.clientId };
    switch (event.type) {
      case 'message': {
        // A note is the agency's alone: it never reaches a client room, whatever else is true.
        const audience = event.message.kind === 'message' ? [agency, client] : [agency];
        this.server.to(audience).emit(REALTIME_EVENTS.message, event.message);
        this.server.to(audience).emit(REALTIME_EVENTS.unread, hint);
        return;
      }
      case 'read':
        this.server.to([agency, client]).emit(REALTIME_EVENTS.read, { clientId: event.clientId, reader: event.reader });
        // The reader's other tabs: their own unread count went down.
        this.server.to(rooms.user(event.reader.userId)).emit(REALTIME_EVENTS.unread, hint);
        return;
      case 'conversation':
        this.server
          .to(agency)
          .emit(REALTIME_EVENTS.conversation, { clientId: event.clientId, assignee: event.assignee });
        return;
    }
  }

  // ---- Connecting -----------------------------------------------------------------------------

  private async authenticate(socket: RealtimeSocket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; clientId?: unknown };
    const claims = this.auth.claimsOf(auth.token);
    if (auth.clientId !== undefined && auth.clientId !== null && typeof auth.clientId !== 'string') {
      throw new SocketRefused(CLIENT_NOT_FOUND);
    }
    const requestedClientId = typeof auth.clientId === 'string' && auth.clientId ? auth.clientId : undefined;
    const meta = await this.auth.metaOf(socket.handshake);
    const context = await this.load(claims.sub, claims.sid, meta, requestedClientId);
    if (!context) throw new SocketRefused(SESSION_ENDED);
    if (context.audience === 'client' && context.unknownRequestedClient) throw new SocketRefused(CLIENT_NOT_FOUND);
    socket.data.state = {
      userId: context.userId,
      sessionId: context.sessionId,
      agencyId: context.agencyId,
      audience: context.audience,
      clientId: context.audience === 'client' ? context.client.clientId : null,
      meta,
      access: accessOf(context),
      joins: { windowStart: Date.now(), count: 0 },
    };
    // The token ends the socket as it ends requests: its connection closes then, and socket.io's
    // client reconnects on its own, calling `auth` again for a fresh token.
    const expiresInMs = Math.min(claims.exp * 1000 - Date.now(), MAX_TIMER_MS);
    socket.data.state.expiryTimer = setTimeout(() => socket.conn.close(), Math.max(expiresInMs, 0));
  }

  private connected(socket: RealtimeSocket): void {
    const state = socket.data.state;
    if (!state) {
      socket.disconnect(true);
      return;
    }
    void socket.join(state.access.rooms);
    socket.emit(REALTIME_EVENTS.access, this.accessEvent(state.access));
    socket.on('disconnect', () => clearTimeout(state.expiryTimer));
    // Clients may send `join` and nothing else; nothing they send names a room.
    socket.use(([event, ...args], next) => {
      if (event === 'join') return next();
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as (answer: JoinAck) => void)({ ok: false, error: 'Unknown event' });
    });
    socket.on('join', (payload: unknown, ack?: unknown) => {
      const answer = typeof ack === 'function' ? (ack as (answer: JoinAck) => void) : () => undefined;
      this.join(socket, payload).then(answer, (error: unknown) => {
        this.logger.warn({ msg: 'Realtime join failed', error: String(error) });
        answer({ ok: false, error: TRY_AGAIN });
      });
    });
  }

  /** A client user's socket switches to another of their clients, re-read from the database. */
  private async join(socket: RealtimeSocket, payload: unknown): Promise<JoinAck> {
    const state = socket.data.state;
    if (!state || !socket.connected) return { ok: false, error: SESSION_ENDED };
    const now = Date.now();
    if (now - state.joins.windowStart > JOIN_WINDOW_MS) state.joins = { windowStart: now, count: 0 };
    if (++state.joins.count > JOINS_PER_WINDOW) return { ok: false, error: 'Too many requests. Please wait a moment.' };
    const clientId = (payload as { clientId?: unknown } | null)?.clientId;
    if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > 64) {
      return { ok: false, error: CLIENT_NOT_FOUND };
    }
    if (state.audience !== 'client') return { ok: false, error: 'Agency users follow every client already' };
    const context = await this.load(state.userId, state.sessionId, state.meta, clientId);
    if (!context) {
      socket.disconnect(true);
      return { ok: false, error: SESSION_ENDED };
    }
    if (context.audience !== 'client' || context.unknownRequestedClient || context.client.clientId !== clientId) {
      return { ok: false, error: CLIENT_NOT_FOUND };
    }
    if (!context.client.permissions.includes(MESSAGES_PERMISSION)) return { ok: false, error: NO_MESSAGES_ACCESS };
    state.clientId = clientId;
    this.apply(socket, accessOf(context));
    return { ok: true };
  }

  // ---- Re-checking when access changes --------------------------------------------------------

  private scheduleRecheck(agencyId: string): void {
    if (this.closing || this.recheckTimers.has(agencyId)) return;
    const timer = setTimeout(() => {
      this.recheckTimers.delete(agencyId);
      // One run per agency at a time; a change during a run schedules the next one after it.
      const previous = this.rechecking.get(agencyId) ?? Promise.resolve();
      const run = previous.then(() => this.recheckAgency(agencyId));
      this.rechecking.set(agencyId, run);
      void run.finally(() => {
        if (this.rechecking.get(agencyId) === run) this.rechecking.delete(agencyId);
      });
    }, RECHECK_DEBOUNCE_MS);
    this.recheckTimers.set(agencyId, timer);
  }

  /** Loads again the context of every socket of the agency held by this instance, and applies it. */
  private async recheckAgency(agencyId: string): Promise<void> {
    const sockets = this.localSockets(rooms.access(agencyId));
    // One context per session and client: several tabs of one person cost one query.
    const groups = new Map<string, RealtimeSocket[]>();
    for (const socket of sockets) {
      const state = socket.data.state;
      if (!state) continue;
      const key = `${state.sessionId}|${state.clientId ?? ''}|${state.meta.portalHost?.hostname ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), socket]);
    }
    await inBatches([...groups.values()], RECHECK_CONCURRENCY, (group) => this.recheck(group));
  }

  private async recheck(group: RealtimeSocket[]): Promise<void> {
    const state = group[0]?.data.state;
    if (!state || this.closing) return;
    let context: RequestContext | null;
    try {
      context = await this.load(state.userId, state.sessionId, state.meta, state.clientId ?? undefined);
    } catch (error) {
      // The database not answering says nothing about access: the next change re-checks again.
      this.logger.warn({ msg: 'Realtime access re-check failed', error: String(error) });
      return;
    }
    for (const socket of group) {
      const current = socket.data.state;
      if (!current || !socket.connected) continue;
      // Gone, or no longer allowed the client it follows: disconnected (its page shows it, and can
      // reconnect for another client). A change in what it may read: its rooms follow at once.
      if (!context || (context.audience === 'client' && context.client.clientId !== current.clientId)) {
        socket.disconnect(true);
        continue;
      }
      this.apply(socket, accessOf(context));
    }
  }

  private scheduleSessionCheck(): void {
    if (this.closing) return;
    const check = this.sessionCheck;
    if (check.running) {
      check.again = true;
      return;
    }
    if (check.timer) return;
    check.timer = setTimeout(() => {
      check.timer = undefined;
      check.running = this.disconnectRevokedSessions()
        .catch((error: unknown) => this.logger.warn({ msg: 'Realtime session check failed', error: String(error) }))
        .finally(() => {
          check.running = undefined;
          if (check.again) {
            check.again = false;
            this.scheduleSessionCheck();
          }
        });
    }, RECHECK_DEBOUNCE_MS);
  }

  /**
   * A session was revoked somewhere: this instance's sockets of sessions no longer live end (one
   * query per batch). A session gone altogether (its agency deleted) counts as revoked.
   */
  private async disconnectRevokedSessions(): Promise<void> {
    const bySession = new Map<string, RealtimeSocket[]>();
    for (const socket of this.localSockets()) {
      const state = socket.data.state;
      if (state) bySession.set(state.sessionId, [...(bySession.get(state.sessionId) ?? []), socket]);
    }
    const ids = [...bySession.keys()];
    const sessions = this.tenant
      .unscoped('realtime: which sessions of the sockets held here were revoked, whatever their agency')
      .getRepository(Session);
    for (let i = 0; i < ids.length; i += SESSION_BATCH) {
      const batch = ids.slice(i, i + SESSION_BATCH);
      const live = await sessions.find({ select: { id: true }, where: { id: In(batch), revokedAt: IsNull() } });
      const alive = new Set(live.map(({ id }) => id));
      for (const id of batch) if (!alive.has(id)) for (const socket of bySession.get(id) ?? []) socket.disconnect(true);
    }
  }

  // ---- Helpers --------------------------------------------------------------------------------

  /** Moves the socket into exactly the rooms of `access`, and tells it when that changed. */
  private apply(socket: RealtimeSocket, access: SocketAccess): void {
    const state = socket.data.state;
    if (!state) return;
    const wanted = new Set(access.rooms);
    for (const room of socket.rooms) if (isManagedRoom(room) && !wanted.has(room)) void socket.leave(room);
    void socket.join(access.rooms);
    if (sameAccess(state.access, access)) return;
    state.access = access;
    socket.emit(REALTIME_EVENTS.access, this.accessEvent(access));
  }

  private accessEvent(access: SocketAccess): { clientIds: string[]; agency: boolean } {
    return { clientIds: access.clientIds, agency: access.agency };
  }

  /** The sockets of this instance (in a room), never another instance's. */
  private localSockets(room?: string): RealtimeSocket[] {
    const namespace = this.server.of('/');
    if (room === undefined) return [...namespace.sockets.values()] as RealtimeSocket[];
    const ids = namespace.adapter.rooms.get(room);
    if (!ids) return [];
    const sockets: RealtimeSocket[] = [];
    for (const id of ids) {
      const socket = namespace.sockets.get(id);
      if (socket) sockets.push(socket as RealtimeSocket);
    }
    return sockets;
  }

  private async load(
    userId: string,
    sessionId: string,
    meta: RequestMeta,
    clientId: string | undefined,
  ): Promise<RequestContext | null> {
    return this.contexts.load(userId, sessionId, meta, clientId);
  }

  /** The error socket.io sends as connect_error: our plain messages only, never a token or a stack. */
  private refusal(socket: Socket, error: unknown): Error {
    if (error instanceof SocketRefused) return new Error(error.message);
    this.logger.warn({
      msg: 'Realtime handshake failed',
      ip: socket.handshake.address,
      error: error instanceof Error ? error.message : String(error),
    });
    return new Error(TRY_AGAIN);
  }
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
