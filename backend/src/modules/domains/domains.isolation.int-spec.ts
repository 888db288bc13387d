import { NotFoundException } from '@nestjs/common';
import { withoutRequestId } from '../../../test/support/error-body';
import { MatrixWorld } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, clientScope, systemActor, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { CustomDomainsService } from './custom-domains.service';
import { CustomDomain } from './entities/custom-domain.entity';
import { PortalAddressService } from './portal-address.service';

/**
 * Custom-domain isolation: a domain belongs to one agency as a whole. Agency B can neither read,
 * check nor remove agency A's; client users have no say in it; and the TLS proxy's public question
 * answers yes or no, nothing more.
 */
describe('Custom domains isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let domains: CustomDomainsService;
  let scopeA: AgencyScope;
  let scopeB: AgencyScope;
  let domainA: CustomDomain;
  const HOST_A = 'clients.isolation-a.test';

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const rowOfA = () => t.db.getRepository(CustomDomain).findOneByOrFail({ id: domainA.id });

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    domains = t.app.get(CustomDomainsService);
    scopeA = agencyScope(world.agencyA.id, 'owner');
    scopeB = agencyScope(world.agencyB.id, 'owner');
    // Agency A's domain, active (verified and routed here).
    const repository = t.db.getRepository(CustomDomain);
    domainA = await repository.save(
      repository.create({
        agencyId: world.agencyA.id,
        hostname: HOST_A,
        verifiedHostname: HOST_A,
        challengeToken: 'secret-token-of-agency-a-000000000',
        status: 'active',
        routingFound: true,
        verifiedAt: new Date(),
        lastCheckedAt: new Date(),
      }),
    );
  });
  afterAll(() => t.close());

  describe('service level', () => {
    it("agency B's scope never reaches agency A's domain", async () => {
      expect(await domains.view(scopeB)).toBeNull();
      expect((await domains.view(scopeA))?.hostname).toBe(HOST_A);
      await expect(domains.checkNow(scopeB)).rejects.toBeInstanceOf(NotFoundException);
      await expect(domains.remove({ ...systemActor(scopeB), scope: scopeB })).rejects.toBeInstanceOf(NotFoundException);
      const tenant = t.app.get(TenantData);
      await expect(tenant.findOwned(scopeB, CustomDomain, domainA.id)).rejects.toBeInstanceOf(NotFoundException);
      expect(await tenant.listOwned(scopeB, CustomDomain, {})).toEqual([]);
      expect((await tenant.listOwned(scopeA, CustomDomain, {})).map((d) => d.id)).toEqual([domainA.id]);
      expect(await rowOfA()).toMatchObject({ hostname: HOST_A, status: 'active' });
    });

    it('a client scope cannot read domains at all (agency-only data)', async () => {
      const tenant = t.app.get(TenantData);
      const portalScope = clientScope(world.agencyA.id, world.clientA1.id, [], 'admin');
      await expect(tenant.findOwned(portalScope, CustomDomain, domainA.id)).rejects.toThrow();
    });

    it("agency B's portal address is its own slug address, never A's domain", async () => {
      const addresses = t.app.get(PortalAddressService);
      expect(await addresses.baseUrl(world.agencyA.id)).toBe(`https://${HOST_A}`);
      expect(await addresses.baseUrl(world.agencyB.id)).toBe(`${t.config.appUrl}/a/${world.agencyB.slug}`);
    });
  });

  describe('over HTTP', () => {
    it("agency B cannot read, check or delete agency A's domain", async () => {
      const other = bearer(world.tokens.otherAgency);
      const read = await t.http().get('/api/v1/branding/domain').set(other);
      expect(read.status).toBe(200);
      expect(read.body).toBeNull();
      expect((await t.http().post('/api/v1/branding/domain/check').set(other)).status).toBe(404);
      expect((await t.http().delete('/api/v1/branding/domain').set(other)).status).toBe(404);
      const claim = await t.http().put('/api/v1/branding/domain').set(other).send({ hostname: HOST_A });
      expect(claim.status).toBe(409);
      expect(JSON.stringify(claim.body)).not.toContain(domainA.challengeToken);
      expect(JSON.stringify(claim.body)).not.toContain(world.agencyA.name);
      expect(await rowOfA()).toMatchObject({ hostname: HOST_A, status: 'active', agencyId: world.agencyA.id });
    });

    it("client users of agency A get no access to the agency's domain", async () => {
      for (const actor of ['clientAdmin', 'clientMember'] as const) {
        const read = await t.http().get('/api/v1/branding/domain').set(bearer(world.tokens[actor]));
        expect(read.status).toBe(403);
        expect(JSON.stringify(read.body)).not.toContain(HOST_A);
      }
    });

    it('the public TLS question answers yes or no and reveals nothing else', async () => {
      const yes = await t.http().get('/api/internal/tls-ask').query({ domain: HOST_A });
      expect(yes.status).toBe(200);
      expect(yes.body).toEqual({ message: 'Active custom domain.' });
      // A pending claim, a name nobody has, and the installation itself look exactly alike.
      const repository = t.db.getRepository(CustomDomain);
      await repository.save(
        repository.create({
          agencyId: world.agencyB.id,
          hostname: 'pending.isolation-b.test',
          challengeToken: 'secret-token-of-agency-b-000000000',
        }),
      );
      const answers = await Promise.all(
        ['pending.isolation-b.test', 'nobody.isolation.test', 'portal.atrium.test'].map((domain) =>
          t.http().get('/api/internal/tls-ask').query({ domain }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(withoutRequestId(answer.body)).toEqual(withoutRequestId(answers[1].body));
      }
    });
  });
});
