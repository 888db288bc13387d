import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { MatrixWorld, type Actor as MatrixActor } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import type { AgencyContext, ClientContext } from '../../core/auth/request-context';
import type { Client } from '../../core/tenancy/entities/client.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import {
  agencyScope,
  clientScope,
  systemActor,
  type Actor,
  type AgencyScope,
  type ClientScope,
} from '../../core/tenancy/tenant-scope';
import { Post } from '../posts/entities/post.entity';
import { releaseClientSocialData } from './client-release';
import { ConnectLinksService } from './connect-links.service';
import { ConnectLink } from './entities/connect-link.entity';
import { OAuthConnectState } from './entities/oauth-connect-state.entity';
import { SocialAccount } from './entities/social-account.entity';
import { OAuthConnectService } from './oauth-connect.service';
import { SocialAccountsService } from './social-accounts.service';
import { testProfile } from '../../../test/support/caller-profile';

const ALL = [...CLIENT_PERMISSIONS];
const ACCOUNT_404 = new NotFoundException('Social account not found');
const CLIENT_404 = new NotFoundException('Client not found');
const LINK_404 = new NotFoundException('Connect link not found');

/**
 * Social accounts, connect links and OAuth round trips stay within their tenant: agency A has
 * clients A1 and A2, agency B is another tenant. Foreign ids answer 404 exactly like unknown ids,
 * and lists never carry foreign rows.
 */
