import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  And,
  DataSource,
  DeepPartial,
  EntityManager,
  Equal,
  FindManyOptions,
  FindOneOptions,
  FindOperator,
  FindOptionsWhere,
  In,
  IsNull,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { retryOnDeadlock } from '../database/deadlock-retry';
import { preparedRead } from '../database/prepared-read';
import { locksRows } from '../database/row-locks';
import type { AccessRule } from './access-rule';
import type { CompiledParams, CompiledQuery } from './compiled-query';
import { Client } from './entities/client.entity';
import { EntityClass, tenancyOf } from './tenant-owned.decorator';
import type { TenantScope } from './tenant-scope';

export type { EntityClass } from './tenant-owned.decorator';

/** Options of a single-row read; the tenant condition is added to `where`. */
export interface FindOwnedOptions<T> {
  where?: FindOptionsWhere<T>;
  relations?: FindOneOptions<T>['relations'];
  select?: FindOneOptions<T>['select'];
  /** Lock the row for the rest of the transaction (MySQL/MariaDB; SQLite serialises writers anyway). */
  lock?: 'update';
  /** The 404 message; "Not found" by default. */
  notFound?: string;
}

/**
 * The data-access layer: every read and write of tenant data goes through here and carries the
 * tenant condition by construction (agency, and client for a client scope), so a query looks the
 * same scoped or not only when it is scoped. Unknown and foreign ids both answer 404.
 *
 * The rare query that must cross tenants (sign-in, the scheduler, housekeeping) says so and why
 * with `unscoped('reason')`, which a reviewer can grep; raw data sources and repositories anywhere
 * else are a lint error.
 */
export class TenantDataAccess {
  constructor(protected readonly manager: EntityManager) {}

  /**
   * Whether locking reads (`FOR UPDATE`) mean anything here: MySQL/MariaDB need them to serialise
   * writers that read first; SQLite serialises every writer already and has no such syntax.
   */
  get locksRows(): boolean {
    return locksRows(this.manager);
  }

