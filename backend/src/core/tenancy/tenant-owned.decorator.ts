/**
 * How rows of an entity belong to a tenant. Every entity holding tenant data declares it with
 * `@TenantOwned(...)`; `TenantData` refuses entities that do not, so a new table cannot be read
 * through the scoped helpers by accident without saying whose it is.
 *
 * - `agency`: the column holding the agency id (always `agencyId` today).
 * - `client`: the column naming the client a row belongs to (`clientId`, or `id` for the client
 *   itself), or null when rows belong to the agency as a whole: a client scope then sees none of
 *   them (asking is a programming error and throws).
 */
/** An entity class, as the data-access helpers take it. */
export type EntityClass<T> = new (...args: never[]) => T;

export interface TenancyRule {
  agency: string;
  client: string | null;
}

const RULES = new WeakMap<object, TenancyRule>();

export function TenantOwned(rule: { agency?: string; client: string | null }): ClassDecorator {
  return (target) => {
    RULES.set(target, { agency: rule.agency ?? 'agencyId', client: rule.client });
  };
}

/** The declared rule of an entity class; throws for entities that hold no declared tenant data. */
export function tenancyOf(entity: object): TenancyRule {
  const rule = RULES.get(entity);
  if (!rule) {
    const name = (entity as { name?: string }).name ?? 'entity';
    throw new Error(`${name} declares no @TenantOwned rule; it cannot be read through TenantData`);
  }
  return rule;
}
