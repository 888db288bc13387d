import { IsNull, Not } from 'typeorm';
import type { AgencySecurityPolicy } from '@atrium/shared';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import type { User } from '../../core/tenancy/entities/user.entity';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { TwoFactorCredential } from './entities/two-factor-credential.entity';

/**
 * The two questions sign-in and settings both ask: does this user have two-factor on, and does
 * their agency require it of them. A user's second factor belongs to the agency as a whole.
 */
export function enabledCredential(
  data: TenantDataAccess,
  user: Pick<User, 'id' | 'agencyId'>,
): Promise<TwoFactorCredential | null> {
  return data.findOneOwned(agencyScope(user.agencyId), TwoFactorCredential, {
    where: { userId: user.id, enabledAt: Not(IsNull()) },
  });
}

export async function agencySecurityPolicy(data: TenantDataAccess, agencyId: string): Promise<AgencySecurityPolicy> {
  const agency = await data.findOwned(agencyScope(agencyId), Agency, agencyId, { notFound: 'Agency not found' });
  return {
    requireTwoFactorForTeam: agency.requireTwoFactorForTeam,
    requireTwoFactorForClients: agency.requireTwoFactorForClients,
  };
}

/** Agency users answer to the team rule, client users to the clients rule. */
export async function twoFactorRequired(
  data: TenantDataAccess,
  user: Pick<User, 'agencyId' | 'kind'>,
): Promise<boolean> {
  const policy = await agencySecurityPolicy(data, user.agencyId);
  return user.kind === 'client' ? policy.requireTwoFactorForClients : policy.requireTwoFactorForTeam;
}
