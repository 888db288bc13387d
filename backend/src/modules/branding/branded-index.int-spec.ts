import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveBrandTheme, type BrandBootstrap } from '@atrium/shared';
import { Factory } from '../../../test/support/factories';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { CustomDomain } from '../domains/entities/custom-domain.entity';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Atrium</title>
    <meta name="description" content="Atrium: agency workspace and client portal" />
    <meta name="color-scheme" content="light" />
    <link rel="icon" type="image/x-icon" href="favicon.ico" />
  </head>
  <body><atr-root></atr-root><noscript>Atrium needs JavaScript to run.</noscript></body>
</html>`;

function bootstrapOf(html: string): BrandBootstrap {
  const match = /<script id="atr-brand" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error(`no data block in ${html}`);
  return JSON.parse(match[1]) as BrandBootstrap;
}

/**
 * The first paint of branded pages (SPEC §2, "no flash of the Atrium theme"): the index.html the
 * backend serves for an agency's sign-in address and custom domain carries its brand.
 */
describe('Branded index.html', () => {
  let t: TestApp;
  let f: Factory;
  const frontendDir = mkdtempSync(join(tmpdir(), 'atrium-frontend-'));
  writeFileSync(join(frontendDir, 'index.html'), INDEX);

  beforeAll(async () => {
    t = await startTestApp({ FRONTEND_DIR: frontendDir });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    rmSync(frontendDir, { recursive: true, force: true });
  });

  const brandedAgency = async (name: string, primaryColor: string) => {
    const agency = await f.agency(name);
    const owner = await f.agencyUser(agency, 'owner');
    const { accessToken } = await f.signIn(owner.email);
    const saved = await t
      .http()
      .put('/api/v1/branding')
      .set({ Authorization: `Bearer ${accessToken}` })
      .send({ portalName: `${name} <Portal>`, primaryColor, showPoweredBy: false });
    expect(saved.status).toBe(200);
    return agency;
  };

  it('themes, titles and hands over the brand of /a/<slug>/... pages', async () => {
    const agency = await brandedAgency('Lumen Studio', '#ffff66');
    const theme = deriveBrandTheme('#ffff66', null);
    for (const path of [`/a/${agency.slug}/login`, `/a/${agency.slug}/invite?token=x`, `/a/${agency.slug}`]) {
      const response = await t.http().get(path);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<title>Lumen Studio &lt;Portal&gt;</title>');
      expect(response.text).toContain(`--mat-sys-primary:${theme.light['primary']};`);
      expect(response.text).toContain('<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,');
      expect(response.text).not.toMatch(/Atrium/);
      const bootstrap = bootstrapOf(response.text);
      expect(bootstrap.customDomain).toBe(false);
      expect(bootstrap.brand).toMatchObject({ slug: agency.slug, portalName: 'Lumen Studio <Portal>' });
    }
  });

  it("serves an unknown slug and the portal neutrally, and Atrium's own pages as they are", async () => {
    const unknown = await t.http().get('/a/no-such-agency-here/login');
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain('<title>Sign in</title>');
    expect(unknown.text).not.toMatch(/Atrium/);
    expect(bootstrapOf(unknown.text)).toEqual({ brand: null, customDomain: false });

    const portal = await t.http().get('/portal/calendar');
    expect(portal.text).not.toMatch(/Atrium/);
    expect(portal.text).not.toContain('atr-brand-style');

    const login = await t.http().get('/login');
    expect(login.text).toContain('<title>Atrium</title>');
    expect(bootstrapOf(login.text)).toEqual({ brand: null, customDomain: false });
  });

  it('brands every page of an active custom domain, and only an active one', async () => {
    const agency = await brandedAgency('Harbour Works', '#0a0a0a');
    const domain = await t.db.getRepository(CustomDomain).save(
      t.db.getRepository(CustomDomain).create({
        agencyId: agency.id,
        hostname: 'portal.harbour-works.test',
        verifiedHostname: 'portal.harbour-works.test',
        challengeToken: 'token',
        status: 'active',
        routingFound: true,
        verifiedAt: new Date(),
      }),
    );
    const login = await t.http().get('/login').set('Host', 'portal.harbour-works.test');
    expect(login.text).toContain('<title>Harbour Works &lt;Portal&gt;</title>');
    expect(login.text).toContain(`--mat-sys-primary:#0a0a0a;`);
    expect(bootstrapOf(login.text)).toMatchObject({ customDomain: true, brand: { slug: agency.slug } });

    await t.db.getRepository(CustomDomain).update({ id: domain.id }, { status: 'pending', verifiedHostname: null });
    const pending = await t.http().get('/login').set('Host', 'portal.harbour-works.test');
    expect(pending.text).not.toContain('atr-brand-style');
    expect(pending.text).not.toContain('Harbour Works');
  });

  it('leaves API routes alone', async () => {
    const response = await t.http().get('/api/v1/public/brand').query({ slug: 'no-such-agency-here' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/json/);
  });
});
