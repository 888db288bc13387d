import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal calendar's week query is answered from one index (idx_post_targets_client_week, which
 * replaces idx_post_targets_client_schedule); links to published posts are bounded to 500
 * characters as on MySQL/MariaDB, where the index must fit InnoDB's key limit.
 */
export class CalendarWeekCoveringIndex1796195796128 implements MigrationInterface {
  name = 'CalendarWeekCoveringIndex1796195796128';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "post_targets" SET "externalUrl" = substr("externalUrl", 1, 500) WHERE length("externalUrl") > 500`,
    );
    await queryRunner.query(`DROP INDEX "idx_post_targets_client_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_state_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_account"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_post"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_post_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "socialAccountId" varchar(36) NOT NULL, "state" varchar(16) NOT NULL, "scheduledAt" datetime(3), "nextAttemptAt" datetime(3), "attempts" integer NOT NULL DEFAULT (0), "claimToken" varchar(36), "claimedAt" datetime(3), "externalId" varchar(191), "externalUrl" varchar(500), "failureReason" varchar(1000), "publishedAt" datetime(3), CONSTRAINT "FK_65bd62319c8a8fb743d64e2f3ca" FOREIGN KEY ("postId") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_post_targets"("id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt") SELECT "id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt" FROM "post_targets"`,
    );
    await queryRunner.query(`DROP TABLE "post_targets"`);
    await queryRunner.query(`ALTER TABLE "temporary_post_targets" RENAME TO "post_targets"`);
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_state_schedule" ON "post_targets" ("state", "scheduledAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_post_targets_account" ON "post_targets" ("socialAccountId") `);
    await queryRunner.query(`CREATE INDEX "idx_post_targets_post" ON "post_targets" ("postId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_client_week" ON "post_targets" ("clientId", "scheduledAt", "state", "agencyId", "socialAccountId", "postId", "publishedAt", "externalUrl") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_post_targets_client_week"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_post"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_account"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_state_schedule"`);
    await queryRunner.query(`ALTER TABLE "post_targets" RENAME TO "temporary_post_targets"`);
    await queryRunner.query(
      `CREATE TABLE "post_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "socialAccountId" varchar(36) NOT NULL, "state" varchar(16) NOT NULL, "scheduledAt" datetime(3), "nextAttemptAt" datetime(3), "attempts" integer NOT NULL DEFAULT (0), "claimToken" varchar(36), "claimedAt" datetime(3), "externalId" varchar(191), "externalUrl" varchar(1000), "failureReason" varchar(1000), "publishedAt" datetime(3), CONSTRAINT "FK_65bd62319c8a8fb743d64e2f3ca" FOREIGN KEY ("postId") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "post_targets"("id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt") SELECT "id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt" FROM "temporary_post_targets"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_post_targets"`);
    await queryRunner.query(`CREATE INDEX "idx_post_targets_post" ON "post_targets" ("postId") `);
    await queryRunner.query(`CREATE INDEX "idx_post_targets_account" ON "post_targets" ("socialAccountId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_state_schedule" ON "post_targets" ("state", "scheduledAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_client_schedule" ON "post_targets" ("clientId", "scheduledAt") `,
    );
  }
}
