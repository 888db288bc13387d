import { DataSource, type Logger } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { insertRows } from './insert-rows';

describe('insertRows', () => {
  let db: DataSource;
  let statements: string[];

  beforeEach(async () => {
    statements = [];
    const logger: Logger = {
      logQuery: (query) => void statements.push(query),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    db = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [AuditLog, OutboxEmail],
      synchronize: true,
      logging: ['query'],
      logger,
    });
    await db.initialize();
    statements = [];
  });
  afterEach(() => db.destroy());

  const inserts = () => statements.filter((sql) => sql.startsWith('INSERT'));

  it('writes a thousand rows in a few multi-row statements, with ids, times and defaults as save() sets them', async () => {
    const values = Array.from({ length: 1201 }, (_, i) => ({ action: 'bulk.test', targetId: `t${i}` }));
    const rows = await insertRows(db.manager, AuditLog, values);

    expect(inserts()).toHaveLength(3);
    expect(statements.some((sql) => sql.startsWith('SELECT'))).toBe(false);
    expect(rows.map((row) => row.targetId)).toEqual(values.map((v) => v.targetId));
    expect(new Set(rows.map((row) => row.id)).size).toBe(1201);
    expect(rows.every((row) => row.createdAt instanceof Date)).toBe(true);
    const stored = await db.getRepository(AuditLog).find();
    expect(stored).toHaveLength(1201);
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(rows.map((row) => row.id)));
  });

  it('keeps each statement small when rows carry large text (emails with their HTML)', async () => {
    const html = 'x'.repeat(100_000);
    const rows = await insertRows(
      db.manager,
      OutboxEmail,
      Array.from({ length: 45 }, (_, i) => ({
        toAddress: `p${i}@example.com`,
        subject: 'Hi',
        textBody: 'Hi',
        htmlBody: html,
        status: 'pending' as const,
      })),
    );
    // About 2 MB of text per statement at most: 19 of these rows each, far below MariaDB's 16 MB packet.
    expect(inserts()).toHaveLength(3);
    expect(rows.every((row) => row.attempts === 0 && row.nextAttemptAt instanceof Date)).toBe(true);
    expect(await db.getRepository(OutboxEmail).count()).toBe(45);
  });

  it('writes nothing for no rows', async () => {
    expect(await insertRows(db.manager, AuditLog, [])).toEqual([]);
    expect(inserts()).toHaveLength(0);
  });
});
