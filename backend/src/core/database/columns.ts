import { randomUUID } from 'node:crypto';
import { Column, ColumnOptions } from 'typeorm';

/**
 * Column helpers that mean the same thing on MySQL/MariaDB and SQLite. Timestamps are set by the
 * application (not by database defaults) so both dialects store identical values and the schema
 * has no dialect-specific defaults to drift.
 */
export const newId = (): string => randomUUID();

export const IdColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 36, ...options });

/** Millisecond precision, so MySQL/MariaDB order events within one second as SQLite does. */
export const DateColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...options });

export const NullableDateColumn = () => Column({ type: 'datetime', precision: 3, nullable: true });

export const ShortText = (length: number, options: ColumnOptions = {}) =>
  Column({ type: 'varchar', length, ...options });

/**
 * An amount of money in integer minor units (cents). BIGINT, because a 32-bit column stops at
 * 21 million in two-decimal currencies; read back as a JS number (amounts are kept below
 * Number.MAX_SAFE_INTEGER by validation), since drivers return BIGINT as a string.
 */
export const MoneyColumn = (options: ColumnOptions = {}) =>
  Column({
    type: 'bigint',
    transformer: {
      to: (value: number | null | undefined) => value,
      from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
    },
    ...options,
  });

/** A calendar date without a time (`YYYY-MM-DD`), the same text on every dialect. */
export const CalendarDateColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 10, ...options });
