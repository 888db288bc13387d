import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { io, type Socket } from 'socket.io-client';
import { CLIENT_PERMISSIONS, REALTIME_EVENTS, REALTIME_PATH, type MessageView } from '@atrium/shared';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../src/core/auth/jwt.strategy';
import { ClientMembership } from '../src/core/tenancy/entities/client-membership.entity';
import { MessageEvents, type MessageEvent } from '../src/modules/messages/realtime/message-events';
import { Factory } from './support/factories';
import { MatrixWorld } from './support/matrix-world';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_DATABASE, TEST_REDIS_URL } from './support/test-env';

/**
 * Live delivery (issue 16): who receives which conversation event over the socket, decided on the
 * server from the database, and re-decided at once when access changes. Absence is proven without
 * sleeping: events reach one socket in the order they were emitted, so once a later event meant
 * for that very socket (a sentinel to its own user room) has arrived, an earlier one would have too.
 */

const SESSION_ENDED = 'Your session has ended. Please sign in again.';
const WAIT_MS = 5000;

interface Received {
  event: string;
  payload: unknown;
}

class Probe {
  readonly received: Received[] = [];
  private waiters: Array<() => void> = [];
  disconnectReason: string | null = null;

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload });
      this.notify();
    });
    socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
      this.notify();
    });
  }

  /** Waits (bounded) until `test` holds. */
  async until(test: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** What arrived, without the access notices and sentinels (those are the harness's). */
  conversationEvents(): Received[] {
    return this.received.filter(
      (r) =>
        r.event !== REALTIME_EVENTS.access &&
        !(
          r.event === REALTIME_EVENTS.unread &&
          String((r.payload as { clientId: string }).clientId).startsWith('sentinel-')
        ),
    );
  }

  bodies(): string[] {
    return this.received.filter((r) => r.event === REALTIME_EVENTS.message).map((r) => (r.payload as MessageView).body);
  }

  accessNotices(): Array<{ clientIds: string[]; agency: boolean }> {
    return this.received
      .filter((r) => r.event === REALTIME_EVENTS.access)
      .map((r) => r.payload as { clientIds: string[]; agency: boolean });
  }

  close(): void {
    this.socket.close();
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

function urlOf(t: TestApp): string {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Connects a socket (websocket only, no automatic reconnection); resolves once connected or refused. */
async function connect(
  t: TestApp,
  auth: Record<string, unknown> | undefined,
): Promise<{ probe: Probe; error: string | null }> {
  const socket = io(urlOf(t), {
    path: REALTIME_PATH,
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: WAIT_MS,
  });
  const probe = new Probe(socket);
  const error = await new Promise<string | null>((resolve) => {
    socket.once('connect', () => resolve(null));
    socket.once('connect_error', (e) => resolve(e.message));
  });
  if (!error) await probe.until(() => probe.accessNotices().length > 0, 'the first access notice');
  return { probe, error };
}

async function connected(t: TestApp, auth: Record<string, unknown>): Promise<Probe> {
  const { probe, error } = await connect(t, auth);
  if (error) throw new Error(`Expected the socket to connect, got: ${error}`);
  return probe;
}

function messageView(clientId: string, kind: 'message' | 'note', body: string): MessageView {
  return {
    id: randomUUID(),
    clientId,
    seq: 1,
    change: 1,
    kind,
    author: { id: null, name: 'Tester', side: 'agency' },
    body,
    attachments: [],
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
  };
}

function publishMessage(t: TestApp, agencyId: string, clientId: string, kind: 'message' | 'note', body: string): void {
  const event: MessageEvent = { type: 'message', agencyId, clientId, message: messageView(clientId, kind, body) };
  t.app.get(MessageEvents).publish(event);
}

/** An event that reaches only `userId`'s own sockets (an unread hint in their user room). */
function publishSentinel(t: TestApp, userId: string): string {
  const clientId = `sentinel-${randomBytes(4).toString('hex')}`;
  t.app.get(MessageEvents).publish({
    type: 'read',
    agencyId: `sentinel-agency-${randomBytes(4).toString('hex')}`,
    clientId,
    reader: { userId, name: 'Sentinel', side: 'client', lastReadSeq: 0, readAt: new Date().toISOString() },
  });
  return clientId;
}

async function sentinelArrives(t: TestApp, probe: Probe, userId: string): Promise<void> {
  const clientId = publishSentinel(t, userId);
  await probe.until(
    () => probe.received.some((r) => (r.payload as { clientId?: string } | undefined)?.clientId === clientId),
    'the sentinel',
  );
}

const WITHOUT_MESSAGES = CLIENT_PERMISSIONS.filter((p) => p !== 'messages.use');

describe('Realtime: which sockets receive which events (every actor of the matrix)', () => {
  let t: TestApp;
  let w: MatrixWorld;
  let viewAsToken: string;
  let noMessagesToken: string;
  let noMessagesUserId: string;
  const probes: Probe[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: 'false' });
    w = await new MatrixWorld(t).build();
    const view = await t
      .http()
      .post(`/api/v1/clients/${w.clientA1.id}/view-as`)
      .set('Authorization', `Bearer ${w.tokens.agencyOwner}`)
      .send({ userId: w.userIds.clientMember });
    expect(view.status).toBe(201);
    viewAsToken = view.body.accessToken;
    const quiet = await w.factory.client(w.agencyA, [...WITHOUT_MESSAGES], 'Client A3 without messages');
    const user = await w.factory.clientUser(quiet, 'admin');
    noMessagesUserId = user.id;
    noMessagesToken = (await w.factory.signIn(user.email)).accessToken;
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    await t.close();
  });

  const keep = (probe: Probe) => {
    probes.push(probe);
    return probe;
  };

  it('refuses sockets without a live session, with a plain message', async () => {
    const refused = {
      removedUser: await connect(t, { token: w.tokens.removedUser }),
      expiredToken: await connect(t, { token: w.tokens.expiredToken }),
      anonymous: await connect(t, undefined),
      emptyToken: await connect(t, { token: '' }),
      foreignSignature: await connect(t, { token: `${w.tokens.agencyOwner.slice(0, -4)}AAAA` }),
      notAString: await connect(t, { token: { sub: 'x' } }),
    };
    for (const [who, { error, probe }] of Object.entries(refused)) {
      expect({ who, error }).toEqual({ who, error: SESSION_ENDED });
      expect(probe.socket.connected).toBe(false);
      probe.close();
    }
  });

  it('refuses a client that is not one of the user’s, and ignores auth.clientId for agency users', async () => {
    const foreign = await connect(t, { token: w.tokens.clientAdmin, clientId: w.clientA2.id });
    expect(foreign.error).toBe('Client not found');
    foreign.probe.close();
    const unknown = await connect(t, { token: w.tokens.clientAdmin, clientId: randomUUID() });
    expect(unknown.error).toBe('Client not found');
    unknown.probe.close();
    const agency = await connected(t, { token: w.tokens.agencyMember, clientId: w.clientA2.id });
    expect(agency.accessNotices()[0]).toEqual({ clientIds: [], agency: true });
    agency.close();
  });

  it('delivers a message to the agency and client A1, and a note to the agency only', async () => {
    const actors = {
      agencyOwner: { token: w.tokens.agencyOwner, userId: w.userIds.agencyOwner, sees: 'all' },
      agencyAdmin: { token: w.tokens.agencyAdmin, userId: w.userIds.agencyAdmin, sees: 'all' },
      agencyMember: { token: w.tokens.agencyMember, userId: w.userIds.agencyMember, sees: 'all' },
      clientAdmin: { token: w.tokens.clientAdmin, userId: w.userIds.clientAdmin, sees: 'messages' },
      clientMember: { token: w.tokens.clientMember, userId: w.userIds.clientMember, sees: 'messages' },
      viewAs: { token: viewAsToken, userId: w.userIds.clientMember, sees: 'messages' },
      otherClient: { token: w.tokens.otherClient, userId: w.userIds.otherClient, sees: 'nothing' },
      otherAgency: { token: w.tokens.otherAgency, userId: w.userIds.otherAgency, sees: 'nothing' },
      clientWithoutMessages: { token: noMessagesToken, userId: noMessagesUserId, sees: 'nothing' },
    } as const;
    const sockets = new Map<string, Probe>();
    for (const [name, actor] of Object.entries(actors))
      sockets.set(name, keep(await connected(t, { token: actor.token })));
    expect(sockets.get('viewAs')?.accessNotices()[0]).toEqual({ clientIds: [w.clientA1.id], agency: false });
    expect(sockets.get('clientWithoutMessages')?.accessNotices()[0]).toEqual({ clientIds: [], agency: false });

    publishMessage(t, w.agencyA.id, w.clientA1.id, 'message', 'hello A1');
    publishMessage(t, w.agencyA.id, w.clientA1.id, 'note', 'internal note');

    for (const [name, actor] of Object.entries(actors)) {
      const probe = sockets.get(name) as Probe;
      await sentinelArrives(t, probe, actor.userId);
      const events = probe.conversationEvents().map((r) => r.event);
      if (actor.sees === 'all') {
        expect({ name, bodies: probe.bodies() }).toEqual({ name, bodies: ['hello A1', 'internal note'] });
        expect({ name, events }).toEqual({ name, events: ['message', 'unread', 'message', 'unread'] });
      } else if (actor.sees === 'messages') {
        expect({ name, bodies: probe.bodies() }).toEqual({ name, bodies: ['hello A1'] });
        expect({ name, events }).toEqual({ name, events: ['message', 'unread'] });
      } else {
        expect({ name, events }).toEqual({ name, events: [] });
      }
    }
    expect(sockets.get('otherAgency')?.bodies()).toEqual([]);
  });

  it('delivers what is sent through the REST API (portal and agency routes) the same way', async () => {
    const agency = keep(await connected(t, { token: w.tokens.agencyMember }));
    const client = keep(await connected(t, { token: w.tokens.clientAdmin }));
    const other = keep(await connected(t, { token: w.tokens.otherClient }));
    const send = (token: string, path: string, body: object) =>
      t.http().post(path).set('Authorization', `Bearer ${token}`).send(body);
    const fromClient = await send(w.tokens.clientMember, '/api/v1/portal/messages/items', { body: 'via the portal' });
    expect(fromClient.status).toBe(201);
    const agencyPath = `/api/v1/messages/conversations/${w.clientA1.id}/items`;
    expect((await send(w.tokens.agencyOwner, agencyPath, { body: 'via the inbox' })).status).toBe(201);
    expect((await send(w.tokens.agencyOwner, agencyPath, { body: 'a REST note', kind: 'note' })).status).toBe(201);
    await agency.until(() => agency.bodies().includes('a REST note'), 'the note on the agency socket');
    await sentinelArrives(t, client, w.userIds.clientAdmin);
    await sentinelArrives(t, other, w.userIds.otherClient);
    expect(agency.bodies()).toEqual(['via the portal', 'via the inbox', 'a REST note']);
    expect(client.bodies()).toEqual(['via the portal', 'via the inbox']);
    expect(other.conversationEvents()).toEqual([]);
  });

  it('delivers read receipts to both sides and assignments to the agency only', async () => {
    const agency = keep(await connected(t, { token: w.tokens.agencyMember }));
    const client = keep(await connected(t, { token: w.tokens.clientMember }));
    const other = keep(await connected(t, { token: w.tokens.otherClient }));
    const events = t.app.get(MessageEvents);
    events.publish({
      type: 'read',
      agencyId: w.agencyA.id,
      clientId: w.clientA1.id,
      reader: {
        userId: w.userIds.clientAdmin,
        name: 'Admin',
        side: 'client',
        lastReadSeq: 3,
        readAt: new Date().toISOString(),
      },
    });
    events.publish({ type: 'conversation', agencyId: w.agencyA.id, clientId: w.clientA1.id, assignee: null });
    await sentinelArrives(t, agency, w.userIds.agencyMember);
    await sentinelArrives(t, client, w.userIds.clientMember);
    await sentinelArrives(t, other, w.userIds.otherClient);
    expect(agency.conversationEvents().map((r) => r.event)).toEqual(['read', 'conversation']);
    expect(client.conversationEvents().map((r) => r.event)).toEqual(['read']);
    expect(other.conversationEvents()).toEqual([]);
  });

  it('lets a client socket join its own second client, and refuses any other client or event', async () => {
    const f = new Factory(t);
    const user = await f.clientUser(w.clientA1, 'member');
    await f.addToClient(user, w.clientA2, 'member');
    const quiet = await f.client(w.agencyA, [...WITHOUT_MESSAGES], 'Quiet client');
    await f.addToClient(user, quiet, 'member');
    const token = (await f.signIn(user.email)).accessToken;
    const probe = keep(await connected(t, { token, clientId: w.clientA1.id }));
    const join = (clientId: unknown) =>
      probe.socket.timeout(WAIT_MS).emitWithAck('join', { clientId }) as Promise<{ ok: boolean; error?: string }>;

    expect(await join(randomUUID())).toEqual({ ok: false, error: 'Client not found' });
    expect(await join((await w.factory.client(w.agencyB, [...CLIENT_PERMISSIONS])).id)).toEqual({
      ok: false,
      error: 'Client not found',
    });
    expect(await join(quiet.id)).toEqual({ ok: false, error: 'Your access does not include messages' });
    expect(await join(42)).toEqual({ ok: false, error: 'Client not found' });
    // Rooms cannot be named: an unknown event is refused and changes nothing.
    expect(await probe.socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: `agency:${w.agencyA.id}` })).toEqual({
      ok: false,
      error: 'Unknown event',
    });
    publishMessage(t, w.agencyA.id, w.clientA1.id, 'message', 'still A1');
    publishMessage(t, w.agencyA.id, w.clientA2.id, 'message', 'not yet A2');
    publishMessage(t, w.agencyA.id, w.clientA1.id, 'note', 'a note');
    await sentinelArrives(t, probe, user.id);
    expect(probe.bodies()).toEqual(['still A1']);

    expect(await join(w.clientA2.id)).toEqual({ ok: true });
    expect(probe.accessNotices().at(-1)).toEqual({ clientIds: [w.clientA2.id], agency: false });
    publishMessage(t, w.agencyA.id, w.clientA1.id, 'message', 'A1 after the switch');
    publishMessage(t, w.agencyA.id, w.clientA2.id, 'message', 'hello A2');
    await sentinelArrives(t, probe, user.id);
    expect(probe.bodies()).toEqual(['still A1', 'hello A2']);
  });
});

