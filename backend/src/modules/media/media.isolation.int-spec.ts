import { NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { Actor, MatrixWorld } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { agencyScope, clientScope, type AgencyScope, type ClientScope } from '../../core/tenancy/tenant-scope';
import { MediaAsset } from './entities/media-asset.entity';
import { FileAccessService } from './file-access.service';
import { FileUrlSigner } from './file-url-signer';
import { MediaLibraryService } from './media-library.service';
import { ProfilePicturesService } from './profile-pictures.service';

/**
 * Media isolation: a client scope reaches only its client's portal uploads, an agency scope only
 * its agency's files; everything else answers 404 and is left out of lists.
 */
describe('Media isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let library: MediaLibraryService;
  let scopeA2: ClientScope;
  let scopeB: AgencyScope;

  /** The user id inside an actor's access token. */
  const userOf = (actor: Exclude<Actor, 'anonymous'>) =>
    JSON.parse(Buffer.from(world.tokens[actor].split('.')[1], 'base64url').toString()).sub as string;

  /** A file of agency B (MatrixWorld makes files of agency A only). */
  const agencyBMedia = async (): Promise<MediaAsset> => {
    const repository = t.db.getRepository(MediaAsset);
    return repository.save(
      repository.create({
        agencyId: world.agencyB.id,
        clientId: null,
        purpose: 'library',
        source: 'agency',
        uploadedByUserId: null,
        filename: 'agency-b.png',
        mimeType: 'image/png',
        kind: 'image',
        size: 12,
        storageKey: `agencies/${world.agencyB.id}/isolation/${randomBytes(8).toString('hex')}.png`,
        status: 'ready',
      }),
    );
  };

  /** Client A1's portal upload, a file the agency filed under A1, the agency's own, and agency B's. */
  const foreignFiles = async () => ({
    a1: await world.freshMedia('portal', world.clientA1.id),
    forA1ByAgency: await world.freshMedia('agency', world.clientA1.id),
    agencyOwn: await world.freshMedia('agency', null),
    agencyB: await agencyBMedia(),
  });

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    library = t.app.get(MediaLibraryService);
    scopeA2 = clientScope(world.agencyA.id, world.clientA2.id, [...CLIENT_PERMISSIONS], 'admin');
    scopeB = agencyScope(world.agencyB.id, 'owner');
  });
  afterAll(() => t.close());

  describe('service level', () => {
    it("a client scope of A2 fetches none of A1's files nor the agency's own, by id", async () => {
      const files = await foreignFiles();
      const own = await world.freshMedia('portal', world.clientA2.id);
      const viewer = { scope: scopeA2, userId: userOf('otherClient') };
      expect((await library.owned(scopeA2, own.id)).id).toBe(own.id);
      for (const file of Object.values(files)) {
        await expect(library.owned(scopeA2, file.id)).rejects.toThrow(NotFoundException);
        await expect(library.view(viewer, file.id)).rejects.toThrow(NotFoundException);
      }
    });

    it("a client scope of A2 lists its client's portal uploads only", async () => {
      const files = await foreignFiles();
      const own = await world.freshMedia('portal', world.clientA2.id);
      const filedByAgency = await world.freshMedia('agency', world.clientA2.id);
      const page = await library.list({ scope: scopeA2, userId: userOf('otherClient') }, { limit: 100 });
      const ids = page.items.map((item) => item.id);
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(filedByAgency.id);
      for (const file of Object.values(files)) expect(ids).not.toContain(file.id);
      // A client filter from an agency query means nothing to a client scope.
      const filtered = await library.list(
        { scope: scopeA2, userId: userOf('otherClient') },
        { clientId: world.clientA1.id, limit: 100 },
      );
      expect(filtered.items.map((item) => item.id)).not.toContain(files.a1.id);
    });

    it("agency B reaches none of agency A's files: 404 by id, absent from lists, no client filter", async () => {
      const files = await foreignFiles();
      const viewer = { scope: scopeB, userId: userOf('otherAgency') };
      for (const file of [files.a1, files.forA1ByAgency, files.agencyOwn]) {
        await expect(library.owned(scopeB, file.id)).rejects.toThrow(NotFoundException);
        await expect(library.view(viewer, file.id)).rejects.toThrow(NotFoundException);
      }
      expect((await library.owned(scopeB, files.agencyB.id)).id).toBe(files.agencyB.id);
      const ids = (await library.list(viewer, { limit: 100 })).items.map((item) => item.id);
      expect(ids).toContain(files.agencyB.id);
      for (const file of [files.a1, files.forA1ByAgency, files.agencyOwn]) expect(ids).not.toContain(file.id);
      await expect(library.list(viewer, { clientId: world.clientA1.id })).rejects.toThrow(NotFoundException);
      expect(await library.usableForPost(scopeB, world.clientA1.id, [files.a1.id, files.agencyOwn.id])).toEqual([]);
    });

    it("agency B cannot delete agency A's file", async () => {
      const file = await world.freshMedia('agency', null);
      const actorB = { scope: scopeB, userId: userOf('otherAgency'), ip: null, userAgent: null };
      await expect(library.remove(actorB, file.id)).rejects.toThrow(NotFoundException);
      expect(await t.db.getRepository(MediaAsset).countBy({ id: file.id })).toBe(1);
    });

    it('signed URLs made out to someone who may not see the file answer 404', async () => {
      const files = await foreignFiles();
      const access = t.app.get(FileAccessService);
      const signer = t.app.get(FileUrlSigner);
      const token = (assetId: string, userId: string) =>
        signer.sign({
          assetId,
          variant: 'original',
          disposition: 'attachment',
          grantee: { kind: 'user', userId },
          expiresAt: Math.floor(Date.now() / 1000) + 60,
        });
      expect((await access.resolve(token(files.a1.id, userOf('clientMember')))).filename).toBe('matrix.png');
      for (const file of [files.a1, files.forA1ByAgency, files.agencyOwn]) {
        await expect(access.resolve(token(file.id, userOf('otherClient')))).rejects.toThrow(NotFoundException);
        await expect(access.resolve(token(file.id, userOf('otherAgency')))).rejects.toThrow(NotFoundException);
      }
      // A platform only ever gets files on a post.
      const platform = signer.sign({
        assetId: files.agencyOwn.id,
        variant: 'original',
        disposition: 'inline',
        grantee: { kind: 'platform' },
        expiresAt: Math.floor(Date.now() / 1000) + 60,
      });
      await expect(access.resolve(platform)).rejects.toThrow(NotFoundException);
    });

    it("profile pictures: agency B neither sees nor deletes agency A's, a client scope never lists them", async () => {
      const repository = t.db.getRepository(MediaAsset);
      const picture = await repository.save(
        repository.create({
          agencyId: world.agencyA.id,
          clientId: null,
          purpose: 'avatar',
          source: 'portal',
          uploadedByUserId: userOf('otherClient'),
          filename: 'me.png',
          mimeType: 'image/png',
          kind: 'image',
          size: 12,
          storageKey: `agencies/${world.agencyA.id}/isolation/${randomBytes(8).toString('hex')}.png`,
          status: 'ready',
        }),
      );
      const pictures = t.app.get(ProfilePicturesService);
      const person = { id: userOf('otherClient'), avatarAssetId: picture.id };
      expect(await pictures.url(scopeA2, person)).toMatch(/^\/api\/v1\/files\//);
      expect(await pictures.url(scopeB, person)).toBeNull();
      await pictures.delete(scopeB, picture.id);
      expect(await repository.countBy({ id: picture.id })).toBe(1);
      await expect(library.owned(scopeA2, picture.id)).rejects.toThrow(NotFoundException);
      const ids = (await library.list({ scope: scopeA2, userId: person.id }, { limit: 100 })).items.map((i) => i.id);
      expect(ids).not.toContain(picture.id);
    });
  });

  describe('lists and counts never include foreign rows', () => {
    const as = (actor: Exclude<Actor, 'anonymous'>, path: string) => world.get(actor, path);

    it("a client user never lists, fetches or downloads another client's or the agency's own files", async () => {
      const a1 = await world.freshMedia('portal', world.clientA1.id);
      const agencyOwn = await world.freshMedia('agency', null);
      const forA1ByAgency = await world.freshMedia('agency', world.clientA1.id);
      const a2 = (await as('otherClient', '/api/v1/portal/media')).body.items.map((m: { id: string }) => m.id);
      expect(a2).not.toContain(a1.id);
      const a1List = (await as('clientMember', '/api/v1/portal/media')).body.items.map((m: { id: string }) => m.id);
      expect(a1List).toContain(a1.id);
      expect(a1List).not.toContain(agencyOwn.id);
      expect(a1List).not.toContain(forA1ByAgency.id);
      for (const id of [agencyOwn.id, forA1ByAgency.id]) {
        expect((await as('clientMember', `/api/v1/portal/media/${id}`)).status).toBe(404);
      }
      const { FileUrlSigner } = await import('./file-url-signer');
      const signer = t.app.get(FileUrlSigner);
      const clientMemberId = JSON.parse(Buffer.from(world.tokens.otherClient.split('.')[1], 'base64url').toString())
        .sub as string;
      // Even a correctly signed URL made out to another client's person is refused.
      const url = signer.url({
        assetId: a1.id,
        variant: 'original',
        disposition: 'attachment',
        grantee: { kind: 'user', userId: clientMemberId },
      });
      expect((await t.http().get(url)).status).toBe(404);
      const agencyB = (await as('otherAgency', '/api/v1/media')).body.items.map((m: { id: string }) => m.id);
      expect(agencyB).not.toContain(a1.id);
    });
  });
});
