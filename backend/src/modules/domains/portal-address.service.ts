import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { CustomDomain } from './entities/custom-domain.entity';
import { PortalHostsService, SERVED } from './portal-hosts.service';

/**
 * Where an agency's clients reach its portal: its active custom domain (or one failing within its
 * grace period), else its sign-in address on the installation (`APP_URL/a/<slug>`). Every link in
 * an email to a client user and the portal URL on the dashboard start here — never with the
 * request's Host header.
 */
@Injectable()
export class PortalAddressService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly hosts: PortalHostsService,
  ) {}

  /** The base URL (no trailing slash) that client-facing links of the agency start with. */
  async baseUrl(agencyId: string): Promise<string> {
    const scope = agencyScope(agencyId);
    const domain = await this.tenant.findOneOwned(scope, CustomDomain, { where: SERVED });
    if (domain && (await this.hosts.planAllowsCustomDomain(agencyId))) return `https://${domain.hostname}`;
    return this.installationAddress(agencyId);
  }

  /**
   * The agency's branded address on the installation (`APP_URL/a/<slug>`), custom domain or not:
   * for pages whose round trip through a provider must stay on APP_URL's origin.
   */
  async installationAddress(agencyId: string): Promise<string> {
    const agency = await this.tenant.findOwned(agencyScope(agencyId), Agency, agencyId, {
      select: { id: true, slug: true },
    });
    return `${this.config.appUrl}/a/${agency.slug}`;
  }

  /**
   * The agency whose active custom domain `hostname` is (normalised: lower case, no trailing dot),
   * or null. Indexed lookup, no DNS: the host a request came to is what names the tenant.
   */
  async activeAgencyForHost(hostname: string): Promise<string | null> {
    return (await this.hosts.servedAt(hostname))?.agencyId ?? null;
  }

  /** A client-facing link of the agency: `path` (e.g. `/invite?token=…`) on its portal address. */
  async link(agencyId: string, path: string): Promise<string> {
    return `${await this.baseUrl(agencyId)}${path.startsWith('/') ? path : `/${path}`}`;
  }
}
