import { MigrationInterface, QueryRunner } from 'typeorm';

export class BrandedSender1796175210644 implements MigrationInterface {
  name = 'BrandedSender1796175210644';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_outbox_emails_status_next"`);
    await queryRunner.query(`DROP INDEX "idx_outbox_emails_agency"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_outbox_emails" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36), "toAddress" varchar(254) NOT NULL, "subject" varchar(255) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" varchar(500), "nextAttemptAt" datetime(3) NOT NULL, "claimedAt" datetime(3), "sentAt" datetime(3), "fromName" varchar(120), "replyTo" varchar(254))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_outbox_emails"("id", "createdAt", "agencyId", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "lastError", "nextAttemptAt", "claimedAt", "sentAt") SELECT "id", "createdAt", "agencyId", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "lastError", "nextAttemptAt", "claimedAt", "sentAt" FROM "outbox_emails"`,
    );
    await queryRunner.query(`DROP TABLE "outbox_emails"`);
    await queryRunner.query(`ALTER TABLE "temporary_outbox_emails" RENAME TO "outbox_emails"`);
    await queryRunner.query(
      `CREATE INDEX "idx_outbox_emails_status_next" ON "outbox_emails" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_outbox_emails_agency" ON "outbox_emails" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "idx_oauth_connect_states_expires"`);
    await queryRunner.query(`DROP INDEX "uq_oauth_connect_states_state"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_oauth_connect_states" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "stateHash" varchar(64) NOT NULL, "agencyId" varchar(36) NOT NULL, "provider" varchar(24) NOT NULL, "purpose" varchar(16) NOT NULL, "userId" varchar(36), "sessionId" varchar(36), "clientId" varchar(36), "connectLinkId" varchar(36), "bindingHash" varchar(64), "codeVerifierSealed" text NOT NULL, "redirectUri" varchar(500) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3), "host" varchar(253), "handbackHash" varchar(64), "handbackCodeSealed" text, "handbackExpiresAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_oauth_connect_states"("id", "createdAt", "stateHash", "agencyId", "provider", "purpose", "userId", "sessionId", "clientId", "connectLinkId", "bindingHash", "codeVerifierSealed", "redirectUri", "expiresAt", "usedAt") SELECT "id", "createdAt", "stateHash", "agencyId", "provider", "purpose", "userId", "sessionId", "clientId", "connectLinkId", "bindingHash", "codeVerifierSealed", "redirectUri", "expiresAt", "usedAt" FROM "oauth_connect_states"`,
    );
    await queryRunner.query(`DROP TABLE "oauth_connect_states"`);
    await queryRunner.query(`ALTER TABLE "temporary_oauth_connect_states" RENAME TO "oauth_connect_states"`);
    await queryRunner.query(`CREATE INDEX "idx_oauth_connect_states_expires" ON "oauth_connect_states" ("expiresAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_oauth_connect_states_state" ON "oauth_connect_states" ("stateHash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_oauth_connect_states_handback" ON "oauth_connect_states" ("handbackHash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_oauth_connect_states_handback"`);
    await queryRunner.query(`DROP INDEX "uq_oauth_connect_states_state"`);
    await queryRunner.query(`DROP INDEX "idx_oauth_connect_states_expires"`);
    await queryRunner.query(`ALTER TABLE "oauth_connect_states" RENAME TO "temporary_oauth_connect_states"`);
    await queryRunner.query(
      `CREATE TABLE "oauth_connect_states" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "stateHash" varchar(64) NOT NULL, "agencyId" varchar(36) NOT NULL, "provider" varchar(24) NOT NULL, "purpose" varchar(16) NOT NULL, "userId" varchar(36), "sessionId" varchar(36), "clientId" varchar(36), "connectLinkId" varchar(36), "bindingHash" varchar(64), "codeVerifierSealed" text NOT NULL, "redirectUri" varchar(500) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "oauth_connect_states"("id", "createdAt", "stateHash", "agencyId", "provider", "purpose", "userId", "sessionId", "clientId", "connectLinkId", "bindingHash", "codeVerifierSealed", "redirectUri", "expiresAt", "usedAt") SELECT "id", "createdAt", "stateHash", "agencyId", "provider", "purpose", "userId", "sessionId", "clientId", "connectLinkId", "bindingHash", "codeVerifierSealed", "redirectUri", "expiresAt", "usedAt" FROM "temporary_oauth_connect_states"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_oauth_connect_states"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_oauth_connect_states_state" ON "oauth_connect_states" ("stateHash") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_oauth_connect_states_expires" ON "oauth_connect_states" ("expiresAt") `);
    await queryRunner.query(`DROP INDEX "idx_outbox_emails_agency"`);
    await queryRunner.query(`DROP INDEX "idx_outbox_emails_status_next"`);
    await queryRunner.query(`ALTER TABLE "outbox_emails" RENAME TO "temporary_outbox_emails"`);
    await queryRunner.query(
      `CREATE TABLE "outbox_emails" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36), "toAddress" varchar(254) NOT NULL, "subject" varchar(255) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" varchar(500), "nextAttemptAt" datetime(3) NOT NULL, "claimedAt" datetime(3), "sentAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "outbox_emails"("id", "createdAt", "agencyId", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "lastError", "nextAttemptAt", "claimedAt", "sentAt") SELECT "id", "createdAt", "agencyId", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "lastError", "nextAttemptAt", "claimedAt", "sentAt" FROM "temporary_outbox_emails"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_outbox_emails"`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_emails_agency" ON "outbox_emails" ("agencyId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_outbox_emails_status_next" ON "outbox_emails" ("status", "nextAttemptAt") `,
    );
  }
}
