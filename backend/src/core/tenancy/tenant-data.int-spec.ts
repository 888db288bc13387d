import { NotFoundException } from '@nestjs/common';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { Factory } from '../../../test/support/factories';
import { MatrixWorld } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { accessRule } from './access-rule';
import { CompiledQuery } from './compiled-query';
import { AgencyMembership } from './entities/agency-membership.entity';
import { Client } from './entities/client.entity';
import { ClientMembership } from './entities/client-membership.entity';
import { TenantData } from './tenant-data';
import { agencyScope, clientScope, TenantScope } from './tenant-scope';

const ALL = [...CLIENT_PERMISSIONS];
const MEMBERSHIP_READ = accessRule({
  name: 'membership.read',
  entity: ClientMembership,
  notFound: 'Person not found',
});
const MEMBERSHIP_MANAGE = accessRule({
  name: 'membership.manage',
  entity: ClientMembership,
  clientPermission: 'users.manage',
  notFound: 'Person not found',
});

/**
 * The data-access layer itself: whatever a caller asks, the tenant condition of its scope is on the
 * query. Agency A has clients A1 and A2; agency B is another tenant. Client memberships stand for
 * any client-owned row (the features' own isolation specs cover theirs).
 */
describe('TenantData', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let tenant: TenantData;
  let a: TenantScope;
  let b: TenantScope;
  let a1: TenantScope;
  let a2: TenantScope;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    tenant = t.app.get(TenantData);
    a = agencyScope(world.agencyA.id, 'owner');
    b = agencyScope(world.agencyB.id, 'owner');
    a1 = clientScope(world.agencyA.id, world.clientA1.id, ALL, 'admin');
    a2 = clientScope(world.agencyA.id, world.clientA2.id, ALL, 'admin');
  });
  const membershipOf = async (client: Client): Promise<ClientMembership> => {
    const user = await world.freshClientUser(client);
    return t.db.getRepository(ClientMembership).findOneByOrFail({ userId: user.id, clientId: client.id });
  };
  afterAll(() => t.close());

  it('finds a row of the scope and answers 404 for rows of another client or agency', async () => {
    const row = await membershipOf(world.clientA1);
    await expect(tenant.findOwned(a, ClientMembership, row.id)).resolves.toMatchObject({ id: row.id });
    await expect(tenant.findOwned(a1, ClientMembership, row.id)).resolves.toMatchObject({ id: row.id });
    await expect(tenant.findOwned(a2, ClientMembership, row.id, { notFound: 'Person not found' })).rejects.toThrow(
      new NotFoundException('Person not found'),
    );
    await expect(tenant.findOwned(b, ClientMembership, row.id)).rejects.toBeInstanceOf(NotFoundException);
    // A `where` naming the other client cannot widen the scope: the scope's values win.
    await expect(
      tenant.findOwnedOrNull(a2, ClientMembership, row.id, { where: { clientId: world.clientA1.id } }),
    ).resolves.toBeNull();
  });

  it('runs a compiled query in the scope it is given, each run with its own values', async () => {
    const mine = await membershipOf(world.clientA1);
    const theirs = await membershipOf(world.clientA2);
    const since = new Date(Date.now() - 3600_000);
    // Compiled once per dialect and scope kind: the scopes and values below reuse the same SQL.
    const byUser = new CompiledQuery<{ userId: string; since: Date }>(['userId', 'since'], (data, scope, params) =>
      data
        .query(scope, ClientMembership, 'm')
        .select(['m.id AS "id"'])
        .where('m.userId = :userId AND m.createdAt >= :since', params),
    );
    const run = async (scope: TenantScope, userId: string, after = since) =>
      (
        await tenant.runCompiled<{ id: string }, { userId: string; since: Date }>(scope, byUser, {
          userId,
          since: after,
        })
      ).map((row) => row.id);

    expect(await run(a1, mine.userId)).toEqual([mine.id]);
    expect(await run(a2, theirs.userId)).toEqual([theirs.id]);
    // Another client's or agency's row is out of the scope, whatever the values ask for.
    expect(await run(a2, mine.userId)).toEqual([]);
    expect(await run(b, mine.userId)).toEqual([]);
    // The agency scope (compiled separately) reaches both clients' rows.
    expect(await run(a, mine.userId)).toEqual([mine.id]);
    expect(await run(a, theirs.userId)).toEqual([theirs.id]);
    // Dates are bound as the dialect stores them.
    expect(await run(a1, mine.userId, new Date(Date.now() + 3600_000))).toEqual([]);
  });

  it('lists and counts only the scope rows, for each branch of an OR', async () => {
    const mine = await membershipOf(world.clientA1);
    const theirs = await membershipOf(world.clientA2);
    const ids = (rows: ClientMembership[]) => rows.map((row) => row.id);
    const asA2 = await tenant.listOwned(a2, ClientMembership, { where: [{ id: mine.id }, { id: theirs.id }] });
    expect(ids(asA2)).toEqual([theirs.id]);
    const asB = await tenant.listOwned(b, ClientMembership, {
      where: [{ id: mine.id }, { clientId: world.clientA1.id }],
    });
    expect(asB).toEqual([]);
    expect(await tenant.countOwned(a2, ClientMembership, { id: mine.id })).toBe(0);
    expect(await tenant.countOwned(a, ClientMembership, [{ id: mine.id }, { id: theirs.id }])).toBe(2);
  });

  it('starts query builders scoped, and a later where() cannot drop the scope', async () => {
    const mine = await membershipOf(world.clientA1);
    const rows = await tenant.query(a2, ClientMembership, 'm').where('m.id = :id', { id: mine.id }).getMany();
    expect(rows).toEqual([]);
    const own = await tenant.query(a1, ClientMembership, 'm').where('m.id = :id', { id: mine.id }).getMany();
    expect(own.map((row) => row.id)).toEqual([mine.id]);
  });

  it('checks access to a batch of ids in one call: any foreign id is a 404', async () => {
    const mine = await membershipOf(world.clientA1);
    const theirs = await membershipOf(world.clientA2);
    await expect(tenant.assertAccess(a1, MEMBERSHIP_READ, [mine.id])).resolves.toBeUndefined();
    await expect(tenant.assertAccess(a1, MEMBERSHIP_READ, [mine.id, theirs.id])).rejects.toThrow('Person not found');
    await expect(tenant.assertAccess(b, MEMBERSHIP_READ, [mine.id])).rejects.toBeInstanceOf(NotFoundException);
    expect([...(await tenant.accessible(a, MEMBERSHIP_READ, [mine.id, theirs.id, 'unknown']))].sort()).toEqual(
      [mine.id, theirs.id].sort(),
    );
    // Without the rule's permission a client scope reaches nothing, even its own rows.
    const member = clientScope(world.agencyA.id, world.clientA1.id, ['calendar.view'], 'member');
    expect([...(await tenant.accessible(member, MEMBERSHIP_MANAGE, [mine.id]))]).toEqual([]);
    expect([...(await tenant.accessible(a1, MEMBERSHIP_MANAGE, [mine.id]))]).toEqual([mine.id]);
  });

  it('writes rows of the scope only', async () => {
    const row = await membershipOf(world.clientA1);
    expect(await tenant.updateOwned(a2, ClientMembership, { id: row.id }, { role: 'admin' })).toBe(0);
    expect(await tenant.updateOwned(b, ClientMembership, { id: row.id }, { role: 'admin' })).toBe(0);
    expect(await tenant.deleteOwned(b, ClientMembership, { id: row.id })).toBe(0);
    expect((await tenant.findOwned(a, ClientMembership, row.id)).role).toBe('member');
    expect(await tenant.updateOwned(a1, ClientMembership, { id: row.id }, { role: 'admin' })).toBe(1);

    const created = await tenant.insertOwned(b, Client, { name: 'Made in B', permissions: [] });
    expect(created.agencyId).toBe(world.agencyB.id);
    await expect(
      tenant.insertOwned(b, Client, { name: 'Smuggled', permissions: [], agencyId: world.agencyA.id }),
    ).rejects.toThrow(/another tenant/);
  });

  it('finds a live client once, for every feature: deleted and foreign clients are 404', async () => {
    const factory = new Factory(t);
    const gone = await factory.client(world.agencyA, ALL, 'Gone');
    await t.db.getRepository(Client).update({ id: gone.id }, { deletedAt: new Date() });
    await expect(tenant.liveClient(a, world.clientA1.id)).resolves.toMatchObject({ id: world.clientA1.id });
    await expect(tenant.liveClient(a, gone.id)).rejects.toThrow('Client not found');
    await expect(tenant.liveClient(b, world.clientA1.id)).rejects.toThrow('Client not found');
    await expect(tenant.liveClient(a2, world.clientA1.id)).rejects.toThrow('Client not found');
  });

  it('refuses a client scope on rows that belong to the agency as a whole', async () => {
    await expect(tenant.listOwned(a1, AgencyMembership)).rejects.toThrow(/client scope cannot read it/);
    expect((await tenant.listOwned(a, AgencyMembership)).length).toBeGreaterThan(0);
  });

  it('keeps the scope inside transactions, and a failed transaction changes nothing', async () => {
    const row = await membershipOf(world.clientA1);
    await expect(
      tenant.transaction(async (tx) => {
        await tx.updateOwned(a1, ClientMembership, { id: row.id }, { role: 'admin' });
        await tx.findOwned(a2, ClientMembership, row.id);
      }),
    ).rejects.toBeInstanceOf(NotFoundException);
    expect((await tenant.findOwned(a, ClientMembership, row.id)).role).toBe('member');
  });

  it('asks for a reason before it hands out an unscoped manager', () => {
    expect(() => tenant.unscoped('')).toThrow(/reason/);
    expect(tenant.unscoped('test: reads every agency on purpose')).toBeDefined();
  });
});
