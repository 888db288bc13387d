import { randomBytes } from 'node:crypto';
import type { AgencyRole, ClientPermission, ClientRole } from '@atrium/shared';
import { Agency } from '../../src/core/tenancy/entities/agency.entity';
import { PasswordService } from '../../src/modules/auth/password.service';
import { Client } from '../../src/core/tenancy/entities/client.entity';
import { ClientMembership } from '../../src/core/tenancy/entities/client-membership.entity';
import { AgencyMembership } from '../../src/core/tenancy/entities/agency-membership.entity';
import { User } from '../../src/core/tenancy/entities/user.entity';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'a perfectly fine passphrase';
let hashed: Promise<string> | null = null;
const passwordHash = () => (hashed ??= new PasswordService().hash(TEST_PASSWORD));

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(4).toString('hex')}@example.com`;

/** Builds tenant data directly in the database, the way the product would have created it. */
export class Factory {
  constructor(private readonly t: TestApp) {}

  async agency(name = 'Agency ' + randomBytes(3).toString('hex')): Promise<Agency> {
    const repository = this.t.db.getRepository(Agency);
    return repository.save(repository.create({ name, plan: 'full', status: 'active' }));
  }

  async agencyUser(agency: Agency, role: AgencyRole = 'member', email = uniqueEmail(role)): Promise<User> {
    const user = await this.user(agency, 'agency', email);
    const memberships = this.t.db.getRepository(AgencyMembership);
    await memberships.save(memberships.create({ agencyId: agency.id, userId: user.id, role }));
    return user;
  }

  async client(
    agency: Agency,
    permissions: ClientPermission[] = ['calendar.view'],
    name = 'Client ' + randomBytes(3).toString('hex'),
  ): Promise<Client> {
    const repository = this.t.db.getRepository(Client);
    return repository.save(repository.create({ agencyId: agency.id, name, permissions }));
  }

  async clientUser(client: Client, role: ClientRole = 'member', email = uniqueEmail('client')): Promise<User> {
    const agency = await this.t.db.getRepository(Agency).findOneByOrFail({ id: client.agencyId });
    const user = await this.user(agency, 'client', email);
    await this.addToClient(user, client, role);
    return user;
  }

  async addToClient(user: User, client: Client, role: ClientRole = 'member'): Promise<void> {
    const memberships = this.t.db.getRepository(ClientMembership);
    await memberships.save(
      memberships.create({
        agencyId: client.agencyId,
        clientId: client.id,
        userId: user.id,
        role,
      }),
    );
  }

  /** Signs in through the API; returns the access token and the refresh cookie. */
  async signIn(email: string, password = TEST_PASSWORD): Promise<{ accessToken: string; cookie: string }> {
    const response = await this.t.http().post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200)
      throw new Error(`Sign-in failed for ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return {
      accessToken: response.body.accessToken,
      cookie: refreshCookieFrom(response.headers['set-cookie']),
    };
  }

  private async user(agency: Agency, kind: 'agency' | 'client', email: string): Promise<User> {
    const repository = this.t.db.getRepository(User);
    return repository.save(
      repository.create({
        agencyId: agency.id,
        kind,
        email,
        name: `Test ${kind}`,
        passwordHash: await passwordHash(),
        emailConfirmedAt: new Date(),
        lastLoginAt: null,
      }),
    );
  }
}

export function refreshCookieFrom(setCookie: string | string[] | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = cookies.find((c) => c.startsWith('atrium_rt='));
  if (!cookie) throw new Error('No refresh cookie was set');
  return cookie.split(';')[0];
}
