import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddContracts1796279011811 implements MigrationInterface {
  name = 'AddContracts1796279011811';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contracts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "title" varchar(200) NOT NULL, "message" text, "status" varchar(24) NOT NULL, "currentStep" integer, "expiresAt" datetime(3), "reminderFirstAfterDays" integer, "reminderEveryDays" integer, "reminderMaxCount" integer, "originalKey" varchar(300) NOT NULL, "originalSha256" varchar(64) NOT NULL, "pageCount" integer NOT NULL, "pageSizes" text NOT NULL, "sealState" varchar(16) NOT NULL, "finalKey" varchar(300), "finalSha256" varchar(64), "certificateKey" varchar(300), "voidedKey" varchar(300), "sentAt" datetime(3), "completedAt" datetime(3), "voidedAt" datetime(3), "voidReason" varchar(1000), "declinedAt" datetime(3), "declineReason" varchar(1000), "declinedByName" varchar(120), "templateId" varchar(36), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_contracts_final_sha" ON "contracts" ("finalSha256") `);
    await queryRunner.query(
      `CREATE INDEX "idx_contracts_client_status" ON "contracts" ("agencyId", "clientId", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_contracts_agency_updated" ON "contracts" ("agencyId", "updatedAt") `);
    await queryRunner.query(
      `CREATE TABLE "contract_recipients" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "position" integer NOT NULL, "userId" varchar(36), "name" varchar(120) NOT NULL, "email" varchar(254) NOT NULL, "role" varchar(12) NOT NULL, "side" varchar(8) NOT NULL, "step" integer NOT NULL, "status" varchar(12) NOT NULL, "sentAt" datetime(3), "viewedAt" datetime(3), "actedAt" datetime(3), "declineReason" varchar(1000), "signatureMethod" varchar(12), "typedText" varchar(120), "signatureFont" varchar(40), "signatureKey" varchar(300), "initialsKey" varchar(300), "ip" varchar(64), "userAgent" varchar(500), "timeZone" varchar(64), "remindersSent" integer NOT NULL DEFAULT (0), "lastRemindedAt" datetime(3))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_contract_recipients_user" ON "contract_recipients" ("agencyId", "userId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_contract_recipients_contract" ON "contract_recipients" ("contractId", "step") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_fields" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "recipientId" varchar(36) NOT NULL, "kind" varchar(12) NOT NULL, "page" integer NOT NULL, "x" double NOT NULL, "y" double NOT NULL, "width" double NOT NULL, "height" double NOT NULL, "required" boolean NOT NULL, "label" varchar(120), "value" varchar(1000), "filledAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_contract_fields_contract" ON "contract_fields" ("contractId", "page") `);
    await queryRunner.query(
      `CREATE TABLE "contract_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "sequence" integer NOT NULL, "type" varchar(24) NOT NULL, "recipientId" varchar(36), "recipientName" varchar(120), "actorUserId" varchar(36), "actorName" varchar(120), "detail" varchar(500), "ip" varchar(64), "userAgent" varchar(500), "hash" varchar(64) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_contract_events_contract" ON "contract_events" ("contractId", "sequence") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_templates" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "message" text, "fileKey" varchar(300) NOT NULL, "sha256" varchar(64) NOT NULL, "pageCount" integer NOT NULL, "pageSizes" text NOT NULL, "layout" text NOT NULL, "recipientSlots" integer NOT NULL, "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_contract_templates_agency" ON "contract_templates" ("agencyId", "name") `,
    );
    await queryRunner.query(`DROP INDEX "idx_contracts_final_sha"`);
    await queryRunner.query(`DROP INDEX "idx_contracts_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_contracts_agency_updated"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contracts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "title" varchar(200) NOT NULL, "message" text, "status" varchar(24) NOT NULL, "currentStep" integer, "expiresAt" datetime(3), "reminderFirstAfterDays" integer, "reminderEveryDays" integer, "reminderMaxCount" integer, "originalKey" varchar(300) NOT NULL, "originalSha256" varchar(64) NOT NULL, "pageCount" integer NOT NULL, "pageSizes" text NOT NULL, "sealState" varchar(16) NOT NULL, "finalKey" varchar(300), "finalSha256" varchar(64), "certificateKey" varchar(300), "voidedKey" varchar(300), "sentAt" datetime(3), "completedAt" datetime(3), "voidedAt" datetime(3), "voidReason" varchar(1000), "declinedAt" datetime(3), "declineReason" varchar(1000), "declinedByName" varchar(120), "templateId" varchar(36), "createdByUserId" varchar(36), CONSTRAINT "FK_79f0202ce6b696049c7e434dfa9" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contracts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "title", "message", "status", "currentStep", "expiresAt", "reminderFirstAfterDays", "reminderEveryDays", "reminderMaxCount", "originalKey", "originalSha256", "pageCount", "pageSizes", "sealState", "finalKey", "finalSha256", "certificateKey", "voidedKey", "sentAt", "completedAt", "voidedAt", "voidReason", "declinedAt", "declineReason", "declinedByName", "templateId", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "title", "message", "status", "currentStep", "expiresAt", "reminderFirstAfterDays", "reminderEveryDays", "reminderMaxCount", "originalKey", "originalSha256", "pageCount", "pageSizes", "sealState", "finalKey", "finalSha256", "certificateKey", "voidedKey", "sentAt", "completedAt", "voidedAt", "voidReason", "declinedAt", "declineReason", "declinedByName", "templateId", "createdByUserId" FROM "contracts"`,
    );
    await queryRunner.query(`DROP TABLE "contracts"`);
    await queryRunner.query(`ALTER TABLE "temporary_contracts" RENAME TO "contracts"`);
    await queryRunner.query(`CREATE INDEX "idx_contracts_final_sha" ON "contracts" ("finalSha256") `);
    await queryRunner.query(
      `CREATE INDEX "idx_contracts_client_status" ON "contracts" ("agencyId", "clientId", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_contracts_agency_updated" ON "contracts" ("agencyId", "updatedAt") `);
    await queryRunner.query(`DROP INDEX "idx_contract_recipients_user"`);
    await queryRunner.query(`DROP INDEX "idx_contract_recipients_contract"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract_recipients" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "position" integer NOT NULL, "userId" varchar(36), "name" varchar(120) NOT NULL, "email" varchar(254) NOT NULL, "role" varchar(12) NOT NULL, "side" varchar(8) NOT NULL, "step" integer NOT NULL, "status" varchar(12) NOT NULL, "sentAt" datetime(3), "viewedAt" datetime(3), "actedAt" datetime(3), "declineReason" varchar(1000), "signatureMethod" varchar(12), "typedText" varchar(120), "signatureFont" varchar(40), "signatureKey" varchar(300), "initialsKey" varchar(300), "ip" varchar(64), "userAgent" varchar(500), "timeZone" varchar(64), "remindersSent" integer NOT NULL DEFAULT (0), "lastRemindedAt" datetime(3), CONSTRAINT "FK_39d052909e0bcf5275e51a18477" FOREIGN KEY ("contractId") REFERENCES "contracts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract_recipients"("id", "createdAt", "updatedAt", "agencyId", "clientId", "contractId", "position", "userId", "name", "email", "role", "side", "step", "status", "sentAt", "viewedAt", "actedAt", "declineReason", "signatureMethod", "typedText", "signatureFont", "signatureKey", "initialsKey", "ip", "userAgent", "timeZone", "remindersSent", "lastRemindedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "contractId", "position", "userId", "name", "email", "role", "side", "step", "status", "sentAt", "viewedAt", "actedAt", "declineReason", "signatureMethod", "typedText", "signatureFont", "signatureKey", "initialsKey", "ip", "userAgent", "timeZone", "remindersSent", "lastRemindedAt" FROM "contract_recipients"`,
    );
    await queryRunner.query(`DROP TABLE "contract_recipients"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract_recipients" RENAME TO "contract_recipients"`);
    await queryRunner.query(
      `CREATE INDEX "idx_contract_recipients_user" ON "contract_recipients" ("agencyId", "userId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_contract_recipients_contract" ON "contract_recipients" ("contractId", "step") `,
    );
    await queryRunner.query(`DROP INDEX "idx_contract_fields_contract"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract_fields" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "recipientId" varchar(36) NOT NULL, "kind" varchar(12) NOT NULL, "page" integer NOT NULL, "x" double NOT NULL, "y" double NOT NULL, "width" double NOT NULL, "height" double NOT NULL, "required" boolean NOT NULL, "label" varchar(120), "value" varchar(1000), "filledAt" datetime(3), CONSTRAINT "FK_31f4f18b408495808119fc54629" FOREIGN KEY ("contractId") REFERENCES "contracts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract_fields"("id", "createdAt", "agencyId", "clientId", "contractId", "recipientId", "kind", "page", "x", "y", "width", "height", "required", "label", "value", "filledAt") SELECT "id", "createdAt", "agencyId", "clientId", "contractId", "recipientId", "kind", "page", "x", "y", "width", "height", "required", "label", "value", "filledAt" FROM "contract_fields"`,
    );
    await queryRunner.query(`DROP TABLE "contract_fields"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract_fields" RENAME TO "contract_fields"`);
    await queryRunner.query(`CREATE INDEX "idx_contract_fields_contract" ON "contract_fields" ("contractId", "page") `);
    await queryRunner.query(`DROP INDEX "idx_contract_events_contract"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "sequence" integer NOT NULL, "type" varchar(24) NOT NULL, "recipientId" varchar(36), "recipientName" varchar(120), "actorUserId" varchar(36), "actorName" varchar(120), "detail" varchar(500), "ip" varchar(64), "userAgent" varchar(500), "hash" varchar(64) NOT NULL, CONSTRAINT "FK_bc412d7c35551e463b7408190e5" FOREIGN KEY ("contractId") REFERENCES "contracts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract_events"("id", "createdAt", "agencyId", "clientId", "contractId", "sequence", "type", "recipientId", "recipientName", "actorUserId", "actorName", "detail", "ip", "userAgent", "hash") SELECT "id", "createdAt", "agencyId", "clientId", "contractId", "sequence", "type", "recipientId", "recipientName", "actorUserId", "actorName", "detail", "ip", "userAgent", "hash" FROM "contract_events"`,
    );
    await queryRunner.query(`DROP TABLE "contract_events"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract_events" RENAME TO "contract_events"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_contract_events_contract" ON "contract_events" ("contractId", "sequence") `,
    );
    await queryRunner.query(`DROP INDEX "idx_contract_templates_agency"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract_templates" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "message" text, "fileKey" varchar(300) NOT NULL, "sha256" varchar(64) NOT NULL, "pageCount" integer NOT NULL, "pageSizes" text NOT NULL, "layout" text NOT NULL, "recipientSlots" integer NOT NULL, "createdByUserId" varchar(36), CONSTRAINT "FK_f65920c4531c40d8108d8ebf916" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract_templates"("id", "createdAt", "updatedAt", "agencyId", "name", "message", "fileKey", "sha256", "pageCount", "pageSizes", "layout", "recipientSlots", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "name", "message", "fileKey", "sha256", "pageCount", "pageSizes", "layout", "recipientSlots", "createdByUserId" FROM "contract_templates"`,
    );
    await queryRunner.query(`DROP TABLE "contract_templates"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract_templates" RENAME TO "contract_templates"`);
    await queryRunner.query(
      `CREATE INDEX "idx_contract_templates_agency" ON "contract_templates" ("agencyId", "name") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_contract_templates_agency"`);
    await queryRunner.query(`ALTER TABLE "contract_templates" RENAME TO "temporary_contract_templates"`);
    await queryRunner.query(
      `CREATE TABLE "contract_templates" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "message" text, "fileKey" varchar(300) NOT NULL, "sha256" varchar(64) NOT NULL, "pageCount" integer NOT NULL, "pageSizes" text NOT NULL, "layout" text NOT NULL, "recipientSlots" integer NOT NULL, "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(
      `INSERT INTO "contract_templates"("id", "createdAt", "updatedAt", "agencyId", "name", "message", "fileKey", "sha256", "pageCount", "pageSizes", "layout", "recipientSlots", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "name", "message", "fileKey", "sha256", "pageCount", "pageSizes", "layout", "recipientSlots", "createdByUserId" FROM "temporary_contract_templates"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract_templates"`);
    await queryRunner.query(
      `CREATE INDEX "idx_contract_templates_agency" ON "contract_templates" ("agencyId", "name") `,
    );
    await queryRunner.query(`DROP INDEX "idx_contract_events_contract"`);
    await queryRunner.query(`ALTER TABLE "contract_events" RENAME TO "temporary_contract_events"`);
    await queryRunner.query(
      `CREATE TABLE "contract_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "sequence" integer NOT NULL, "type" varchar(24) NOT NULL, "recipientId" varchar(36), "recipientName" varchar(120), "actorUserId" varchar(36), "actorName" varchar(120), "detail" varchar(500), "ip" varchar(64), "userAgent" varchar(500), "hash" varchar(64) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "contract_events"("id", "createdAt", "agencyId", "clientId", "contractId", "sequence", "type", "recipientId", "recipientName", "actorUserId", "actorName", "detail", "ip", "userAgent", "hash") SELECT "id", "createdAt", "agencyId", "clientId", "contractId", "sequence", "type", "recipientId", "recipientName", "actorUserId", "actorName", "detail", "ip", "userAgent", "hash" FROM "temporary_contract_events"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract_events"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_contract_events_contract" ON "contract_events" ("contractId", "sequence") `,
    );
    await queryRunner.query(`DROP INDEX "idx_contract_fields_contract"`);
    await queryRunner.query(`ALTER TABLE "contract_fields" RENAME TO "temporary_contract_fields"`);
    await queryRunner.query(
      `CREATE TABLE "contract_fields" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "recipientId" varchar(36) NOT NULL, "kind" varchar(12) NOT NULL, "page" integer NOT NULL, "x" double NOT NULL, "y" double NOT NULL, "width" double NOT NULL, "height" double NOT NULL, "required" boolean NOT NULL, "label" varchar(120), "value" varchar(1000), "filledAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "contract_fields"("id", "createdAt", "agencyId", "clientId", "contractId", "recipientId", "kind", "page", "x", "y", "width", "height", "required", "label", "value", "filledAt") SELECT "id", "createdAt", "agencyId", "clientId", "contractId", "recipientId", "kind", "page", "x", "y", "width", "height", "required", "label", "value", "filledAt" FROM "temporary_contract_fields"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract_fields"`);
    await queryRunner.query(`CREATE INDEX "idx_contract_fields_contract" ON "contract_fields" ("contractId", "page") `);
    await queryRunner.query(`DROP INDEX "idx_contract_recipients_contract"`);
    await queryRunner.query(`DROP INDEX "idx_contract_recipients_user"`);
    await queryRunner.query(`ALTER TABLE "contract_recipients" RENAME TO "temporary_contract_recipients"`);
    await queryRunner.query(
      `CREATE TABLE "contract_recipients" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "contractId" varchar(36) NOT NULL, "position" integer NOT NULL, "userId" varchar(36), "name" varchar(120) NOT NULL, "email" varchar(254) NOT NULL, "role" varchar(12) NOT NULL, "side" varchar(8) NOT NULL, "step" integer NOT NULL, "status" varchar(12) NOT NULL, "sentAt" datetime(3), "viewedAt" datetime(3), "actedAt" datetime(3), "declineReason" varchar(1000), "signatureMethod" varchar(12), "typedText" varchar(120), "signatureFont" varchar(40), "signatureKey" varchar(300), "initialsKey" varchar(300), "ip" varchar(64), "userAgent" varchar(500), "timeZone" varchar(64), "remindersSent" integer NOT NULL DEFAULT (0), "lastRemindedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "contract_recipients"("id", "createdAt", "updatedAt", "agencyId", "clientId", "contractId", "position", "userId", "name", "email", "role", "side", "step", "status", "sentAt", "viewedAt", "actedAt", "declineReason", "signatureMethod", "typedText", "signatureFont", "signatureKey", "initialsKey", "ip", "userAgent", "timeZone", "remindersSent", "lastRemindedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "contractId", "position", "userId", "name", "email", "role", "side", "step", "status", "sentAt", "viewedAt", "actedAt", "declineReason", "signatureMethod", "typedText", "signatureFont", "signatureKey", "initialsKey", "ip", "userAgent", "timeZone", "remindersSent", "lastRemindedAt" FROM "temporary_contract_recipients"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract_recipients"`);
    await queryRunner.query(
      `CREATE INDEX "idx_contract_recipients_contract" ON "contract_recipients" ("contractId", "step") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_contract_recipients_user" ON "contract_recipients" ("agencyId", "userId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "idx_contracts_agency_updated"`);
    await queryRunner.query(`DROP INDEX "idx_contracts_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_contracts_final_sha"`);
    await queryRunner.query(`ALTER TABLE "contracts" RENAME TO "temporary_contracts"`);
    await queryRunner.query(
      `CREATE TABLE "contracts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "title" varchar(200) NOT NULL, "message" text, "status" varchar(24) NOT NULL, "currentStep" integer, "expiresAt" datetime(3), "reminderFirstAfterDays" integer, "reminderEveryDays" integer, "reminderMaxCount" integer, "originalKey" varchar(300) NOT NULL, "originalSha256" varchar(64) NOT NULL, "pageCount" integer NOT NULL, "pageSizes" text NOT NULL, "sealState" varchar(16) NOT NULL, "finalKey" varchar(300), "finalSha256" varchar(64), "certificateKey" varchar(300), "voidedKey" varchar(300), "sentAt" datetime(3), "completedAt" datetime(3), "voidedAt" datetime(3), "voidReason" varchar(1000), "declinedAt" datetime(3), "declineReason" varchar(1000), "declinedByName" varchar(120), "templateId" varchar(36), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(
      `INSERT INTO "contracts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "title", "message", "status", "currentStep", "expiresAt", "reminderFirstAfterDays", "reminderEveryDays", "reminderMaxCount", "originalKey", "originalSha256", "pageCount", "pageSizes", "sealState", "finalKey", "finalSha256", "certificateKey", "voidedKey", "sentAt", "completedAt", "voidedAt", "voidReason", "declinedAt", "declineReason", "declinedByName", "templateId", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "title", "message", "status", "currentStep", "expiresAt", "reminderFirstAfterDays", "reminderEveryDays", "reminderMaxCount", "originalKey", "originalSha256", "pageCount", "pageSizes", "sealState", "finalKey", "finalSha256", "certificateKey", "voidedKey", "sentAt", "completedAt", "voidedAt", "voidReason", "declinedAt", "declineReason", "declinedByName", "templateId", "createdByUserId" FROM "temporary_contracts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contracts"`);
    await queryRunner.query(`CREATE INDEX "idx_contracts_agency_updated" ON "contracts" ("agencyId", "updatedAt") `);
    await queryRunner.query(
      `CREATE INDEX "idx_contracts_client_status" ON "contracts" ("agencyId", "clientId", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_contracts_final_sha" ON "contracts" ("finalSha256") `);
    await queryRunner.query(`DROP INDEX "idx_contract_templates_agency"`);
    await queryRunner.query(`DROP TABLE "contract_templates"`);
    await queryRunner.query(`DROP INDEX "idx_contract_events_contract"`);
    await queryRunner.query(`DROP TABLE "contract_events"`);
    await queryRunner.query(`DROP INDEX "idx_contract_fields_contract"`);
    await queryRunner.query(`DROP TABLE "contract_fields"`);
    await queryRunner.query(`DROP INDEX "idx_contract_recipients_contract"`);
    await queryRunner.query(`DROP INDEX "idx_contract_recipients_user"`);
    await queryRunner.query(`DROP TABLE "contract_recipients"`);
    await queryRunner.query(`DROP INDEX "idx_contracts_agency_updated"`);
    await queryRunner.query(`DROP INDEX "idx_contracts_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_contracts_final_sha"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
  }
}
