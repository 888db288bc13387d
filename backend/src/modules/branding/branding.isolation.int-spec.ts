import { CLIENT_PERMISSIONS, type PublicBrand } from '@atrium/shared';
import { MatrixWorld } from '../../../test/support/matrix-world';
import { png } from '../../../test/support/media-files';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import type { Client } from '../../core/tenancy/entities/client.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, clientScope, systemActor, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { BrandImagesService } from './brand-images.service';
import { BrandingService } from './branding.service';
import { Branding } from './entities/branding.entity';

/**
 * Branding isolation: a brand belongs to one agency as a whole. Agency B reads and changes only
 * its own; the public lookup answers public fields only; a client user only ever gets the brand of
 * its own agency.
 */
describe('Branding isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let branding: BrandingService;
  let images: BrandImagesService;
  let scopeA: AgencyScope;
  let scopeB: AgencyScope;
  /** A client of agency B and its user's token (MatrixWorld's people of B are its owner only). */
  let clientB: Client;
  let clientOfB: string;
  let logoA: { url: string; width: number; height: number };

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const rowOf = (agencyId: string) => t.db.getRepository(Branding).findOneByOrFail({ agencyId });

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    branding = t.app.get(BrandingService);
    images = t.app.get(BrandImagesService);
    scopeA = agencyScope(world.agencyA.id, 'owner');
    scopeB = agencyScope(world.agencyB.id, 'owner');
    clientB = await world.factory.client(world.agencyB, [...CLIENT_PERMISSIONS], 'Client B2');
    clientOfB = (await world.factory.signIn((await world.factory.clientUser(clientB, 'admin')).email)).accessToken;

    // Agency A's brand: settings and a logo.
    const saved = await t.http().put('/api/v1/branding').set(bearer(world.tokens.agencyOwner)).send({
      portalName: 'Agency A Portal',
      primaryColor: '#00897b',
      emailSenderName: 'A Sender',
      emailReplyTo: 'private-replies@agency-a.example',
      supportEmail: 'help@agency-a.example',
    });
    expect(saved.status).toBe(200);
    const logo = await t
      .http()
      .put('/api/v1/branding/images/logoLight')
      .set(bearer(world.tokens.agencyOwner))
      .attach('file', await png(960, 320), { filename: 'a.png' });
    expect(logo.status).toBe(200);
    logoA = logo.body.images.logoLight;
  });
  afterAll(() => t.close());

  describe('service level', () => {
    it("agency B's scope reads its own brand, never A's", async () => {
      const brandB = await branding.view(scopeB);
      expect(brandB.slug).toBe(world.agencyB.slug);
      expect(brandB.settings.portalName).not.toBe('Agency A Portal');
      expect(brandB.settings.primaryColor).not.toBe('#00897b');
      expect(brandB.settings.supportEmail).not.toBe('help@agency-a.example');
      expect(brandB.images.logoLight).toBeUndefined();
      expect((await branding.view(scopeA)).settings.portalName).toBe('Agency A Portal');
    });

    it("agency B's changes land on B's brand only", async () => {
      const actorB = { ...systemActor(scopeB), scope: scopeB };
      await branding.update(actorB, { portalName: 'B changed this', primaryColor: '#000000' });
      await images.remove(actorB, 'logoLight');
      const rowA = await rowOf(world.agencyA.id);
      expect(rowA).toMatchObject({ portalName: 'Agency A Portal', primaryColor: '#00897b' });
      expect(rowA.images.logoLight).toBeDefined();
      expect((await rowOf(world.agencyB.id)).portalName).toBe('B changed this');
      expect((await t.http().get(logoA.url)).status).toBe(200);
    });

    it('a client scope cannot read brand rows at all (a brand is the agency’s, not a client’s)', async () => {
      const scopeA1 = clientScope(world.agencyA.id, world.clientA1.id, [...CLIENT_PERMISSIONS], 'admin');
      await expect(t.app.get(TenantData).findOneOwned(scopeA1, Branding, { where: {} })).rejects.toThrow(
        /agencies as a whole/,
      );
    });

    it("serves an image only under its own agency's slug", async () => {
      const version = logoA.url.split('/').pop() ?? '';
      await expect(images.open(world.agencyB.slug, 'logoLight', version)).rejects.toMatchObject({ status: 404 });
      const file = await images.open(world.agencyA.slug, 'logoLight', version);
      file.body.destroy();
      expect(file.mimeType).toBe('image/png');
    });
  });

  describe('HTTP', () => {
    it("agency B's owner gets B's brand, and its writes never reach A's", async () => {
      const own = await world.get('otherAgency', '/api/v1/branding');
      expect(own.status).toBe(200);
      expect(own.body.slug).toBe(world.agencyB.slug);
      expect(JSON.stringify(own.body)).not.toContain('Agency A Portal');
      expect(JSON.stringify(own.body)).not.toContain(logoA.url);

      const put = await t
        .http()
        .put('/api/v1/branding')
        .set(bearer(world.tokens.otherAgency))
        .send({ portalName: 'B over HTTP', supportEmail: 'b@b.example' });
      expect(put.status).toBe(200);
      const removed = await t.http().delete('/api/v1/branding/images/logoLight').set(bearer(world.tokens.otherAgency));
      expect(removed.status).toBe(200);
      const slug = await t
        .http()
        .put('/api/v1/branding/slug')
        .set(bearer(world.tokens.otherAgency))
        .send({ slug: world.agencyA.slug });
      expect(slug.status).toBe(409);

      const a = await world.get('agencyOwner', '/api/v1/branding');
      expect(a.body.settings).toMatchObject({ portalName: 'Agency A Portal', supportEmail: 'help@agency-a.example' });
      expect(a.body.images.logoLight).toEqual(logoA);
      expect(a.body.slug).toBe(world.agencyA.slug);
    });

    it('the public lookup answers nothing but public brand fields', async () => {
      const response = await t.http().get(`/api/v1/public/brand?slug=${world.agencyA.slug}`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual([
        'accentColor',
        'images',
        'legalFooter',
        'portalName',
        'primaryColor',
        'showPoweredBy',
        'signInHeadline',
        'signInText',
        'slug',
        'supportEmail',
        'supportUrl',
      ]);
      const text = JSON.stringify(response.body);
      for (const secret of [
        world.agencyA.id,
        world.clientA1.id,
        world.clientA2.id,
        'A Sender',
        'private-replies@agency-a.example',
      ]) {
        expect(text).not.toContain(secret);
      }
      // No address of anybody: only the support address the agency chose to publish.
      expect(text.match(/[\w.+-]+@[\w.-]+/g)).toEqual(['help@agency-a.example']);
    });

    it('a client user gets its own agency’s brand only, whatever it asks for', async () => {
      for (const actor of ['clientAdmin', 'clientMember', 'otherClient'] as const) {
        const response = await world.get(actor, '/api/v1/portal/brand');
        expect(response.status).toBe(200);
        expect((response.body as PublicBrand).slug).toBe(world.agencyA.slug);
        expect(response.body.portalName).toBe('Agency A Portal');
        expect((await world.get(actor, '/api/v1/branding')).status).toBe(403);
      }
      const ofB = await t.http().get('/api/v1/portal/brand').set(bearer(clientOfB));
      expect(ofB.status).toBe(200);
      expect(ofB.body.slug).toBe(world.agencyB.slug);
      expect(JSON.stringify(ofB.body)).not.toContain('Agency A Portal');

      // Naming another agency's client gets nothing of that agency.
      const foreign = await world.get('clientAdmin', '/api/v1/portal/brand').set('X-Atrium-Client', clientB.id);
      expect(foreign.status).toBe(404);
      expect(JSON.stringify(foreign.body)).not.toContain(world.agencyB.slug);
    });
  });
});
