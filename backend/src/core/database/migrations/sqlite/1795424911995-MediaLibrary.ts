import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaLibrary1795424911995 implements MigrationInterface {
  name = 'MediaLibrary1795424911995';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "post_media" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "mediaAssetId" varchar(36) NOT NULL, "position" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_post_media_asset" ON "post_media" ("mediaAssetId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_post_media_post_asset" ON "post_media" ("postId", "mediaAssetId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "media_assets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "purpose" varchar(16) NOT NULL, "source" varchar(16) NOT NULL, "uploadedByUserId" varchar(36), "filename" varchar(200) NOT NULL, "mimeType" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "size" bigint NOT NULL, "storageKey" varchar(300) NOT NULL, "thumbnailKey" varchar(300), "width" integer, "height" integer, "status" varchar(16) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_media_assets_uploader" ON "media_assets" ("uploadedByUserId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_media_assets_client_created" ON "media_assets" ("clientId", "purpose", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_media_assets_agency_created" ON "media_assets" ("agencyId", "purpose", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(`DROP INDEX "idx_users_agency"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255), "emailConfirmedAt" datetime(3), "status" varchar(16) NOT NULL DEFAULT ('active'), "timezone" varchar(64) NOT NULL DEFAULT ('UTC'), "lastLoginAt" datetime(3), "avatarAssetId" varchar(36), "pendingEmail" varchar(254), CONSTRAINT "FK_184debc49e72b43579476cc6e75" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_users"("id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt" FROM "users"`,
    );
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`CREATE INDEX "idx_users_agency" ON "users" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "idx_post_media_asset"`);
    await queryRunner.query(`DROP INDEX "uq_post_media_post_asset"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_post_media" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "mediaAssetId" varchar(36) NOT NULL, "position" integer NOT NULL, CONSTRAINT "FK_4adcc5190e3b5c7e9001adef3b8" FOREIGN KEY ("postId") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_post_media"("id", "createdAt", "postId", "agencyId", "mediaAssetId", "position") SELECT "id", "createdAt", "postId", "agencyId", "mediaAssetId", "position" FROM "post_media"`,
    );
    await queryRunner.query(`DROP TABLE "post_media"`);
    await queryRunner.query(`ALTER TABLE "temporary_post_media" RENAME TO "post_media"`);
    await queryRunner.query(`CREATE INDEX "idx_post_media_asset" ON "post_media" ("mediaAssetId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_post_media_post_asset" ON "post_media" ("postId", "mediaAssetId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_media_assets_uploader"`);
    await queryRunner.query(`DROP INDEX "idx_media_assets_client_created"`);
    await queryRunner.query(`DROP INDEX "idx_media_assets_agency_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_media_assets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "purpose" varchar(16) NOT NULL, "source" varchar(16) NOT NULL, "uploadedByUserId" varchar(36), "filename" varchar(200) NOT NULL, "mimeType" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "size" bigint NOT NULL, "storageKey" varchar(300) NOT NULL, "thumbnailKey" varchar(300), "width" integer, "height" integer, "status" varchar(16) NOT NULL, CONSTRAINT "FK_17f6a217db1e697c2570b3d4ae7" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_media_assets"("id", "createdAt", "updatedAt", "agencyId", "clientId", "purpose", "source", "uploadedByUserId", "filename", "mimeType", "kind", "size", "storageKey", "thumbnailKey", "width", "height", "status") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "purpose", "source", "uploadedByUserId", "filename", "mimeType", "kind", "size", "storageKey", "thumbnailKey", "width", "height", "status" FROM "media_assets"`,
    );
    await queryRunner.query(`DROP TABLE "media_assets"`);
    await queryRunner.query(`ALTER TABLE "temporary_media_assets" RENAME TO "media_assets"`);
    await queryRunner.query(`CREATE INDEX "idx_media_assets_uploader" ON "media_assets" ("uploadedByUserId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_media_assets_client_created" ON "media_assets" ("clientId", "purpose", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_media_assets_agency_created" ON "media_assets" ("agencyId", "purpose", "createdAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_media_assets_agency_created"`);
    await queryRunner.query(`DROP INDEX "idx_media_assets_client_created"`);
    await queryRunner.query(`DROP INDEX "idx_media_assets_uploader"`);
    await queryRunner.query(`ALTER TABLE "media_assets" RENAME TO "temporary_media_assets"`);
    await queryRunner.query(
      `CREATE TABLE "media_assets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "purpose" varchar(16) NOT NULL, "source" varchar(16) NOT NULL, "uploadedByUserId" varchar(36), "filename" varchar(200) NOT NULL, "mimeType" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "size" bigint NOT NULL, "storageKey" varchar(300) NOT NULL, "thumbnailKey" varchar(300), "width" integer, "height" integer, "status" varchar(16) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "media_assets"("id", "createdAt", "updatedAt", "agencyId", "clientId", "purpose", "source", "uploadedByUserId", "filename", "mimeType", "kind", "size", "storageKey", "thumbnailKey", "width", "height", "status") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "purpose", "source", "uploadedByUserId", "filename", "mimeType", "kind", "size", "storageKey", "thumbnailKey", "width", "height", "status" FROM "temporary_media_assets"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_media_assets"`);
    await queryRunner.query(
      `CREATE INDEX "idx_media_assets_agency_created" ON "media_assets" ("agencyId", "purpose", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_media_assets_client_created" ON "media_assets" ("clientId", "purpose", "createdAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_media_assets_uploader" ON "media_assets" ("uploadedByUserId") `);
    await queryRunner.query(`DROP INDEX "uq_post_media_post_asset"`);
    await queryRunner.query(`DROP INDEX "idx_post_media_asset"`);
    await queryRunner.query(`ALTER TABLE "post_media" RENAME TO "temporary_post_media"`);
    await queryRunner.query(
      `CREATE TABLE "post_media" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "mediaAssetId" varchar(36) NOT NULL, "position" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "post_media"("id", "createdAt", "postId", "agencyId", "mediaAssetId", "position") SELECT "id", "createdAt", "postId", "agencyId", "mediaAssetId", "position" FROM "temporary_post_media"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_post_media"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_post_media_post_asset" ON "post_media" ("postId", "mediaAssetId") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_post_media_asset" ON "post_media" ("mediaAssetId") `);
    await queryRunner.query(`DROP INDEX "idx_users_agency"`);
    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255), "emailConfirmedAt" datetime(3), "status" varchar(16) NOT NULL DEFAULT ('active'), "timezone" varchar(64) NOT NULL DEFAULT ('UTC'), "lastLoginAt" datetime(3), CONSTRAINT "FK_184debc49e72b43579476cc6e75" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "users"("id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "kind", "email", "name", "passwordHash", "emailConfirmedAt", "status", "timezone", "lastLoginAt" FROM "temporary_users"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_users"`);
    await queryRunner.query(`CREATE INDEX "idx_users_agency" ON "users" ("agencyId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`DROP INDEX "idx_media_assets_agency_created"`);
    await queryRunner.query(`DROP INDEX "idx_media_assets_client_created"`);
    await queryRunner.query(`DROP INDEX "idx_media_assets_uploader"`);
    await queryRunner.query(`DROP TABLE "media_assets"`);
    await queryRunner.query(`DROP INDEX "uq_post_media_post_asset"`);
    await queryRunner.query(`DROP INDEX "idx_post_media_asset"`);
    await queryRunner.query(`DROP TABLE "post_media"`);
  }
}