  /** One row of the scope by id (and `where`), or 404. */
  async findOwned<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    id: string,
    options: FindOwnedOptions<T> = {},
  ): Promise<T> {
    const row = await this.findOwnedOrNull(scope, entity, id, options);
    if (!row) throw new NotFoundException(options.notFound ?? 'Not found');
    return row;
  }

  /** One row of the scope by id (and `where`), or null. */
  async findOwnedOrNull<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    id: string,
    options: FindOwnedOptions<T> = {},
  ): Promise<T | null> {
    const where = scopedWhere(scope, entity, { ...options.where, id } as unknown as FindOptionsWhere<T>);
    return this.manager.getRepository(entity).findOne({
      where,
      relations: options.relations,
      select: options.select,
      ...(options.lock && locksRows(this.manager) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /**
   * A client of the scope that still exists (not deleted), or 404: the one place that answers "a
   * live client of this agency". A client scope reaches only its own client.
   */
  async liveClient(scope: TenantScope, clientId: string, options: { lock?: 'update' } = {}): Promise<Client> {
    return this.findOwned(scope, Client, clientId, {
      where: { deletedAt: IsNull() },
      lock: options.lock,
      notFound: 'Client not found',
    });
  }

  /** The first row of the scope matching `where`, or null. */
  async findOneOwned<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    options: FindOneOptions<T> & { where: FindOptionsWhere<T> | FindOptionsWhere<T>[] },
  ): Promise<T | null> {
    return this.manager.getRepository(entity).findOne({ ...options, where: scopedWhere(scope, entity, options.where) });
  }

  /** Rows of the scope; `where` narrows them further (each branch of an array carries the scope). */
  async listOwned<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    options: FindManyOptions<T> = {},
  ): Promise<T[]> {
    return this.manager.getRepository(entity).find({ ...options, where: scopedWhere(scope, entity, options.where) });
  }

  async countOwned<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    where?: FindOptionsWhere<T> | FindOptionsWhere<T>[],
  ): Promise<number> {
    return this.manager.getRepository(entity).count({ where: scopedWhere(scope, entity, where) });
  }

  /**
   * A query builder over the scope's rows of `entity` (as `alias`). The tenant condition is its
   * first condition, and `where()` on it adds to the conditions instead of replacing them, so no
   * later call can drop the scope.
   */
  query<T extends ObjectLiteral>(scope: TenantScope, entity: EntityClass<T>, alias: string): SelectQueryBuilder<T> {
    const builder = this.manager.getRepository(entity).createQueryBuilder(alias);
    const rule = tenancyOf(entity);
    builder.where(`${alias}.${rule.agency} = :tenantAgencyId`, { tenantAgencyId: scope.agencyId });
    if (scope.kind === 'client') {
      builder.andWhere(`${alias}.${clientColumn(entity)} = :tenantClientId`, { tenantClientId: scope.clientId });
    }
    builder.where = builder.andWhere.bind(builder);
    return builder;
  }

  /**
   * The raw rows of a compiled query run in the scope (see CompiledQuery: built once, scoped the
   * same way), as a prepared statement where the database has them (preparedRead).
   */
  async runCompiled<R, P extends CompiledParams>(scope: TenantScope, query: CompiledQuery<P>, params: P): Promise<R[]> {
    const [sql, values] = query.bind(this, this.manager, scope, params);
    return preparedRead<R>(this.manager, sql, values);
  }

  /** Which of `ids` the scope may reach under `rule`; the others are left out (bulk actions skip them). */
  async accessible(scope: TenantScope, rule: AccessRule, ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    if (scope.kind === 'client' && rule.clientPermission && !scope.permissions.includes(rule.clientPermission)) {
      return new Set();
    }
    const rows = await this.manager.getRepository(rule.entity).find({
      select: { id: true } as never,
      where: scopedWhere(scope, rule.entity, { ...rule.where, id: In(unique) } as FindOptionsWhere<ObjectLiteral>),
    });
    return new Set(rows.map((row) => (row as { id: string }).id));
  }

  /**
   * Every one of `ids` must be reachable by the scope under `rule` (one query for the whole batch),
   * else 404 — the same answer for foreign and unknown ids.
   */
  async assertAccess(scope: TenantScope, rule: AccessRule, ids: readonly string[]): Promise<void> {
    const allowed = await this.accessible(scope, rule, ids);
    if (ids.some((id) => !allowed.has(id))) throw new NotFoundException(rule.notFound);
  }

  /**
   * A new row of the scope: the agency (and, for a client scope, the client) are set from the
   * scope; values naming another tenant are refused as a programming error.
   */
  async insertOwned<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    values: DeepPartial<T>,
  ): Promise<T> {
    const repository = this.manager.getRepository(entity);
    const row = repository.create({ ...values, ...ownerValues(scope, entity, values as Record<string, unknown>) });
    return repository.save(row);
  }

  /** Updates the scope's rows matching `where`; returns how many changed. */
  async updateOwned<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    where: FindOptionsWhere<T>,
    patch: QueryDeepPartialEntity<T>,
  ): Promise<number> {
    const result = await this.manager.getRepository(entity).update(scopedWhere(scope, entity, where), patch);
    return result.affected ?? 0;
  }

  /** Deletes the scope's rows matching `where`; returns how many went. */
  async deleteOwned<T extends ObjectLiteral>(
    scope: TenantScope,
    entity: EntityClass<T>,
    where: FindOptionsWhere<T>,
  ): Promise<number> {
    const result = await this.manager.getRepository(entity).delete(scopedWhere(scope, entity, where));
    return result.affected ?? 0;
  }

  /**
   * Runs `work` in one transaction; `tx` offers the same scoped helpers on the transaction. Called
   * inside a transaction, it joins it.
   *
   * A transaction MariaDB picks as a deadlock victim (or that waited too long for a lock) was rolled
   * back whole, so it runs again a few times with jittered waits; one still failing becomes a 503
   * through the API error filter. `work` must therefore only change the database (anything outside
   * it, such as an email, goes through the outbox, which is written in the same transaction).
   */
  async transaction<R>(work: (tx: TenantTransaction) => Promise<R>): Promise<R> {
    if (this.manager.queryRunner?.isTransactionActive) return work(new TenantTransaction(this.manager));
    return retryOnDeadlock(() => this.manager.transaction((manager) => work(new TenantTransaction(manager))));
  }

  /**
   * The raw entity manager, for a query that must not be scoped to one tenant. The reason is
   * required so that `grep -rn -A1 'unscoped(' backend/src` lists every deliberate exception with its why.
   */
  unscoped(reason: string): EntityManager {
    if (reason.trim().length < 8) throw new Error('unscoped() needs a reason a reviewer can read');
    return this.manager;
  }
}