describe('Social isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let accounts: SocialAccountsService;
  let links: ConnectLinksService;
  let connect: OAuthConnectService;
  let a: AgencyScope;
  let b: AgencyScope;
  let a1: ClientScope;
  let a2: ClientScope;
  let clientB1: Client;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    accounts = t.app.get(SocialAccountsService);
    links = t.app.get(ConnectLinksService);
    connect = t.app.get(OAuthConnectService);
    a = agencyScope(world.agencyA.id, 'owner');
    b = agencyScope(world.agencyB.id, 'owner');
    a1 = clientScope(world.agencyA.id, world.clientA1.id, ALL, 'admin');
    a2 = clientScope(world.agencyA.id, world.clientA2.id, ALL, 'admin');
    clientB1 = await world.factory.client(world.agencyB, ALL, 'Client B1 (social)');
  });
  afterAll(() => t.close());

  const actor = (scope: AgencyScope | ClientScope): Actor => systemActor(scope);
  const ids = (views: Array<{ id: string }>) => views.map((view) => view.id);
  const reload = (account: SocialAccount) => t.db.getRepository(SocialAccount).findOneByOrFail({ id: account.id });

  describe('social accounts (service)', () => {
    it("a client scope reaches its own client's account only; agency B reaches none of agency A's", async () => {
      const account = await world.freshAccount(world.clientA1.id);
      await expect(accounts.owned(a1, account.id)).resolves.toMatchObject({ id: account.id });
      await expect(accounts.owned(a, account.id)).resolves.toMatchObject({ id: account.id });
      await expect(accounts.owned(a2, account.id)).rejects.toThrow(ACCOUNT_404);
      await expect(accounts.owned(b, account.id)).rejects.toThrow(ACCOUNT_404);
      expect(ids(await accounts.byIds(a1, [account.id]))).toEqual([account.id]);
      expect(await accounts.byIds(a2, [account.id])).toEqual([]);
      expect(await accounts.byIds(b, [account.id])).toEqual([]);
      await expect(accounts.usableCredentials(a2, account.id)).rejects.toThrow(ACCOUNT_404);
      await expect(accounts.usableCredentials(b, account.id)).rejects.toThrow(ACCOUNT_404);
    });

    it("lists never carry another client's or another agency's accounts", async () => {
      const ofA1 = await world.freshAccount(world.clientA1.id);
      const unassigned = await world.freshAccount(null);
      expect(ids(await accounts.list(a1))).toContain(ofA1.id);
      expect(ids(await accounts.list(a))).toEqual(expect.arrayContaining([ofA1.id, unassigned.id]));
      const ofA2 = ids(await accounts.list(a2));
      expect(ofA2).not.toContain(ofA1.id);
      expect(ofA2).not.toContain(unassigned.id);
      const ofB = ids(await accounts.list(b));
      expect(ofB).not.toContain(ofA1.id);
      expect(ofB).not.toContain(unassigned.id);
      // Narrowing to a client is a filter on the scope, never a way out of it.
      expect(ids(await accounts.list(a, { clientId: world.clientA1.id }))).toEqual(expect.arrayContaining([ofA1.id]));
      await expect(accounts.list(a2, { clientId: world.clientA1.id })).rejects.toThrow(CLIENT_404);
      await expect(accounts.list(b, { clientId: world.clientA1.id })).rejects.toThrow(CLIENT_404);
    });

    it('foreign scopes can neither disconnect, assign nor mark an account, and nothing changes', async () => {
      const account = await world.freshAccount(world.clientA1.id);
      await expect(accounts.disconnect(actor(a2), account.id)).rejects.toThrow(ACCOUNT_404);
      await expect(accounts.disconnect(actor(b), account.id)).rejects.toThrow(ACCOUNT_404);
      await expect(accounts.assign(actor(b), account.id, null)).rejects.toThrow(ACCOUNT_404);
      await expect(accounts.assign(actor(a2), account.id, world.clientA2.id)).rejects.toThrow(ACCOUNT_404);
      // Agency A cannot hand its account to a client of agency B either.
      await expect(accounts.assign(actor(a), account.id, clientB1.id)).rejects.toThrow(CLIENT_404);
      await accounts.markNeedsReconnect(b, account.id, 'refused', account.tokenVersion);
      await accounts.markNeedsReconnect(a2, account.id, 'refused', account.tokenVersion);
      expect(await reload(account)).toMatchObject({ status: 'active', clientId: world.clientA1.id, problem: null });
      // The owner's own scope still works, so the refusals above are about the scope.
      await accounts.disconnect(actor(a1), account.id);
      expect(await reload(account)).toMatchObject({ status: 'disconnected', clientId: null });
    });
  });

  describe('connect links (service)', () => {
    it("a client scope or another agency can neither list, create nor revoke a client's links", async () => {
      const link = await world.freshConnectLink();
      expect(ids(await links.list(a, world.clientA1.id))).toContain(link.id);
      expect(ids(await links.list(a1, world.clientA1.id))).toContain(link.id);
      await expect(links.list(a2, world.clientA1.id)).rejects.toThrow(CLIENT_404);
      await expect(links.list(b, world.clientA1.id)).rejects.toThrow(CLIENT_404);
      expect(ids(await links.list(a2, world.clientA2.id))).not.toContain(link.id);
      await expect(links.revoke(actor(a2), link.id)).rejects.toThrow(LINK_404);
      await expect(links.revoke(actor(b), link.id)).rejects.toThrow(LINK_404);
      const before = await t.db.getRepository(ConnectLink).countBy({ clientId: world.clientA1.id });
      await expect(links.create(actor(b), world.clientA1.id)).rejects.toThrow(CLIENT_404);
      await expect(links.create(actor(a2), world.clientA1.id)).rejects.toThrow(CLIENT_404);
      expect(await t.db.getRepository(ConnectLink).countBy({ clientId: world.clientA1.id })).toBe(before);
      expect(await t.db.getRepository(ConnectLink).findOneByOrFail({ id: link.id })).toMatchObject({
        revokedAt: null,
      });
    });
  });

  describe('releasing a deleted client (service)', () => {
    it("unassigns the client's accounts, revokes its links and fails its waiting posts, and nobody else's", async () => {
      const gone = await world.freshClient();
      const account = await world.freshAccount(gone.id);
      const post = await world.freshPost('scheduled', gone.id);
      const link = await t.db.getRepository(ConnectLink).save(
        t.db.getRepository(ConnectLink).create({
          agencyId: world.agencyA.id,
          clientId: gone.id,
          tokenHash: `isolation-${gone.id}`,
          tokenSealed: 'v1.unused.unused.unused',
          expiresAt: new Date(Date.now() + 86400_000),
        }),
      );
      const neighbour = await world.freshAccount(world.clientA2.id);
      const neighbourPost = await world.freshPost('scheduled', world.clientA2.id);
      const foreign = await world.freshAccount(clientB1.id, world.agencyB.id);

      await t.app.get(TenantData).transaction((tx) => releaseClientSocialData(tx, a, gone.id));

      expect(await reload(account)).toMatchObject({ status: 'active', clientId: null });
      expect((await t.db.getRepository(ConnectLink).findOneByOrFail({ id: link.id })).revokedAt).not.toBeNull();
      expect(await t.db.getRepository(Post).findOneByOrFail({ id: post.id })).toMatchObject({ status: 'failed' });
      expect(await reload(neighbour)).toMatchObject({ clientId: world.clientA2.id });
      expect(await reload(foreign)).toMatchObject({ clientId: clientB1.id });
      expect(await t.db.getRepository(Post).findOneByOrFail({ id: neighbourPost.id })).toMatchObject({
        status: 'scheduled',
      });
    });
  });

  describe('OAuth round trips (service)', () => {
    const stateOf = (purpose: OAuthConnectState['purpose'], clientId: string | null) =>
      Object.assign(new OAuthConnectState(), { agencyId: world.agencyA.id, purpose, clientId });
    const agencyCtx = (scope: AgencyScope): AgencyContext => ({
      audience: 'agency',
      agencyId: scope.agencyId,
      agencyRole: 'owner',
      scope,
      userId: 'user',
      sessionId: 'session',
      profile: testProfile,
      ip: null,
      userAgent: null,
    });
    const clientCtx = (scope: ClientScope): ClientContext => {
      const membership = { clientId: scope.clientId, clientName: '', role: 'admin' as const, permissions: ALL };
      return {
        audience: 'client',
        agencyId: scope.agencyId,
        client: membership,
        memberships: [membership],
        scope,
        userId: 'user',
        sessionId: 'session',
        profile: testProfile,
        ip: null,
        userAgent: null,
      };
    };

    it('a round trip is finished only within its own tenant, for a client the finisher still holds', async () => {
      await expect(connect.sessionActor(agencyCtx(a), stateOf('agency', world.clientA1.id))).resolves.toMatchObject({
        scope: a,
      });
      await expect(connect.sessionActor(clientCtx(a1), stateOf('portal', world.clientA1.id))).resolves.toMatchObject({
        scope: { kind: 'client', clientId: world.clientA1.id },
      });
      await expect(connect.sessionActor(agencyCtx(b), stateOf('agency', null))).rejects.toThrow(ForbiddenException);
      await expect(connect.sessionActor(clientCtx(a2), stateOf('portal', world.clientA1.id))).rejects.toThrow(
        ForbiddenException,
      );
      // An agency round trip aimed at another agency's client finds no such client.
      await expect(connect.sessionActor(agencyCtx(a), stateOf('agency', clientB1.id))).rejects.toThrow(CLIENT_404);
    });
  });

  describe('lists and counts never include foreign rows (HTTP)', () => {
    const as = (who: Exclude<MatrixActor, 'anonymous'>, path: string) => world.get(who, path);

    it("agency B can neither list nor revoke agency A's connect links", async () => {
      const link = await world.freshConnectLink();
      const own = await as('agencyOwner', `/api/v1/clients/${world.clientA1.id}/connect-links`);
      expect(own.body.map((l: { id: string }) => l.id)).toContain(link.id);
      const listed = await as('otherAgency', `/api/v1/clients/${world.clientA1.id}/connect-links`);
      expect(listed.status).toBe(404);
      expect(JSON.stringify(listed.body)).not.toContain(link.id);
      const revoked = await t
        .http()
        .delete(`/api/v1/connect-links/${link.id}`)
        .set('Authorization', `Bearer ${world.tokens.otherAgency}`);
      expect(revoked.status).toBe(404);
      expect(await t.db.getRepository(ConnectLink).findOneByOrFail({ id: link.id })).toMatchObject({
        revokedAt: null,
      });
    });
  });
});
