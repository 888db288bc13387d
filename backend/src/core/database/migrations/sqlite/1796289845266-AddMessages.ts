import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMessages1796289845266 implements MigrationInterface {
  name = 'AddMessages1796289845266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conversations" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "assigneeUserId" varchar(36), "lastSeq" integer NOT NULL DEFAULT (0), "lastChange" integer NOT NULL DEFAULT (0), "lastMessageAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "idx_conversations_client" ON "conversations" ("clientId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_conversations_agency_last" ON "conversations" ("agencyId", "lastMessageAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "conversation_reads" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "side" varchar(16) NOT NULL, "lastReadSeq" integer NOT NULL, "readAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_conversation_reads_user" ON "conversation_reads" ("userId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_conversation_reads_person" ON "conversation_reads" ("conversationId", "userId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "seq" integer NOT NULL, "change" integer NOT NULL, "kind" varchar(16) NOT NULL, "authorUserId" varchar(36), "authorSide" varchar(16) NOT NULL, "authorName" varchar(120) NOT NULL, "body" text NOT NULL, "editedAt" datetime(3), "deletedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_messages_author" ON "messages" ("authorUserId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_messages_conversation_change" ON "messages" ("conversationId", "change") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_messages_conversation_seq" ON "messages" ("conversationId", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "message_attachments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "messageId" varchar(36) NOT NULL, "mediaAssetId" varchar(36) NOT NULL, "position" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_message_attachments_asset" ON "message_attachments" ("mediaAssetId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_message_attachments_message" ON "message_attachments" ("messageId", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "message_email_due" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "fromSeq" integer NOT NULL, "dueAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_message_email_due_at" ON "message_email_due" ("dueAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_message_email_due_person" ON "message_email_due" ("conversationId", "userId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "message_email_settings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "mode" varchar(16) NOT NULL, "lastDigestDay" varchar(10))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_message_email_settings_user" ON "message_email_settings" ("userId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_conversations_client"`);
    await queryRunner.query(`DROP INDEX "idx_conversations_agency_last"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_conversations" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "assigneeUserId" varchar(36), "lastSeq" integer NOT NULL DEFAULT (0), "lastChange" integer NOT NULL DEFAULT (0), "lastMessageAt" datetime(3), CONSTRAINT "FK_2882c536d4eecfd496132b20eeb" FOREIGN KEY ("clientId") REFERENCES "clients" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_conversations"("id", "createdAt", "updatedAt", "agencyId", "clientId", "assigneeUserId", "lastSeq", "lastChange", "lastMessageAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "assigneeUserId", "lastSeq", "lastChange", "lastMessageAt" FROM "conversations"`,
    );
    await queryRunner.query(`DROP TABLE "conversations"`);
    await queryRunner.query(`ALTER TABLE "temporary_conversations" RENAME TO "conversations"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "idx_conversations_client" ON "conversations" ("clientId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_conversations_agency_last" ON "conversations" ("agencyId", "lastMessageAt") `,
    );
    await queryRunner.query(`DROP INDEX "idx_conversation_reads_user"`);
    await queryRunner.query(`DROP INDEX "idx_conversation_reads_person"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_conversation_reads" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "side" varchar(16) NOT NULL, "lastReadSeq" integer NOT NULL, "readAt" datetime(3) NOT NULL, CONSTRAINT "FK_ed5265aaed4c674773ed68a4a71" FOREIGN KEY ("conversationId") REFERENCES "conversations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_56047f52c60523dbcdddeef61c6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_conversation_reads"("id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "side", "lastReadSeq", "readAt") SELECT "id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "side", "lastReadSeq", "readAt" FROM "conversation_reads"`,
    );
    await queryRunner.query(`DROP TABLE "conversation_reads"`);
    await queryRunner.query(`ALTER TABLE "temporary_conversation_reads" RENAME TO "conversation_reads"`);
    await queryRunner.query(`CREATE INDEX "idx_conversation_reads_user" ON "conversation_reads" ("userId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_conversation_reads_person" ON "conversation_reads" ("conversationId", "userId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_messages_author"`);
    await queryRunner.query(`DROP INDEX "idx_messages_conversation_change"`);
    await queryRunner.query(`DROP INDEX "idx_messages_conversation_seq"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "seq" integer NOT NULL, "change" integer NOT NULL, "kind" varchar(16) NOT NULL, "authorUserId" varchar(36), "authorSide" varchar(16) NOT NULL, "authorName" varchar(120) NOT NULL, "body" text NOT NULL, "editedAt" datetime(3), "deletedAt" datetime(3), CONSTRAINT "FK_e5663ce0c730b2de83445e2fd19" FOREIGN KEY ("conversationId") REFERENCES "conversations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_messages"("id", "createdAt", "agencyId", "clientId", "conversationId", "seq", "change", "kind", "authorUserId", "authorSide", "authorName", "body", "editedAt", "deletedAt") SELECT "id", "createdAt", "agencyId", "clientId", "conversationId", "seq", "change", "kind", "authorUserId", "authorSide", "authorName", "body", "editedAt", "deletedAt" FROM "messages"`,
    );
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`ALTER TABLE "temporary_messages" RENAME TO "messages"`);
    await queryRunner.query(`CREATE INDEX "idx_messages_author" ON "messages" ("authorUserId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_messages_conversation_change" ON "messages" ("conversationId", "change") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_messages_conversation_seq" ON "messages" ("conversationId", "seq") `,
    );
    await queryRunner.query(`DROP INDEX "idx_message_attachments_asset"`);
    await queryRunner.query(`DROP INDEX "idx_message_attachments_message"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_message_attachments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "messageId" varchar(36) NOT NULL, "mediaAssetId" varchar(36) NOT NULL, "position" integer NOT NULL, CONSTRAINT "FK_5b4f24737fcb6b35ffdd4d16e13" FOREIGN KEY ("messageId") REFERENCES "messages" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_9d56deed219f0ac38f560077496" FOREIGN KEY ("mediaAssetId") REFERENCES "media_assets" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_message_attachments"("id", "createdAt", "agencyId", "clientId", "messageId", "mediaAssetId", "position") SELECT "id", "createdAt", "agencyId", "clientId", "messageId", "mediaAssetId", "position" FROM "message_attachments"`,
    );
    await queryRunner.query(`DROP TABLE "message_attachments"`);
    await queryRunner.query(`ALTER TABLE "temporary_message_attachments" RENAME TO "message_attachments"`);
    await queryRunner.query(`CREATE INDEX "idx_message_attachments_asset" ON "message_attachments" ("mediaAssetId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_message_attachments_message" ON "message_attachments" ("messageId", "position") `,
    );
    await queryRunner.query(`DROP INDEX "idx_message_email_due_at"`);
    await queryRunner.query(`DROP INDEX "idx_message_email_due_person"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_message_email_due" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "fromSeq" integer NOT NULL, "dueAt" datetime(3) NOT NULL, CONSTRAINT "FK_16973d3e3424d9c0fc738eb6292" FOREIGN KEY ("conversationId") REFERENCES "conversations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_be0a312cf58140d303162bd86f4" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_message_email_due"("id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "fromSeq", "dueAt") SELECT "id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "fromSeq", "dueAt" FROM "message_email_due"`,
    );
    await queryRunner.query(`DROP TABLE "message_email_due"`);
    await queryRunner.query(`ALTER TABLE "temporary_message_email_due" RENAME TO "message_email_due"`);
    await queryRunner.query(`CREATE INDEX "idx_message_email_due_at" ON "message_email_due" ("dueAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_message_email_due_person" ON "message_email_due" ("conversationId", "userId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_message_email_settings_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_message_email_settings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "mode" varchar(16) NOT NULL, "lastDigestDay" varchar(10), CONSTRAINT "FK_7aab3a68eebe2c6dbeb8f65b7d3" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_message_email_settings"("id", "createdAt", "updatedAt", "agencyId", "userId", "mode", "lastDigestDay") SELECT "id", "createdAt", "updatedAt", "agencyId", "userId", "mode", "lastDigestDay" FROM "message_email_settings"`,
    );
    await queryRunner.query(`DROP TABLE "message_email_settings"`);
    await queryRunner.query(`ALTER TABLE "temporary_message_email_settings" RENAME TO "message_email_settings"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_message_email_settings_user" ON "message_email_settings" ("userId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_message_email_settings_user"`);
    await queryRunner.query(`ALTER TABLE "message_email_settings" RENAME TO "temporary_message_email_settings"`);
    await queryRunner.query(
      `CREATE TABLE "message_email_settings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "mode" varchar(16) NOT NULL, "lastDigestDay" varchar(10))`,
    );
    await queryRunner.query(
      `INSERT INTO "message_email_settings"("id", "createdAt", "updatedAt", "agencyId", "userId", "mode", "lastDigestDay") SELECT "id", "createdAt", "updatedAt", "agencyId", "userId", "mode", "lastDigestDay" FROM "temporary_message_email_settings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_message_email_settings"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_message_email_settings_user" ON "message_email_settings" ("userId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_message_email_due_person"`);
    await queryRunner.query(`DROP INDEX "idx_message_email_due_at"`);
    await queryRunner.query(`ALTER TABLE "message_email_due" RENAME TO "temporary_message_email_due"`);
    await queryRunner.query(
      `CREATE TABLE "message_email_due" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "fromSeq" integer NOT NULL, "dueAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "message_email_due"("id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "fromSeq", "dueAt") SELECT "id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "fromSeq", "dueAt" FROM "temporary_message_email_due"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_message_email_due"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_message_email_due_person" ON "message_email_due" ("conversationId", "userId") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_message_email_due_at" ON "message_email_due" ("dueAt") `);
    await queryRunner.query(`DROP INDEX "idx_message_attachments_message"`);
    await queryRunner.query(`DROP INDEX "idx_message_attachments_asset"`);
    await queryRunner.query(`ALTER TABLE "message_attachments" RENAME TO "temporary_message_attachments"`);
    await queryRunner.query(
      `CREATE TABLE "message_attachments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "messageId" varchar(36) NOT NULL, "mediaAssetId" varchar(36) NOT NULL, "position" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "message_attachments"("id", "createdAt", "agencyId", "clientId", "messageId", "mediaAssetId", "position") SELECT "id", "createdAt", "agencyId", "clientId", "messageId", "mediaAssetId", "position" FROM "temporary_message_attachments"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_message_attachments"`);
    await queryRunner.query(
      `CREATE INDEX "idx_message_attachments_message" ON "message_attachments" ("messageId", "position") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_message_attachments_asset" ON "message_attachments" ("mediaAssetId") `);
    await queryRunner.query(`DROP INDEX "idx_messages_conversation_seq"`);
    await queryRunner.query(`DROP INDEX "idx_messages_conversation_change"`);
    await queryRunner.query(`DROP INDEX "idx_messages_author"`);
    await queryRunner.query(`ALTER TABLE "messages" RENAME TO "temporary_messages"`);
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "seq" integer NOT NULL, "change" integer NOT NULL, "kind" varchar(16) NOT NULL, "authorUserId" varchar(36), "authorSide" varchar(16) NOT NULL, "authorName" varchar(120) NOT NULL, "body" text NOT NULL, "editedAt" datetime(3), "deletedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "messages"("id", "createdAt", "agencyId", "clientId", "conversationId", "seq", "change", "kind", "authorUserId", "authorSide", "authorName", "body", "editedAt", "deletedAt") SELECT "id", "createdAt", "agencyId", "clientId", "conversationId", "seq", "change", "kind", "authorUserId", "authorSide", "authorName", "body", "editedAt", "deletedAt" FROM "temporary_messages"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_messages"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_messages_conversation_seq" ON "messages" ("conversationId", "seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_messages_conversation_change" ON "messages" ("conversationId", "change") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_messages_author" ON "messages" ("authorUserId") `);
    await queryRunner.query(`DROP INDEX "idx_conversation_reads_person"`);
    await queryRunner.query(`DROP INDEX "idx_conversation_reads_user"`);
    await queryRunner.query(`ALTER TABLE "conversation_reads" RENAME TO "temporary_conversation_reads"`);
    await queryRunner.query(
      `CREATE TABLE "conversation_reads" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "side" varchar(16) NOT NULL, "lastReadSeq" integer NOT NULL, "readAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "conversation_reads"("id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "side", "lastReadSeq", "readAt") SELECT "id", "createdAt", "agencyId", "clientId", "conversationId", "userId", "side", "lastReadSeq", "readAt" FROM "temporary_conversation_reads"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_conversation_reads"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_conversation_reads_person" ON "conversation_reads" ("conversationId", "userId") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_conversation_reads_user" ON "conversation_reads" ("userId") `);
    await queryRunner.query(`DROP INDEX "idx_conversations_agency_last"`);
    await queryRunner.query(`DROP INDEX "idx_conversations_client"`);
    await queryRunner.query(`ALTER TABLE "conversations" RENAME TO "temporary_conversations"`);
    await queryRunner.query(
      `CREATE TABLE "conversations" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "assigneeUserId" varchar(36), "lastSeq" integer NOT NULL DEFAULT (0), "lastChange" integer NOT NULL DEFAULT (0), "lastMessageAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "conversations"("id", "createdAt", "updatedAt", "agencyId", "clientId", "assigneeUserId", "lastSeq", "lastChange", "lastMessageAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "assigneeUserId", "lastSeq", "lastChange", "lastMessageAt" FROM "temporary_conversations"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_conversations"`);
    await queryRunner.query(
      `CREATE INDEX "idx_conversations_agency_last" ON "conversations" ("agencyId", "lastMessageAt") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "idx_conversations_client" ON "conversations" ("clientId") `);
    await queryRunner.query(`DROP INDEX "idx_message_email_settings_user"`);
    await queryRunner.query(`DROP TABLE "message_email_settings"`);
    await queryRunner.query(`DROP INDEX "idx_message_email_due_person"`);
    await queryRunner.query(`DROP INDEX "idx_message_email_due_at"`);
    await queryRunner.query(`DROP TABLE "message_email_due"`);
    await queryRunner.query(`DROP INDEX "idx_message_attachments_message"`);
    await queryRunner.query(`DROP INDEX "idx_message_attachments_asset"`);
    await queryRunner.query(`DROP TABLE "message_attachments"`);
    await queryRunner.query(`DROP INDEX "idx_messages_conversation_seq"`);
    await queryRunner.query(`DROP INDEX "idx_messages_conversation_change"`);
    await queryRunner.query(`DROP INDEX "idx_messages_author"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP INDEX "idx_conversation_reads_person"`);
    await queryRunner.query(`DROP INDEX "idx_conversation_reads_user"`);
    await queryRunner.query(`DROP TABLE "conversation_reads"`);
    await queryRunner.query(`DROP INDEX "idx_conversations_agency_last"`);
    await queryRunner.query(`DROP INDEX "idx_conversations_client"`);
    await queryRunner.query(`DROP TABLE "conversations"`);
  }
}
