import { CLIENT_PERMISSIONS, MESSAGES_PATHS, type ClientPermission, type MessageKind } from '@atrium/shared';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { AgencyMembership } from '../src/core/tenancy/entities/agency-membership.entity';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import { ClientMembership } from '../src/core/tenancy/entities/client-membership.entity';
import { Client } from '../src/core/tenancy/entities/client.entity';
import { User } from '../src/core/tenancy/entities/user.entity';
import { TenantData } from '../src/core/tenancy/tenant-data';
import { agencyScope } from '../src/core/tenancy/tenant-scope';
import { OneTimeToken } from '../src/modules/auth/entities/one-time-token.entity';
import { ConversationRead } from '../src/modules/messages/entities/conversation-read.entity';
import { Conversation } from '../src/modules/messages/entities/conversation.entity';
import { MessageEmailDue } from '../src/modules/messages/entities/message-email-due.entity';
import { MessageEmailSetting } from '../src/modules/messages/entities/message-email-setting.entity';
import { Message } from '../src/modules/messages/entities/message.entity';
import { localDateTime, nextLocalHour } from '../src/modules/messages/notifications/local-time';
import { MessageEmailSweep } from '../src/modules/messages/notifications/message-email-sweep.service';
import { UnreadEmails } from '../src/modules/messages/notifications/unread-emails.service';
import { Factory } from './support/factories';
import { png } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Emails about unread messages (issue 16): one grouped email per person after the delay, none when
 * read in time, a daily digest for those who chose it, never for notes or for people who lost
 * access; client users' emails in the agency's brand with a one-click sign-in. Time is moved by
 * handing the sweep a later "now", never by waiting.
 */
