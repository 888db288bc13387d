import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { challengeRecordName, type CustomDomainView } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { isUniqueViolation } from '../../core/database/errors';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { Actor, AgencyScope } from '../../core/tenancy/tenant-scope';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { EntitlementsService } from '../agencies/entitlements.service';
import { DomainChecksService } from './domain-checks.service';
import { CustomDomain } from './entities/custom-domain.entity';
import { HostnameProblem, normaliseHostname } from './hostname';

const NO_DOMAIN = 'Your agency has no custom domain. Add one first.';

/**
 * Settings > Branding > Custom domain: the agency claims a hostname, is shown the two records to
 * create, and checks them. A claim does not block anyone; proving the hostname (the TXT record)
 * does, and the first agency to prove it keeps it.
 */
@Injectable()
export class CustomDomainsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly entitlements: EntitlementsService,
    private readonly rateLimits: RateLimitService,
    private readonly checks: DomainChecksService,
    private readonly audit: AuditService,
  ) {}

  async view(scope: AgencyScope): Promise<CustomDomainView | null> {
    await this.assertEntitled(scope);
    const domain = await this.tenant.findOneOwned(scope, CustomDomain, { where: {} });
    return domain ? this.toView(domain) : null;
  }

  /** Claims a hostname with a new token (the same hostname again keeps the claim as it is). */
  async claim(actor: Actor & { scope: AgencyScope }, input: string): Promise<CustomDomainView> {
    const scope = actor.scope;
    await this.assertEntitled(scope);
    const hostname = this.normalise(input);
    const current = await this.tenant.findOneOwned(scope, CustomDomain, { where: {} });
    if (current?.hostname === hostname) return this.toView(current);

    const proved = await this.tenant
      .unscoped('one agency per hostname: whether another agency already proved this hostname')
      .getRepository(CustomDomain)
      .findOne({ select: { id: true, agencyId: true }, where: { verifiedHostname: hostname } });
    if (proved && proved.agencyId !== scope.agencyId) throw this.takenElsewhere(hostname);

    const created = await this.tenant
      .transaction(async (tx) => {
        await tx.deleteOwned(scope, CustomDomain, {});
        const domain = await tx.insertOwned(scope, CustomDomain, {
          hostname,
          // 192 random bits: nobody can guess the value another agency was given.
          challengeToken: randomBytes(24).toString('base64url'),
          status: 'pending',
        });
        await this.audit.recordFor(
          actor,
          { action: 'custom_domain.claimed', targetType: 'custom_domain', targetId: domain.id, details: { hostname } },
          tx,
        );
        return domain;
      })
      .catch((error: unknown) => {
        // Two changes of this agency's domain at once: one wins, the other is told to look again.
        if (isUniqueViolation(error)) {
          throw new ConflictException('The domain was changed at the same time elsewhere. Reload and try again.');
        }
        throw error;
      });
    return this.toView(created);
  }

  async remove(actor: Actor & { scope: AgencyScope }): Promise<void> {
    const domain = await this.tenant.findOneOwned(actor.scope, CustomDomain, { where: {} });
    if (!domain) throw new NotFoundException(NO_DOMAIN);
    await this.tenant.transaction(async (tx) => {
      await tx.deleteOwned(actor.scope, CustomDomain, { id: domain.id });
      await this.audit.recordFor(
        actor,
        {
          action: 'custom_domain.removed',
          targetType: 'custom_domain',
          targetId: domain.id,
          details: { hostname: domain.hostname },
        },
        tx,
      );
    });
  }

  /** Looks at the records now ("Check now"), instead of waiting for the periodic check. */
  async checkNow(scope: AgencyScope): Promise<CustomDomainView> {
    await this.assertEntitled(scope);
    await this.rateLimits.consume([{ rule: RATE_LIMITS.domainCheckPerAgency, subject: scope.agencyId }]);
    const domain = await this.tenant.findOneOwned(scope, CustomDomain, { where: {} });
    if (!domain) throw new NotFoundException(NO_DOMAIN);
    const checked = await this.checks.check(domain);
    if (!checked) throw this.takenElsewhere(domain.hostname);
    return this.toView(checked);
  }

  toView(domain: CustomDomain): CustomDomainView {
    const txtFound = domain.status === 'verified' || domain.status === 'active';
    return {
      hostname: domain.hostname,
      status: domain.status,
      records: [
        {
          type: 'CNAME',
          name: domain.hostname,
          value: this.config.customDomains.cnameTarget,
          found: domain.routingFound,
        },
        { type: 'TXT', name: challengeRecordName(domain.hostname), value: domain.challengeToken, found: txtFound },
      ],
      lastCheckedAt: domain.lastCheckedAt?.toISOString() ?? null,
      problem: domain.problem,
      stopsServingAt:
        domain.status === 'failing' && domain.failingSince
          ? new Date(domain.failingSince.getTime() + this.config.customDomains.graceMs).toISOString()
          : null,
    };
  }

  private normalise(input: string): string {
    const appHost = new URL(this.config.appUrl).hostname.toLowerCase();
    try {
      return normaliseHostname(input, [appHost, this.config.customDomains.cnameTarget]);
    } catch (error) {
      if (error instanceof HostnameProblem) {
        throw new ValidationFailedException([{ field: 'hostname', messages: [error.message] }]);
      }
      throw error;
    }
  }

  private takenElsewhere(hostname: string): ConflictException {
    return new ConflictException(
      `${hostname} is already connected to another agency's portal. If the domain is yours, remove the ${challengeRecordName(hostname)} record that agency published: the domain is freed once its record has been gone for ${Math.round(this.config.customDomains.graceMs / 3_600_000)} hours.`,
    );
  }

  private async assertEntitled(scope: AgencyScope): Promise<void> {
    if (!(await this.entitlements.of(scope)).customDomain) {
      throw new ForbiddenException(
        'Your plan does not include a custom domain. Upgrade to use your own domain for the client portal.',
      );
    }
  }
}