/** The scoped helpers bound to one transaction; `manager` goes to core services that join it (audit, mail). */
export class TenantTransaction extends TenantDataAccess {
  constructor(override readonly manager: EntityManager) {
    super(manager);
  }
}

/** The application's data access, injected as `tenant` into services. */
@Injectable()
export class TenantData extends TenantDataAccess {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource.manager);
  }
}

function clientColumn(entity: object): string {
  const rule = tenancyOf(entity);
  if (!rule.client) {
    const name = (entity as { name?: string }).name ?? 'entity';
    throw new Error(`${name} belongs to agencies as a whole; a client scope cannot read it`);
  }
  return rule.client;
}

/** The tenant condition of a scope on an entity, as find-options `where`. */
export function tenantWhere(scope: TenantScope, entity: object): Record<string, string> {
  const rule = tenancyOf(entity);
  const where: Record<string, string> = { [rule.agency]: scope.agencyId };
  if (scope.kind === 'client') where[clientColumn(entity)] = scope.clientId;
  return where;
}

/**
 * Adds the tenant condition to `where` (to each branch of an array). A branch that names one of the
 * tenant columns keeps its own condition too (both must hold), so asking for another tenant's id
 * on a column the scope also fixes (a client's own `id`) matches nothing instead of the scope's row.
 */
function scopedWhere<T extends ObjectLiteral>(
  scope: TenantScope,
  entity: object,
  where: FindOptionsWhere<T> | FindOptionsWhere<T>[] | undefined,
): FindOptionsWhere<T> | FindOptionsWhere<T>[] {
  const condition = tenantWhere(scope, entity);
  const scoped = (branch: Record<string, unknown>): FindOptionsWhere<T> => {
    const result: Record<string, unknown> = { ...branch };
    for (const [column, value] of Object.entries(condition)) {
      const asked = branch[column];
      result[column] = asked === undefined || asked === value ? value : And(asOperator(asked), Equal(value));
    }
    return result as FindOptionsWhere<T>;
  };
  if (Array.isArray(where)) {
    if (where.length === 0) return condition as FindOptionsWhere<T>;
    return where.map((branch) => scoped(branch as Record<string, unknown>));
  }
  return scoped((where ?? {}) as Record<string, unknown>);
}

function asOperator(value: unknown): FindOperator<unknown> {
  if (value instanceof FindOperator) return value;
  return value === null ? IsNull() : Equal(value);
}

function ownerValues(scope: TenantScope, entity: object, values: Record<string, unknown>): Record<string, string> {
  const owner = tenantWhere(scope, entity);
  for (const [column, value] of Object.entries(owner)) {
    if (values[column] !== undefined && values[column] !== value) {
      throw new Error(`Refusing to write a row of another tenant (${column})`);
    }
  }
  return owner;
}

/** Where a core service (audit, mail) writes so its row commits with the caller's change. */
export type Transactional = EntityManager | TenantTransaction;

/** The entity manager behind a transaction handle, for core services that join it. */
export function managerOf(into: Transactional): EntityManager {
  return into instanceof TenantTransaction ? into.manager : into;
}
