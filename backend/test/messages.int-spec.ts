import { FileUrlSigner } from '../src/modules/media/file-url-signer';
import { MESSAGE_BODY_MAX, MESSAGE_EDIT_WINDOW_MS } from '@atrium/shared';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { RATE_LIMITS } from '../src/core/rate-limit/rate-limit.rules';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import { Client } from '../src/core/tenancy/entities/client.entity';
import type { User } from '../src/core/tenancy/entities/user.entity';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import { Conversation } from '../src/modules/messages/entities/conversation.entity';
import { Message } from '../src/modules/messages/entities/message.entity';
import { Factory } from './support/factories';
import { png } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

const PORTAL = '/api/v1/portal/messages';
const AGENCY = '/api/v1/messages';

describe('Messages: one conversation per client, notes for the agency only', () => {
  let t: TestApp;
  let f: Factory;
  let agency: Agency;
  let acme: Client;
  let globex: Client;
  let quiet: Client;
  let owner: { user: User; token: string };
  let member: { user: User; token: string };
  let acmeAdmin: { user: User; token: string };
  let acmeMember: { user: User; token: string };
  let globexUser: { user: User; token: string };
  let quietUser: { user: User; token: string };
  let otherOwner: { user: User; token: string };
  let otherClientUser: { user: User; token: string };

  const as = (token: string, clientId?: string) => {
    const auth = (call: ReturnType<ReturnType<TestApp['http']>['get']>) => {
      const authed = call.set('Authorization', `Bearer ${token}`);
      return clientId ? authed.set('X-Atrium-Client', clientId) : authed;
    };
    return {
      get: (path: string) => auth(t.http().get(path)),
      post: (path: string, body: object = {}) => auth(t.http().post(path)).send(body),
      put: (path: string, body: object) => auth(t.http().put(path)).send(body),
      patch: (path: string, body: object) => auth(t.http().patch(path)).send(body),
      delete: (path: string) => auth(t.http().delete(path)),
      upload: (path: string) => auth(t.http().post(path)),
    };
  };
  const signedIn = async (user: User) => ({ user, token: (await f.signIn(user.email)).accessToken });
  const conversationOf = (client: Client) => t.db.getRepository(Conversation).findOneBy({ clientId: client.id });
  const messagesOf = async (client: Client) => {
    const conversation = await conversationOf(client);
    return conversation ? t.db.getRepository(Message).countBy({ conversationId: conversation.id }) : 0;
  };

  /** A client with its own people, so that one test's messages never show in another's counts. */
  async function freshClient(permissions: Client['permissions'] = ['messages.use', 'media.upload']) {
    const client = await f.client(agency, permissions);
    return { client, user: await signedIn(await f.clientUser(client, 'member')) };
  }

  /** Messages written straight into the database, numbered as the service numbers them. */
  async function seed(client: Client, count: number, author: User): Promise<void> {
    const conversations = t.db.getRepository(Conversation);
    const conversation =
      (await conversations.findOneBy({ clientId: client.id })) ??
      (await conversations.save(conversations.create({ agencyId: agency.id, clientId: client.id })));
    const messages = t.db.getRepository(Message);
    const rows = Array.from({ length: count }, (_, i) =>
      messages.create({
        agencyId: agency.id,
        clientId: client.id,
        conversationId: conversation.id,
        seq: conversation.lastSeq + i + 1,
        change: conversation.lastChange + i + 1,
        kind: 'message',
        authorUserId: author.id,
        authorSide: author.kind === 'agency' ? 'agency' : 'client',
        authorName: author.name,
        body: `Message ${conversation.lastSeq + i + 1}`,
        createdAt: new Date(Date.now() - (count - i) * 1000),
      }),
    );
    await messages.save(rows, { chunk: 50 });
    await conversations.update(
      { id: conversation.id },
      { lastSeq: conversation.lastSeq + count, lastChange: conversation.lastChange + count, lastMessageAt: new Date() },
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    agency = await f.agency('Messages Agency');
    acme = await f.client(agency, ['messages.use', 'media.upload'], 'Acme');
    globex = await f.client(agency, ['messages.use'], 'Globex');
    quiet = await f.client(agency, ['calendar.view'], 'Quiet');
    owner = await signedIn(await f.agencyUser(agency, 'owner'));
    member = await signedIn(await f.agencyUser(agency, 'member'));
    acmeAdmin = await signedIn(await f.clientUser(acme, 'admin'));
    acmeMember = await signedIn(await f.clientUser(acme, 'member'));
    globexUser = await signedIn(await f.clientUser(globex, 'admin'));
    quietUser = await signedIn(await f.clientUser(quiet, 'admin'));
    const other = await f.agency('Other Agency');
    otherOwner = await signedIn(await f.agencyUser(other, 'owner'));
    otherClientUser = await signedIn(await f.clientUser(await f.client(other, ['messages.use']), 'admin'));
  });
  afterAll(() => t.close());

  it('lets a client user and the agency talk, with unread counts and "seen by"', async () => {
    const opened = await as(acmeAdmin.token).get(PORTAL);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ clientId: acme.id, clientName: 'Acme', assignee: null, lastMessage: null });

    const sent = await as(acmeAdmin.token).post(`${PORTAL}/items`, { body: '  Hello, is the post ready?  ' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      clientId: acme.id,
      seq: 1,
      kind: 'message',
      body: 'Hello, is the post ready?',
      author: { id: acmeAdmin.user.id, side: 'client' },
      editedAt: null,
      deletedAt: null,
    });
    // Their own message is never unread for the author.
    expect((await as(acmeAdmin.token).get(`${PORTAL}/unread`)).body).toEqual({ conversations: 0, messages: 0 });
    expect((await as(acmeMember.token).get(`${PORTAL}/unread`)).body).toEqual({ conversations: 1, messages: 1 });

    expect((await as(owner.token).get(`${AGENCY}/unread`)).body).toEqual({ conversations: 1, messages: 1 });
    const inbox = await as(owner.token).get(`${AGENCY}/conversations`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.conversations).toEqual([
      expect.objectContaining({
        clientId: acme.id,
        unread: 1,
        lastMessage: expect.objectContaining({ preview: 'Hello, is the post ready?', side: 'client', kind: 'message' }),
      }),
    ]);

    const reply = await as(owner.token).post(`${AGENCY}/conversations/${acme.id}/items`, { body: 'Yes, tomorrow.' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ seq: 2, author: { side: 'agency' } });
    // Replying read what came before.
    expect((await as(owner.token).get(`${AGENCY}/unread`)).body).toEqual({ conversations: 0, messages: 0 });

    const page = await as(acmeAdmin.token).get(`${PORTAL}/items`);
    expect(page.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'Hello, is the post ready?',
      'Yes, tomorrow.',
    ]);
    expect(page.body.olderBefore).toBeNull();

    const read = await as(acmeAdmin.token).post(`${PORTAL}/read`, { seq: 2 });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ unread: 0, lastReadSeq: 2, lastSeq: 2 });
    const seen = await as(owner.token).get(`${AGENCY}/conversations/${acme.id}`);
    expect(seen.body.readers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: acmeAdmin.user.id, side: 'client', lastReadSeq: 2 }),
        expect.objectContaining({ userId: owner.user.id, side: 'agency', lastReadSeq: 2 }),
      ]),
    );
  });

  it('never moves a read position back, nor past the last message', async () => {
    const { client, user } = await freshClient();
    await seed(client, 5, owner.user);
    expect((await as(user.token).post(`${PORTAL}/read`, { seq: 4 })).body).toMatchObject({ lastReadSeq: 4, unread: 1 });
    expect((await as(user.token).post(`${PORTAL}/read`, { seq: 2 })).body).toMatchObject({ lastReadSeq: 4, unread: 1 });
    expect((await as(user.token).post(`${PORTAL}/read`, { seq: 999 })).body).toMatchObject({
      lastReadSeq: 5,
      unread: 0,
    });
  });

  it('keeps internal notes from client users everywhere', async () => {
    const { client, user } = await freshClient();
    await as(user.token).post(`${PORTAL}/items`, { body: 'Visible question' });
    const note = await as(owner.token).post(`${AGENCY}/conversations/${client.id}/items`, {
      body: 'Secret note about the budget',
      kind: 'note',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: 'note', seq: 2 });

    // The agency sees it.
    const agencyPage = await as(member.token).get(`${AGENCY}/conversations/${client.id}/items`);
    expect(agencyPage.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['message', 'note']);
    const agencySearch = await as(member.token).get(`${AGENCY}/conversations/${client.id}/search?q=budget`);
    expect(agencySearch.body.messages).toHaveLength(1);

    // The client user does not: pages, changes, search, the conversation's last message, unread counts.
    const page = await as(user.token).get(`${PORTAL}/items`);
    expect(page.body.messages.map((m: { body: string }) => m.body)).toEqual(['Visible question']);
    const changes = await as(user.token).get(`${PORTAL}/changes?since=0`);
    expect(changes.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['message']);
    expect((await as(user.token).get(`${PORTAL}/search?q=budget`)).body.messages).toEqual([]);
    const conversation = await as(user.token).get(PORTAL);
    expect(conversation.body.lastMessage).toMatchObject({ preview: 'Visible question', kind: 'message' });
    expect(conversation.body.lastSeq).toBe(1);
    expect(JSON.stringify(conversation.body)).not.toContain('Secret');
    expect((await as(user.token).get(`${PORTAL}/unread`)).body).toEqual({ conversations: 0, messages: 0 });

    // Nor can they write one: refused, nothing written.
    const before = await messagesOf(client);
    const refused = await as(user.token).post(`${PORTAL}/items`, { body: 'Pretend note', kind: 'note' });
    expect(refused.status).toBe(403);
    expect(await messagesOf(client)).toBe(before);
    // A note's id is unknown to them.
    expect((await as(user.token).patch(`${PORTAL}/items/${note.body.id}`, { body: 'x' })).status).toBe(404);
  });

  it("keeps each client's conversation to its own people, and each agency's to its own", async () => {
    const acmeMessage = await as(acmeAdmin.token).post(`${PORTAL}/items`, { body: 'Acme only' });
    expect(acmeMessage.status).toBe(201);
    const id = acmeMessage.body.id as string;

    // Globex's user reaches only Globex's conversation; asking for Acme's with the header is a 404.
    expect((await as(globexUser.token, acme.id).get(PORTAL)).status).toBe(404);
    expect((await as(globexUser.token, acme.id).get(`${PORTAL}/items`)).status).toBe(404);
    expect((await as(globexUser.token, acme.id).post(`${PORTAL}/items`, { body: 'x' })).status).toBe(404);
    expect((await as(globexUser.token, acme.id).post(`${PORTAL}/read`, { seq: 1 })).status).toBe(404);
    const own = await as(globexUser.token).get(`${PORTAL}/search?q=Acme`);
    expect(own.status).toBe(200);
    expect(own.body.messages).toEqual([]);
    expect((await as(globexUser.token).get(PORTAL)).body.clientId).toBe(globex.id);
    // Acme's message ids are unknown in Globex's conversation.
    expect((await as(globexUser.token).patch(`${PORTAL}/items/${id}`, { body: 'hijack' })).status).toBe(404);
    expect((await as(globexUser.token).delete(`${PORTAL}/items/${id}`)).status).toBe(404);
    // The same for the agency through another client's path.
    expect(
      (await as(owner.token).patch(`${AGENCY}/conversations/${globex.id}/items/${id}`, { body: 'x' })).status,
    ).toBe(404);

    // Another agency: 404 for A's clients, and its inbox and counts are its own.
    for (const path of [
      `${AGENCY}/conversations/${acme.id}`,
      `${AGENCY}/conversations/${acme.id}/items`,
      `${AGENCY}/conversations/${acme.id}/changes?since=0`,
      `${AGENCY}/conversations/${acme.id}/search?q=Acme`,
    ]) {
      expect({ path, status: (await as(otherOwner.token).get(path)).status }).toEqual({ path, status: 404 });
    }
    expect((await as(otherOwner.token).post(`${AGENCY}/conversations/${acme.id}/items`, { body: 'x' })).status).toBe(
      404,
    );
    expect((await as(otherOwner.token).get(`${AGENCY}/conversations`)).body.conversations).toEqual([]);
    expect((await as(otherOwner.token).get(`${AGENCY}/unread`)).body).toEqual({ conversations: 0, messages: 0 });
    expect((await as(otherClientUser.token).get(`${PORTAL}/search?q=Acme`)).body.messages).toEqual([]);

    // A client without messages.use: its people are refused.
    expect((await as(quietUser.token).get(PORTAL)).status).toBe(403);
    expect((await as(quietUser.token).post(`${PORTAL}/items`, { body: 'x' })).status).toBe(403);
  });

  it('answers 404 for a deleted or unknown client', async () => {
    const { client } = await freshClient();
    await t.db.getRepository(Client).update({ id: client.id }, { deletedAt: new Date() });
    const gone = await as(owner.token).get(`${AGENCY}/conversations/${client.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('Client not found');
    expect((await as(owner.token).get(`${AGENCY}/conversations/not-a-uuid`)).status).toBe(400);
  });

  it('lets only the author edit or delete, within the window, and shows it as edited or deleted', async () => {
    const { client, user } = await freshClient();
    const first = await as(user.token).post(`${PORTAL}/items`, { body: 'Frist draft' });
    const edited = await as(user.token).patch(`${PORTAL}/items/${first.body.id}`, { body: 'First draft' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'First draft', seq: 1 });
    expect(edited.body.editedAt).not.toBeNull();
    expect(edited.body.change).toBeGreaterThan(first.body.change);

    // Someone else's message: 403, for the other side and for a colleague alike.
    const colleague = await signedIn(await f.clientUser(client, 'admin'));
    expect((await as(colleague.token).patch(`${PORTAL}/items/${first.body.id}`, { body: 'mine now' })).status).toBe(
      403,
    );
    expect((await as(owner.token).delete(`${AGENCY}/conversations/${client.id}/items/${first.body.id}`)).status).toBe(
      403,
    );

    const deleted = await as(user.token).delete(`${PORTAL}/items/${first.body.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ body: '', attachments: [] });
    expect(deleted.body.deletedAt).not.toBeNull();
    expect((await as(user.token).delete(`${PORTAL}/items/${first.body.id}`)).status).toBe(409);
    expect((await as(owner.token).get(`${AGENCY}/conversations/${client.id}`)).body.lastMessage.preview).toBe(
      'Deleted message',
    );
    const audit = await t.db
      .getRepository(AuditLog)
      .findOneBy({ action: 'messages.message_deleted', targetId: first.body.id });
    expect(audit).toMatchObject({ actorUserId: user.user.id, agencyId: agency.id });

    // After the window: 409 with a sentence, nothing changed.
    const late = await as(user.token).post(`${PORTAL}/items`, { body: 'Too late to change' });
    await t.db
      .getRepository(Message)
      .update({ id: late.body.id }, { createdAt: new Date(Date.now() - MESSAGE_EDIT_WINDOW_MS - 60_000) });
    const refused = await as(user.token).patch(`${PORTAL}/items/${late.body.id}`, { body: 'Changed' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/within 15 minutes/);
    expect((await as(user.token).delete(`${PORTAL}/items/${late.body.id}`)).status).toBe(409);
    expect((await t.db.getRepository(Message).findOneByOrFail({ id: late.body.id })).body).toBe('Too late to change');
  });

  it('returns edits and deletions through changes exactly once', async () => {
    const { user } = await freshClient();
    const a = await as(user.token).post(`${PORTAL}/items`, { body: 'a' });
    const b = await as(user.token).post(`${PORTAL}/items`, { body: 'b' });
    const start = (await as(user.token).get(`${PORTAL}/changes?since=0`)).body;
    expect(start.messages.map((m: { body: string }) => m.body)).toEqual(['a', 'b']);
    expect(start.change).toBe(b.body.change);

    await as(user.token).patch(`${PORTAL}/items/${a.body.id}`, { body: 'a, edited' });
    await as(user.token).patch(`${PORTAL}/items/${a.body.id}`, { body: 'a, edited twice' });
    await as(user.token).delete(`${PORTAL}/items/${b.body.id}`);
    const c = await as(user.token).post(`${PORTAL}/items`, { body: 'c' });

    const next = (await as(user.token).get(`${PORTAL}/changes?since=${start.change}`)).body;
    expect(next.messages.map((m: { id: string; body: string; deletedAt: string | null }) => [m.id, m.body])).toEqual([
      [a.body.id, 'a, edited twice'],
      [b.body.id, ''],
      [c.body.id, 'c'],
    ]);
    expect(next.change).toBe(c.body.change);
    expect((await as(user.token).get(`${PORTAL}/changes?since=${next.change}`)).body.messages).toEqual([]);
  });

  it('pages 75 messages as 30, 30 and 15, oldest first inside each page', async () => {
    const { client, user } = await freshClient();
    await seed(client, 75, owner.user);
    const first = (await as(user.token).get(`${PORTAL}/items`)).body;
    expect(first.messages).toHaveLength(30);
    expect(first.messages[0].seq).toBe(46);
    expect(first.messages[29].seq).toBe(75);
    expect(first.olderBefore).toBe(46);
    const second = (await as(user.token).get(`${PORTAL}/items?before=${first.olderBefore}`)).body;
    expect(second.messages.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 16 + i));
    expect(second.olderBefore).toBe(16);
    const third = (await as(user.token).get(`${PORTAL}/items?before=${second.olderBefore}`)).body;
    expect(third.messages.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 15 }, (_, i) => 1 + i));
    expect(third.olderBefore).toBeNull();
    expect((await as(user.token).get(`${PORTAL}/items?limit=101`)).status).toBe(400);
  });

  it('validates bodies: length, unknown fields, empty; stores HTML as plain text', async () => {
    const { client, user } = await freshClient();
    const tooLong = await as(user.token).post(`${PORTAL}/items`, { body: 'x'.repeat(MESSAGE_BODY_MAX + 1) });
    expect(tooLong.status).toBe(400);
    const unknown = await as(user.token).post(`${PORTAL}/items`, { body: 'hi', authorUserId: owner.user.id });
    expect(unknown.status).toBe(400);
    expect((await as(user.token).post(`${PORTAL}/items`, { body: '   ' })).status).toBe(400);
    expect(await messagesOf(client)).toBe(0);

    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script> & <b>bold</b>';
    const sent = await as(user.token).post(`${PORTAL}/items`, { body: html });
    expect(sent.status).toBe(201);
    expect(sent.body.body).toBe(html);
    const page = await as(owner.token).get(`${AGENCY}/conversations/${client.id}/items`);
    expect(page.body.messages[0].body).toBe(html);
    expect(
      (await as(user.token).get(`${PORTAL}/search?q=${encodeURIComponent('<script>')}`)).body.messages,
    ).toHaveLength(1);
    // LIKE's wildcards are searched for as themselves.
    expect((await as(user.token).get(`${PORTAL}/search?q=${encodeURIComponent('%')}`)).body.messages).toEqual([]);
  });

  it('sends files through the media pipeline, as the client’s uploads, each once', async () => {
    const { client, user } = await freshClient();
    const upload = await as(user.token)
      .upload(`${PORTAL}/attachments`)
      .attach('file', await png(), { filename: 'brief.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    expect(upload.body.rejected).toEqual([]);
    const [file] = upload.body.attachments as Array<{ id: string; url: string; filename: string }>;
    expect(file).toMatchObject({ filename: 'brief.png', mimeType: 'image/png', kind: 'image' });
    expect(await t.db.getRepository(MediaAsset).findOneByOrFail({ id: file.id })).toMatchObject({
      clientId: client.id,
      source: 'portal',
      purpose: 'library',
      uploadedByUserId: user.user.id,
    });
    // In the client's portal library, and in the agency's as the client's.
    const library = await as(user.token).get('/api/v1/portal/media');
    expect(library.body.items.map((item: { id: string }) => item.id)).toContain(file.id);

    const sent = await as(user.token).post(`${PORTAL}/items`, { body: '', attachmentIds: [file.id] });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toEqual([expect.objectContaining({ id: file.id, filename: 'brief.png' })]);
    expect((await as(owner.token).get(`${AGENCY}/conversations/${client.id}`)).body.lastMessage.preview).toBe(
      'Sent a file',
    );
    // Once only.
    const again = await as(user.token).post(`${PORTAL}/items`, { body: 'again', attachmentIds: [file.id] });
    expect(again.status).toBe(400);

    // Another client's file, or someone else's: 404, and nothing written.
    const globexFile = await as(globexUser.token)
      .upload(`${PORTAL}/attachments`)
      .attach('file', await png(), { filename: 'theirs.png', contentType: 'image/png' });
    const before = await messagesOf(client);
    const foreign = await as(user.token).post(`${PORTAL}/items`, {
      body: 'look',
      attachmentIds: [globexFile.body.attachments[0].id],
    });
    expect(foreign.status).toBe(404);
    expect(await messagesOf(client)).toBe(before);

    // The agency's upload for the client is the agency's, filed under the client.
    const agencyUpload = await as(member.token)
      .upload(`${AGENCY}/conversations/${client.id}/attachments`)
      .attach('file', await png(), { filename: 'proof.png', contentType: 'image/png' });
    expect(agencyUpload.status).toBe(201);
    expect(
      await t.db.getRepository(MediaAsset).findOneByOrFail({ id: agencyUpload.body.attachments[0].id }),
    ).toMatchObject({ clientId: client.id, source: 'agency', uploadedByUserId: member.user.id });
    const reply = await as(member.token).post(`${AGENCY}/conversations/${client.id}/items`, {
      body: 'Proof attached',
      attachmentIds: [agencyUpload.body.attachments[0].id],
    });
    expect(reply.status).toBe(201);
    // Deleting the message takes the files off it, not out of the library.
    const removed = await as(member.token).delete(`${AGENCY}/conversations/${client.id}/items/${reply.body.id}`);
    expect(removed.body.attachments).toEqual([]);
    expect(await t.db.getRepository(MediaAsset).countBy({ id: agencyUpload.body.attachments[0].id })).toBe(1);
  });

  it('lets the people of the conversation download what was sent in it, and nobody else', async () => {
    // A client without the media library: its people reach files only through the conversation.
    const { client, user } = await freshClient(['messages.use']);
    const colleague = await signedIn(await f.clientUser(client, 'admin'));
    const download = (url: string, token: string) => t.http().get(url).set('Authorization', `Bearer ${token}`);

    const own = await as(user.token)
      .upload(`${PORTAL}/attachments`)
      .attach('file', await png(), { filename: 'mine.png', contentType: 'image/png' });
    expect(own.status).toBe(201);
    // Not sent yet, and the client has no Media: nobody of the client may fetch it yet.
    expect((await download(own.body.attachments[0].url, user.token)).status).toBe(404);

    const agencyUpload = await as(member.token)
      .upload(`${AGENCY}/conversations/${client.id}/attachments`)
      .attach('file', await png(), { filename: 'proof.png', contentType: 'image/png' });
    const noteUpload = await as(member.token)
      .upload(`${AGENCY}/conversations/${client.id}/attachments`)
      .attach('file', await png(), { filename: 'internal.png', contentType: 'image/png' });
    await as(member.token).post(`${AGENCY}/conversations/${client.id}/items`, {
      body: 'Proof',
      attachmentIds: [agencyUpload.body.attachments[0].id],
    });
    await as(member.token).post(`${AGENCY}/conversations/${client.id}/items`, {
      body: 'Only for us',
      kind: 'note',
      attachmentIds: [noteUpload.body.attachments[0].id],
    });

    const page = await as(colleague.token).get(`${PORTAL}/items`);
    const sent = page.body.messages.find((m: { body: string }) => m.body === 'Proof');
    expect((await download(sent.attachments[0].url, colleague.token)).status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain(noteUpload.body.attachments[0].id);

    // URLs a client user could only have forged: the note's file, and a colleague's unsent upload.
    const signer = t.app.get(FileUrlSigner);
    const urlFor = (assetId: string, userId: string) =>
      signer.url({ assetId, variant: 'original', disposition: 'attachment', grantee: { kind: 'user', userId } }, 60);
    expect((await download(urlFor(noteUpload.body.attachments[0].id, colleague.user.id), colleague.token)).status).toBe(
      404,
    );
    expect((await download(urlFor(own.body.attachments[0].id, colleague.user.id), colleague.token)).status).toBe(404);
    // The same file once sent: the colleague may have it too.
    await as(user.token).post(`${PORTAL}/items`, { body: '', attachmentIds: [own.body.attachments[0].id] });
    expect((await download(urlFor(own.body.attachments[0].id, colleague.user.id), colleague.token)).status).toBe(200);
    // Another client's person, even with the id: nothing.
    expect(
      (await download(urlFor(agencyUpload.body.attachments[0].id, globexUser.user.id), globexUser.token)).status,
    ).toBe(404);
  });

  it('limits how fast one person sends: 429 with Retry-After', async () => {
    const { client, user } = await freshClient();
    for (let i = 0; i < RATE_LIMITS.messageSendPerUser.limit; i++) {
      expect((await as(user.token).post(`${PORTAL}/items`, { body: `burst ${i}` })).status).toBe(201);
    }
    const limited = await as(user.token).post(`${PORTAL}/items`, { body: 'one too many' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await messagesOf(client)).toBe(RATE_LIMITS.messageSendPerUser.limit);
  });

  it('orders the inbox unread first, filters it, and pages it with a cursor', async () => {
    const local = await f.agency('Inbox Agency');
    const lead = await signedIn(await f.agencyUser(local, 'owner'));
    const helper = await signedIn(await f.agencyUser(local, 'member'));
    const clients: Client[] = [];
    for (const name of ['One', 'Two', 'Three']) {
      const client = await f.client(local, ['messages.use'], name);
      clients.push(client);
      const person = await signedIn(await f.clientUser(client, 'member'));
      await as(person.token).post(`${PORTAL}/items`, { body: `Hi from ${name}` });
    }
    // A client nobody has written to yet is not in the inbox.
    await f.client(local, ['messages.use'], 'Silent');
    // The lead reads One and Three; Two stays unread and comes first.
    await as(lead.token).post(`${AGENCY}/conversations/${clients[0].id}/read`, { seq: 1 });
    await as(lead.token).post(`${AGENCY}/conversations/${clients[2].id}/read`, { seq: 1 });
    const inbox = (await as(lead.token).get(`${AGENCY}/conversations`)).body;
    expect(inbox.conversations.map((c: { clientName: string }) => c.clientName)).toEqual(['Two', 'Three', 'One']);
    expect(inbox.nextCursor).toBeNull();

    const unreadOnly = (await as(lead.token).get(`${AGENCY}/conversations?unread=true`)).body;
    expect(unreadOnly.conversations.map((c: { clientName: string }) => c.clientName)).toEqual(['Two']);
    const one = (await as(lead.token).get(`${AGENCY}/conversations?clientId=${clients[0].id}`)).body;
    expect(one.conversations.map((c: { clientName: string }) => c.clientName)).toEqual(['One']);

    // Pages of one, following the cursor, in the same order.
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=1&cursor=${cursor}` : 'limit=1';
      const page: { conversations: Array<{ clientName: string }>; nextCursor: string | null } = (
        await as(lead.token).get(`${AGENCY}/conversations?${query}`)
      ).body;
      names.push(...page.conversations.map((c) => c.clientName));
      cursor = page.nextCursor;
    } while (cursor && names.length < 10);
    expect(names).toEqual(['Two', 'Three', 'One']);

    // Assigned to me.
    const assigned = await as(lead.token).put(`${AGENCY}/conversations/${clients[1].id}/assignee`, {
      assigneeUserId: helper.user.id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toEqual({ id: helper.user.id, name: helper.user.name });
    const mine = (await as(helper.token).get(`${AGENCY}/conversations?assigned=me`)).body;
    expect(mine.conversations.map((c: { clientName: string }) => c.clientName)).toEqual(['Two']);
    expect(
      await t.db
        .getRepository(AuditLog)
        .findOneBy({ action: 'messages.conversation_assigned', actorUserId: lead.user.id }),
    ).toMatchObject({ agencyId: local.id });
  });

  it('assigns only to active team members of the agency', async () => {
    const path = `${AGENCY}/conversations/${acme.id}/assignee`;
    for (const assigneeUserId of [acmeAdmin.user.id, otherOwner.user.id]) {
      const refused = await as(owner.token).put(path, { assigneeUserId });
      expect(refused.status).toBe(404);
      expect(refused.body.message).toBe('Team member not found');
    }
    expect((await as(owner.token).put(path, {})).status).toBe(400);
    expect((await as(owner.token).put(path, { assigneeUserId: member.user.id })).body.assignee.id).toBe(member.user.id);
    expect((await as(owner.token).put(path, { assigneeUserId: null })).body.assignee).toBeNull();
    // Client users never see who looks after them.
    await as(owner.token).put(path, { assigneeUserId: member.user.id });
    expect((await as(acmeAdmin.token).get(PORTAL)).body.assignee).toBeNull();
  });

  it('numbers messages sent at the same time one after the other, without gaps', async () => {
    const { client, user } = await freshClient();
    const colleague = await signedIn(await f.clientUser(client, 'admin'));
    const sends = await Promise.all([
      as(user.token).post(`${PORTAL}/items`, { body: 'one' }),
      as(colleague.token).post(`${PORTAL}/items`, { body: 'two' }),
      as(owner.token).post(`${AGENCY}/conversations/${client.id}/items`, { body: 'three' }),
      as(member.token).post(`${AGENCY}/conversations/${client.id}/items`, { body: 'four', kind: 'note' }),
      as(user.token).post(`${PORTAL}/items`, { body: 'five' }),
    ]);
    expect(sends.map((s) => s.status)).toEqual([201, 201, 201, 201, 201]);
    expect(sends.map((s) => s.body.seq as number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(sends.map((s) => s.body.change as number)).size).toBe(5);
    expect(await conversationOf(client)).toMatchObject({ lastSeq: 5, lastChange: 5 });
  });

  it('makes one conversation when both sides open it at once', async () => {
    const { client, user } = await freshClient();
    const answers = await Promise.all([
      as(user.token).get(PORTAL),
      as(owner.token).get(`${AGENCY}/conversations/${client.id}`),
      as(user.token).get(`${PORTAL}/items`),
      as(member.token).get(`${AGENCY}/conversations/${client.id}/items`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await t.db.getRepository(Conversation).countBy({ clientId: client.id })).toBe(1);
  });

  it('lets a "View as client" session read, without writing or leaving a trace', async () => {
    const { client, user } = await freshClient();
    const view = await as(owner.token).post(`/api/v1/clients/${client.id}/view-as`, { userId: user.user.id });
    expect(view.status).toBe(201);
    const token = view.body.accessToken as string;
    const read = await as(token).get(PORTAL);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ clientId: client.id, lastSeq: 0 });
    expect((await as(token).get(`${PORTAL}/items`)).body.messages).toEqual([]);
    expect(await conversationOf(client)).toBeNull();
    expect((await as(token).post(`${PORTAL}/items`, { body: 'as the viewer' })).status).toBe(403);
  });
});
