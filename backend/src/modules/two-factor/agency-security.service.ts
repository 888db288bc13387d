import { Injectable } from '@nestjs/common';
import type { AgencySecurityPolicy } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { AgencyContext } from '../../core/auth/request-context';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencySecurityPolicy } from './two-factor-policy';

/**
 * The agency's sign-in policy: whether its team and, separately, its client users must use
 * two-factor. Read at each sign-in (see TwoFactorChallenges), so a change reaches each person at
 * their next sign-in; sessions already open go on.
 */
@Injectable()
export class AgencySecurity {
  constructor(
    private readonly tenant: TenantData,
    private readonly audit: AuditService,
  ) {}

  get(ctx: AgencyContext): Promise<AgencySecurityPolicy> {
    return agencySecurityPolicy(this.tenant, ctx.agencyId);
  }

  async update(ctx: AgencyContext, policy: AgencySecurityPolicy): Promise<AgencySecurityPolicy> {
    const next: AgencySecurityPolicy = {
      requireTwoFactorForTeam: policy.requireTwoFactorForTeam,
      requireTwoFactorForClients: policy.requireTwoFactorForClients,
    };
    await this.tenant.transaction(async (tx) => {
      const before = await agencySecurityPolicy(tx, ctx.agencyId);
      await tx.updateOwned(ctx.scope, Agency, { id: ctx.agencyId }, next);
      await this.audit.recordFor(
        ctx,
        {
          action: 'agency.security_policy_updated',
          targetType: 'agency',
          targetId: ctx.agencyId,
          details: { before, after: next },
        },
        tx.manager,
      );
    });
    return next;
  }
}
