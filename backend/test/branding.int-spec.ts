import sharp from 'sharp';
import type { BrandImageSlot, BrandingResponse, PublicBrand } from '@atrium/shared';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { FileStorage } from '../src/core/storage/file-storage';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { User } from '../src/core/tenancy/entities/user.entity';
import { Branding } from '../src/modules/branding/entities/branding.entity';
import { BrandingService } from '../src/modules/branding/branding.service';
import { CustomDomain } from '../src/modules/domains/entities/custom-domain.entity';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import { Factory } from './support/factories';
import { htmlPage, jpeg, png, svgWithScript } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

/** Settings > Branding end to end: saving, validation, the plan's say, the slug, and brand images. */
describe('Branding', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  /** A fresh agency (own plan) with an owner, an admin and a member, signed in. */
  const team = async (plan = 'full', name = 'Studio North') => {
    const agency = await f.agency(name);
    if (plan !== 'full') await t.db.getRepository(Agency).update({ id: agency.id }, { plan });
    const people = {
      owner: await f.agencyUser(agency, 'owner'),
      admin: await f.agencyUser(agency, 'admin'),
      member: await f.agencyUser(agency, 'member'),
    };
    const tokens = {
      owner: (await f.signIn(people.owner.email)).accessToken,
      admin: (await f.signIn(people.admin.email)).accessToken,
      member: (await f.signIn(people.member.email)).accessToken,
    };
    return { agency, people, tokens };
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const view = async (token: string): Promise<BrandingResponse> => {
    const response = await t.http().get('/api/v1/branding').set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as BrandingResponse;
  };
  const save = (token: string, body: object) => t.http().put('/api/v1/branding').set(bearer(token)).send(body);
  const upload = (token: string, slot: string, file: Buffer, filename: string, contentType?: string) =>
    t
      .http()
      .put(`/api/v1/branding/images/${slot}`)
      .set(bearer(token))
      .attach('file', file, contentType ? { filename, contentType } : { filename });
  const audits = (agencyId: string, action: string) =>
    t.db.getRepository(AuditLog).find({ where: { agencyId, action }, order: { createdAt: 'ASC' } });
  const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

  describe('settings', () => {
    it("shows neutral defaults before the first save: the agency's name, never Atrium", async () => {
      const { agency, tokens } = await team('full', 'Harbour Creative');
      const brand = await view(tokens.owner);
      expect(brand.settings).toEqual({
        portalName: 'Harbour Creative',
        primaryColor: '#3f51b5',
        accentColor: null,
        signInHeadline: null,
        signInText: null,
        supportEmail: null,
        supportUrl: null,
        legalFooter: null,
        emailSenderName: null,
        emailReplyTo: null,
        showPoweredBy: true,
      });
      expect(brand.images).toEqual({});
      expect(brand.slug).toBe(agency.slug);
      expect(brand.slugChangeable).toBe(true);
      expect(brand.portalUrl).toBe(`${t.config.appUrl}/a/${agency.slug}`);
      expect(brand.entitlements).toEqual({ customDomain: true, hidePoweredBy: true });
      expect(Array.isArray(brand.colorNotes)).toBe(true);
      expect(brand.canEdit).toBe(true);
      expect((await view(tokens.admin)).canEdit).toBe(true);
      expect((await view(tokens.member)).canEdit).toBe(false);
      expect(await t.db.getRepository(Branding).countBy({ agencyId: agency.id })).toBe(0);
    });

    it('makes the row on the first save, changes only the fields sent, clears with empty text, and audits', async () => {
      const { agency, people, tokens } = await team();
      const first = await save(tokens.admin, {
        portalName: '  Client Hub  ',
        primaryColor: '#1E88E5',
        accentColor: '#FF4081',
        signInHeadline: 'Welcome back',
        signInText: 'Sign in to see your calendar.\nQuestions? Write to us.',
        supportEmail: 'help@studio.example',
        supportUrl: 'https://help.studio.example/portal',
        legalFooter: '© Studio North Ltd',
        emailSenderName: 'Studio North',
        emailReplyTo: 'hello@studio.example',
      });
      expect(first.status).toBe(200);
      expect(first.body.settings).toMatchObject({
        portalName: 'Client Hub',
        primaryColor: '#1e88e5',
        accentColor: '#ff4081',
        signInText: 'Sign in to see your calendar.\nQuestions? Write to us.',
        supportUrl: 'https://help.studio.example/portal',
        emailReplyTo: 'hello@studio.example',
      });
      expect(await t.db.getRepository(Branding).countBy({ agencyId: agency.id })).toBe(1);

      const second = await save(tokens.owner, { signInHeadline: 'Hello again', accentColor: null, portalName: '' });
      expect(second.status).toBe(200);
      expect(second.body.settings).toMatchObject({
        portalName: 'Studio North',
        primaryColor: '#1e88e5',
        accentColor: null,
        signInHeadline: 'Hello again',
        supportEmail: 'help@studio.example',
      });
      expect(await t.db.getRepository(Branding).countBy({ agencyId: agency.id })).toBe(1);

      const entries = await audits(agency.id, 'branding.updated');
      expect(entries.map((entry) => entry.actorUserId)).toEqual([people.admin.id, people.owner.id]);
      expect(entries[1].details).toEqual({ fields: expect.arrayContaining(['signInHeadline', 'accentColor']) });
    });

    it('refuses invalid values, naming each field, and unknown fields; nothing is saved', async () => {
      const { agency, tokens } = await team();
      const cases: Array<[object, string]> = [
        [{ primaryColor: 'blue' }, 'primaryColor'],
        [{ primaryColor: '#12345' }, 'primaryColor'],
        [{ primaryColor: null }, 'primaryColor'],
        [{ accentColor: 'rgb(1,2,3)' }, 'accentColor'],
        [{ portalName: 'x'.repeat(121) }, 'portalName'],
        [{ portalName: 'Two\nlines' }, 'portalName'],
        [{ signInText: 'y'.repeat(501) }, 'signInText'],
        [{ supportEmail: 'not an address' }, 'supportEmail'],
        [{ supportUrl: 'javascript:alert(1)' }, 'supportUrl'],
        [{ supportUrl: 'ftp://files.example.com' }, 'supportUrl'],
        [{ supportUrl: 'help.example.com' }, 'supportUrl'],
        [{ emailSenderName: 'Evil\r\nBcc: victim@example.com' }, 'emailSenderName'],
        [{ emailReplyTo: 'nobody' }, 'emailReplyTo'],
        [{ showPoweredBy: 'no' }, 'showPoweredBy'],
        [{ agencyId: agency.id }, 'agencyId'],
      ];
      for (const [body, field] of cases) {
        const response = await save(tokens.owner, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(fields(response.body)).toContain(field);
      }
      expect(await t.db.getRepository(Branding).countBy({ agencyId: agency.id })).toBe(0);
      expect(await audits(agency.id, 'branding.updated')).toEqual([]);
    });

    it('lets members read but not change it', async () => {
      const { agency, tokens } = await team();
      const response = await save(tokens.member, { portalName: 'Not allowed' });
      expect(response.status).toBe(403);
      expect(await t.db.getRepository(Branding).countBy({ agencyId: agency.id })).toBe(0);
    });
  });

  describe('the "powered by" mark and the plan', () => {
    it('refuses to hide it on a plan without hidePoweredBy, in plain words', async () => {
      const { agency, tokens } = await team('starter');
      expect((await view(tokens.owner)).entitlements.hidePoweredBy).toBe(false);
      const response = await save(tokens.owner, { showPoweredBy: false, portalName: 'Mine' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'showPoweredBy', messages: [expect.stringMatching(/plan does not include hiding/)] },
      ]);
      expect(await t.db.getRepository(Branding).countBy({ agencyId: agency.id })).toBe(0);
      expect((await save(tokens.owner, { showPoweredBy: true })).status).toBe(200);
    });

    it('hides it on a plan that allows it, and shows it again when the plan no longer does', async () => {
      const { agency, tokens } = await team('full');
      expect((await save(tokens.owner, { showPoweredBy: false })).body.settings.showPoweredBy).toBe(false);
      const before = await t.http().get(`/api/v1/public/brand?slug=${agency.slug}`);
      expect(before.body.showPoweredBy).toBe(false);
      await t.db.getRepository(Agency).update({ id: agency.id }, { plan: 'starter' });
      expect((await view(tokens.owner)).settings.showPoweredBy).toBe(true);
      const after = await t.http().get(`/api/v1/public/brand?slug=${agency.slug}`);
      expect(after.body.showPoweredBy).toBe(true);
      expect((await t.app.get(BrandingService).brandForEmails(agency.id)).showPoweredBy).toBe(true);
    });
  });

  describe('the sign-in address slug', () => {
    const changeSlug = (token: string, slug: unknown) =>
      t.http().put('/api/v1/branding/slug').set(bearer(token)).send({ slug });

    it('refuses invalid and reserved slugs, and one another agency has, in plain words', async () => {
      const { tokens } = await team();
      const other = await f.agency('Other Place');
      for (const slug of ['ab', 'Has Spaces', '-dash', 'dash-', 'a--b', 'admin', 'portal', 'x'.repeat(64), '']) {
        const response = await changeSlug(tokens.owner, slug);
        expect({ slug, status: response.status }).toEqual({ slug, status: 400 });
        expect(fields(response.body)).toEqual(['slug']);
      }
      const taken = await changeSlug(tokens.owner, other.slug);
      expect(taken.status).toBe(409);
      expect(taken.body.message).toBe(`The address "${other.slug}" is already taken. Try another one.`);
      expect((await view(tokens.owner)).slugChangeable).toBe(true);
    });

    it('changes once (audited); the old address still leads here and no one else can take it', async () => {
      const { agency, people, tokens } = await team();
      const slug = `north-${Date.now().toString(36)}`;
      expect((await changeSlug(tokens.member, slug)).status).toBe(403);
      const changed = await changeSlug(tokens.owner, slug.toUpperCase());
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ slug, slugChangeable: false, portalUrl: `${t.config.appUrl}/a/${slug}` });
      const [entry] = await audits(agency.id, 'branding.slug_changed');
      expect(entry).toMatchObject({ actorUserId: people.owner.id, details: { from: agency.slug, to: slug } });

      expect((await t.http().get(`/api/v1/public/brand?slug=${slug}`)).status).toBe(200);
      // Bookmarks and old emails still find this agency (the page moves on to the new address)...
      const old = await t.http().get(`/api/v1/public/brand?slug=${agency.slug}`);
      expect({ status: old.status, slug: old.body.slug }).toEqual({ status: 200, slug });
      // ...and no other agency can take the old address over.
      const rival = (await f.signIn((await f.agencyUser(await f.agency('Rival'), 'owner')).email)).accessToken;
      const takeover = await changeSlug(rival, agency.slug);
      expect(takeover.status).toBe(409);
      expect(takeover.body.message).toBe(`The address "${agency.slug}" is already taken. Try another one.`);

      // Saving the same address again changes nothing; another one is refused.
      expect((await changeSlug(tokens.admin, slug)).status).toBe(200);
      const again = await changeSlug(tokens.admin, `${slug}-two`);
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/can be changed only once/);
      expect((await t.db.getRepository(Agency).findOneByOrFail({ id: agency.id })).slug).toBe(slug);
      expect(await audits(agency.id, 'branding.slug_changed')).toHaveLength(1);
    });
  });

  describe('images', () => {
    const imageOf = async (url: string) => {
      const response = await t.http().get(url);
      expect(response.status).toBe(200);
      return { response, meta: await sharp(response.body as Buffer).metadata() };
    };
    /** Where a slot's current image is stored. */
    const keyOf = async (agencyId: string, slot: BrandImageSlot) => {
      const image = (await t.db.getRepository(Branding).findOneByOrFail({ agencyId })).images[slot];
      if (!image) throw new Error(`No ${slot} stored`);
      return image.key;
    };
    const leftoverOriginals = async (agencyId: string) =>
      t.db.getRepository(MediaAsset).countBy({ agencyId, purpose: 'brand' });

    it('resizes a PNG logo and a JPEG icon into their boxes as PNGs, served public and cacheable', async () => {
      const { agency, people, tokens } = await team();
      const logo = await upload(tokens.owner, 'logoLight', await png(1200, 300), 'logo.png');
      expect(logo.status).toBe(200);
      expect(logo.body.images.logoLight).toMatchObject({ slot: 'logoLight', width: 480, height: 120 });
      const icon = await upload(tokens.admin, 'icon', await jpeg(800, 600), 'icon.jpg');
      expect(icon.status).toBe(200);
      expect(icon.body.images.icon).toMatchObject({ slot: 'icon', width: 512, height: 512 });
      // A small image is not blown up.
      const dark = await upload(tokens.owner, 'logoDark', await png(100, 50), 'small.png');
      expect(dark.body.images.logoDark).toMatchObject({ width: 100, height: 50 });

      const served = await imageOf(logo.body.images.logoLight.url);
      expect(served.meta).toMatchObject({ format: 'png', width: 480, height: 120 });
      expect(served.response.headers['content-type']).toBe('image/png');
      expect(served.response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.response.headers['x-content-type-options']).toBe('nosniff');
      expect((await imageOf(icon.body.images.icon.url)).meta).toMatchObject({ format: 'png', width: 512, height: 512 });
      expect(logo.body.images.logoLight.url).toMatch(
        new RegExp(`^/api/v1/public/brand-images/${agency.slug}/logoLight/[0-9a-f]{16}$`),
      );

      // The public brand shows them; the originals are gone, only the resized images are kept.
      const brand = (await t.http().get(`/api/v1/public/brand?slug=${agency.slug}`)).body as PublicBrand;
      expect(Object.keys(brand.images).sort()).toEqual(['icon', 'logoDark', 'logoLight']);
      expect(await leftoverOriginals(agency.id)).toBe(0);
      expect((await audits(agency.id, 'branding.image_updated')).map((e) => e.actorUserId)).toEqual([
        people.owner.id,
        people.admin.id,
        people.owner.id,
      ]);
    });

    it('refuses an SVG and an HTML page named .png, keeping the current image', async () => {
      const { agency, tokens } = await team();
      const logo = await upload(tokens.owner, 'logoLight', await png(600, 200), 'logo.png');
      const svg = await upload(tokens.owner, 'logoLight', svgWithScript(), 'logo.svg', 'image/svg+xml');
      expect(svg.status).toBe(400);
      expect(svg.body.details).toEqual([{ field: 'file', messages: ['not an accepted file type (an SVG image)'] }]);
      const html = await upload(tokens.owner, 'icon', htmlPage(), 'icon.png', 'image/png');
      expect(html.status).toBe(400);
      expect(html.body.details).toEqual([{ field: 'file', messages: ['not an accepted file type (an HTML page)'] }]);
      const brand = await view(tokens.owner);
      expect(brand.images).toEqual({ logoLight: logo.body.images.logoLight });
      expect(await leftoverOriginals(agency.id)).toBe(0);
    });

    it('refuses a PDF, an empty request, an unknown slot, and members', async () => {
      const { tokens } = await team();
      const pdf = await upload(tokens.owner, 'icon', Buffer.from('%PDF-1.4\n%%EOF\n'), 'icon.pdf');
      expect(pdf.status).toBe(400);
      expect(pdf.body.details).toEqual([{ field: 'file', messages: ['not an image'] }]);
      const notMultipart = await t
        .http()
        .put('/api/v1/branding/images/icon')
        .set(bearer(tokens.owner))
        .send({ file: 'x' });
      expect(notMultipart.status).toBe(415);
      expect((await upload(tokens.owner, 'favicon', await png(), 'x.png')).status).toBe(404);
      expect((await upload(tokens.member, 'icon', await png(), 'x.png')).status).toBe(403);
    });

    it('gives a new upload a new URL; the old URL and the old bytes are gone; removing drops the image', async () => {
      const { agency, tokens } = await team();
      const storage = t.app.get(FileStorage);
      const first = await upload(tokens.owner, 'signInImage', await jpeg(2400, 1200), 'side.jpg');
      expect(first.body.images.signInImage).toMatchObject({ width: 1600, height: 800 });
      const firstKey = await keyOf(agency.id, 'signInImage');
      expect(await storage.size(firstKey)).toBeGreaterThan(0);

      const second = await upload(tokens.owner, 'signInImage', await png(900, 1800), 'tall.png');
      const { url } = second.body.images.signInImage;
      expect(second.body.images.signInImage).toMatchObject({ width: 800, height: 1600 });
      expect(url).not.toBe(first.body.images.signInImage.url);
      expect((await t.http().get(first.body.images.signInImage.url)).status).toBe(404);
      expect((await imageOf(url)).meta).toMatchObject({ width: 800, height: 1600 });
      expect(await storage.size(firstKey)).toBeNull();

      const secondKey = await keyOf(agency.id, 'signInImage');
      const removed = await t.http().delete('/api/v1/branding/images/signInImage').set(bearer(tokens.admin));
      expect(removed.status).toBe(200);
      expect(removed.body.images).toEqual({});
      expect((await t.http().get(url)).status).toBe(404);
      expect(await storage.size(secondKey)).toBeNull();
      expect(await audits(agency.id, 'branding.image_removed')).toHaveLength(1);
      // Removing what is not there is nothing to do.
      expect((await t.http().delete('/api/v1/branding/images/signInImage').set(bearer(tokens.admin))).status).toBe(200);
      expect(await audits(agency.id, 'branding.image_removed')).toHaveLength(1);
    });

    it('answers 404 for an unknown agency, slot or version', async () => {
      const { agency, tokens } = await team();
      const logo = await upload(tokens.owner, 'logoLight', await png(), 'logo.png');
      const version = (logo.body.images.logoLight.url as string).split('/').pop();
      for (const path of [
        `nobody-here/logoLight/${version}`,
        `${agency.slug}/favicon/${version}`,
        `${agency.slug}/logoDark/${version}`,
        `${agency.slug}/logoLight/0000000000000000`,
      ]) {
        const response = await t.http().get(`/api/v1/public/brand-images/${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(response.headers['cache-control'] ?? '').not.toContain('immutable');
      }
    });
  });

  describe('public brand', () => {
    const PUBLIC_FIELDS = [
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
    ];

    it('returns the public fields only: no ids, no team addresses, no email settings', async () => {
      const { agency, people, tokens } = await team();
      await save(tokens.owner, {
        portalName: 'Acme Portal',
        supportEmail: 'support@acme.example',
        emailSenderName: 'Secret Sender Name',
        emailReplyTo: 'replies-private@acme.example',
      });
      await upload(tokens.owner, 'icon', await png(64, 64), 'icon.png');
      const response = await t.http().get(`/api/v1/public/brand?slug=${agency.slug}`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(PUBLIC_FIELDS);
      expect(Object.keys(response.body.images.icon).sort()).toEqual(['height', 'slot', 'url', 'width']);
      expect(response.body).toMatchObject({ portalName: 'Acme Portal', supportEmail: 'support@acme.example' });
      const text = JSON.stringify(response.body);
      const everyone: User[] = Object.values(people);
      for (const secret of [
        agency.id,
        ...everyone.flatMap((person) => [person.id, person.email]),
        'Secret Sender Name',
        'replies-private@acme.example',
      ]) {
        expect(text).not.toContain(secret);
      }
    });

    it('answers 404 for an unknown or invalid slug, and without a slug on a host that is no active domain', async () => {
      expect((await t.http().get('/api/v1/public/brand?slug=no-such-agency-here')).status).toBe(404);
      expect((await t.http().get('/api/v1/public/brand?slug=../../etc')).status).toBe(404);
      expect((await t.http().get('/api/v1/public/brand')).status).toBe(404);
      expect((await t.http().get('/api/v1/public/brand').set('Host', 'portal.atrium.test')).status).toBe(404);
    });

    it("without a slug, answers the brand of the request's host when it is an active custom domain", async () => {
      const { agency, tokens } = await team('full', 'Domain Owner');
      await save(tokens.owner, { portalName: 'On My Domain' });
      const domains = t.db.getRepository(CustomDomain);
      const domain = await domains.save(
        domains.create({
          agencyId: agency.id,
          hostname: 'portal.domain-owner.test',
          verifiedHostname: 'portal.domain-owner.test',
          challengeToken: 'x'.repeat(32),
          status: 'verified',
          verifiedAt: new Date(),
        }),
      );
      const ask = () => t.http().get('/api/v1/public/brand').set('Host', 'portal.domain-owner.test');
      expect((await ask()).status).toBe(404);
      await domains.update({ id: domain.id }, { status: 'active', routingFound: true });
      const response = await ask();
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ portalName: 'On My Domain', slug: agency.slug });
      expect((await view(tokens.owner)).portalUrl).toBe('https://portal.domain-owner.test');
    });
  });

  describe('the brand of emails', () => {
    it('gives the email engineer absolute logo URLs, colours and the sender', async () => {
      const { agency, tokens } = await team('full', 'Mail Makers');
      const emails = t.app.get(BrandingService);
      const plain = await emails.brandForEmails(agency.id);
      expect(plain).toMatchObject({
        portalName: 'Mail Makers',
        senderName: 'Mail Makers',
        replyTo: null,
        logoUrl: null,
        showPoweredBy: true,
        portalUrl: `${t.config.appUrl}/a/${agency.slug}`,
      });
      for (const colour of Object.values(plain.colors)) expect(colour).toMatch(/^#[0-9a-f]{6}$/i);

      await save(tokens.owner, { emailSenderName: 'Mail Makers Team', emailReplyTo: 'team@mail.example' });
      const logo = await upload(tokens.owner, 'logoLight', await png(), 'logo.png');
      const branded = await emails.brandForEmails(agency.id);
      expect(branded).toMatchObject({ senderName: 'Mail Makers Team', replyTo: 'team@mail.example' });
      expect(branded.logoUrl).toBe(`${t.config.appUrl}${logo.body.images.logoLight.url}`);
    });
  });
});
