/**
 * SQL condition: the outbox row's agency, if it has one, is not suspended. A suspended agency's
 * emails stay pending, without a delivery attempt counted against them, and go once it is
 * restored. `agencyId` is the row's column as the query names it.
 */
export function agencyNotSuspended(agencyId: string): string {
  return `(${agencyId} IS NULL OR NOT EXISTS (SELECT 1 FROM agencies held WHERE held.id = ${agencyId} AND held.status = 'suspended'))`;
}
