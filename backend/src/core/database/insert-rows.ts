import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** SQLite binds at most 32,766 values in one statement: 500 rows of up to 60 columns stay below it. */
const MAX_ROWS_PER_STATEMENT = 500;
/** Text per statement, far below MariaDB's 16 MB default `max_allowed_packet` (emails carry their HTML). */
const MAX_CHARS_PER_STATEMENT = 2_000_000;

/**
 * Inserts many rows of one entity with multi-row INSERTs: a few statements for a thousand rows
 * instead of a round trip each. The entity's insert hooks run as they do for `save` (id, creation
 * time, defaults), and nothing is read back. Joins the transaction `manager` belongs to. Returns
 * the rows as written, in the order given.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: ReadonlyArray<DeepPartial<T>>,
): Promise<T[]> {
  const repository = manager.getRepository(entity);
  const rows = values.map((value) => repository.create(value));
  for (const statement of statementsOf(rows)) {
    await manager.createQueryBuilder().insert().into(entity).values(statement).updateEntity(false).execute();
  }
  return rows;
}

/** Consecutive slices of `rows`, each small enough for one statement on every supported database. */
function statementsOf<T extends ObjectLiteral>(rows: T[]): T[][] {
  const statements: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const row of rows) {
    const size = approximateChars(row);
    if (current.length > 0 && (current.length >= MAX_ROWS_PER_STATEMENT || chars + size > MAX_CHARS_PER_STATEMENT)) {
      statements.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += size;
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

function approximateChars(row: ObjectLiteral): number {
  let chars = 0;
  for (const value of Object.values(row)) chars += typeof value === 'string' ? value.length : 32;
  return chars;
}
