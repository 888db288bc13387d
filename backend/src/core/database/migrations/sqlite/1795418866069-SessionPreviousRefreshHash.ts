import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionPreviousRefreshHash1795418866069 implements MigrationInterface {
  name = 'SessionPreviousRefreshHash1795418866069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), "previousRefreshTokenHash" varchar(64), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
  }
}