describe('Emails about unread messages', () => {
  let t: TestApp;
  let f: Factory;
  let tenant: TenantData;
  let unreadEmails: UnreadEmails;
  let sweeper: MessageEmailSweep;

  const DELAY_MS = 60_000;
  const APP_URL = 'https://portal.atrium.test';

  beforeAll(async () => {
    t = await startTestApp({ MESSAGE_EMAIL_DELAY_MS: String(DELAY_MS), MESSAGE_EMAIL_POLL_MS: '3600000' });
    f = new Factory(t);
    tenant = t.app.get(TenantData);
    unreadEmails = t.app.get(UnreadEmails);
    sweeper = t.app.get(MessageEmailSweep);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  interface World {
    agency: Agency;
    acme: Client;
    owner: User;
    member: User;
    alice: User;
    bob: User;
  }

  /** An agency (owner and member) and its client Acme with two people who may use messages. */
  async function world(permissions: ClientPermission[] = [...CLIENT_PERMISSIONS]): Promise<World> {
    const agency = await f.agency('Northwind Studio');
    const acme = await f.client(agency, permissions, 'Acme Coffee');
    const owner = await named(await f.agencyUser(agency, 'owner'), 'Olive Owner');
    const member = await named(await f.agencyUser(agency, 'member'), 'Max Member');
    const alice = await named(await f.clientUser(acme, 'member'), 'Alice Acme');
    const bob = await named(await f.clientUser(acme, 'admin'), 'Bob Acme');
    return { agency, acme, owner, member, alice, bob };
  }

  async function named(user: User, name: string, timezone = 'UTC'): Promise<User> {
    await t.db.getRepository(User).update({ id: user.id }, { name, timezone });
    return Object.assign(user, { name, timezone });
  }

  /**
   * Writes a message the way the messages service does (conversation locked, counters moved, the
   * message inserted) and owes its emails in the same transaction.
   */
  async function send(client: Client, author: User, body: string, kind: MessageKind = 'message'): Promise<Message> {
    const scope = agencyScope(client.agencyId);
    let conversation = await tenant.findOneOwned(scope, Conversation, { where: { clientId: client.id } });
    conversation ??= await tenant.insertOwned(scope, Conversation, { clientId: client.id });
    const id = conversation.id;
    return tenant.transaction(async (tx) => {
      const locked = await tx.findOwned(scope, Conversation, id, { lock: 'update' });
      locked.lastSeq += 1;
      locked.lastChange += 1;
      await tx.updateOwned(scope, Conversation, { id }, { lastSeq: locked.lastSeq, lastChange: locked.lastChange });
      const message = await tx.insertOwned(scope, Message, {
        clientId: client.id,
        conversationId: id,
        seq: locked.lastSeq,
        change: locked.lastChange,
        kind,
        authorUserId: author.id,
        authorSide: author.kind,
        authorName: author.name,
        body,
      });
      // Called for notes too: the service must refuse to owe anything for them by itself.
      await unreadEmails.owe(tx, locked, message);
      return message;
    });
  }

  /** `reader` reads the conversation up to `seq`, the way the messages service records it. */
  async function read(client: Client, reader: User, seq: number): Promise<void> {
    const scope = agencyScope(client.agencyId);
    await tenant.transaction(async (tx) => {
      const conversation = await tx.findOneOwned(scope, Conversation, { where: { clientId: client.id } });
      if (!conversation) throw new Error('No conversation');
      const where = { conversationId: conversation.id, userId: reader.id };
      const current = await tx.findOneOwned(scope, ConversationRead, { where });
      if (current) await tx.updateOwned(scope, ConversationRead, { id: current.id }, { lastReadSeq: seq });
      else {
        await tx.insertOwned(scope, ConversationRead, {
          ...where,
          clientId: client.id,
          side: reader.kind,
          lastReadSeq: seq,
          readAt: new Date(),
        });
      }
      await unreadEmails.cancel(tx, conversation, reader.id, seq);
    });
  }

  const later = (ms = DELAY_MS + 1000) => new Date(Date.now() + ms);
  const emailsTo = (user: User) => t.emailsTo(user.email);
  const dueOf = (user: User) => t.db.getRepository(MessageEmailDue).findBy({ userId: user.id });

  it('waits for the delay, then sends each recipient one email listing every unread message', async () => {
    const w = await world();
    await send(w.acme, w.alice, 'Can we move the shoot to Friday?');
    await send(w.acme, w.alice, 'Also: the logo file is attached.');
    await send(w.acme, w.alice, 'Thanks!');

    expect(await sweeper.sweep(new Date())).toBe(0);
    expect(await emailsTo(w.owner)).toHaveLength(0);

    await sweeper.sweep(later());
    // Everyone who may read it but its author: Bob (Acme's other person) and the whole team.
    for (const person of [w.bob, w.owner, w.member]) {
      const emails = await emailsTo(person);
      expect(emails).toHaveLength(1);
      expect(emails[0].textBody).toContain('Can we move the shoot to Friday?');
      expect(emails[0].textBody).toContain('Also: the logo file is attached.');
      expect(emails[0].textBody).toContain('Thanks!');
      expect(emails[0].textBody).toContain('Alice Acme, ');
    }
    expect(await emailsTo(w.alice)).toHaveLength(0);
    const [toOwner] = await emailsTo(w.owner);
    expect(toOwner.subject).toBe('3 unread messages from Acme Coffee');
    expect(toOwner.textBody).toContain(`Open the conversation: ${APP_URL}/app/messages/${w.acme.id}`);

    // Nothing is owed any more: a later pass sends nothing again.
    expect(await dueOf(w.owner)).toHaveLength(0);
    await sweeper.sweep(later(10 * DELAY_MS));
    expect(await emailsTo(w.owner)).toHaveLength(1);

    // A new message after the email owes a new one.
    await send(w.acme, w.alice, 'One more thing');
    await sweeper.sweep(later(2 * DELAY_MS));
    expect(await emailsTo(w.owner)).toHaveLength(2);
  });

  it('sends a client’s message to its assignee only, and an agency message to the client’s people only', async () => {
    const w = await world();
    const conversation = await tenant.insertOwned(agencyScope(w.agency.id), Conversation, {
      clientId: w.acme.id,
      assigneeUserId: w.member.id,
    });
    expect(conversation.assigneeUserId).toBe(w.member.id);
    await send(w.acme, w.alice, 'For my account manager');
    await send(w.acme, w.owner, 'Hello from the agency');
    await sweeper.sweep(later());
    expect(await emailsTo(w.member)).toHaveLength(1);
    expect(await emailsTo(w.owner)).toHaveLength(0);
    const [toAlice] = await emailsTo(w.alice);
    expect(toAlice.textBody).toContain('Hello from the agency');
    // Alice's own message is not news to her.
    expect(toAlice.textBody).not.toContain('For my account manager');
  });

  it('sends nothing to whoever read in time, and only the unread rest to whoever read part of it', async () => {
    const w = await world();
    await send(w.acme, w.owner, 'First');
    await send(w.acme, w.owner, 'Second');
    const third = await send(w.acme, w.owner, 'Third');
    await read(w.acme, w.alice, third.seq);
    await read(w.acme, w.bob, 1);
    expect(await dueOf(w.alice)).toHaveLength(0);
    expect((await dueOf(w.bob))[0].fromSeq).toBe(2);

    await sweeper.sweep(later());
    expect(await emailsTo(w.alice)).toHaveLength(0);
    const [toBob] = await emailsTo(w.bob);
    expect(toBob.subject).toBe('2 unread messages from Northwind Studio');
    expect(toBob.textBody).not.toContain('First');
    expect(toBob.textBody).toContain('Second');
    expect(toBob.textBody).toContain('Third');
    // The agency wrote it: nobody on the team is emailed.
    expect(await emailsTo(w.member)).toHaveLength(0);
  });

  it('sends nothing when everything was read just before the sweep', async () => {
    const w = await world();
    const message = await send(w.acme, w.owner, 'Quick question');
    // Read in another way (the row stays, e.g. read on a second instance just before the pass).
    const scope = agencyScope(w.agency.id);
    await tenant.insertOwned(scope, ConversationRead, {
      clientId: w.acme.id,
      conversationId: message.conversationId,
      userId: w.alice.id,
      side: 'client',
      lastReadSeq: message.seq,
      readAt: new Date(),
    });
    await sweeper.sweep(later());
    expect(await emailsTo(w.alice)).toHaveLength(0);
    expect(await dueOf(w.alice)).toHaveLength(0);
    expect(await emailsTo(w.bob)).toHaveLength(1);
  });

  it('never emails internal notes, and leaves them out of the list', async () => {
    const w = await world();
    await send(w.acme, w.owner, 'Internal: this client pays late', 'note');
    expect(await t.db.getRepository(MessageEmailDue).countBy({ clientId: w.acme.id })).toBe(0);
    await sweeper.sweep(later());
    expect(await emailsTo(w.alice)).toHaveLength(0);
    expect(await emailsTo(w.member)).toHaveLength(0);

    await send(w.acme, w.alice, 'Where is the invoice?');
    await send(w.acme, w.owner, 'Internal: check with accounting', 'note');
    await send(w.acme, w.owner, 'Sending it today.');
    await sweeper.sweep(later(2 * DELAY_MS));
    const [toBob] = await emailsTo(w.bob);
    expect(toBob.textBody).toContain('Where is the invoice?');
    expect(toBob.textBody).toContain('Sending it today.');
    const [toMember] = await emailsTo(w.member);
    for (const email of [toBob, toMember]) {
      expect(`${email.textBody}${email.htmlBody}`).not.toMatch(/Internal:/);
    }
  });

  it('emails nobody who lost messages.use, left the client, or was deactivated before it was due', async () => {
    const w = await world();
    const carol = await named(await f.clientUser(w.acme, 'member'), 'Carol Acme');
    await send(w.acme, w.owner, 'News for everyone');
    expect(await dueOf(w.alice)).toHaveLength(1);
    await t.db
      .getRepository(ClientMembership)
      .update({ userId: w.alice.id, clientId: w.acme.id }, { status: 'deactivated' });
    await t.db.getRepository(User).update({ id: carol.id }, { status: 'deactivated' });
    await sweeper.sweep(later());
    expect(await emailsTo(w.alice)).toHaveLength(0);
    expect(await emailsTo(carol)).toHaveLength(0);
    expect(await dueOf(w.alice)).toHaveLength(0);
    expect(await emailsTo(w.bob)).toHaveLength(1);

    // The agency turns Messages off for the client: Bob hears nothing more.
    await send(w.acme, w.owner, 'Second round');
    await t.db.getRepository(Client).update({ id: w.acme.id }, { permissions: ['calendar.view'] });
    await sweeper.sweep(later(2 * DELAY_MS));
    expect(await emailsTo(w.bob)).toHaveLength(1);

    // A team member who left is not emailed about a client's message either.
    await t.db.getRepository(Client).update({ id: w.acme.id }, { permissions: [...CLIENT_PERMISSIONS] });
    await send(w.acme, w.bob, 'Anyone there?');
    await t.db.getRepository(AgencyMembership).update({ userId: w.member.id }, { status: 'deactivated' });
    await sweeper.sweep(later(3 * DELAY_MS));
    expect(await emailsTo(w.member)).toHaveLength(0);
    expect(await emailsTo(w.owner)).toHaveLength(1);
  });

  it('owes nothing to people without messages.use, nor to client members when it is admin-only', async () => {
    const w = await world(['calendar.view']);
    await send(w.acme, w.owner, 'Hello?');
    expect(await dueOf(w.alice)).toHaveLength(0);
    expect(await dueOf(w.bob)).toHaveLength(0);
  });

  it('emails a client user in the agency’s brand, in their time zone, escaped, with a link that signs in once', async () => {
    const w = await world();
    const owner = (await f.signIn(w.owner.email)).accessToken;
    const branded = await as(owner).put('/api/v1/branding', {
      portalName: 'Northwind Client Hub',
      primaryColor: '#1e88e5',
      emailSenderName: 'Northwind Team',
      emailReplyTo: 'hello@northwind.example',
      legalFooter: 'Northwind Studio Ltd, Bristol',
      showPoweredBy: false,
    });
    expect(branded.status).toBe(200);
    await named(w.alice, 'Alice Acme', 'Asia/Tokyo');
    const message = await send(w.acme, w.owner, 'Here is <b>bold</b> & "quoted" <script>alert(1)</script>');
    await sweeper.sweep(later());

    const [email] = await emailsTo(w.alice);
    expect(email.subject).toBe('1 unread message from Northwind Studio');
    expect(email.fromName).toBe('Northwind Team');
    expect(email.replyTo).toBe('hello@northwind.example');
    expect(email.htmlBody).toContain('Northwind Client Hub');
    expect(email.htmlBody).toContain('Northwind Studio Ltd, Bristol');
    // The body is text: escaped in the HTML part, never markup.
    expect(email.htmlBody).not.toContain('<script>alert(1)</script>');
    expect(email.htmlBody).not.toContain('<b>bold</b>');
    expect(email.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.textBody).toContain('Here is <b>bold</b> & "quoted"');
    expect(email.textBody).toContain(`Olive Owner, ${localDateTime(message.createdAt, 'Asia/Tokyo')}: Here is`);
    expect(email.textBody).toContain('(Asia/Tokyo)');

    const link = /\/magic-link\?token=([A-Za-z0-9_-]+)&returnUrl=%2Fportal%2Fmessages(\s|$)/.exec(email.textBody);
    expect(link).not.toBeNull();
    expect(email.textBody).toContain(`${APP_URL}/a/${w.agency.slug}/magic-link?token=`);
    const token = (link as RegExpExecArray)[1];
    const stored = await t.db.getRepository(OneTimeToken).findOneByOrFail({ userId: w.alice.id });
    expect(stored.purpose).toBe('message_link');
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6 * 24 * 60 * 60_000);
    const first = await t.http().post('/api/v1/auth/magic-link').send({ token });
    expect(first.status).toBe(200);
    const again = await t.http().post('/api/v1/auth/magic-link').send({ token });
    expect(again.status).toBe(400);

    // The agency's own people get Atrium's plain email with a link into the workspace.
    await send(w.acme, w.alice, 'Thanks');
    await sweeper.sweep(later(2 * DELAY_MS));
    const [toMember] = await emailsTo(w.member);
    expect(toMember.fromName).toBeNull();
    expect(toMember.textBody).not.toContain('magic-link');
  });

  it('sends a daily digest at the digest hour, listing every conversation, once a day', async () => {
    const w = await world();
    const globex = await f.client(w.agency, [...CLIENT_PERMISSIONS], 'Globex');
    const gina = await named(await f.clientUser(globex, 'admin'), 'Gina Globex');
    await named(w.owner, 'Olive Owner', 'Europe/Berlin');
    const owner = (await f.signIn(w.owner.email)).accessToken;
    expect((await as(owner).put(MESSAGES_PATHS.emailSettings, { mode: 'daily' })).body).toEqual({ mode: 'daily' });

    await send(w.acme, w.alice, 'Acme one');
    await send(w.acme, w.bob, 'Acme two');
    await send(globex, gina, 'Globex one');
    const digestAt = nextLocalHour(new Date(), 8, 'Europe/Berlin');
    const due = await dueOf(w.owner);
    expect(due).toHaveLength(2);
    for (const row of due) expect(row.dueAt.getTime()).toBe(digestAt.getTime());

    // The others (every time) are emailed after the delay; the owner waits for the digest.
    await sweeper.sweep(later());
    expect(await emailsTo(w.member)).toHaveLength(2);
    expect(await emailsTo(w.owner)).toHaveLength(0);

    // Two passes at the digest hour (two instances): one digest.
    await Promise.all([sweeper.sweep(digestAt), sweeper.sweep(digestAt)]);
    const digests = await emailsTo(w.owner);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Daily summary: 3 unread messages from 2 clients');
    for (const text of ['Acme Coffee (2 unread):', 'Acme one', 'Acme two', 'Globex (1 unread):', 'Globex one']) {
      expect(digests[0].textBody).toContain(text);
    }
    expect(digests[0].textBody).toContain(`Open your messages: ${APP_URL}/app/messages\n`);
    const setting = await t.db.getRepository(MessageEmailSetting).findOneByOrFail({ userId: w.owner.id });
    expect(setting.lastDigestDay).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(digestAt),
    );

    // Something owed later that same day waits for tomorrow's digest.
    await send(w.acme, w.alice, 'Acme three');
    const [row] = await dueOf(w.owner);
    const sameDay = new Date(digestAt.getTime() + 60 * 60_000);
    await t.db.getRepository(MessageEmailDue).update({ id: row.id }, { dueAt: sameDay });
    await sweeper.sweep(sameDay);
    expect(await emailsTo(w.owner)).toHaveLength(1);
    const [postponed] = await dueOf(w.owner);
    const tomorrow = nextLocalHour(sameDay, 8, 'Europe/Berlin');
    expect(postponed.dueAt.getTime()).toBe(tomorrow.getTime());
    await sweeper.sweep(tomorrow);
    const after = await emailsTo(w.owner);
    expect(after).toHaveLength(2);
    // About the conversation that has news, listing all of it the owner still has not read.
    expect(after[0].subject).toBe('Daily summary: 3 unread messages from Acme Coffee');
    expect(after[0].textBody).toContain('Acme one');
    expect(after[0].textBody).toContain('Acme three');
    expect(after[0].textBody).not.toContain('Globex');
  });

  it('sends nothing to someone who chose never, and stops what was owed when they choose it', async () => {
    const w = await world();
    await send(w.acme, w.owner, 'Before the choice');
    expect(await dueOf(w.alice)).toHaveLength(1);
    const alice = (await f.signIn(w.alice.email)).accessToken;
    expect((await as(alice).put(MESSAGES_PATHS.emailSettings, { mode: 'never' })).status).toBe(200);
    expect(await dueOf(w.alice)).toHaveLength(0);
    await send(w.acme, w.owner, 'After the choice');
    expect(await dueOf(w.alice)).toHaveLength(0);
    await sweeper.sweep(later());
    expect(await emailsTo(w.alice)).toHaveLength(0);
    expect(await emailsTo(w.bob)).toHaveLength(1);
  });

  it('sends once when two sweeps race', async () => {
    const w = await world();
    await send(w.acme, w.alice, 'Racing 1');
    await send(w.acme, w.alice, 'Racing 2');
    const at = later();
    const written = await Promise.all([sweeper.sweep(at), sweeper.sweep(at), sweeper.sweep(at)]);
    // Bob, the owner and the member: three emails between the passes, one each.
    expect(written.reduce((a, b) => a + b, 0)).toBe(3);
    for (const person of [w.bob, w.owner, w.member]) expect(await emailsTo(person)).toHaveLength(1);
  });

  it('owes one row per person however many messages race in', async () => {
    const w = await world();
    await send(w.acme, w.owner, 'Opening');
    await Promise.all([1, 2, 3, 4].map((n) => send(w.acme, w.owner, `Burst ${n}`)));
    expect(await dueOf(w.alice)).toHaveLength(1);
    expect((await dueOf(w.alice))[0].fromSeq).toBe(1);
    await sweeper.sweep(later());
    const [email] = await emailsTo(w.alice);
    expect(email.subject).toBe('5 unread messages from Northwind Studio');
  });

  it('lets each person read and choose their own setting; refuses unknown modes and fields', async () => {
    const w = await world();
    const alice = as((await f.signIn(w.alice.email)).accessToken);
    const member = as((await f.signIn(w.member.email)).accessToken);
    expect((await alice.get(MESSAGES_PATHS.emailSettings)).body).toEqual({ mode: 'every' });
    expect((await alice.put(MESSAGES_PATHS.emailSettings, { mode: 'daily' })).body).toEqual({ mode: 'daily' });
    expect((await alice.put(MESSAGES_PATHS.emailSettings, { mode: 'never' })).body).toEqual({ mode: 'never' });
    expect((await alice.get(MESSAGES_PATHS.emailSettings)).body).toEqual({ mode: 'never' });
    expect((await member.get(MESSAGES_PATHS.emailSettings)).body).toEqual({ mode: 'every' });
    expect((await member.put(MESSAGES_PATHS.emailSettings, { mode: 'daily' })).status).toBe(200);

    const bad = await alice.put(MESSAGES_PATHS.emailSettings, { mode: 'hourly' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('mode');
    expect((await alice.put(MESSAGES_PATHS.emailSettings, {})).status).toBe(400);
    const extra = await alice.put(MESSAGES_PATHS.emailSettings, { mode: 'every', userId: w.bob.id });
    expect(extra.status).toBe(400);
    expect((await alice.get(MESSAGES_PATHS.emailSettings)).body).toEqual({ mode: 'never' });

    const rows = await t.db.getRepository(MessageEmailSetting).findBy({ agencyId: w.agency.id });
    expect(rows.map((r) => [r.userId, r.mode]).sort()).toEqual(
      [
        [w.alice.id, 'never'],
        [w.member.id, 'daily'],
      ].sort(),
    );
    expect((await t.http().get(MESSAGES_PATHS.emailSettings)).status).toBe(401);
  });

  it('end to end through the messages API: sent, read by some, one email to the others after the delay', async () => {
    const w = await world();
    const alice = as((await f.signIn(w.alice.email)).accessToken);
    const owner = as((await f.signIn(w.owner.email)).accessToken);
    const upload = await t
      .http()
      .post(`${MESSAGES_PATHS.portal}/attachments`)
      .set('Authorization', `Bearer ${(await f.signIn(w.alice.email)).accessToken}`)
      .attach('file', await png(), { filename: 'one.png' })
      .attach('file', await png(), { filename: 'two.png' });
    expect(upload.status).toBe(201);
    const attachmentIds = (upload.body.attachments as Array<{ id: string }>).map((a) => a.id);
    expect(attachmentIds).toHaveLength(2);
    const sent = await alice.post(`${MESSAGES_PATHS.portal}/items`, { body: 'The brief, with files', attachmentIds });
    expect(sent.status).toBe(201);
    const note = await owner.post(`${MESSAGES_PATHS.agency}/conversations/${w.acme.id}/items`, {
      body: 'Internal: brief looks thin',
      kind: 'note',
    });
    expect(note.status).toBe(201);
    const read = await owner.post(`${MESSAGES_PATHS.agency}/conversations/${w.acme.id}/read`, {
      seq: note.body.seq,
    });
    expect(read.status).toBe(200);

    await sweeper.sweep(later());
    expect(await emailsTo(w.owner)).toHaveLength(0);
    expect(await emailsTo(w.alice)).toHaveLength(0);
    const [toMember] = await emailsTo(w.member);
    expect(toMember.textBody).toContain('Alice Acme, ');
    expect(toMember.textBody).toContain('The brief, with files (+2 files)');
    expect(toMember.textBody).not.toContain('Internal');
    expect(await emailsTo(w.bob)).toHaveLength(1);
    expect(await t.db.getRepository(OutboxEmail).countBy({ agencyId: w.agency.id })).toBe(2);
  });
});
