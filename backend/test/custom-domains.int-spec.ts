import { createServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { CustomDomainView } from '@atrium/shared';
import { RATE_LIMITS } from '../src/core/rate-limit/rate-limit.rules';
import { NEUTRAL } from '../src/modules/auth/auth.service';
import { DomainChecksService } from '../src/modules/domains/domain-checks.service';
import { CustomDomain } from '../src/modules/domains/entities/custom-domain.entity';
import { PortalAddressService } from '../src/modules/domains/portal-address.service';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import type { User } from '../src/core/tenancy/entities/user.entity';
import { DnsServer, type DnsRecords } from '@atrium/testing';
import { Factory, refreshCookieFrom, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { withoutRequestId } from './support/error-body';

/**
 * Custom domains end to end, against a real DNS server (dnsmasq on loopback): claiming, proving
 * with the TXT record, routing with the CNAME, one agency per domain, the periodic re-check with
 * its owner email and grace period, sign-in on the domain and sessions bound to their host, and
 * the TLS proxy's question.
 */
const INSTALLATION = 'portal.atrium.test'; // APP_URL's hostname in the test configuration
const DOMAIN = 'portal.acme.test';
const HOUR = 3_600_000;

describe('Custom domains', () => {
  let dns: DnsServer;
  let t: TestApp;
  let f: Factory;
  let agencyA: Agency;
  let agencyB: Agency;
  let clientA: Client;
  let clientB: Client;
  let ownerA: User;
  let ownerB: User;
  let clientUserA: User;
  let clientUserB: User;
  let tokens: { ownerA: string; ownerB: string };
  let token: string;

  const target = { name: INSTALLATION, address: '127.0.0.1' };
  const routed = (txtValue: string | string[] | null, extra: DnsRecords = {}): DnsRecords => ({
    txt: [
      ...(txtValue === null ? [] : [{ name: `_atrium-challenge.${DOMAIN}`, value: txtValue }]),
      ...(extra.txt ?? []),
    ],
    hosts: [target, ...(extra.hosts ?? [])],
    cname: [{ alias: DOMAIN, target: INSTALLATION }, ...(extra.cname ?? [])],
  });

  const as = (bearer: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${bearer}`),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${bearer}`).send(body),
    post: (path: string) => t.http().post(path).set('Authorization', `Bearer ${bearer}`),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${bearer}`),
  });
  const check = async (bearer: string): Promise<CustomDomainView> => {
    const response = await as(bearer).post('/api/v1/branding/domain/check');
    expect(response.status).toBe(200);
    return response.body as CustomDomainView;
  };
  const loginOn = (host: string, email: string, password = TEST_PASSWORD) =>
    t.http().post('/api/v1/auth/login').set('Host', host).send({ email, password });
  const ask = (domain: string) => t.http().get('/api/internal/tls-ask').query({ domain });

  beforeAll(async () => {
    dns = await DnsServer.start({ hosts: [target] });
    // TRUST_PROXY on: the ask endpoint must still refuse remote callers that claim to be local.
    t = await startTestApp({ DNS_RESOLVER: dns.address, TRUST_PROXY: 'true' });
    f = new Factory(t);
    agencyA = await f.agency('Acme Agency');
    agencyB = await f.agency('Brand B');
    clientA = await f.client(agencyA);
    ownerA = await f.agencyUser(agencyA, 'owner');
    ownerB = await f.agencyUser(agencyB, 'owner');
    clientUserA = await f.clientUser(clientA, 'admin');
    clientB = await f.client(agencyB);
    clientUserB = await f.clientUser(clientB, 'admin');
    tokens = {
      ownerA: (await f.signIn(ownerA.email)).accessToken,
      ownerB: (await f.signIn(ownerB.email)).accessToken,
    };
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await dns?.stop();
  });

  it('refuses names that cannot be a portal address, in plain words', async () => {
    for (const [hostname, words] of [
      ['192.0.2.7', 'not an IP address'],
      ['co.uk', 'public suffix'],
      [`client.${INSTALLATION}`, 'belongs to this service'],
      ['portal.acme.test:8443', 'no https://, path or port'],
      ['https://portal.acme.test/login', 'no https://, path or port'],
    ]) {
      const response = await as(tokens.ownerA).put('/api/v1/branding/domain', { hostname });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.details)).toContain(words);
    }
    expect((await as(tokens.ownerA).get('/api/v1/branding/domain')).body).toBeNull();
  });

  it('needs a plan with a custom domain, and says so', async () => {
    const small = await f.agency('Small plan agency');
    await t.db.getRepository(Agency).update({ id: small.id }, { plan: 'starter' });
    const owner = (await f.signIn((await f.agencyUser(small, 'owner')).email)).accessToken;
    const refused = await as(owner).put('/api/v1/branding/domain', { hostname: 'portal.small.test' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'Your plan does not include a custom domain. Upgrade to use your own domain for the client portal.',
    );
    expect((await as(owner).get('/api/v1/branding/domain')).status).toBe(403);
  });

  it('claims a domain: pending, with the CNAME and TXT records to create and a 128-bit-plus token', async () => {
    const response = await as(tokens.ownerA).put('/api/v1/branding/domain', { hostname: 'Portal.ACME.test.' });
    expect(response.status).toBe(200);
    const view = response.body as CustomDomainView;
    token = view.records[1].value;
    expect(view.records[1].type).toBe('TXT');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes
    expect(view).toEqual({
      hostname: DOMAIN,
      status: 'pending',
      records: [
        { type: 'CNAME', name: DOMAIN, value: INSTALLATION, found: false },
        { type: 'TXT', name: `_atrium-challenge.${DOMAIN}`, value: token, found: false },
      ],
      lastCheckedAt: null,
      problem: null,
      stopsServingAt: null,
    });
    // The same name again keeps the claim and its token.
    const again = await as(tokens.ownerA).put('/api/v1/branding/domain', { hostname: DOMAIN });
    expect(again.body.records[1].value).toBe(token);
    expect((await as(tokens.ownerA).get('/api/v1/branding/domain')).body).toEqual(again.body);

    const nothingYet = await check(tokens.ownerA);
    expect(nothingYet.status).toBe('pending');
    expect(nothingYet.problem).toContain(`could not find the TXT record _atrium-challenge.${DOMAIN}`);
    expect(nothingYet.lastCheckedAt).not.toBeNull();
  });

  it('stays pending while the TXT record holds another token', async () => {
    await dns.publish(routed('not-the-token-that-was-given-out'));
    const view = await check(tokens.ownerA);
    expect(view.status).toBe('pending');
    expect(view.problem).toContain('holds another value');
    expect(await t.app.get(PortalAddressService).baseUrl(agencyA.id)).toBe(`${t.config.appUrl}/a/${agencyA.slug}`);
  });

  it('is verified once the TXT record holds the token (its chunks joined), and active once routed here', async () => {
    await dns.publish({ txt: [{ name: `_atrium-challenge.${DOMAIN}`, value: [token.slice(0, 10), token.slice(10)] }] });
    const verified = await check(tokens.ownerA);
    expect(verified.status).toBe('verified');
    expect(verified.records.map((record) => record.found)).toEqual([false, true]);
    expect(verified.problem).toContain(`CNAME record pointing to ${INSTALLATION}`);
    // Verified is not served yet: nothing is routed there.
    expect(await t.app.get(PortalAddressService).baseUrl(agencyA.id)).toBe(`${t.config.appUrl}/a/${agencyA.slug}`);
    expect((await ask(DOMAIN)).status).toBe(404);

    await dns.publish(routed(token));
    const active = await check(tokens.ownerA);
    expect(active.status).toBe('active');
    expect(active.records.map((record) => record.found)).toEqual([true, true]);
    expect(active.problem).toBeNull();
    expect(await t.app.get(PortalAddressService).baseUrl(agencyA.id)).toBe(`https://${DOMAIN}`);
  });

  it("answers the TLS proxy's question from loopback only: 200 for an active domain, 404 otherwise", async () => {
    expect((await ask(DOMAIN)).status).toBe(200);
    expect((await ask('PORTAL.acme.test.')).status).toBe(200);
    expect((await ask('unknown.acme.test')).status).toBe(404);
    expect((await ask(INSTALLATION)).status).toBe(404);
    expect((await t.http().get('/api/internal/tls-ask')).status).toBe(404);

    // A caller on another address of this machine, claiming to be local: refused before any lookup.
    const address = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (!address) throw new Error('This test needs a non-loopback IPv4 address on the machine');
    // A second listener in front of the same application: each request goes to the app's own server.
    const appServer = t.app.getHttpServer() as Server;
    const server: Server = createServer((request, response) => appServer.emit('request', request, response));
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const remote = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpGet(
          {
            host: address,
            port,
            localAddress: address,
            path: `/api/internal/tls-ask?domain=${DOMAIN}`,
            headers: { 'X-Forwarded-For': '127.0.0.1', Host: '127.0.0.1' },
          },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          },
        ).on('error', reject);
      });
      expect(remote.status).toBe(403);
      expect(remote.body).not.toContain(DOMAIN);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('limits "Check now" per agency, so a held-down button cannot flood the resolver', async () => {
    const agency = await f.agency('Impatient agency');
    const owner = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    for (let press = 0; press < RATE_LIMITS.domainCheckPerAgency.limit; press++) {
      // No domain set: the press is counted, then answered.
      expect((await as(owner).post('/api/v1/branding/domain/check')).status).toBe(404);
    }
    const refused = await as(owner).post('/api/v1/branding/domain/check');
    expect(refused.status).toBe(429);
    // Other agencies press on.
    expect((await as(tokens.ownerB).post('/api/v1/branding/domain/check')).status).not.toBe(429);
  });

  it('serves nothing while the plan lacks custom domains (links go to the slug address), and again after an upgrade', async () => {
    const portalUrl = async () => (await as(tokens.ownerA).get('/api/v1/branding')).body.portalUrl as string;
    expect(await portalUrl()).toBe(`https://${DOMAIN}`);
    await t.db.getRepository(Agency).update({ id: agencyA.id }, { plan: 'starter' });
    try {
      expect((await ask(DOMAIN)).status).toBe(404);
      expect((await loginOn(DOMAIN, clientUserA.email)).status).toBe(404);
      expect(await portalUrl()).toBe(`${t.config.appUrl}/a/${agencyA.slug}`);
    } finally {
      await t.db.getRepository(Agency).update({ id: agencyA.id }, { plan: 'full' });
    }
    expect((await ask(DOMAIN)).status).toBe(200);
    expect((await loginOn(DOMAIN, clientUserA.email)).status).toBe(200);
    expect(await portalUrl()).toBe(`https://${DOMAIN}`);
  });

  it('refuses a domain another agency verified (409), and lets unproved claims coexist until one is proved', async () => {
    const taken = await as(tokens.ownerB).put('/api/v1/branding/domain', { hostname: DOMAIN });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain(`${DOMAIN} is already connected to another agency's portal`);
    expect((await as(tokens.ownerB).get('/api/v1/branding/domain')).body).toBeNull();

    // Agencies B and C both claim a name nobody proved: both may. C proves it first; B's claim is dropped.
    const agencyC = await f.agency('Agency C');
    const ownerC = (await f.signIn((await f.agencyUser(agencyC, 'owner')).email)).accessToken;
    const shared = 'shared.acme.test';
    const claimB = await as(tokens.ownerB).put('/api/v1/branding/domain', { hostname: shared });
    const claimC = await as(ownerC).put('/api/v1/branding/domain', { hostname: shared });
    expect([claimB.status, claimC.status]).toEqual([200, 200]);
    const tokenC = (claimC.body as CustomDomainView).records[1].value;
    expect(tokenC).not.toBe((claimB.body as CustomDomainView).records[1].value);

    await dns.publish(routed(token, { txt: [{ name: `_atrium-challenge.${shared}`, value: tokenC }] }));
    expect((await check(ownerC)).status).toBe('verified');
    expect((await as(tokens.ownerB).get('/api/v1/branding/domain')).body).toBeNull();
    expect((await as(tokens.ownerB).put('/api/v1/branding/domain', { hostname: shared })).status).toBe(409);
    // Agency A's domain was not touched by any of this.
    expect((await as(tokens.ownerA).get('/api/v1/branding/domain')).body.status).toBe('active');
  });

  describe('sign-in on the custom domain', () => {
    it("signs in the agency's client users, and refuses everyone else with the wrong-password answer", async () => {
      const ok = await loginOn(DOMAIN, clientUserA.email);
      expect(ok.status).toBe(200);
      expect(ok.body.me).toMatchObject({ audience: 'client' });

      const wrongPassword = await loginOn(DOMAIN, clientUserA.email, 'not the password at all');
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body.message).toBe(NEUTRAL.badCredentials);
      for (const email of [ownerA.email, clientUserB.email, ownerB.email]) {
        const refused = await loginOn(DOMAIN, email);
        expect({ status: refused.status, body: withoutRequestId(refused.body) }).toEqual({
          status: wrongPassword.status,
          body: withoutRequestId(wrongPassword.body),
        });
      }
      // The installation's own address still signs everyone in.
      expect((await loginOn(INSTALLATION, ownerA.email)).status).toBe(200);
    });

    it('binds a session to the host it was made on: its token and refresh cookie work nowhere else', async () => {
      const onDomain = await loginOn(DOMAIN, clientUserA.email);
      const onInstallation = await loginOn(INSTALLATION, clientUserA.email);
      const me = (host: string, bearer: string) =>
        t.http().get('/api/v1/me').set('Host', host).set('Authorization', `Bearer ${bearer}`);

      expect((await me(DOMAIN, onDomain.body.accessToken)).status).toBe(200);
      const elsewhere = await me(INSTALLATION, onDomain.body.accessToken);
      expect(elsewhere.status).toBe(401);
      expect(elsewhere.body.message).toBe('Your session has ended. Please sign in again.');
      expect((await me('127.0.0.1', onDomain.body.accessToken)).status).toBe(401);
      expect((await me(INSTALLATION, onInstallation.body.accessToken)).status).toBe(200);
      expect((await me(DOMAIN, onInstallation.body.accessToken)).status).toBe(401);

      const refresh = (host: string, cookie: string) =>
        t.http().post('/api/v1/auth/refresh').set('Host', host).set('Cookie', cookie);
      const domainCookie = refreshCookieFrom(onDomain.headers['set-cookie']);
      const refusedRefresh = await refresh(INSTALLATION, domainCookie);
      expect(refusedRefresh.status).toBe(401);
      expect(refusedRefresh.body.message).toBe('Your session has ended. Please sign in again.');
      // Refused without harm: the cookie still works where it was made.
      const rotated = await refresh(DOMAIN, domainCookie);
      expect(rotated.status).toBe(200);
      expect((await me(DOMAIN, rotated.body.accessToken)).status).toBe(200);
      const installationCookie = refreshCookieFrom(onInstallation.headers['set-cookie']);
      expect((await refresh(DOMAIN, installationCookie)).status).toBe(401);
      // No Domain attribute: the browser keeps the cookie to the host that set it.
      expect(String(onDomain.headers['set-cookie'])).not.toMatch(/domain=/i);
    });

    it("spends only the agency's own magic links and client invitations there", async () => {
      const linkFor = async (bearer: string, user: User) => {
        const response = await as(bearer).post(`/api/v1/client-users/${user.id}/magic-link`);
        expect(response.status).toBe(200);
        return new URL(response.body.url as string).searchParams.get('token') ?? '';
      };
      const spend = (linkToken: string) =>
        t.http().post('/api/v1/auth/magic-link').set('Host', DOMAIN).send({ token: linkToken });
      expect((await spend(await linkFor(tokens.ownerA, clientUserA))).status).toBe(200);
      const foreign = await spend(await linkFor(tokens.ownerB, clientUserB));
      const unknown = await spend('x'.repeat(43));
      expect(foreign.status).toBe(400);
      expect(withoutRequestId(foreign.body)).toEqual(withoutRequestId(unknown.body));

      const invite = async (bearer: string, clientId: string) => {
        const email = uniqueEmail('invited');
        const sent = await as(bearer)
          .post(`/api/v1/clients/${clientId}/invitations`)
          .send({ name: 'Invited person', email, role: 'member' });
        expect(sent.status).toBe(201);
        return t.tokenFromEmail(email, '/invite');
      };
      const accept = (invitationToken: string) =>
        t
          .http()
          .post('/api/v1/invitations/accept')
          .set('Host', DOMAIN)
          .send({ token: invitationToken, name: 'Invited person', password: 'a long enough passphrase 42' });
      const otherAgencysInvitation = await invite(tokens.ownerB, clientB.id);
      const refusedAccept = await accept(otherAgencysInvitation);
      expect(refusedAccept.status).toBe(404);
      expect(withoutRequestId(refusedAccept.body)).toEqual(withoutRequestId((await accept('y'.repeat(43))).body));
      const preview = await t
        .http()
        .post('/api/v1/invitations/preview')
        .set('Host', DOMAIN)
        .send({ token: otherAgencysInvitation });
      expect(preview.status).toBe(404);
      // Not spent: it still works on the installation's address.
      const stillGood = await t
        .http()
        .post('/api/v1/invitations/accept')
        .send({ token: otherAgencysInvitation, name: 'Invited person', password: 'a long enough passphrase 42' });
      expect(stillGood.status).toBe(200);

      expect((await accept(await invite(tokens.ownerA, clientA.id))).status).toBe(200);
    });

    it('serves no portal on a name that is neither the installation nor an active domain', async () => {
      const stray = await t.http().get('/api/v1/me').set('Host', 'stray.example.org');
      expect(stray.status).toBe(404);
      expect((await loginOn('stray.example.org', clientUserA.email)).status).toBe(404);
      expect((await t.http().get('/api/health').set('Host', 'stray.example.org')).status).toBe(200);
    });
  });

  it('keeps looking at a claim never proved for two weeks; after that only "Check now" looks', async () => {
    const checks = t.app.get(DomainChecksService);
    const agency = await f.agency('Slow DNS agency');
    const owner = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    expect((await as(owner).put('/api/v1/branding/domain', { hostname: 'portal.slow-dns.test' })).status).toBe(200);
    const lastChecked = async () =>
      (await t.db.getRepository(CustomDomain).findOneByOrFail({ agencyId: agency.id })).lastCheckedAt?.getTime();

    const day = 24 * HOUR;
    const soon = new Date(Date.now() + 13 * day);
    await checks.recheckAll(soon);
    expect(await lastChecked()).toBe(soon.getTime());
    await checks.recheckAll(new Date(Date.now() + 15 * day));
    expect(await lastChecked()).toBe(soon.getTime());
    const pressed = await check(owner);
    expect(pressed.status).toBe('pending');
    expect(pressed.problem).toContain('Check now');
  });

  it('marks a domain whose TXT record disappeared failing, emails its owners once, and stops using it after the grace period', async () => {
    const checks = t.app.get(DomainChecksService);
    const addresses = t.app.get(PortalAddressService);
    const alsoOwner = await f.agencyUser(agencyA, 'owner');
    const member = await f.agencyUser(agencyA, 'member');
    const session = await loginOn(DOMAIN, clientUserA.email);
    const attentionEmails = async (user: User) =>
      (await t.emailsTo(user.email)).filter((email) => email.subject.includes('needs attention'));

    // The CNAME stays, the TXT record goes.
    await dns.publish({ hosts: [target], cname: [{ alias: DOMAIN, target: INSTALLATION }] });
    const start = new Date();
    await checks.recheckAll(start);
    const failing = (await as(tokens.ownerA).get('/api/v1/branding/domain')).body as CustomDomainView;
    expect(failing.status).toBe('failing');
    expect(failing.records.map((record) => record.found)).toEqual([true, false]);
    expect(failing.problem).toContain('Put it back before');
    expect(new Date(failing.stopsServingAt ?? 0).getTime()).toBe(start.getTime() + 72 * HOUR);

    for (const owner of [ownerA, alsoOwner]) {
      const [email, ...more] = await attentionEmails(owner);
      expect(more).toEqual([]);
      expect(email.textBody).toContain(`_atrium-challenge.${DOMAIN}`);
      expect(email.textBody).toContain(token);
    }
    expect(await attentionEmails(member)).toEqual([]);

    // Within the grace period: still served, and no second email.
    await checks.recheckAll(new Date(start.getTime() + 71 * HOUR));
    expect(await addresses.baseUrl(agencyA.id)).toBe(`https://${DOMAIN}`);
    expect((await ask(DOMAIN)).status).toBe(200);
    expect(
      (await t.http().get('/api/v1/me').set('Host', DOMAIN).set('Authorization', `Bearer ${session.body.accessToken}`))
        .status,
    ).toBe(200);
    expect(await attentionEmails(ownerA)).toHaveLength(1);

    // Past it: no longer used, the note says why, and the name is free again.
    await checks.recheckAll(new Date(start.getTime() + 72 * HOUR + 60_000));
    const stopped = (await as(tokens.ownerA).get('/api/v1/branding/domain')).body as CustomDomainView;
    expect(stopped.status).toBe('pending');
    expect(stopped.problem).toContain('was missing for more than 72 hours');
    expect(stopped.stopsServingAt).toBeNull();
    expect(await addresses.baseUrl(agencyA.id)).toBe(`${t.config.appUrl}/a/${agencyA.slug}`);
    expect((await ask(DOMAIN)).status).toBe(404);
    expect((await loginOn(DOMAIN, clientUserA.email)).status).toBe(404);
    expect(await attentionEmails(ownerA)).toHaveLength(1);
    const row = await t.db.getRepository(CustomDomain).findOneByOrFail({ agencyId: agencyA.id });
    expect(row.verifiedHostname).toBeNull();

    // The record back: verified and active again.
    await dns.publish(routed(token));
    expect((await check(tokens.ownerA)).status).toBe('active');
  });

  it('removes the domain: the portal goes back to the sign-in address', async () => {
    expect((await as(tokens.ownerA).delete('/api/v1/branding/domain')).status).toBe(204);
    expect((await as(tokens.ownerA).get('/api/v1/branding/domain')).body).toBeNull();
    expect(await t.app.get(PortalAddressService).baseUrl(agencyA.id)).toBe(`${t.config.appUrl}/a/${agencyA.slug}`);
    expect((await as(tokens.ownerA).delete('/api/v1/branding/domain')).status).toBe(404);
  });
});
