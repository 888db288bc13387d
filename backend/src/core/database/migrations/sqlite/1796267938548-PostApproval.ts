import { MigrationInterface, QueryRunner } from 'typeorm';

export class PostApproval1796267938548 implements MigrationInterface {
  name = 'PostApproval1796267938548';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "post_comments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "postId" varchar(36) NOT NULL, "kind" varchar(24) NOT NULL, "body" text NOT NULL, "authorUserId" varchar(36), "authorName" varchar(120) NOT NULL, "authorSide" varchar(8) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_post_comments_post" ON "post_comments" ("postId", "createdAt") `);
    await queryRunner.query(
      `CREATE TABLE "post_notes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "postId" varchar(36) NOT NULL, "body" text NOT NULL, "authorUserId" varchar(36), "authorName" varchar(120) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_post_notes_post" ON "post_notes" ("postId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_posts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "text" text NOT NULL, "status" varchar(16) NOT NULL, "scheduledAt" datetime(3), "publishedAt" datetime(3), "failureReason" varchar(1000), "createdByUserId" varchar(36), "approvalRequired" boolean NOT NULL DEFAULT (0), "approvalState" varchar(24), "approvalDecidedAt" datetime(3), "approvalDecidedByUserId" varchar(36), "approvalOverdueNotifiedAt" datetime(3), CONSTRAINT "FK_3756fbfc7dc9a2a10716a4bb8d1" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_posts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId" FROM "posts"`,
    );
    await queryRunner.query(`DROP TABLE "posts"`);
    await queryRunner.query(`ALTER TABLE "temporary_posts" RENAME TO "posts"`);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_schedule" ON "posts" ("agencyId", "scheduledAt") `);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_status" ON "posts" ("agencyId", "status") `);
    await queryRunner.query(`DROP INDEX "idx_post_comments_post"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_post_comments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "postId" varchar(36) NOT NULL, "kind" varchar(24) NOT NULL, "body" text NOT NULL, "authorUserId" varchar(36), "authorName" varchar(120) NOT NULL, "authorSide" varchar(8) NOT NULL, CONSTRAINT "FK_ac65d744abc05279aee0b290857" FOREIGN KEY ("postId") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_post_comments"("id", "createdAt", "agencyId", "clientId", "postId", "kind", "body", "authorUserId", "authorName", "authorSide") SELECT "id", "createdAt", "agencyId", "clientId", "postId", "kind", "body", "authorUserId", "authorName", "authorSide" FROM "post_comments"`,
    );
    await queryRunner.query(`DROP TABLE "post_comments"`);
    await queryRunner.query(`ALTER TABLE "temporary_post_comments" RENAME TO "post_comments"`);
    await queryRunner.query(`CREATE INDEX "idx_post_comments_post" ON "post_comments" ("postId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "idx_post_notes_post"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_post_notes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "postId" varchar(36) NOT NULL, "body" text NOT NULL, "authorUserId" varchar(36), "authorName" varchar(120) NOT NULL, CONSTRAINT "FK_cb3a74a85358960a48219bf7d0e" FOREIGN KEY ("postId") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_post_notes"("id", "createdAt", "agencyId", "postId", "body", "authorUserId", "authorName") SELECT "id", "createdAt", "agencyId", "postId", "body", "authorUserId", "authorName" FROM "post_notes"`,
    );
    await queryRunner.query(`DROP TABLE "post_notes"`);
    await queryRunner.query(`ALTER TABLE "temporary_post_notes" RENAME TO "post_notes"`);
    await queryRunner.query(`CREATE INDEX "idx_post_notes_post" ON "post_notes" ("postId", "createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_post_notes_post"`);
    await queryRunner.query(`ALTER TABLE "post_notes" RENAME TO "temporary_post_notes"`);
    await queryRunner.query(
      `CREATE TABLE "post_notes" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "postId" varchar(36) NOT NULL, "body" text NOT NULL, "authorUserId" varchar(36), "authorName" varchar(120) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "post_notes"("id", "createdAt", "agencyId", "postId", "body", "authorUserId", "authorName") SELECT "id", "createdAt", "agencyId", "postId", "body", "authorUserId", "authorName" FROM "temporary_post_notes"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_post_notes"`);
    await queryRunner.query(`CREATE INDEX "idx_post_notes_post" ON "post_notes" ("postId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "idx_post_comments_post"`);
    await queryRunner.query(`ALTER TABLE "post_comments" RENAME TO "temporary_post_comments"`);
    await queryRunner.query(
      `CREATE TABLE "post_comments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "postId" varchar(36) NOT NULL, "kind" varchar(24) NOT NULL, "body" text NOT NULL, "authorUserId" varchar(36), "authorName" varchar(120) NOT NULL, "authorSide" varchar(8) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "post_comments"("id", "createdAt", "agencyId", "clientId", "postId", "kind", "body", "authorUserId", "authorName", "authorSide") SELECT "id", "createdAt", "agencyId", "clientId", "postId", "kind", "body", "authorUserId", "authorName", "authorSide" FROM "temporary_post_comments"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_post_comments"`);
    await queryRunner.query(`CREATE INDEX "idx_post_comments_post" ON "post_comments" ("postId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_status"`);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_schedule"`);
    await queryRunner.query(`ALTER TABLE "posts" RENAME TO "temporary_posts"`);
    await queryRunner.query(
      `CREATE TABLE "posts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "text" text NOT NULL, "status" varchar(16) NOT NULL, "scheduledAt" datetime(3), "publishedAt" datetime(3), "failureReason" varchar(1000), "createdByUserId" varchar(36), CONSTRAINT "FK_3756fbfc7dc9a2a10716a4bb8d1" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "posts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId" FROM "temporary_posts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_posts"`);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_status" ON "posts" ("agencyId", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_schedule" ON "posts" ("agencyId", "scheduledAt") `);
    await queryRunner.query(`DROP INDEX "idx_post_notes_post"`);
    await queryRunner.query(`DROP TABLE "post_notes"`);
    await queryRunner.query(`DROP INDEX "idx_post_comments_post"`);
    await queryRunner.query(`DROP TABLE "post_comments"`);
  }
}
