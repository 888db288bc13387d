import { Inject, Injectable } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import { entitlementsOf } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { PortalHost } from '../../core/auth/request-context';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { CustomDomain } from './entities/custom-domain.entity';
import { isInstallationAlias } from './hostname';

/**
 * The domains that serve a portal: active ones, and failing ones still in their grace period that
 * are still routed here. (A domain only verified is not reached yet; one past its grace is pending.)
 */
export const SERVED: FindOptionsWhere<CustomDomain>[] = [
  { status: 'active' },
  { status: 'failing', routingFound: true },
];

/** What a request's host is: the installation, an agency's served custom domain, or neither. */
export type HostKind = { kind: 'installation' } | ({ kind: 'portal' } & PortalHost) | { kind: 'unknown' };

/**
 * Which agency, if any, a hostname serves. One indexed lookup on the proved hostname (unique), no
 * DNS or network: it runs on every request that is not on the installation's own address, and on
 * every TLS certificate question of the proxy.
 */
@Injectable()
export class PortalHostsService {
  /** The installation's own hostname (APP_URL's). */
  readonly installationHost: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tenant: TenantData,
  ) {
    this.installationHost = new URL(config.appUrl).hostname.toLowerCase();
  }

  /** The installation's own address (or one of its aliases): answered without a lookup. */
  isInstallation(hostname: string | null): boolean {
    return !hostname || hostname === this.installationHost || isInstallationAlias(hostname);
  }

  async resolve(hostname: string | null): Promise<HostKind> {
    if (!hostname || this.isInstallation(hostname)) return { kind: 'installation' };
    const served = await this.servedAt(hostname);
    return served ? { kind: 'portal', ...served } : { kind: 'unknown' };
  }

  /** The served custom domain with this (normalised) hostname and its agency, or null. */
  async servedAt(hostname: string): Promise<PortalHost | null> {
    if (hostname.length > 253) return null;
    const domain = await this.tenant
      .unscoped('a request names its portal by its host: the served domain with that hostname yields the agency')
      .getRepository(CustomDomain)
      .findOne({
        select: { id: true, agencyId: true, hostname: true },
        where: SERVED.map((branch) => ({ ...branch, verifiedHostname: hostname })),
      });
    if (!domain || !(await this.planAllowsCustomDomain(domain.agencyId))) return null;
    return { hostname: domain.hostname, agencyId: domain.agencyId };
  }

  /**
   * Whether the agency's plan (still) includes custom domains: after a downgrade its domain stays
   * proved (an upgrade brings it back) but serves nothing, and its links go to the slug address.
   */
  async planAllowsCustomDomain(agencyId: string): Promise<boolean> {
    const agency = await this.tenant.findOwnedOrNull(agencyScope(agencyId), Agency, agencyId, {
      select: { id: true, plan: true },
    });
    return agency !== null && entitlementsOf(agency.plan).customDomain;
  }
}
