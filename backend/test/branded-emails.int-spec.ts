import { CLIENT_PERMISSIONS, deriveBrandTheme, type BrandingResponse } from '@atrium/shared';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import type { User } from '../src/core/tenancy/entities/user.entity';
import { CustomDomain } from '../src/modules/domains/entities/custom-domain.entity';
import { Factory, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { png } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';
import { decodedBody, headerOf, partsOf, startTestSmtp, until, type ReceivedMessage } from './support/test-smtp';

/**
 * Emails to client users carry their agency's brand (logo, colour, portal name, sender name and
 * reply-to) and link to its portal address; emails to agency users stay Atrium's. Delivered over
 * SMTP to a real server on loopback. The installation here is not called Atrium anywhere (APP_URL,
 * MAIL_FROM), so any "Atrium" found in an email came from the email itself.
 */
describe('Branded emails to client users', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let t: TestApp;
  let f: Factory;

  const APP_URL = 'https://app.example.test';
  const MAIL_FROM_ADDRESS = 'no-reply@mail.example.test';
  /** A light yellow: too light for white text, so the email must carry the derived (darker) primary. */
  const BRAND_COLOR = '#ffe066';
  const theme = deriveBrandTheme(BRAND_COLOR, null).light;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({
      APP_URL,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: `Mail robot <${MAIL_FROM_ADDRESS}>`,
    });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const as = (token: string) => ({
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object = {}) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
  });

  interface BrandedAgency {
    agency: Agency;
    client: Client;
    owner: User;
    api: ReturnType<typeof as>;
    brand: BrandingResponse;
    logoUrl: string;
  }

  /** An agency that set its brand (logo included) and hid the "powered by" mark. */
  async function brandedAgency(showPoweredBy = false): Promise<BrandedAgency> {
    const agency = await f.agency('Northwind Studio');
    const client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Acme Coffee');
    const owner = await f.agencyUser(agency, 'owner');
    const token = (await f.signIn(owner.email)).accessToken;
    const api = as(token);
    const saved = await api.put('/api/v1/branding', {
      portalName: 'Northwind Client Hub',
      primaryColor: BRAND_COLOR,
      emailSenderName: 'Northwind Team',
      emailReplyTo: 'hello@northwind.example',
      legalFooter: 'Northwind Studio Ltd, 1 Harbour Road, Bristol',
      showPoweredBy,
    });
    expect(saved.status).toBe(200);
    const uploaded = await t
      .http()
      .put('/api/v1/branding/images/logoLight')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', await png(600, 200), { filename: 'logo.png' });
    expect(uploaded.status).toBe(200);
    const brand = (await api.get('/api/v1/branding')).body as BrandingResponse;
    const logo = brand.images.logoLight;
    if (!logo) throw new Error('The logo was not stored');
    return { agency, client, owner, api, brand, logoUrl: `${APP_URL}${logo.url}` };
  }

  /** The newest email to an address, with the bodies it was sent with (the row's are removed once sent). */
  async function newest(address: string): Promise<OutboxEmail> {
    const [email] = await t.emailsTo(address);
    if (!email) throw new Error(`No email to ${address}`);
    const messageId = `<${email.id}@${MAIL_FROM_ADDRESS.split('@')[1]}>`;
    const message = await until(
      async () => smtp.received.find((m) => headerOf(m.body, 'Message-ID') === messageId),
      `the delivery of ${messageId}`,
    );
    const { text, html } = partsOf(message.body);
    return Object.assign(email, { textBody: text, htmlBody: html });
  }

  function tokenIn(email: OutboxEmail, path: string): string {
    const match = new RegExp(`${path.replace(/[/]/g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(email.textBody);
    if (!match) throw new Error(`No ${path} link in: ${email.textBody}`);
    return match[1];
  }

  const delivered = (address: string, subject?: RegExp) =>
    until(
      async () =>
        smtp.received.find(
          (m) => m.to.includes(address) && (!subject || subject.test(headerOf(m.body, 'Subject') ?? '')),
        ),
      `delivery to ${address}`,
    );

  /** What every email to a client user of a branded agency carries. */
  function expectBranded(email: OutboxEmail, b: BrandedAgency): void {
    expect(email.agencyId).toBe(b.agency.id);
    expect(email.fromName).toBe('Northwind Team');
    expect(email.replyTo).toBe('hello@northwind.example');
    expect(email.htmlBody).toContain(`src="${b.logoUrl}"`);
    expect(email.htmlBody).toContain('alt="Northwind Client Hub"');
    // The derived primary on the button, with its contrast-checked on-primary text.
    expect(theme['primary']).not.toBe(BRAND_COLOR);
    expect(email.htmlBody).toContain(`background:${theme['primary']}`);
    expect(email.htmlBody).toContain(`color:${theme['on-primary']}`);
    expect(email.htmlBody).toContain('Northwind Studio Ltd, 1 Harbour Road, Bristol');
    // A plain-text part that stands on its own.
    expect(email.textBody).toContain('Northwind Client Hub');
    expect(email.textBody).toContain('Northwind Studio Ltd, 1 Harbour Road, Bristol');
    expect(email.textBody).not.toContain('<');
  }

  /** The delivered message: the brand's display name on the installation's address, its reply-to, two parts. */
  function expectBrandedDelivery(message: ReceivedMessage): void {
    expect(headerOf(message.body, 'From')).toMatch(
      new RegExp(`^"?Northwind Team"? <${MAIL_FROM_ADDRESS.replace(/\./g, '\\.')}>$`),
    );
    expect(headerOf(message.body, 'Reply-To')).toBe('hello@northwind.example');
    expect(headerOf(message.body, 'Content-Type')).toMatch(/^multipart\/alternative/);
    expect(message.body).toMatch(/Content-Type: text\/plain/);
    expect(message.body).toMatch(/Content-Type: text\/html/);
  }

  const noAtrium = (...parts: string[]) => expect(parts.join('\n')).not.toMatch(/atrium/i);

  it('invites a client user in the brand, to the slug address, and never says Atrium', async () => {
    const b = await brandedAgency();
    const email = uniqueEmail('invitee');
    const invited = await b.api.post(`/api/v1/clients/${b.client.id}/invitations`, {
      name: 'Ivy Invitee',
      email,
      role: 'member',
    });
    expect(invited.status).toBe(201);

    const row = await newest(email);
    expect(row.subject).toBe("You're invited to the Acme Coffee client portal");
    expectBranded(row, b);
    expect(row.textBody).toContain(`Accept invitation: ${APP_URL}/a/${b.agency.slug}/invite?token=`);
    expect(row.htmlBody).toContain(`href="${APP_URL}/a/${b.agency.slug}/invite?token=`);
    noAtrium(row.subject, row.textBody, row.htmlBody, row.fromName ?? '');

    const message = await delivered(email);
    expectBrandedDelivery(message);
    noAtrium(decodedBody(message.body));

    // The link works: its token opens the invitation.
    const token = tokenIn(row, `/a/${b.agency.slug}/invite`);
    const preview = await t.http().post('/api/v1/invitations/preview').send({ token });
    expect(preview.body).toMatchObject({ status: 'pending', clientName: 'Acme Coffee', email });
  });

  it('sends the login email and the copyable magic link on the slug address, in the brand', async () => {
    const b = await brandedAgency();
    const person = await f.clientUser(b.client, 'member');
    const sent = await b.api.post('/api/v1/client-users/login-emails', { userIds: [person.id] });
    expect(sent.body).toEqual({ done: 1, skipped: [] });

    const row = await newest(person.email);
    expect(row.subject).toBe('Your sign-in link for Northwind Client Hub');
    expectBranded(row, b);
    expect(row.textBody).toContain(`${APP_URL}/a/${b.agency.slug}/magic-link?token=`);
    noAtrium(row.subject, row.textBody, row.htmlBody);
    const message = await delivered(person.email);
    expectBrandedDelivery(message);
    noAtrium(decodedBody(message.body));

    const token = tokenIn(row, `/a/${b.agency.slug}/magic-link`);
    expect((await t.http().post('/api/v1/auth/magic-link').send({ token })).status).toBe(200);

    const copied = await b.api.post(`/api/v1/client-users/${person.id}/magic-link`);
    expect(copied.status).toBe(200);
    expect(copied.body.url).toMatch(new RegExp(`^${APP_URL}/a/${b.agency.slug}/magic-link\\?token=`));
  });

  it("sends a client user's password reset in the brand, on the slug address, whatever the Host header", async () => {
    const b = await brandedAgency();
    const person = await f.clientUser(b.client, 'member');
    const asked = await t
      .http()
      .post('/api/v1/auth/forgot-password')
      .set('X-Forwarded-Host', 'evil.example.net')
      .send({ email: person.email });
    expect(asked.status).toBe(202);

    const row = await newest(person.email);
    expect(row.subject).toBe('Reset your password for Northwind Client Hub');
    expectBranded(row, b);
    expect(row.textBody).toContain(`Reset my password: ${APP_URL}/a/${b.agency.slug}/reset-password?token=`);
    expect(row.textBody + row.htmlBody).not.toContain('evil.example.net');
    noAtrium(row.subject, row.textBody, row.htmlBody);
    const message = await delivered(person.email);
    expectBrandedDelivery(message);
    noAtrium(decodedBody(message.body));

    const token = tokenIn(row, `/a/${b.agency.slug}/reset-password`);
    const reset = await t
      .http()
      .post('/api/v1/auth/reset-password')
      .send({ token, password: 'another perfectly fine passphrase' });
    expect(reset.status).toBe(200);
  });

  it("sends a client user's email change in the brand, both ways, on the portal address", async () => {
    const b = await brandedAgency();
    const person = await f.clientUser(b.client, 'member');
    const api = as((await f.signIn(person.email)).accessToken);
    const newEmail = uniqueEmail('moved');
    expect((await api.post('/api/v1/me/email', { newEmail, currentPassword: TEST_PASSWORD })).status).toBeLessThan(300);

    const toNew = await newest(newEmail);
    expectBranded(toNew, b);
    expect(toNew.textBody).toContain(`${APP_URL}/a/${b.agency.slug}/confirm-email-change?token=`);
    const toOld = await newest(person.email);
    expectBranded(toOld, b);
    expect(toOld.textBody).toContain(`Reset my password: ${APP_URL}/a/${b.agency.slug}/forgot`);
    noAtrium(toNew.subject, toNew.textBody, toNew.htmlBody, toOld.subject, toOld.textBody, toOld.htmlBody);
  });

  it("links to the agency's active custom domain once it has one", async () => {
    const b = await brandedAgency();
    await t.db.getRepository(CustomDomain).save(
      t.db.getRepository(CustomDomain).create({
        agencyId: b.agency.id,
        hostname: 'portal.northwind.example',
        challengeToken: 'a'.repeat(32),
        status: 'active',
        verifiedAt: new Date(),
      }),
    );
    const invitee = uniqueEmail('custom');
    await b.api.post(`/api/v1/clients/${b.client.id}/invitations`, { name: 'Cy', email: invitee, role: 'member' });
    expect((await newest(invitee)).textBody).toContain(
      'Accept invitation: https://portal.northwind.example/invite?token=',
    );

    const person = await f.clientUser(b.client, 'member');
    await b.api.post('/api/v1/client-users/login-emails', { userIds: [person.id] });
    expect((await newest(person.email)).textBody).toContain('https://portal.northwind.example/magic-link?token=');
    await t.http().post('/api/v1/auth/forgot-password').send({ email: person.email });
    const reset = await newest(person.email);
    expect(reset.subject).toBe('Reset your password for Northwind Client Hub');
    expect(reset.textBody).toContain('Reset my password: https://portal.northwind.example/reset-password?token=');
    expect(reset.textBody).not.toContain(`/a/${b.agency.slug}`);
    expectBranded(reset, b);

    // A domain that is not active (yet, or any more) is not used.
    await t.db.getRepository(CustomDomain).update({ agencyId: b.agency.id }, { status: 'failing' });
    await t.http().post('/api/v1/auth/forgot-password').send({ email: person.email });
    expect((await newest(person.email)).textBody).toContain(`${APP_URL}/a/${b.agency.slug}/reset-password?token=`);
  });

  it('shows the "powered by" mark when the agency keeps it', async () => {
    const b = await brandedAgency(true);
    const person = await f.clientUser(b.client, 'member');
    await t.http().post('/api/v1/auth/forgot-password').send({ email: person.email });
    const row = await newest(person.email);
    expectBranded(row, b);
    expect(row.htmlBody).toContain('Powered by Atrium');
    expect(row.textBody).toContain('Powered by Atrium');
  });

  it("keeps Atrium's own email for agency users of a branded agency", async () => {
    const b = await brandedAgency();
    await t.http().post('/api/v1/auth/forgot-password').send({ email: b.owner.email });
    const reset = await newest(b.owner.email);
    expect(reset.subject).toBe('Reset your Atrium password');
    expect(reset.fromName).toBeNull();
    expect(reset.replyTo).toBeNull();
    expect(reset.textBody).toContain(`Reset my password: ${APP_URL}/reset-password?token=`);
    expect(reset.htmlBody).toContain('background:#3f51b5');
    expect(reset.htmlBody).not.toContain(b.logoUrl);
    expect(reset.htmlBody + reset.textBody).not.toContain('Northwind Client Hub');
    const message = await delivered(b.owner.email);
    expect(headerOf(message.body, 'From')).toBe(`Mail robot <${MAIL_FROM_ADDRESS}>`);
    expect(headerOf(message.body, 'Reply-To')).toBeNull();
    expect(message.body).toMatch(/Content-Type: text\/plain/);

    const teammate = uniqueEmail('teammate');
    await b.api.post('/api/v1/team/invitations', { name: 'Tess', email: teammate, role: 'member' });
    const invitation = await newest(teammate);
    expect(invitation.fromName).toBeNull();
    expect(invitation.textBody).toContain(`${APP_URL}/invite?token=`);
    expect(invitation.textBody).toContain('on Atrium');
    expect(invitation.htmlBody).not.toContain(b.logoUrl);
  });
});
