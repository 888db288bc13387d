import { NotFoundException } from '@nestjs/common';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { MatrixWorld } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { Session } from '../../core/tenancy/entities/session.entity';
import type { User } from '../../core/tenancy/entities/user.entity';
import { agencyScope, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { ViewAsService } from './view-as.service';

const viewerOf = (scope: AgencyScope, user: User) => ({ scope, userId: user.id, ip: null, userAgent: null });

/**
 * View as client: an agency scope reaches only its own clients' people. Agency B, given agency A's
 * client and person ids, gets 404 exactly as for unknown ids, and no session is made for anyone.
 */
describe('View as client isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let viewAs: ViewAsService;
  let aPerson: User;
  let bPerson: User;
  let aOwner: ReturnType<typeof viewerOf>;
  let bOwner: ReturnType<typeof viewerOf>;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    viewAs = t.app.get(ViewAsService);
    aPerson = await world.factory.clientUser(world.clientA1, 'admin');
    const clientB = await world.factory.client(world.agencyB, [...CLIENT_PERMISSIONS]);
    bPerson = await world.factory.clientUser(clientB, 'admin');
    aOwner = viewerOf(agencyScope(world.agencyA.id, 'owner'), await world.factory.agencyUser(world.agencyA, 'owner'));
    bOwner = viewerOf(agencyScope(world.agencyB.id, 'owner'), await world.factory.agencyUser(world.agencyB, 'owner'));
  });
  afterAll(() => t.close());

  const sessionsOf = (user: User) => t.db.getRepository(Session).countBy({ userId: user.id });

  it("service level: agency B cannot view agency A's client, nor its people under its own client", async () => {
    await expect(viewAs.start(bOwner, world.clientA1.id, aPerson.id)).rejects.toThrow(
      new NotFoundException('Client not found'),
    );
    const clientB = await world.factory.client(world.agencyB);
    await expect(viewAs.start(bOwner, clientB.id, aPerson.id)).rejects.toThrow(new NotFoundException('User not found'));
    expect(await sessionsOf(aPerson)).toBe(0);
  });

  it('service level: agency A cannot view a person of agency B through one of its own clients', async () => {
    await expect(viewAs.start(aOwner, world.clientA1.id, bPerson.id)).rejects.toThrow(
      new NotFoundException('User not found'),
    );
    expect(await sessionsOf(bPerson)).toBe(0);
  });

  it('service level: a person of client A2 is not viewable as one of client A1', async () => {
    const a2Person = await world.factory.clientUser(world.clientA2, 'member');
    await expect(viewAs.start(aOwner, world.clientA1.id, a2Person.id)).rejects.toThrow(
      new NotFoundException('User not found'),
    );
    const own = await viewAs.start(aOwner, world.clientA2.id, a2Person.id);
    expect(own.accessToken).toEqual(expect.any(String));
  });

  it('HTTP: agency B gets 404 for agency A ids, as for unknown ones', async () => {
    const foreign = await t
      .http()
      .post(`/api/v1/clients/${world.clientA1.id}/view-as`)
      .set('Authorization', `Bearer ${world.tokens.otherAgency}`)
      .send({ userId: aPerson.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('Client not found');
  });
});