describe('Realtime: access changes apply to open sockets at once', () => {
  let t: TestApp;
  let w: MatrixWorld;
  const probes: Probe[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: 'false' });
    w = await new MatrixWorld(t).build();
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    await t.close();
  });

  const as = (token: string) => ({
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });

  async function clientSocket(client = w.clientA1, role: 'admin' | 'member' = 'member') {
    const user = await w.factory.clientUser(client, role);
    const signedIn = await w.factory.signIn(user.email);
    const probe = await connected(t, { token: signedIn.accessToken });
    probes.push(probe);
    return { user, probe, signedIn };
  }

  const disconnected = (probe: Probe) =>
    probe.until(() => probe.disconnectReason !== null, 'the server to disconnect the socket');

  it('removing a client user through the API disconnects their open socket', async () => {
    const { user, probe, signedIn } = await clientSocket();
    const bystander = await clientSocket();
    const removed = await as(w.tokens.agencyOwner).delete(`/api/v1/clients/${w.clientA1.id}/users/${user.id}`);
    expect(removed.status).toBe(204);
    await disconnected(probe);
    expect(probe.disconnectReason).toBe('io server disconnect');
    // Everyone else of the client stays connected and keeps receiving.
    publishMessage(t, w.agencyA.id, w.clientA1.id, 'message', 'after the removal');
    await bystander.probe.until(
      () => bystander.probe.bodies().includes('after the removal'),
      'the bystander’s message',
    );
    expect(bystander.probe.socket.connected).toBe(true);
    // The token they still hold opens nothing any more.
    const again = await connect(t, { token: signedIn.accessToken });
    expect(again.error).toBe(SESSION_ENDED);
    again.probe.close();
  });

  it('deactivating an agency member (team removal) disconnects their socket', async () => {
    const member = await w.factory.agencyUser(w.agencyA, 'member');
    const probe = await connected(t, { token: (await w.factory.signIn(member.email)).accessToken });
    probes.push(probe);
    expect((await as(w.tokens.agencyOwner).delete(`/api/v1/team/${member.id}`)).status).toBe(204);
    await disconnected(probe);
  });

  it('signing out (session revoked) disconnects that session’s socket, not the user’s other session', async () => {
    const user = await w.factory.clientUser(w.clientA1, 'member');
    const first = await w.factory.signIn(user.email);
    const second = await w.factory.signIn(user.email);
    const signedOut = await connected(t, { token: first.accessToken });
    const stays = await connected(t, { token: second.accessToken });
    probes.push(signedOut, stays);
    const logout = await t.http().post('/api/v1/auth/logout').set('Cookie', first.cookie);
    expect(logout.status).toBe(204);
    await disconnected(signedOut);
    await sentinelArrives(t, stays, user.id);
    expect(stays.socket.connected).toBe(true);
  });

  it('turning messages.use off for the client stops delivery at once; on again resumes it, without reconnecting', async () => {
    const client = await w.factory.client(w.agencyA, [...CLIENT_PERMISSIONS], 'Toggled client');
    const { user, probe } = await clientSocket(client);
    const socketId = probe.socket.id;
    const off = await as(w.tokens.agencyAdmin).patch(`/api/v1/clients/${client.id}`, { permissions: WITHOUT_MESSAGES });
    expect(off.status).toBe(200);
    await probe.until(() => probe.accessNotices().length === 2, 'the access notice');
    expect(probe.accessNotices()[1]).toEqual({ clientIds: [], agency: false });
    publishMessage(t, w.agencyA.id, client.id, 'message', 'while off');
    await sentinelArrives(t, probe, user.id);
    expect(probe.bodies()).toEqual([]);

    const on = await as(w.tokens.agencyAdmin).patch(`/api/v1/clients/${client.id}`, {
      permissions: [...CLIENT_PERMISSIONS],
    });
    expect(on.status).toBe(200);
    await probe.until(() => probe.accessNotices().length === 3, 'the access notice');
    expect(probe.accessNotices()[2]).toEqual({ clientIds: [client.id], agency: false });
    publishMessage(t, w.agencyA.id, client.id, 'message', 'on again');
    await probe.until(() => probe.bodies().includes('on again'), 'the message');
    expect(probe.bodies()).toEqual(['on again']);
    expect(probe.socket.id).toBe(socketId);
    expect(probe.disconnectReason).toBeNull();
  });

  it('a role change is applied to the open socket without reconnecting', async () => {
    const { user, probe } = await clientSocket(w.clientA1, 'member');
    const changed = await as(w.tokens.agencyOwner).patch(`/api/v1/clients/${w.clientA1.id}/users/${user.id}`, {
      role: 'admin',
    });
    expect(changed.status).toBe(200);
    // The re-check ran (it reads the membership again) and kept the socket where it was.
    await sentinelArrives(t, probe, user.id);
    publishMessage(t, w.agencyA.id, w.clientA1.id, 'message', 'after the role change');
    await probe.until(() => probe.bodies().includes('after the role change'), 'the message');
    expect(probe.disconnectReason).toBeNull();
  });

  it('deleting the client disconnects its people’s sockets', async () => {
    const client = await w.factory.client(w.agencyA, [...CLIENT_PERMISSIONS], 'Doomed client');
    const { probe } = await clientSocket(client);
    expect((await as(w.tokens.agencyOwner).delete(`/api/v1/clients/${client.id}`)).status).toBe(204);
    await disconnected(probe);
  });

  it('a removal of many people at once re-checks each open socket (coalesced) and disconnects them all', async () => {
    const client = await w.factory.client(w.agencyA, [...CLIENT_PERMISSIONS], 'Bulk client');
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => clientSocket(client)));
    const response = await t
      .http()
      .post(`/api/v1/clients/${client.id}/users/bulk-remove`)
      .set('Authorization', `Bearer ${w.tokens.agencyOwner}`)
      .send({ userIds: people.map((p) => p.user.id) });
    expect(response.status).toBe(200);
    for (const { probe } of people) await disconnected(probe);
  });

  it('a direct database change that is not audited is caught by the next audited change of the agency', async () => {
    // (Every product path audits; this proves the re-check reads the database, not the event.)
    const { user, probe } = await clientSocket();
    await t.db.getRepository(ClientMembership).update({ userId: user.id }, { status: 'deactivated' });
    const other = await w.factory.clientUser(w.clientA1, 'member');
    expect((await as(w.tokens.agencyOwner).delete(`/api/v1/clients/${w.clientA1.id}/users/${other.id}`)).status).toBe(
      204,
    );
    await disconnected(probe);
  });

  it('closes the connection at the token’s expiry', async () => {
    const owner = await w.factory.agencyUser(w.agencyA, 'member');
    const { sid } = JSON.parse(
      Buffer.from((await w.factory.signIn(owner.email)).accessToken.split('.')[1], 'base64url').toString(),
    ) as { sid: string };
    // A real token of that live session, signed as the server signs them, valid for two more seconds.
    const token = new JwtService().sign(
      { sub: owner.id, sid, exp: Math.floor(Date.now() / 1000) + 2 },
      { secret: t.config.jwtSecret, algorithm: 'HS256', audience: ACCESS_TOKEN_AUDIENCE, issuer: ACCESS_TOKEN_ISSUER },
    );
    const probe = await connected(t, { token });
    probes.push(probe);
    await probe.until(() => probe.disconnectReason !== null, 'the expiry');
    // Closed under the client, which reconnects on its own (calling `auth` again for a fresh token).
    expect(probe.disconnectReason).toBe('transport close');
  });
});

