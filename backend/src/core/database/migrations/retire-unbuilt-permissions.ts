import type { QueryRunner } from 'typeorm';

/**
 * Clients were once offered `contracts.sign` and `billing.manage` before those areas existed. Each
 * area brings its permission back when it lands, switched off: an old tick made when the switch led
 * nowhere must not turn it on for that client. Shared by both dialects' migrations (the SQL is the
 * same); data only.
 */
export async function retireUnbuiltPermissions(queryRunner: QueryRunner): Promise<void> {
  const retired = new Set(['contracts.sign', 'billing.manage']);
  const rows = (await queryRunner.query('SELECT id, permissions FROM clients')) as Array<{
    id: string;
    permissions: string;
  }>;
  for (const row of rows) {
    const stored = parsePermissions(row.permissions);
    const kept = stored.filter((permission) => !retired.has(permission));
    if (kept.length !== stored.length) {
      await queryRunner.query('UPDATE clients SET permissions = ? WHERE id = ?', [JSON.stringify(kept), row.id]);
    }
  }
}

function parsePermissions(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
