/**
 * Times on the certificate and in the audit log are printed in UTC, always with the zone named:
 * the record is read by people in different zones, and for years, so local time would mislead.
 */
export function formatUtc(date: Date | null): string {
  if (!date || Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
