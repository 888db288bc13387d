import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';

/** Said to people when the database cannot answer: nothing about their credential is wrong. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is not answering; try again in a moment';
/** Said when a change kept colliding with another one at the same moment (deadlocks, lock waits). */
export const DATABASE_BUSY_MESSAGE = 'Too many changes at the same moment; try again in a moment';
/** The `Retry-After` a 503 from the database carries (seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A 503 for a database fault. The API error filter adds `Retry-After` for it, so clients (and the
 * frontend's refresh) wait and retry instead of treating the answer as a verdict on the session.
 */
export class DatabaseUnavailableException extends ServiceUnavailableException {
  readonly retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;

  constructor(message = DATABASE_UNAVAILABLE_MESSAGE, cause?: unknown) {
    super({ statusCode: HttpStatus.SERVICE_UNAVAILABLE, message }, { cause });
  }
}

/** The driver's error code, whether TypeORM wrapped the error (`driverError`) or not. */
export function driverErrorCode(error: unknown): string | undefined {
  const wrapped = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  const own = (error as { code?: unknown } | null)?.code;
  const code = wrapped ?? own;
  return typeof code === 'string' ? code : undefined;
}

/** Transactions that lost a lock race; running them again is safe (they were rolled back). */
const RETRYABLE_LOCK_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

/** Errors that say the server cannot be reached or did not answer in time: nothing the client did. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'POOL_CLOSED',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_STATEMENT_TIMEOUT',
  'DATABASE_ACQUIRE_TIMEOUT',
]);

/** A deadlock or lock-wait timeout (MySQL/MariaDB 1213/1205) or a busy SQLite file. */
export function isRetryableLockConflict(error: unknown): boolean {
  const code = driverErrorCode(error);
  return code !== undefined && RETRYABLE_LOCK_CODES.has(code);
}

/** The database could not be reached or did not answer within its timeouts. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const code = driverErrorCode(error);
  if (code !== undefined && UNREACHABLE_CODES.has(code)) return true;
  // mysql2 raises these without a code when the pool or connection is already gone.
  const message = error instanceof Error ? error.message : '';
  return /Pool is closed|Can't add new command when connection is in closed state/.test(message);
}

/**
 * The 503 a database fault becomes, or null for anything else (which keeps its own mapping).
 * Used by the API error filter and by the places that must not turn a fault into a 401.
 */
export function asDatabaseFault(error: unknown): DatabaseUnavailableException | null {
  if (error instanceof DatabaseUnavailableException) return error;
  if (isRetryableLockConflict(error)) return new DatabaseUnavailableException(DATABASE_BUSY_MESSAGE, error);
  if (isDatabaseUnreachable(error)) return new DatabaseUnavailableException(DATABASE_UNAVAILABLE_MESSAGE, error);
  return null;
}
