import { NotFoundException } from '@nestjs/common';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { Actor as MatrixActor, MatrixWorld } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import type { User } from '../../core/tenancy/entities/user.entity';
import { agencyScope, clientScope, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { MagicLinksService } from '../magic-links/magic-links.service';
import { MemberDirectoryService } from '../members/member-directory.service';
import { TeamService } from '../team/team.service';
import { ClientMembersService } from './client-members.service';
import { ClientsService } from './clients.service';

const ALL = [...CLIENT_PERMISSIONS];
const actorOf = (scope: TenantScope, user: User): Actor => ({ scope, userId: user.id, ip: null, userAgent: null });
const notFound = (message: string) => new NotFoundException(message);

/**
 * Clients and their people (with the team and client users' sign-in links, which share them): a
 * client admin of A2 reaches nothing of client A1, even given its ids; agency B reaches nothing of
 * agency A. Foreign ids answer 404 exactly like unknown ones.
 */
describe('Clients isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let clients: ClientsService;
  let members: ClientMembersService;
  let directory: MemberDirectoryService;
  /** A client admin of A2, acting in the portal with their client scope. */
  let a2Admin: Actor;
  /** An admin of agency B, acting with B's agency scope. */
  let bAdmin: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    clients = t.app.get(ClientsService);
    members = t.app.get(ClientMembersService);
    directory = t.app.get(MemberDirectoryService);
    const a2User = await world.factory.clientUser(world.clientA2, 'admin');
    a2Admin = actorOf(clientScope(world.agencyA.id, world.clientA2.id, ALL, 'admin'), a2User);
    const bUser = await world.factory.agencyUser(world.agencyB, 'admin');
    bAdmin = actorOf(agencyScope(world.agencyB.id, 'admin'), bUser);
  });
  afterAll(() => t.close());

  const membershipOf = (user: User, client: Client) =>
    t.db.getRepository(ClientMembership).findOneByOrFail({ userId: user.id, clientId: client.id });
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

  describe('service level: a client scope of A2', () => {
    it("cannot list client A1's people, by A1's id or under its own", async () => {
      const person = await world.freshClientUser(world.clientA1);
      await expect(directory.clientMembers(a2Admin.scope, world.clientA1.id)).rejects.toThrow(
        notFound('Client not found'),
      );
      const own = await directory.clientMembers(a2Admin.scope, world.clientA2.id);
      expect(ids(own)).toContain(a2Admin.userId);
      expect(ids(own)).not.toContain(person.id);
      expect(await directory.clientMember(a2Admin.scope, world.clientA2.id, person.id)).toBeNull();
    });

    it("cannot change or remove client A1's people, even given their ids", async () => {
      const person = await world.freshClientUser(world.clientA1);
      for (const clientId of [world.clientA1.id, world.clientA2.id]) {
        await expect(members.changeRole(a2Admin, clientId, person.id, 'admin')).rejects.toBeInstanceOf(
          NotFoundException,
        );
        await expect(members.remove(a2Admin, clientId, person.id)).rejects.toBeInstanceOf(NotFoundException);
      }
      await expect(members.remove(a2Admin, world.clientA2.id, person.id)).rejects.toThrow(notFound('User not found'));
      await expect(members.bulkRemove(a2Admin, world.clientA1.id, [person.id])).rejects.toThrow(
        notFound('Client not found'),
      );
      expect(await members.bulkRemove(a2Admin, world.clientA2.id, [person.id])).toEqual({
        done: 0,
        skipped: [person.id],
      });
      expect(await membershipOf(person, world.clientA1)).toMatchObject({ role: 'member', status: 'active' });
    });

    it('reaches its own client only, in the clients list and by id', async () => {
      const page = await clients.list(a2Admin.scope, 200);
      expect(ids(page.items)).toEqual([world.clientA2.id]);
      await expect(clients.summary(a2Admin.scope, world.clientA1.id)).rejects.toThrow(notFound('Client not found'));
      await expect(clients.update(a2Admin, world.clientA1.id, { name: 'Renamed' })).rejects.toThrow(
        notFound('Client not found'),
      );
    });
  });

  describe("service level: agency B's scope", () => {
    it("answers 404 for agency A's clients, and lists none of them", async () => {
      const target = await world.freshClient();
      const page = await clients.list(bAdmin.scope, 200);
      expect(ids(page.items).filter((id) => [world.clientA1.id, world.clientA2.id, target.id].includes(id))).toEqual(
        [],
      );
      await expect(clients.summary(bAdmin.scope, target.id)).rejects.toThrow(notFound('Client not found'));
      await expect(clients.update(bAdmin, target.id, { name: 'Taken over' })).rejects.toThrow(
        notFound('Client not found'),
      );
      await expect(clients.remove(bAdmin, target.id)).rejects.toThrow(notFound('Client not found'));
      const after = await t.db.getRepository(Client).findOneByOrFail({ id: target.id });
      expect(after).toMatchObject({ name: target.name, deletedAt: null });
    });

    it("answers 404 for agency A's client people, and changes none of them", async () => {
      const person = await world.freshClientUser(world.clientA1);
      await expect(directory.clientMembers(bAdmin.scope, world.clientA1.id)).rejects.toThrow(
        notFound('Client not found'),
      );
      await expect(members.changeRole(bAdmin, world.clientA1.id, person.id, 'admin')).rejects.toThrow(
        notFound('Client not found'),
      );
      await expect(members.remove(bAdmin, world.clientA1.id, person.id)).rejects.toThrow(notFound('Client not found'));
      await expect(members.bulkRemove(bAdmin, world.clientA1.id, [person.id])).rejects.toThrow(
        notFound('Client not found'),
      );
      expect(await membershipOf(person, world.clientA1)).toMatchObject({ role: 'member', status: 'active' });
    });

    it("answers 404 for agency A's team, and lists none of it", async () => {
      const team = t.app.get(TeamService);
      const colleague = await world.freshTeamMember();
      expect(ids((await team.list(bAdmin.scope)).members)).not.toContain(colleague.id);
      await expect(team.changeRole(bAdmin, colleague.id, 'admin')).rejects.toThrow(notFound('User not found'));
      await expect(team.remove(bAdmin, colleague.id)).rejects.toThrow(notFound('User not found'));
      const membership = await t.db.getRepository(AgencyMembership).findOneByOrFail({ userId: colleague.id });
      expect(membership).toMatchObject({ role: 'member', status: 'active' });
    });

    it("makes no sign-in link for agency A's client users, and skips them in bulk", async () => {
      const magicLinks = t.app.get(MagicLinksService);
      const person = await world.freshClientUser(world.clientA1);
      await expect(magicLinks.issueLink(bAdmin, person.id)).rejects.toThrow(notFound('User not found'));
      await expect(magicLinks.revoke(bAdmin, person.id)).rejects.toThrow(notFound('User not found'));
      expect(await magicLinks.sendLoginEmails(bAdmin, [person.id])).toEqual({ done: 0, skipped: [person.id] });
      expect(await t.emailsTo(person.email)).toHaveLength(0);
    });
  });

  // Copied from test/authorization-matrix.int-spec.ts ('lists and counts never include foreign rows'):
  // the leak tests about clients, their people, the team and bulk actions on client users.
  describe('lists and counts never include foreign rows', () => {
    const as = (actor: Exclude<MatrixActor, 'anonymous'>, path: string) => world.get(actor, path);

    it("a client user never sees another client's people, even of the same agency", async () => {
      const team = (await as('otherClient', '/api/v1/portal/team')).body;
      expect(team.client.id).toBe(world.clientA2.id);
      const a1 = (await as('clientAdmin', '/api/v1/portal/team')).body.members.map((m: { id: string }) => m.id);
      for (const member of team.members) expect(a1).not.toContain(member.id);
    });

    it('a client user cannot pick a foreign client with X-Atrium-Client', async () => {
      const response = await as('otherClient', '/api/v1/portal/team').set('X-Atrium-Client', world.clientA1.id);
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain(world.clientA1.name);
    });

    it('bulk actions skip ids of other agencies', async () => {
      const target = await world.freshClientUser();
      const response = await t
        .http()
        .post('/api/v1/client-users/login-emails')
        .set('Authorization', `Bearer ${world.tokens.otherAgency}`)
        .send({ userIds: [target.id] });
      expect(response.body).toEqual({ done: 0, skipped: [target.id] });
      expect(await t.emailsTo(target.email)).toHaveLength(0);
    });
  });
});