/**
 * Several instances (issue 16, "Done means"): two applications on one MariaDB/MySQL database and
 * one Redis. Without both (SQLite, or no TEST_REDIS_URL) there is one instance, which is exactly
 * the embedded default: the "two" instances are the same application, and the test still proves
 * delivery and disconnection through it.
 */
describe('Realtime across instances', () => {
  const multiInstance = TEST_DATABASE !== 'sqlite' && TEST_REDIS_URL !== null;
  let first: TestApp;
  let second: TestApp;
  const probes: Probe[] = [];

  beforeAll(async () => {
    const shared = { RUN_WORKERS: 'false', JWT_SECRET: randomBytes(32).toString('hex') };
    first = await startTestApp(shared);
    const { database } = first.config;
    second =
      multiInstance && database.type !== 'sqlite'
        ? await startTestApp({ ...shared, DATABASE_NAME: database.database, MIGRATE_ON_START: 'false' })
        : first;
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    if (second !== first) await second.close();
    await first.close();
  });

  it(`${multiInstance ? 'two instances' : 'one instance (no shared database and Redis)'}: a message published on the first reaches a socket on the second, and an access change on the first disconnects it`, async () => {
    const f = new Factory(first);
    const agency = await f.agency();
    const client = await f.client(agency, [...CLIENT_PERMISSIONS]);
    const owner = await f.agencyUser(agency, 'owner');
    const ownerToken = (await f.signIn(owner.email)).accessToken;
    const person = await f.clientUser(client, 'member');
    const personToken = (await f.signIn(person.email)).accessToken;
    const agencySocket = await connected(second, { token: ownerToken });
    const clientSocket = await connected(second, { token: personToken });
    probes.push(agencySocket, clientSocket);

    publishMessage(first, agency.id, client.id, 'message', 'across instances');
    publishMessage(first, agency.id, client.id, 'note', 'note across instances');
    await agencySocket.until(() => agencySocket.bodies().length === 2, 'both messages on the agency socket');
    await clientSocket.until(() => clientSocket.bodies().length === 1, 'the message on the client socket');
    await sentinelArrives(first, clientSocket, person.id);
    expect(agencySocket.bodies()).toEqual(['across instances', 'note across instances']);
    expect(clientSocket.bodies()).toEqual(['across instances']);

    const removed = await first
      .http()
      .delete(`/api/v1/clients/${client.id}/users/${person.id}`)
      .set('Authorization', `Bearer ${ownerToken}`);
    expect(removed.status).toBe(204);
    await clientSocket.until(() => clientSocket.disconnectReason !== null, 'the disconnection on the other instance');
    expect(clientSocket.disconnectReason).toBe('io server disconnect');
    expect(agencySocket.socket.connected).toBe(true);
  });
});
