import { AuditLog } from '../src/core/audit/audit-log.entity';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import { Factory } from './support/factories';
import { operatorSession, type OperatorSession } from './support/operator-session';
import { startTestApp, TestApp } from './support/test-app';

/** The audit log searched across agencies by an operator (issue 19). */
describe('Platform admin: audit search', () => {
  let t: TestApp;
  let operator: OperatorSession;
  let a: Agency;
  let b: Agency;
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  const search = (query: string) => t.http().get(`/api/v1/admin/audit?${query}`).set(operator.authHeader).expect(200);
  const actions = (body: { items: Array<{ action: string }> }) => body.items.map((item) => item.action);

  beforeAll(async () => {
    t = await startTestApp();
    const f = new Factory(t);
    a = await f.agency('Audit Agency A');
    b = await f.agency('Audit Agency B');
    const user = await f.agencyUser(a, 'owner');
    operator = await operatorSession(t);
    await t.db.getRepository(AuditLog).clear();
    const log = t.db.getRepository(AuditLog);
    await log.save([
      log.create({ agencyId: a.id, actorUserId: user.id, action: 'auth.login', createdAt: minutesAgo(50) }),
      log.create({ agencyId: a.id, actorUserId: user.id, action: 'auth.logout', createdAt: minutesAgo(40) }),
      log.create({
        agencyId: b.id,
        action: 'client.created',
        targetType: 'client',
        targetId: 'c-1',
        createdAt: minutesAgo(30),
      }),
      log.create({
        agencyId: null,
        action: 'platform_admin.agency_suspended',
        targetType: 'agency',
        targetId: b.id,
        details: { operatorId: operator.operatorId, operatorEmail: operator.email, reason: 'spam' },
        createdAt: minutesAgo(20),
      }),
      log.create({ agencyId: b.id, action: 'authentic.other', createdAt: minutesAgo(10) }),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists newest first across agencies, naming each agency', async () => {
    const { body } = await search('limit=10');
    expect(actions(body)).toEqual([
      'authentic.other',
      'platform_admin.agency_suspended',
      'client.created',
      'auth.logout',
      'auth.login',
    ]);
    expect(body.items[0]).toMatchObject({ agencyId: b.id, agencyName: 'Audit Agency B' });
    expect(body.items[1]).toMatchObject({ agencyId: null, agencyName: null });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by action (exact, or a prefix ending with a dot), agency, target and time', async () => {
    expect(actions((await search('action=auth.')).body)).toEqual(['auth.logout', 'auth.login']);
    expect(actions((await search('action=auth.login')).body)).toEqual(['auth.login']);
    expect(actions((await search('action=auth%25')).body)).toEqual([]);
    expect(actions((await search(`agencyId=${b.id}`)).body)).toEqual(['authentic.other', 'client.created']);
    expect(actions((await search(`targetType=agency&targetId=${b.id}`)).body)).toEqual([
      'platform_admin.agency_suspended',
    ]);
    const from = encodeURIComponent(minutesAgo(45).toISOString());
    const to = encodeURIComponent(minutesAgo(25).toISOString());
    expect(actions((await search(`from=${from}&to=${to}`)).body)).toEqual(['client.created', 'auth.logout']);
  });

  it("filters by actor: a user's id, or an operator's id or email", async () => {
    const login = (await search('action=auth.login')).body.items[0];
    expect(actions((await search(`actor=${login.actorUserId}`)).body)).toEqual(['auth.logout', 'auth.login']);
    expect(actions((await search(`actor=${operator.operatorId}`)).body)).toEqual(['platform_admin.agency_suspended']);
    expect(actions((await search(`actor=${encodeURIComponent(operator.email)}`)).body)).toEqual([
      'platform_admin.agency_suspended',
    ]);
    expect(actions((await search('actor=nobody%40example.com')).body)).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = (await search('limit=2')).body;
    expect(actions(first)).toEqual(['authentic.other', 'platform_admin.agency_suspended']);
    const second = (await search(`limit=2&cursor=${first.nextCursor}`)).body;
    expect(actions(second)).toEqual(['client.created', 'auth.logout']);
    const third = (await search(`limit=2&cursor=${second.nextCursor}`)).body;
    expect(actions(third)).toEqual(['auth.login']);
    expect(third.nextCursor).toBeNull();
  });

  it('answers 400 for bad filters and a forged cursor', async () => {
    for (const query of ['limit=0', 'limit=201', 'from=yesterday', 'agencyId=not-a-uuid', 'cursor=garbage']) {
      await t.http().get(`/api/v1/admin/audit?${query}`).set(operator.authHeader).expect(400);
    }
  });
});
