import { MatrixWorld, type Actor as MatrixActor } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { Post } from '../posts/entities/post.entity';
import { SocialAccount } from '../social/entities/social-account.entity';
import { agencyScope, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { AgencyOverviewService } from './agency-overview.service';
import { DashboardService } from './dashboard.service';

/**
 * The agency overview and dashboard count their own agency only: agency A (clients A1 and A2, its
 * team, invitations, accounts and posts) never shows up in agency B's numbers.
 */
describe('Agencies isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let overviews: AgencyOverviewService;
  let dashboards: DashboardService;
  let a: AgencyScope;
  let b: AgencyScope;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    overviews = t.app.get(AgencyOverviewService);
    dashboards = t.app.get(DashboardService);
    a = agencyScope(world.agencyA.id, 'owner');
    b = agencyScope(world.agencyB.id, 'owner');
  });
  afterAll(() => t.close());

  describe('overview and dashboard (service)', () => {
    it("agency B's overview counts agency B only", async () => {
      const ofA = await overviews.overview(a);
      expect(ofA.agency).toMatchObject({ id: world.agencyA.id, name: 'Agency A' });
      // Agency A: clients A1 and A2; owner, admin and member; the client users of A1 and A2.
      expect(ofA.counts.clients).toBeGreaterThanOrEqual(2);
      expect(ofA.counts.agencyUsers).toBeGreaterThanOrEqual(3);
      expect(ofA.counts.clientUsers).toBeGreaterThanOrEqual(3);
      // Agency B, as the matrix builds it: client B1 with one admin, and the owner.
      const ofB = await overviews.overview(b);
      expect(ofB.agency).toMatchObject({ id: world.agencyB.id, name: 'Agency B' });
      expect(ofB.counts).toEqual({ clients: 1, agencyUsers: 1, clientUsers: 1 });
      expect(ofB.owner.email).not.toEqual(ofA.owner.email);
    });

    it("agency B's dashboard lists and counts none of agency A's clients, invitations, accounts and posts", async () => {
      const invitation = await world.freshInvitation(world.clientA1.id);
      const broken = await world.freshAccount(world.clientA1.id);
      await t.db
        .getRepository(SocialAccount)
        .update({ id: broken.id }, { status: 'needs_reconnect', problem: 'refused' });
      const failed = await world.freshPost('draft');
      await t.db.getRepository(Post).update({ id: failed.id }, { status: 'failed' });

      const ofA = await dashboards.forAgency(a);
      expect(ofA.agency.id).toBe(world.agencyA.id);
      const a1 = ofA.clients.find((client) => client.id === world.clientA1.id);
      expect(a1?.invited).toBeGreaterThanOrEqual(1);
      expect(ofA.totals.invited).toBeGreaterThanOrEqual(1);
      expect(ofA.attention.accountsNeedingReconnect).toBeGreaterThanOrEqual(1);
      expect(ofA.attention.failedPosts).toBeGreaterThanOrEqual(1);

      const ofB = await dashboards.forAgency(b);
      expect(ofB.agency.id).toBe(world.agencyB.id);
      expect(ofB.clients.map((client) => client.name)).toEqual(['Client B1']);
      expect(ofB.clients.map((client) => client.id)).not.toContain(world.clientA1.id);
      expect(ofB.totals).toEqual({ clients: 1, invited: 0, joined: 0 });
      expect(ofB.attention).toEqual({ accountsNeedingReconnect: 0, accountsExpiringSoon: 0, failedPosts: 0 });
      expect(JSON.stringify(ofB)).not.toContain(invitation.email);
    });
  });

  describe('lists and counts never include foreign rows (HTTP)', () => {
    const as = (who: Exclude<MatrixActor, 'anonymous'>, path: string) => world.get(who, path);

    it('agency B sees none of agency A in lists, counts and the dashboard', async () => {
      const clients = (await as('otherAgency', '/api/v1/clients?limit=200')).body.items as Array<{ name: string }>;
      expect(clients.some((c) => c.name.startsWith('Client A') || c.name.startsWith('Target'))).toBe(false);
      const overview = (await as('otherAgency', '/api/v1/agency/overview')).body;
      expect(overview.agency.name).toBe('Agency B');
      const dashboard = (await as('otherAgency', '/api/v1/agency/dashboard')).body;
      expect(dashboard.clients.map((c: { name: string }) => c.name)).not.toContain('Client A1');
      const emails = async (actor: Exclude<MatrixActor, 'anonymous'>) =>
        ((await as(actor, '/api/v1/team')).body.members as Array<{ email: string }>).map((m) => m.email);
      const teamA = await emails('agencyOwner');
      const teamB = await emails('otherAgency');
      expect(teamA.length).toBeGreaterThan(0);
      expect(teamB.filter((email) => teamA.includes(email))).toEqual([]);
    });
  });
});
