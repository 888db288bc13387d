import { IsNull } from 'typeorm';
import type { TenantTransaction } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { failWaitingTargets } from '../posts/post-status';
import { ConnectLink } from './entities/connect-link.entity';
import { SocialAccount } from './entities/social-account.entity';

/**
 * What deleting a client of the scope does to its social side (SPEC §2): its accounts stay
 * connected but become unassigned, its connect links stop working, and its posts still waiting
 * fail with a reason. Runs inside the client deletion's transaction.
 */
export async function releaseClientSocialData(
  tx: TenantTransaction,
  scope: TenantScope,
  clientId: string,
): Promise<void> {
  await tx.updateOwned(scope, SocialAccount, { clientId }, { clientId: null });
  await tx.updateOwned(scope, ConnectLink, { clientId, revokedAt: IsNull() }, { revokedAt: new Date() });
  await failWaitingTargets(tx, scope, { clientId }, 'The client was deleted before the post went out.');
}
