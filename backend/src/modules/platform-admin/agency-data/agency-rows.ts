import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AgencyTable } from './agency-tables';

/** Rows read per query: an agency's table is never loaded whole. */
const PAGE = 500;

/**
 * The SQL condition (on `alias`, or on the bare table when null) that picks one agency's rows of
 * `table`; child tables go through their parent with a subquery on another table, which MySQL also
 * allows in a DELETE.
 */
export function agencyCondition(manager: EntityManager, table: AgencyTable, alias: string | null): string {
  const q = (name: string) => manager.connection.driver.escape(name);
  const column = alias ? `${q(alias)}.${q(table.column)}` : q(table.column);
  if (table.kind === 'agency') return `${column} = :agencyId`;
  return `${column} IN (SELECT ${q('p')}.${q('id')} FROM ${q(table.parent)} ${q('p')} WHERE ${q('p')}.${q(table.parentColumn)} = :agencyId)`;
}

/** The query for one agency's rows of `table`. */
export function rowsOf(
  manager: EntityManager,
  table: AgencyTable,
  agencyId: string,
): SelectQueryBuilder<ObjectLiteral> {
  return manager
    .createQueryBuilder(table.metadata.target, 't')
    .where(agencyCondition(manager, table, 't'), { agencyId });
}

/** One agency's rows of `table`, a page at a time in id order (keyset paging: stable while rows change). */
export async function* pagesOf(
  manager: EntityManager,
  table: AgencyTable,
  agencyId: string,
): AsyncGenerator<ObjectLiteral[]> {
  const q = (name: string) => manager.connection.driver.escape(name);
  let after: string | null = null;
  for (;;) {
    const query = rowsOf(manager, table, agencyId)
      .orderBy(`${q('t')}.${q('id')}`, 'ASC')
      .limit(PAGE);
    if (after !== null) query.andWhere(`${q('t')}.${q('id')} > :after`, { after });
    const rows = await query.getMany();
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1].id);
  }
}
