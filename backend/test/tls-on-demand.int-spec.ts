import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { DnsServer } from '@atrium/testing';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { type Caddy, type Pebble, startCaddy, startPebble } from './support/tls-proxy';

/**
 * On-demand TLS for custom domains with the real parts: Caddy asks the application's loopback
 * `tls-ask` endpoint before getting a certificate from an ACME server (Pebble) for a name it has
 * never seen. An agency's active domain gets one; a claimed but unproved domain does not.
 */
const INSTALLATION = 'portal.atrium.test';
const ACTIVE = 'clients.tls-agency.test';
const UNPROVED = 'unproved.tls-agency.test';
const HANDSHAKE_TIMEOUT_MS = 45_000;

describe('On-demand TLS through Caddy and Pebble', () => {
  let dns: DnsServer;
  let t: TestApp;
  let pebble: Pebble;
  let caddy: Caddy;

  beforeAll(async () => {
    dns = await DnsServer.start({ hosts: [{ name: INSTALLATION, address: '127.0.0.1' }] });
    t = await startTestApp({ DNS_RESOLVER: dns.address });
    const f = new Factory(t);
    const claim = async (hostname: string) => {
      const owner = await f.agencyUser(await f.agency(), 'owner');
      const { accessToken } = await f.signIn(owner.email);
      const claimed = await t
        .http()
        .put('/api/v1/branding/domain')
        .set('Authorization', `Bearer ${accessToken}`)
        .send({ hostname });
      expect(claimed.status).toBe(200);
      return { accessToken, token: claimed.body.records[1].value as string };
    };
    const active = await claim(ACTIVE);
    await claim(UNPROVED);
    await dns.publish({
      hosts: [{ name: INSTALLATION, address: '127.0.0.1' }],
      cname: [
        { alias: ACTIVE, target: INSTALLATION },
        { alias: UNPROVED, target: INSTALLATION },
      ],
      txt: [{ name: `_atrium-challenge.${ACTIVE}`, value: active.token }],
    });
    const checked = await t
      .http()
      .post('/api/v1/branding/domain/check')
      .set('Authorization', `Bearer ${active.accessToken}`);
    expect(checked.body.status).toBe('active');

    pebble = await startPebble();
    const appPort = (t.app.getHttpServer().address() as AddressInfo).port;
    caddy = await startCaddy(pebble, `http://127.0.0.1:${appPort}/api/internal/tls-ask`);
  }, 90_000);

  afterAll(async () => {
    await caddy?.stop();
    await pebble?.stop();
    await t?.close();
    await dns?.stop();
  }, 30_000);

  const handshake = (servername: string) =>
    new Promise<PeerCertificate>((resolve, reject) => {
      const socket = tlsConnect({
        host: '127.0.0.1',
        port: caddy.httpsPort,
        servername,
        // Checked below against Pebble's own issuer instead of the system's roots.
        rejectUnauthorized: false,
        timeout: HANDSHAKE_TIMEOUT_MS,
      });
      socket.once('secureConnect', () => {
        const certificate = socket.getPeerCertificate(true);
        socket.end();
        resolve(certificate);
      });
      socket.once('timeout', () => socket.destroy(new Error(`TLS handshake for ${servername} timed out`)));
      socket.once('error', reject);
    });

  it(
    'obtains a certificate from Pebble for an active custom domain',
    async () => {
      const certificate = await handshake(ACTIVE);
      const leaf = new X509Certificate(certificate.raw);
      expect(leaf.subjectAltName).toContain(`DNS:${ACTIVE}`);
      expect(leaf.checkHost(ACTIVE)).toBe(ACTIVE);
      // Signed by the intermediate Pebble issues with, as its management API publishes it.
      const issuer = new X509Certificate(await pebble.issuerPem());
      expect(leaf.verify(issuer.publicKey)).toBe(true);
      expect(leaf.issuer).toContain('Pebble Intermediate CA');
    },
    HANDSHAKE_TIMEOUT_MS + 5000,
  );

  it(
    'gets no certificate for a domain that was claimed but never proved',
    async () => {
      await expect(handshake(UNPROVED)).rejects.toThrow();
      // Asked and refused: the ask endpoint said no, so Caddy never went to the ACME server.
      expect((await t.http().get('/api/internal/tls-ask').query({ domain: UNPROVED })).status).toBe(404);
    },
    HANDSHAKE_TIMEOUT_MS + 5000,
  );
});
