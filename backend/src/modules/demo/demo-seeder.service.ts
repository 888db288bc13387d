import { attachDemoPictures, seedDemoMedia } from './demo-media';
import { FileStorage } from '../../core/storage/file-storage';
import { seedDemoSocial } from './demo-social';
import { seedDemoMessages } from './demo-messages';
import { seedDemoBilling } from './demo-billing';
import { connectSandboxForDemo } from '../billing/payments/demo-sandbox';
import { SandboxPayServer } from '../local-payments/sandbox-pay.server';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { slugFromName } from '../../core/tenancy/agency-slug';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { TOKEN_TTL_MS } from '../auth/one-time-token.service';
import { PasswordService } from '../auth/password.service';
import { hashToken, newSecretToken } from '../auth/token-hash';
import { Invitation } from '../invitations/entities/invitation.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import {
  DEMO_AGENCIES,
  DEMO_EXTRA_MEMBERSHIPS,
  DEMO_PASSWORD,
  DEMO_PENDING_INVITATIONS,
  DEMO_TIMEZONES,
} from './demo-data';
import { TenantData } from '../../core/tenancy/tenant-data';

/** Fills an empty database with the demo agencies, clients and users (all emails confirmed). */
@Injectable()
export class DemoSeederService {
  private readonly logger = new Logger('DemoSeeder');

  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
    private readonly passwords: PasswordService,
    private readonly storage: FileStorage,
    private readonly sandboxPay: SandboxPayServer,
  ) {
    this.db = tenant.unscoped('demo seed: creates the demo agencies, so it works across tenants by nature');
  }

  /** Returns false (and changes nothing) when the database already holds an agency. */
  async seed(): Promise<boolean> {
    if ((await this.db.getRepository(Agency).count()) > 0) {
      this.logger.warn('The database already has data; the demo seed only fills an empty database.');
      return false;
    }
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    await this.db.transaction(async (manager) => {
      for (const demo of DEMO_AGENCIES) {
        const agency = await manager.getRepository(Agency).save(
          manager.getRepository(Agency).create({
            name: demo.name,
            plan: this.config.defaultPlan,
            status: 'active',
            slug: slugFromName(demo.name) ?? undefined,
          }),
        );
        for (const person of demo.users) {
          const user = await this.createUser(manager, agency.id, 'agency', person.name, person.email, passwordHash);
          await manager.getRepository(AgencyMembership).save(
            manager.getRepository(AgencyMembership).create({
              agencyId: agency.id,
              userId: user.id,
              role: person.role,
            }),
          );
        }
        for (const demoClient of demo.clients) {
          const client = await manager.getRepository(Client).save(
            manager.getRepository(Client).create({
              agencyId: agency.id,
              name: demoClient.name,
              permissions: demoClient.permissions,
            }),
          );
          for (const person of demoClient.users) {
            const user = await this.createUser(manager, agency.id, 'client', person.name, person.email, passwordHash);
            await this.addClientMembership(manager, agency.id, client.id, user.id, person.role);
          }
        }
      }
      for (const pending of DEMO_PENDING_INVITATIONS) {
        const client = await manager.getRepository(Client).findOneByOrFail({ name: pending.client });
        await manager.getRepository(Invitation).save(
          manager.getRepository(Invitation).create({
            agencyId: client.agencyId,
            clientId: client.id,
            audience: 'client',
            email: pending.email,
            name: pending.name,
            role: pending.role,
            tokenHash: hashToken(newSecretToken()),
            expiresAt: new Date(Date.now() + TOKEN_TTL_MS.invitation),
            invitedByUserId: null,
          }),
        );
      }
      await seedDemoSocial(manager, this.config, await manager.getRepository(Client).find());
      await seedDemoMedia(manager, this.storage, await manager.getRepository(Client).find());
      await attachDemoPictures(manager);
      await seedDemoMessages(manager);
      await seedDemoBilling(manager);
      for (const agency of await manager.getRepository(Agency).find()) {
        await connectSandboxForDemo(manager, this.config, this.sandboxPay, agency.id);
      }
      for (const extra of DEMO_EXTRA_MEMBERSHIPS) {
        const user = await manager.getRepository(User).findOneByOrFail({ email: extra.email });
        const client = await manager
          .getRepository(Client)
          .findOneByOrFail({ agencyId: user.agencyId, name: extra.client });
        await this.addClientMembership(manager, user.agencyId, client.id, user.id, extra.role);
      }
    });
    this.logger.log(`Demo data created. Every demo account's password is "${DEMO_PASSWORD}".`);
    return true;
  }

  private async createUser(
    manager: EntityManager,
    agencyId: string,
    kind: 'agency' | 'client',
    name: string,
    email: string,
    passwordHash: string,
  ): Promise<User> {
    return manager.getRepository(User).save(
      manager.getRepository(User).create({
        agencyId,
        kind,
        name,
        email,
        passwordHash,
        emailConfirmedAt: new Date(),
        lastLoginAt: null,
        timezone: DEMO_TIMEZONES[email] ?? 'UTC',
      }),
    );
  }

  private async addClientMembership(
    manager: EntityManager,
    agencyId: string,
    clientId: string,
    userId: string,
    role: 'admin' | 'member',
  ) {
    await manager
      .getRepository(ClientMembership)
      .save(manager.getRepository(ClientMembership).create({ agencyId, clientId, userId, role }));
  }
}
