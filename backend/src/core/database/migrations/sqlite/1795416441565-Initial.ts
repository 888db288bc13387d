import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795416441565 implements MigrationInterface {
  name = 'Initial1795416441565';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_logs" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36), "actorUserId" varchar(36), "action" varchar(64) NOT NULL, "targetType" varchar(32), "targetId" varchar(36), "ip" varchar(64), "details" text)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_logs_actor" ON "audit_logs" ("actorUserId") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_logs_agency_created" ON "audit_logs" ("agencyId", "createdAt") `);
    await queryRunner.query(
      `CREATE TABLE "outbox_emails" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36), "toAddress" varchar(254) NOT NULL, "subject" varchar(255) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" varchar(500), "nextAttemptAt" datetime(3) NOT NULL, "claimedAt" datetime(3), "sentAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_outbox_emails_agency" ON "outbox_emails" ("agencyId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_outbox_emails_status_next" ON "outbox_emails" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scheduler_leases" ("name" varchar(64) PRIMARY KEY NOT NULL, "holder" varchar(64) NOT NULL, "leasedUntil" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "agencies" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(120) NOT NULL, "plan" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255), "emailConfirmedAt" datetime(3), "status" varchar(16) NOT NULL DEFAULT ('active'), "timezone" varchar(64) NOT NULL DEFAULT ('UTC'), "lastLoginAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_users_agency" ON "users" ("agencyId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "one_time_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "purpose" varchar(24) NOT NULL, "tokenHash" varchar(64) NOT NULL, "email" varchar(254) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_one_time_tokens_hash" ON "one_time_tokens" ("tokenHash") `);
    await queryRunner.query(
      `CREATE INDEX "idx_one_time_tokens_user_purpose" ON "one_time_tokens" ("userId", "purpose") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(
      `CREATE TABLE "clients" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "name" varchar(120) NOT NULL, "permissions" text NOT NULL, "deletedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_clients_agency" ON "clients" ("agencyId") `);
    await queryRunner.query(
      `CREATE TABLE "client_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_client_memberships_user" ON "client_memberships" ("userId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_client_memberships_client_user" ON "client_memberships" ("clientId", "userId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agency_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_agency_memberships_user" ON "agency_memberships" ("userId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_agency_memberships_agency_user" ON "agency_memberships" ("agencyId", "userId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_users_agency"`);
    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255), "emailConfirmedAt" datetime(3), "status" varchar(16) NOT NULL DEFAULT ('active'), "timezone" varchar(64) NOT NULL DEFAULT ('UTC'), "lastLoginAt" datetime(3), CONSTRAINT "FK_184debc49e72b43579476cc6e75" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_users"("id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt" FROM "users"`,
    );
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await queryRunner.query(`CREATE INDEX "idx_users_agency" ON "users" ("agencyId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`DROP INDEX "uq_one_time_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "idx_one_time_tokens_user_purpose"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_one_time_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "purpose" varchar(24) NOT NULL, "tokenHash" varchar(64) NOT NULL, "email" varchar(254) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3), CONSTRAINT "FK_c050f9d5e8a16e1a30a98c7257f" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_one_time_tokens"("id", "createdAt", "userId", "purpose", "tokenHash", "email", "expiresAt", "usedAt") SELECT "id", "createdAt", "userId", "purpose", "tokenHash", "email", "expiresAt", "usedAt" FROM "one_time_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "one_time_tokens"`);
    await queryRunner.query(`ALTER TABLE "temporary_one_time_tokens" RENAME TO "one_time_tokens"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_one_time_tokens_hash" ON "one_time_tokens" ("tokenHash") `);
    await queryRunner.query(
      `CREATE INDEX "idx_one_time_tokens_user_purpose" ON "one_time_tokens" ("userId", "purpose") `,
    );
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`DROP INDEX "idx_clients_agency"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_clients" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "name" varchar(120) NOT NULL, "permissions" text NOT NULL, "deletedAt" datetime(3), CONSTRAINT "FK_24b4626ed7131b82ccdf89089c9" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_clients"("id", "createdAt", "updatedAt", "agencyId", "name", "permissions", "deletedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "name", "permissions", "deletedAt" FROM "clients"`,
    );
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`ALTER TABLE "temporary_clients" RENAME TO "clients"`);
    await queryRunner.query(`CREATE INDEX "idx_clients_agency" ON "clients" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "idx_client_memberships_user"`);
    await queryRunner.query(`DROP INDEX "uq_client_memberships_client_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_client_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), CONSTRAINT "FK_a6170ca234539df179868260be6" FOREIGN KEY ("clientId") REFERENCES "clients" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_134fa90c9c854b237914af61ff4" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_client_memberships"("id", "createdAt", "agencyId", "clientId", "userId", "role", "status") SELECT "id", "createdAt", "agencyId", "clientId", "userId", "role", "status" FROM "client_memberships"`,
    );
    await queryRunner.query(`DROP TABLE "client_memberships"`);
    await queryRunner.query(`ALTER TABLE "temporary_client_memberships" RENAME TO "client_memberships"`);
    await queryRunner.query(`CREATE INDEX "idx_client_memberships_user" ON "client_memberships" ("userId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_client_memberships_client_user" ON "client_memberships" ("clientId", "userId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_agency_memberships_user"`);
    await queryRunner.query(`DROP INDEX "uq_agency_memberships_agency_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agency_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), CONSTRAINT "FK_6bd343fa7a10e2800a9128cc550" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_39f52a6c7fb00c2c5e0622015c2" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agency_memberships"("id", "createdAt", "agencyId", "userId", "role", "status") SELECT "id", "createdAt", "agencyId", "userId", "role", "status" FROM "agency_memberships"`,
    );
    await queryRunner.query(`DROP TABLE "agency_memberships"`);
    await queryRunner.query(`ALTER TABLE "temporary_agency_memberships" RENAME TO "agency_memberships"`);
    await queryRunner.query(`CREATE INDEX "idx_agency_memberships_user" ON "agency_memberships" ("userId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_agency_memberships_agency_user" ON "agency_memberships" ("agencyId", "userId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_agency_memberships_agency_user"`);
    await queryRunner.query(`DROP INDEX "idx_agency_memberships_user"`);
    await queryRunner.query(`ALTER TABLE "agency_memberships" RENAME TO "temporary_agency_memberships"`);
    await queryRunner.query(
      `CREATE TABLE "agency_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'))`,
    );
    await queryRunner.query(
      `INSERT INTO "agency_memberships"("id", "createdAt", "agencyId", "userId", "role", "status") SELECT "id", "createdAt", "agencyId", "userId", "role", "status" FROM "temporary_agency_memberships"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agency_memberships"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_agency_memberships_agency_user" ON "agency_memberships" ("agencyId", "userId") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_agency_memberships_user" ON "agency_memberships" ("userId") `);
    await queryRunner.query(`DROP INDEX "uq_client_memberships_client_user"`);
    await queryRunner.query(`DROP INDEX "idx_client_memberships_user"`);
    await queryRunner.query(`ALTER TABLE "client_memberships" RENAME TO "temporary_client_memberships"`);
    await queryRunner.query(
      `CREATE TABLE "client_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'))`,
    );
    await queryRunner.query(
      `INSERT INTO "client_memberships"("id", "createdAt", "agencyId", "clientId", "userId", "role", "status") SELECT "id", "createdAt", "agencyId", "clientId", "userId", "role", "status" FROM "temporary_client_memberships"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_client_memberships"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_client_memberships_client_user" ON "client_memberships" ("clientId", "userId") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_client_memberships_user" ON "client_memberships" ("userId") `);
    await queryRunner.query(`DROP INDEX "idx_clients_agency"`);
    await queryRunner.query(`ALTER TABLE "clients" RENAME TO "temporary_clients"`);
    await queryRunner.query(
      `CREATE TABLE "clients" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "name" varchar(120) NOT NULL, "permissions" text NOT NULL, "deletedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "clients"("id", "createdAt", "updatedAt", "agencyId", "name", "permissions", "deletedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "name", "permissions", "deletedAt" FROM "temporary_clients"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_clients"`);
    await queryRunner.query(`CREATE INDEX "idx_clients_agency" ON "clients" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255))`,
    );
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`DROP INDEX "idx_one_time_tokens_user_purpose"`);
    await queryRunner.query(`DROP INDEX "uq_one_time_tokens_hash"`);
    await queryRunner.query(`ALTER TABLE "one_time_tokens" RENAME TO "temporary_one_time_tokens"`);
    await queryRunner.query(
      `CREATE TABLE "one_time_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "purpose" varchar(24) NOT NULL, "tokenHash" varchar(64) NOT NULL, "email" varchar(254) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "one_time_tokens"("id", "createdAt", "userId", "purpose", "tokenHash", "email", "expiresAt", "usedAt") SELECT "id", "createdAt", "userId", "purpose", "tokenHash", "email", "expiresAt", "usedAt" FROM "temporary_one_time_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_one_time_tokens"`);
    await queryRunner.query(
      `CREATE INDEX "idx_one_time_tokens_user_purpose" ON "one_time_tokens" ("userId", "purpose") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_one_time_tokens_hash" ON "one_time_tokens" ("tokenHash") `);
    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(`DROP INDEX "idx_users_agency"`);
    await queryRunner.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255), "emailConfirmedAt" datetime(3), "status" varchar(16) NOT NULL DEFAULT ('active'), "timezone" varchar(64) NOT NULL DEFAULT ('UTC'), "lastLoginAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "users"("id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt" FROM "temporary_users"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_users"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`CREATE INDEX "idx_users_agency" ON "users" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "uq_agency_memberships_agency_user"`);
    await queryRunner.query(`DROP INDEX "idx_agency_memberships_user"`);
    await queryRunner.query(`DROP TABLE "agency_memberships"`);
    await queryRunner.query(`DROP INDEX "uq_client_memberships_client_user"`);
    await queryRunner.query(`DROP INDEX "idx_client_memberships_user"`);
    await queryRunner.query(`DROP TABLE "client_memberships"`);
    await queryRunner.query(`DROP INDEX "idx_clients_agency"`);
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "idx_one_time_tokens_user_purpose"`);
    await queryRunner.query(`DROP INDEX "uq_one_time_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "one_time_tokens"`);
    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(`DROP INDEX "idx_users_agency"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
    await queryRunner.query(`DROP TABLE "scheduler_leases"`);
    await queryRunner.query(`DROP INDEX "idx_outbox_emails_status_next"`);
    await queryRunner.query(`DROP INDEX "idx_outbox_emails_agency"`);
    await queryRunner.query(`DROP TABLE "outbox_emails"`);
    await queryRunner.query(`DROP INDEX "idx_audit_logs_agency_created"`);
    await queryRunner.query(`DROP INDEX "idx_audit_logs_actor"`);
    await queryRunner.query(`DROP TABLE "audit_logs"`);
  }
}
