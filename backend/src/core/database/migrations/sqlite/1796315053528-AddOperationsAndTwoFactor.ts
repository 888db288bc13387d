import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOperationsAndTwoFactor1796315053528 implements MigrationInterface {
  name = 'AddOperationsAndTwoFactor1796315053528';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "two_factor_credentials" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "secretSealed" text NOT NULL, "enabledAt" datetime(3), "lastUsedTimeStep" integer)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_two_factor_credentials_user" ON "two_factor_credentials" ("userId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_credentials_agency" ON "two_factor_credentials" ("agencyId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "two_factor_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_recovery_codes_agency" ON "two_factor_recovery_codes" ("agencyId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_recovery_codes_user" ON "two_factor_recovery_codes" ("userId", "usedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "platform_operators" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255) NOT NULL, "totpSecretSealed" text, "totpEnabledAt" datetime(3), "totpLastUsedTimeStep" integer, "lastLoginAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_platform_operators_email" ON "platform_operators" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "platform_operator_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "operatorId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_operator_recovery_codes_operator" ON "platform_operator_recovery_codes" ("operatorId", "usedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "operator_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "operatorId" varchar(36) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "ip" varchar(64), "userAgent" varchar(255))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_operator_sessions_operator" ON "operator_sessions" ("operatorId") `);
    await queryRunner.query(`DROP INDEX "uq_agencies_previous_slug"`);
    await queryRunner.query(`DROP INDEX "uq_agencies_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agencies" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(120) NOT NULL, "plan" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), "slug" varchar(63) NOT NULL, "slugChangedAt" datetime(3), "previousSlug" varchar(63), "suspendedAt" datetime(3), "suspendedReason" varchar(500), "requireTwoFactorForTeam" boolean NOT NULL DEFAULT (0), "requireTwoFactorForClients" boolean NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agencies"("id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt", "previousSlug") SELECT "id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt", "previousSlug" FROM "agencies"`,
    );
    await queryRunner.query(`DROP TABLE "agencies"`);
    await queryRunner.query(`ALTER TABLE "temporary_agencies" RENAME TO "agencies"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_previous_slug" ON "agencies" ("previousSlug") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_slug" ON "agencies" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_two_factor_credentials_user"`);
    await queryRunner.query(`DROP INDEX "idx_two_factor_credentials_agency"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_two_factor_credentials" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "secretSealed" text NOT NULL, "enabledAt" datetime(3), "lastUsedTimeStep" integer, CONSTRAINT "FK_4aa86ec941beff58a1e0552ce01" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_01468e78ad55c2303973241171f" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_two_factor_credentials"("id", "createdAt", "updatedAt", "userId", "agencyId", "secretSealed", "enabledAt", "lastUsedTimeStep") SELECT "id", "createdAt", "updatedAt", "userId", "agencyId", "secretSealed", "enabledAt", "lastUsedTimeStep" FROM "two_factor_credentials"`,
    );
    await queryRunner.query(`DROP TABLE "two_factor_credentials"`);
    await queryRunner.query(`ALTER TABLE "temporary_two_factor_credentials" RENAME TO "two_factor_credentials"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_two_factor_credentials_user" ON "two_factor_credentials" ("userId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_credentials_agency" ON "two_factor_credentials" ("agencyId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_two_factor_recovery_codes_agency"`);
    await queryRunner.query(`DROP INDEX "idx_two_factor_recovery_codes_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_two_factor_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3), CONSTRAINT "FK_b8bb7fb08d5097dc938cef1e4ac" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_607885c743cd836454bf7e507f3" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_two_factor_recovery_codes"("id", "createdAt", "userId", "agencyId", "codeHash", "usedAt") SELECT "id", "createdAt", "userId", "agencyId", "codeHash", "usedAt" FROM "two_factor_recovery_codes"`,
    );
    await queryRunner.query(`DROP TABLE "two_factor_recovery_codes"`);
    await queryRunner.query(`ALTER TABLE "temporary_two_factor_recovery_codes" RENAME TO "two_factor_recovery_codes"`);
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_recovery_codes_agency" ON "two_factor_recovery_codes" ("agencyId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_recovery_codes_user" ON "two_factor_recovery_codes" ("userId", "usedAt") `,
    );
    await queryRunner.query(`DROP INDEX "idx_operator_recovery_codes_operator"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_platform_operator_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "operatorId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3), CONSTRAINT "FK_bab0c6fdc93f3289fdd3ff5601f" FOREIGN KEY ("operatorId") REFERENCES "platform_operators" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_platform_operator_recovery_codes"("id", "createdAt", "operatorId", "codeHash", "usedAt") SELECT "id", "createdAt", "operatorId", "codeHash", "usedAt" FROM "platform_operator_recovery_codes"`,
    );
    await queryRunner.query(`DROP TABLE "platform_operator_recovery_codes"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_platform_operator_recovery_codes" RENAME TO "platform_operator_recovery_codes"`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_operator_recovery_codes_operator" ON "platform_operator_recovery_codes" ("operatorId", "usedAt") `,
    );
    await queryRunner.query(`DROP INDEX "idx_operator_sessions_operator"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_operator_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "operatorId" varchar(36) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "ip" varchar(64), "userAgent" varchar(255), CONSTRAINT "FK_d8984f7385cfd19ceea501adb72" FOREIGN KEY ("operatorId") REFERENCES "platform_operators" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_operator_sessions"("id", "createdAt", "operatorId", "expiresAt", "revokedAt", "ip", "userAgent") SELECT "id", "createdAt", "operatorId", "expiresAt", "revokedAt", "ip", "userAgent" FROM "operator_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "operator_sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_operator_sessions" RENAME TO "operator_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_operator_sessions_operator" ON "operator_sessions" ("operatorId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_operator_sessions_operator"`);
    await queryRunner.query(`ALTER TABLE "operator_sessions" RENAME TO "temporary_operator_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "operator_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "operatorId" varchar(36) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "ip" varchar(64), "userAgent" varchar(255))`,
    );
    await queryRunner.query(
      `INSERT INTO "operator_sessions"("id", "createdAt", "operatorId", "expiresAt", "revokedAt", "ip", "userAgent") SELECT "id", "createdAt", "operatorId", "expiresAt", "revokedAt", "ip", "userAgent" FROM "temporary_operator_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_operator_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_operator_sessions_operator" ON "operator_sessions" ("operatorId") `);
    await queryRunner.query(`DROP INDEX "idx_operator_recovery_codes_operator"`);
    await queryRunner.query(
      `ALTER TABLE "platform_operator_recovery_codes" RENAME TO "temporary_platform_operator_recovery_codes"`,
    );
    await queryRunner.query(
      `CREATE TABLE "platform_operator_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "operatorId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "platform_operator_recovery_codes"("id", "createdAt", "operatorId", "codeHash", "usedAt") SELECT "id", "createdAt", "operatorId", "codeHash", "usedAt" FROM "temporary_platform_operator_recovery_codes"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_platform_operator_recovery_codes"`);
    await queryRunner.query(
      `CREATE INDEX "idx_operator_recovery_codes_operator" ON "platform_operator_recovery_codes" ("operatorId", "usedAt") `,
    );
    await queryRunner.query(`DROP INDEX "idx_two_factor_recovery_codes_user"`);
    await queryRunner.query(`DROP INDEX "idx_two_factor_recovery_codes_agency"`);
    await queryRunner.query(`ALTER TABLE "two_factor_recovery_codes" RENAME TO "temporary_two_factor_recovery_codes"`);
    await queryRunner.query(
      `CREATE TABLE "two_factor_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "two_factor_recovery_codes"("id", "createdAt", "userId", "agencyId", "codeHash", "usedAt") SELECT "id", "createdAt", "userId", "agencyId", "codeHash", "usedAt" FROM "temporary_two_factor_recovery_codes"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_two_factor_recovery_codes"`);
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_recovery_codes_user" ON "two_factor_recovery_codes" ("userId", "usedAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_recovery_codes_agency" ON "two_factor_recovery_codes" ("agencyId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_two_factor_credentials_agency"`);
    await queryRunner.query(`DROP INDEX "uq_two_factor_credentials_user"`);
    await queryRunner.query(`ALTER TABLE "two_factor_credentials" RENAME TO "temporary_two_factor_credentials"`);
    await queryRunner.query(
      `CREATE TABLE "two_factor_credentials" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "secretSealed" text NOT NULL, "enabledAt" datetime(3), "lastUsedTimeStep" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "two_factor_credentials"("id", "createdAt", "updatedAt", "userId", "agencyId", "secretSealed", "enabledAt", "lastUsedTimeStep") SELECT "id", "createdAt", "updatedAt", "userId", "agencyId", "secretSealed", "enabledAt", "lastUsedTimeStep" FROM "temporary_two_factor_credentials"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_two_factor_credentials"`);
    await queryRunner.query(
      `CREATE INDEX "idx_two_factor_credentials_agency" ON "two_factor_credentials" ("agencyId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_two_factor_credentials_user" ON "two_factor_credentials" ("userId") `,
    );
    await queryRunner.query(`DROP INDEX "uq_agencies_slug"`);
    await queryRunner.query(`DROP INDEX "uq_agencies_previous_slug"`);
    await queryRunner.query(`ALTER TABLE "agencies" RENAME TO "temporary_agencies"`);
    await queryRunner.query(
      `CREATE TABLE "agencies" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(120) NOT NULL, "plan" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), "slug" varchar(63) NOT NULL, "slugChangedAt" datetime(3), "previousSlug" varchar(63))`,
    );
    await queryRunner.query(
      `INSERT INTO "agencies"("id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt", "previousSlug") SELECT "id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt", "previousSlug" FROM "temporary_agencies"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agencies"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_slug" ON "agencies" ("slug") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_previous_slug" ON "agencies" ("previousSlug") `);
    await queryRunner.query(`DROP INDEX "idx_operator_sessions_operator"`);
    await queryRunner.query(`DROP TABLE "operator_sessions"`);
    await queryRunner.query(`DROP INDEX "idx_operator_recovery_codes_operator"`);
    await queryRunner.query(`DROP TABLE "platform_operator_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "uq_platform_operators_email"`);
    await queryRunner.query(`DROP TABLE "platform_operators"`);
    await queryRunner.query(`DROP INDEX "idx_two_factor_recovery_codes_user"`);
    await queryRunner.query(`DROP INDEX "idx_two_factor_recovery_codes_agency"`);
    await queryRunner.query(`DROP TABLE "two_factor_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "idx_two_factor_credentials_agency"`);
    await queryRunner.query(`DROP INDEX "uq_two_factor_credentials_user"`);
    await queryRunner.query(`DROP TABLE "two_factor_credentials"`);
  }
}
