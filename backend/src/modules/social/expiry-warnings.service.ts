import { Inject, Injectable } from '@nestjs/common';
import { Between, In, IsNull } from 'typeorm';
import { WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { actionEmail } from '../../core/mail/mail-templates';
import { MailService } from '../../core/mail/mail.service';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { EXPIRY_WARNING_MS } from './account-health';
import { SocialAccount } from './entities/social-account.entity';
import { ProviderRegistry } from './providers/provider-registry';
import { SocialAccountsService } from './social-accounts.service';

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * Emails the agency's owners and admins once when a connection that cannot renew itself enters
 * its last week, so posts do not start failing by surprise. A new token (reconnect, renewal)
 * clears the mark, so the next expiry warns again.
 */
@Injectable()
export class ExpiryWarningsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly accounts: SocialAccountsService,
    private readonly registry: ProviderRegistry,
    private readonly mail: MailService,
  ) {}

  async warn(now = new Date()): Promise<number> {
    const ending = await this.tenant
      .unscoped('expiry warnings: the hourly job looks for ending connections of every agency; each warning is scoped')
      .getRepository(SocialAccount)
      .findBy({
        status: 'active',
        expiryWarnedAt: IsNull(),
        tokenExpiresAt: Between(now, new Date(now.getTime() + EXPIRY_WARNING_MS)),
      });
    let warned = 0;
    for (const account of ending.filter((a) => !this.accounts.renewable(a))) {
      const scope = agencyScope(account.agencyId);
      const emailIds = await this.tenant.transaction(async (tx) => {
        // Claim the warning first: two instances never send it twice.
        const claimed = await tx.updateOwned(
          scope,
          SocialAccount,
          { id: account.id, expiryWarnedAt: IsNull() },
          { expiryWarnedAt: now },
        );
        if (claimed !== 1) return [];
        const agency = await tx.findOwned(scope, Agency, account.agencyId);
        const memberships = await tx.listOwned(scope, AgencyMembership, {
          where: { role: In(['owner', 'admin']), status: 'active' },
        });
        const people = memberships.length
          ? await tx.listOwned(scope, User, { where: { id: In(memberships.map((m) => m.userId)), status: 'active' } })
          : [];
        const platform = this.registry.find(account.provider)?.name ?? account.provider;
        const ids: string[] = [];
        for (const person of people) {
          ids.push(
            await this.mail.queue(tx, {
              to: person.email,
              agencyId: account.agencyId,
              ...actionEmail({
                subject: `${account.displayName} (${platform}) needs reconnecting by ${DATE.format(account.tokenExpiresAt as Date)}`,
                brand: agency.name,
                greeting: `Hi ${person.name},`,
                paragraphs: [
                  `The connection to ${account.displayName} on ${platform} ends on ${DATE.format(account.tokenExpiresAt as Date)}, and ${platform} does not let Atrium renew it on its own.`,
                  'Reconnect the account before then so its scheduled posts keep going out.',
                ],
                action: { label: 'Open social accounts', url: `${this.config.appUrl}${WEB_PATHS.agencyAccounts}` },
                footer: 'You get this because you are an owner or admin of this agency on Atrium.',
              }),
            }),
          );
        }
        return ids;
      });
      if (emailIds.length) warned++;
      await this.mail.dispatch(emailIds);
    }
    return warned;
  }
}
