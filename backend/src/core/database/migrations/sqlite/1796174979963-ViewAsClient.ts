import { MigrationInterface, QueryRunner } from 'typeorm';

export class ViewAsClient1796174979963 implements MigrationInterface {
  name = 'ViewAsClient1796174979963';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), "previousRefreshTokenHash" varchar(64), "host" varchar(253), "viewerUserId" varchar(36), "viewedClientId" varchar(36), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), "previousRefreshTokenHash" varchar(64), "host" varchar(253), "viewerUserId" varchar(36), "viewedClientId" varchar(36), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_9313263ad73436d005cb8af0b05" FOREIGN KEY ("viewerUserId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_de157f9e80b936e3b8c329af81e" FOREIGN KEY ("viewedClientId") REFERENCES "clients" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host", "viewerUserId", "viewedClientId") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host", "viewerUserId", "viewedClientId" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), "previousRefreshTokenHash" varchar(64), "host" varchar(253), "viewerUserId" varchar(36), "viewedClientId" varchar(36), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host", "viewerUserId", "viewedClientId") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host", "viewerUserId", "viewedClientId" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), "previousRefreshTokenHash" varchar(64), "host" varchar(253), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash", "host" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
  }
}
