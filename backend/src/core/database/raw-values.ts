/**
 * Values of raw queries (`manager.query`, `getRawMany`) as each dialect hands them back: MySQL and
 * MariaDB give `datetime` columns as Date objects, SQLite as the UTC text TypeORM stored.
 */
export function rawDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(value.includes('T') || value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`);
}
