import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { TenantDataAccess } from './tenant-data';
import { agencyScope, clientScope, type TenantScope } from './tenant-scope';

/** The values a compiled query binds on each run. */
export type CompiledParams = Record<string, string | number | Date>;

/** Where each bound value of the compiled SQL comes from. */
type Slot = { param: string } | { scope: 'agencyId' | 'clientId' } | { constant: unknown };

interface Compiled {
  sql: string;
  slots: Slot[];
}

/** Stands in for a value while the query is compiled; never reaches the database. */
const MARK = '\u0000atrium-compiled:';

/**
 * A hot read built once and run many times. The query is built with the same scoped builder as any
 * other (`TenantDataAccess.query`, so the tenant condition is part of it by construction), with
 * stand-ins for the scope's ids and the run's parameters; its SQL is kept per dialect and scope kind,
 * and each run only binds the values. Building and escaping a query with TypeORM costs more than
 * the round trip of a small indexed read (measured by bench:api), so the portal's hottest reads
 * compile theirs.
 *
 * `build` must give the same query text for every scope of a kind and every parameter value: it
 * may branch on `scope.kind`, never on ids, permissions or the values themselves. Parameter values
 * are bound, never spliced into the text (a number that TypeORM would inline on SQLite is bound too).
 */
export class CompiledQuery<P extends CompiledParams> {
  private readonly compiled = new Map<string, Compiled>();

  constructor(
    private readonly parameterNames: ReadonlyArray<keyof P & string>,
    private readonly build: (
      data: TenantDataAccess,
      scope: TenantScope,
      params: Record<keyof P & string, string>,
    ) => SelectQueryBuilder<ObjectLiteral>,
  ) {}

  /** The SQL and values for one run in `scope`. */
  bind(data: TenantDataAccess, manager: EntityManager, scope: TenantScope, params: P): [string, unknown[]] {
    const compiled = this.compiledFor(data, manager, scope);
    const values = compiled.slots.map((slot) => {
      if ('constant' in slot) return slot.constant;
      const value = 'scope' in slot ? scopeValue(scope, slot.scope) : params[slot.param];
      return value instanceof Date ? driverDate(manager, value) : value;
    });
    return [compiled.sql, values];
  }

  private compiledFor(data: TenantDataAccess, manager: EntityManager, scope: TenantScope): Compiled {
    const key = `${manager.connection.options.type}:${scope.kind}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const standIns = Object.fromEntries(this.parameterNames.map((name) => [name, `${MARK}param:${name}`]));
      const standInScope =
        scope.kind === 'client'
          ? clientScope(`${MARK}scope:agencyId`, `${MARK}scope:clientId`, [])
          : agencyScope(`${MARK}scope:agencyId`);
      const [sql, values] = this.build(
        data,
        standInScope,
        standIns as Record<keyof P & string, string>,
      ).getQueryAndParameters();
      compiled = { sql, slots: values.map(slotOf) };
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}

function slotOf(value: unknown): Slot {
  if (typeof value !== 'string' || !value.startsWith(MARK)) return { constant: value };
  const [source, name] = value.slice(MARK.length).split(':');
  return source === 'scope' ? { scope: name as 'agencyId' | 'clientId' } : { param: name };
}

function scopeValue(scope: TenantScope, field: 'agencyId' | 'clientId'): string {
  if (field === 'agencyId') return scope.agencyId;
  if (scope.kind !== 'client') throw new Error('A compiled client query ran in an agency scope');
  return scope.clientId;
}

/** A date as the dialect's driver binds it (SQLite stores TypeORM's UTC text, MySQL takes the Date). */
function driverDate(manager: EntityManager, value: Date): unknown {
  return manager.connection.driver.escapeQueryWithParameters(':value', { value })[1][0];
}
