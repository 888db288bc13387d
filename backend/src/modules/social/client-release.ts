import { EntityManager, IsNull } from 'typeorm';
import { failWaitingTargets } from '../posts/post-status';
import { ConnectLink } from './entities/connect-link.entity';
import { SocialAccount } from './entities/social-account.entity';

/**
 * What deleting a client does to its social side (SPEC §2): its accounts stay connected but become
 * unassigned, its connect links stop working, and its posts still waiting fail with a reason.
 * Runs inside the client deletion's transaction.
 */
export async function releaseClientSocialData(
  manager: EntityManager,
  agencyId: string,
  clientId: string,
): Promise<void> {
  await manager.getRepository(SocialAccount).update({ agencyId, clientId }, { clientId: null });
  await manager
    .getRepository(ConnectLink)
    .update({ agencyId, clientId, revokedAt: IsNull() }, { revokedAt: new Date() });
  await failWaitingTargets(manager, { agencyId, clientId }, 'The client was deleted before the post went out.');
}
