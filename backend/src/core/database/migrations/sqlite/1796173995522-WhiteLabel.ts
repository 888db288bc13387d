import { MigrationInterface, QueryRunner } from 'typeorm';

export class WhiteLabel1796173995522 implements MigrationInterface {
  name = 'WhiteLabel1796173995522';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency_brandings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "portalName" varchar(120), "primaryColor" varchar(7) NOT NULL, "accentColor" varchar(7), "signInHeadline" varchar(120), "signInText" varchar(500), "supportEmail" varchar(254), "supportUrl" varchar(500), "legalFooter" varchar(500), "emailSenderName" varchar(120), "emailReplyTo" varchar(254), "showPoweredBy" boolean NOT NULL DEFAULT (1), "images" text NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agency_brandings_agency" ON "agency_brandings" ("agencyId") `);
    await queryRunner.query(
      `CREATE TABLE "custom_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "hostname" varchar(253) NOT NULL, "challengeToken" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "verifiedAt" datetime(3), "lastCheckedAt" datetime(3), "problem" varchar(255), "failingSince" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_agency" ON "custom_domains" ("agencyId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_hostname" ON "custom_domains" ("hostname") `);
    await queryRunner.query(`CREATE INDEX "idx_custom_domains_status" ON "custom_domains" ("status") `);
    // Existing agencies get a unique slug from their id; each may change it once in Settings.
    await queryRunner.query(
      `CREATE TABLE "temporary_agencies" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(120) NOT NULL, "plan" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), "slug" varchar(63) NOT NULL, "slugChangedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agencies"("id", "createdAt", "updatedAt", "name", "plan", "status", "slug") SELECT "id", "createdAt", "updatedAt", "name", "plan", "status", 'agency-' || replace("id", '-', '') FROM "agencies"`,
    );
    await queryRunner.query(`DROP TABLE "agencies"`);
    await queryRunner.query(`ALTER TABLE "temporary_agencies" RENAME TO "agencies"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), "previousRefreshTokenHash" varchar(64), "host" varchar(253), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_slug" ON "agencies" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_agency_brandings_agency"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agency_brandings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "portalName" varchar(120), "primaryColor" varchar(7) NOT NULL, "accentColor" varchar(7), "signInHeadline" varchar(120), "signInText" varchar(500), "supportEmail" varchar(254), "supportUrl" varchar(500), "legalFooter" varchar(500), "emailSenderName" varchar(120), "emailReplyTo" varchar(254), "showPoweredBy" boolean NOT NULL DEFAULT (1), "images" text NOT NULL, CONSTRAINT "FK_21931bdbd54d1899b99a34489b9" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agency_brandings"("id", "createdAt", "updatedAt", "agencyId", "portalName", "primaryColor", "accentColor", "signInHeadline", "signInText", "supportEmail", "supportUrl", "legalFooter", "emailSenderName", "emailReplyTo", "showPoweredBy", "images") SELECT "id", "createdAt", "updatedAt", "agencyId", "portalName", "primaryColor", "accentColor", "signInHeadline", "signInText", "supportEmail", "supportUrl", "legalFooter", "emailSenderName", "emailReplyTo", "showPoweredBy", "images" FROM "agency_brandings"`,
    );
    await queryRunner.query(`DROP TABLE "agency_brandings"`);
    await queryRunner.query(`ALTER TABLE "temporary_agency_brandings" RENAME TO "agency_brandings"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agency_brandings_agency" ON "agency_brandings" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_agency"`);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_hostname"`);
    await queryRunner.query(`DROP INDEX "idx_custom_domains_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_custom_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "hostname" varchar(253) NOT NULL, "challengeToken" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "verifiedAt" datetime(3), "lastCheckedAt" datetime(3), "problem" varchar(255), "failingSince" datetime(3), CONSTRAINT "FK_52df57a430ccfaf9c5a739f7a0f" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_custom_domains"("id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince") SELECT "id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince" FROM "custom_domains"`,
    );
    await queryRunner.query(`DROP TABLE "custom_domains"`);
    await queryRunner.query(`ALTER TABLE "temporary_custom_domains" RENAME TO "custom_domains"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_agency" ON "custom_domains" ("agencyId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_hostname" ON "custom_domains" ("hostname") `);
    await queryRunner.query(`CREATE INDEX "idx_custom_domains_status" ON "custom_domains" ("status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_custom_domains_status"`);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_hostname"`);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_agency"`);
    await queryRunner.query(`ALTER TABLE "custom_domains" RENAME TO "temporary_custom_domains"`);
    await queryRunner.query(
      `CREATE TABLE "custom_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "hostname" varchar(253) NOT NULL, "challengeToken" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "verifiedAt" datetime(3), "lastCheckedAt" datetime(3), "problem" varchar(255), "failingSince" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "custom_domains"("id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince") SELECT "id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince" FROM "temporary_custom_domains"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_custom_domains"`);
    await queryRunner.query(`CREATE INDEX "idx_custom_domains_status" ON "custom_domains" ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_hostname" ON "custom_domains" ("hostname") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_agency" ON "custom_domains" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "uq_agency_brandings_agency"`);
    await queryRunner.query(`ALTER TABLE "agency_brandings" RENAME TO "temporary_agency_brandings"`);
    await queryRunner.query(
      `CREATE TABLE "agency_brandings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "portalName" varchar(120), "primaryColor" varchar(7) NOT NULL, "accentColor" varchar(7), "signInHeadline" varchar(120), "signInText" varchar(500), "supportEmail" varchar(254), "supportUrl" varchar(500), "legalFooter" varchar(500), "emailSenderName" varchar(120), "emailReplyTo" varchar(254), "showPoweredBy" boolean NOT NULL DEFAULT (1), "images" text NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "agency_brandings"("id", "createdAt", "updatedAt", "agencyId", "portalName", "primaryColor", "accentColor", "signInHeadline", "signInText", "supportEmail", "supportUrl", "legalFooter", "emailSenderName", "emailReplyTo", "showPoweredBy", "images") SELECT "id", "createdAt", "updatedAt", "agencyId", "portalName", "primaryColor", "accentColor", "signInHeadline", "signInText", "supportEmail", "supportUrl", "legalFooter", "emailSenderName", "emailReplyTo", "showPoweredBy", "images" FROM "temporary_agency_brandings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agency_brandings"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agency_brandings_agency" ON "agency_brandings" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "uq_agencies_slug"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "userId" varchar(36) NOT NULL, "refreshTokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3), "revokedReason" varchar(32), "lastUsedAt" datetime(3) NOT NULL, "ip" varchar(64), "userAgent" varchar(255), "previousRefreshTokenHash" varchar(64), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash") SELECT "id", "createdAt", "userId", "refreshTokenHash", "expiresAt", "revokedAt", "revokedReason", "lastUsedAt", "ip", "userAgent", "previousRefreshTokenHash" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`ALTER TABLE "agencies" RENAME TO "temporary_agencies"`);
    await queryRunner.query(
      `CREATE TABLE "agencies" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(120) NOT NULL, "plan" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'))`,
    );
    await queryRunner.query(
      `INSERT INTO "agencies"("id", "createdAt", "updatedAt", "name", "plan", "status") SELECT "id", "createdAt", "updatedAt", "name", "plan", "status" FROM "temporary_agencies"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agencies"`);
    await queryRunner.query(`DROP INDEX "idx_custom_domains_status"`);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_hostname"`);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_agency"`);
    await queryRunner.query(`DROP TABLE "custom_domains"`);
    await queryRunner.query(`DROP INDEX "uq_agency_brandings_agency"`);
    await queryRunner.query(`DROP TABLE "agency_brandings"`);
  }
}
