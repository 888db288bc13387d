import { NotFoundException } from '@nestjs/common';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { MatrixWorld } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import type { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, clientScope, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { MemberDirectoryService } from '../members/member-directory.service';
import { Invitation } from './entities/invitation.entity';
import { InvitationsService, type InvitationTarget } from './invitations.service';

const ALL = [...CLIENT_PERMISSIONS];
const actorOf = (scope: TenantScope, user: User): Actor => ({ scope, userId: user.id, ip: null, userAgent: null });
const INVITATION_NOT_FOUND = new NotFoundException('Invitation not found');

/**
 * Invitations: a client admin of A2 reaches none of client A1's invitations (nor the agency's
 * team invitations), even given their ids; agency B reaches none of agency A's. Foreign ids answer
 * 404 exactly like unknown ones, and nothing changes.
 */
describe('Invitations isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let invitations: InvitationsService;
  /** A client admin of A2, acting in the portal with their client scope. */
  let a2Admin: Actor;
  /** An admin of agency B, acting with B's agency scope. */
  let bAdmin: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    invitations = t.app.get(InvitationsService);
    const a2User = await world.factory.clientUser(world.clientA2, 'admin');
    a2Admin = actorOf(clientScope(world.agencyA.id, world.clientA2.id, ALL, 'admin'), a2User);
    const bUser = await world.factory.agencyUser(world.agencyB, 'admin');
    bAdmin = actorOf(agencyScope(world.agencyB.id, 'admin'), bUser);
  });
  afterAll(() => t.close());

  const toA1 = (): InvitationTarget => ({ audience: 'client', clientId: world.clientA1.id });
  const toA2 = (): InvitationTarget => ({ audience: 'client', clientId: world.clientA2.id });
  const input = { name: 'Foreign Invitee', email: 'foreign-invitee@example.com', role: 'member' };
  const statusOf = async (invitation: Invitation) =>
    (await t.db.getRepository(Invitation).findOneByOrFail({ id: invitation.id })).status;
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

  describe('service level: a client scope of A2', () => {
    it("cannot list client A1's invitations", async () => {
      const a1Invite = await world.freshInvitation(world.clientA1.id);
      const a2Invite = await world.freshInvitation(world.clientA2.id);
      const own = await invitations.openRows(a2Admin.scope, toA2());
      expect(ids(own)).toContain(a2Invite.id);
      expect(ids(own)).not.toContain(a1Invite.id);
      // Naming A1 does not widen the client scope: it still reads its own client only.
      expect(ids(await invitations.openRows(a2Admin.scope, toA1()))).not.toContain(a1Invite.id);
      const counts = await invitations.countOpenByClient(a2Admin.scope, [world.clientA1.id, world.clientA2.id]);
      expect(counts.has(world.clientA1.id)).toBe(false);
      const people = await t.app.get(MemberDirectoryService).clientMembers(a2Admin.scope, world.clientA2.id);
      expect(ids(people)).not.toContain(a1Invite.id);
    });

    it("cannot resend or revoke client A1's invitations, even given their ids", async () => {
      const a1Invite = await world.freshInvitation(world.clientA1.id);
      for (const target of [toA1(), toA2()]) {
        await expect(invitations.resend(a2Admin, target, a1Invite.id)).rejects.toThrow(INVITATION_NOT_FOUND);
        await expect(invitations.revoke(a2Admin, target, a1Invite.id)).rejects.toThrow(INVITATION_NOT_FOUND);
      }
      expect(await statusOf(a1Invite)).toBe('pending');
      expect(await t.emailsTo(a1Invite.email)).toHaveLength(0);
    });

    it("cannot invite to client A1, nor reach the agency's team invitations", async () => {
      await expect(invitations.invite(a2Admin, toA1(), input)).rejects.toThrow(
        new NotFoundException('Client not found'),
      );
      const teamInvite = await world.freshInvitation(null);
      await expect(invitations.revoke(a2Admin, { audience: 'agency' }, teamInvite.id)).rejects.toThrow(
        INVITATION_NOT_FOUND,
      );
      await expect(invitations.revoke(a2Admin, toA2(), teamInvite.id)).rejects.toThrow(INVITATION_NOT_FOUND);
      expect(await statusOf(teamInvite)).toBe('pending');
      expect(ids(await invitations.openRows(a2Admin.scope, { audience: 'agency' }))).toEqual([]);
    });
  });

  describe("service level: agency B's scope", () => {
    it("answers 404 for agency A's client and team invitations, and changes none of them", async () => {
      const clientInvite = await world.freshInvitation(world.clientA1.id);
      const teamInvite = await world.freshInvitation(null);
      await expect(invitations.resend(bAdmin, toA1(), clientInvite.id)).rejects.toThrow(INVITATION_NOT_FOUND);
      await expect(invitations.revoke(bAdmin, toA1(), clientInvite.id)).rejects.toThrow(INVITATION_NOT_FOUND);
      await expect(invitations.resend(bAdmin, { audience: 'agency' }, teamInvite.id)).rejects.toThrow(
        INVITATION_NOT_FOUND,
      );
      await expect(invitations.revoke(bAdmin, { audience: 'agency' }, teamInvite.id)).rejects.toThrow(
        INVITATION_NOT_FOUND,
      );
      await expect(invitations.invite(bAdmin, toA1(), input)).rejects.toThrow(
        new NotFoundException('Client not found'),
      );
      expect(await statusOf(clientInvite)).toBe('pending');
      expect(await statusOf(teamInvite)).toBe('pending');
    });

    it("lists and counts none of agency A's invitations, and revokes none of them in bulk", async () => {
      const clientInvite = await world.freshInvitation(world.clientA1.id);
      const teamInvite = await world.freshInvitation(null);
      expect(ids(await invitations.openRows(bAdmin.scope, toA1()))).toEqual([]);
      expect(ids(await invitations.openRows(bAdmin.scope, { audience: 'agency' }))).not.toContain(teamInvite.id);
      expect((await invitations.countOpenByClient(bAdmin.scope, [world.clientA1.id])).size).toBe(0);
      const tenant = t.app.get(TenantData);
      await tenant.transaction((tx) => invitations.revokeAllForClient(tx, bAdmin.scope, world.clientA1.id));
      expect(await statusOf(clientInvite)).toBe('pending');
    });
  });

  describe('over HTTP', () => {
    it("a client admin cannot resend or cancel another client's invitation from the portal", async () => {
      const a1Invite = await world.freshInvitation(world.clientA1.id);
      const portal = (method: 'post' | 'delete', path: string) =>
        t.http()[method](path).set('Authorization', `Bearer ${world.tokens.otherClient}`);
      const resend = await portal('post', `/api/v1/portal/team/invitations/${a1Invite.id}/resend`);
      expect(resend.status).toBe(404);
      const revoke = await portal('delete', `/api/v1/portal/team/invitations/${a1Invite.id}`);
      expect(revoke.status).toBe(404);
      const forced = await portal('delete', `/api/v1/portal/team/invitations/${a1Invite.id}`).set(
        'X-Atrium-Client',
        world.clientA1.id,
      );
      expect(forced.status).toBe(404);
      expect(await statusOf(a1Invite)).toBe('pending');
      const team = (
        await t.http().get('/api/v1/portal/team').set('Authorization', `Bearer ${world.tokens.otherClient}`)
      ).body;
      expect(ids(team.members)).not.toContain(a1Invite.id);
    });

    it("agency B cannot see, resend or revoke agency A's invitations", async () => {
      const clientInvite = await world.freshInvitation(world.clientA1.id);
      const asB = (method: 'get' | 'post' | 'delete', path: string) =>
        t.http()[method](path).set('Authorization', `Bearer ${world.tokens.otherAgency}`);
      expect((await asB('get', `/api/v1/clients/${world.clientA1.id}/users`)).status).toBe(404);
      const base = `/api/v1/clients/${world.clientA1.id}/invitations/${clientInvite.id}`;
      expect((await asB('post', `${base}/resend`)).status).toBe(404);
      expect((await asB('delete', base)).status).toBe(404);
      const teamInvite = await world.freshInvitation(null);
      expect((await asB('delete', `/api/v1/team/invitations/${teamInvite.id}`)).status).toBe(404);
      expect(ids((await asB('get', '/api/v1/team')).body.members)).not.toContain(teamInvite.id);
      expect(await statusOf(clientInvite)).toBe('pending');
      expect(await statusOf(teamInvite)).toBe('pending');
    });
  });
});
