import type { EntityMetadata } from 'typeorm';
import { tenancyOf } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * Tables of the installation that hold no agency's data: platform state, operators, and the
 * local provider simulators (they stand in for Meta or Stripe, whose data is theirs, not the
 * agency's). Every other table must be reachable from an agency, or the coverage test fails.
 */
export const PLATFORM_TABLES: ReadonlySet<string> = new Set([
  'scheduler_leases',
  'platform_operators',
  'platform_operator_recovery_codes',
  'operator_sessions',
  'sandbox_accounts',
  'sandbox_grants',
  'sandbox_tokens',
  'sandbox_posts',
  'sandbox_pay_accounts',
  'sandbox_pay_sessions',
  'sandbox_pay_events',
]);

/**
 * Columns never exported: credentials and sealed secrets. They are useless outside this
 * installation (hashes cannot be signed in with, sealed values need its key) and dangerous in a
 * file that travels by email.
 */
const SECRET_COLUMN = /(Hash|Sealed)$/;
const SECRET_COLUMNS: ReadonlySet<string> = new Set(['providerSecrets', 'claimToken']);

export const OMITTED_FROM_EXPORT =
  'Password hashes, token and code hashes, sealed secrets (social provider tokens, TOTP secrets, ' +
  'payment provider secrets) and job claim tokens are left out.';

/**
 * How an agency's rows of one table are found:
 * - `agency`: the table has the agency id in `column` (`id` for the agencies table itself);
 * - `child`: the table has no agency column; its rows belong to rows of `parent` (a table of
 *   kind `agency`) through the foreign key `column` → `parent.id`.
 */
export type AgencyTable =
  | { kind: 'agency'; table: string; metadata: EntityMetadata; column: string }
  | { kind: 'child'; table: string; metadata: EntityMetadata; column: string; parent: string; parentColumn: string };

/**
 * Every table holding an agency's data, derived from the entity metadata: the agency column is the
 * one `@TenantOwned` declares, or `agencyId` for platform tables that name an agency per row (audit
 * log, outbox); tables without one are reached through their foreign keys to such tables. Ordered
 * so that a table comes before every table it references (deleting in this order never breaks a
 * foreign key); the agencies table is last.
 */
export function agencyTables(dataSource: { entityMetadatas: readonly EntityMetadata[] }): AgencyTable[] {
  const direct = new Map<string, AgencyTable>();
  for (const metadata of dataSource.entityMetadatas) {
    const column = agencyColumnOf(metadata);
    if (column) direct.set(metadata.tableName, { kind: 'agency', table: metadata.tableName, metadata, column });
  }
  const tables = [...direct.values()];
  for (const metadata of dataSource.entityMetadatas) {
    if (direct.has(metadata.tableName) || PLATFORM_TABLES.has(metadata.tableName)) continue;
    const key = metadata.foreignKeys.find(
      (fk) => direct.has(fk.referencedEntityMetadata.tableName) && fk.columnNames.length === 1,
    );
    if (!key) {
      throw new Error(
        `Table ${metadata.tableName} has no agency column and no foreign key to a table with one: ` +
          'say whose data it is (an agency column, or PLATFORM_TABLES)',
      );
    }
    const parent = direct.get(key.referencedEntityMetadata.tableName) as AgencyTable;
    tables.push({
      kind: 'child',
      table: metadata.tableName,
      metadata,
      column: key.columnNames[0],
      parent: parent.table,
      parentColumn: parent.column,
    });
  }
  return deletionOrder(tables);
}

/** The columns of a table that an export carries (everything but credentials and sealed secrets). */
export function exportedColumns(metadata: EntityMetadata): string[] {
  return metadata.columns
    .map((column) => column.propertyName)
    .filter((name) => !SECRET_COLUMN.test(name) && !SECRET_COLUMNS.has(name));
}

function agencyColumnOf(metadata: EntityMetadata): string | null {
  try {
    return tenancyOf(metadata.target as object).agency;
  } catch {
    // Not @TenantOwned: a platform table, unless each row names its agency.
    return metadata.findColumnWithPropertyName('agencyId') ? 'agencyId' : null;
  }
}

/** Referencing tables first (a topological order over the foreign keys between these tables). */
function deletionOrder(tables: AgencyTable[]): AgencyTable[] {
  const byName = new Map(tables.map((table) => [table.table, table]));
  const ordered: AgencyTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: AgencyTable): void => {
    if (placed.has(table.table)) return;
    if (visiting.has(table.table)) throw new Error(`Foreign keys form a cycle through ${table.table}`);
    visiting.add(table.table);
    // Everything that references this table goes before it.
    for (const other of tables) {
      const references = other.metadata.foreignKeys.some(
        (fk) => fk.referencedEntityMetadata.tableName === table.table && other.table !== table.table,
      );
      if (references) place(other);
    }
    visiting.delete(table.table);
    placed.add(table.table);
    ordered.push(table);
  };
  for (const table of tables) place(byName.get(table.table) as AgencyTable);
  // The agency itself last (nothing it references is deleted): a failure half-way leaves it listed.
  return [...ordered.filter((table) => table.column !== 'id'), ...ordered.filter((table) => table.column === 'id')];
}
