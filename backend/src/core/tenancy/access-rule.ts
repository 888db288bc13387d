import type { ClientPermission } from '@atrium/shared';
import type { FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { EntityClass } from './tenant-owned.decorator';

/**
 * What it takes to reach rows of one kind, for the batched access check
 * (`tenant.assertAccess(scope, POST_READ, ids)`). Features declare their rules beside their
 * entities; the check adds the tenant condition of the scope, so a rule only says what is
 * particular to it.
 */
export interface AccessRule<T extends ObjectLiteral = ObjectLiteral> {
  /** `resource.action`, as in audit entries and logs. */
  name: string;
  entity: EntityClass<T>;
  /** A client scope also needs this effective permission; without it nothing is reachable. */
  clientPermission?: ClientPermission;
  /** Further conditions a reachable row meets (not deleted, not disconnected, ...). */
  where?: FindOptionsWhere<T>;
  /** The 404 message when an id is out of reach. */
  notFound: string;
}

export function accessRule<T extends ObjectLiteral>(rule: AccessRule<T>): AccessRule {
  return rule as unknown as AccessRule;
}
