import type { EntityManager } from 'typeorm';

/**
 * Whether locking reads (`SELECT … FOR UPDATE`) mean anything on this connection. MySQL/MariaDB
 * need them to serialise writers that read first; SQLite serialises every writer already (and
 * has no such syntax), so callers skip the lock there.
 */
export function locksRows(manager: EntityManager): boolean {
  return ['mysql', 'mariadb'].includes(manager.connection.options.type);
}
