import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetiredSlugs1796181583482 implements MigrationInterface {
  name = 'RetiredSlugs1796181583482';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_agencies_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agencies" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(120) NOT NULL, "plan" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), "slug" varchar(63) NOT NULL, "slugChangedAt" datetime(3), "previousSlug" varchar(63))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agencies"("id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt") SELECT "id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt" FROM "agencies"`,
    );
    await queryRunner.query(`DROP TABLE "agencies"`);
    await queryRunner.query(`ALTER TABLE "temporary_agencies" RENAME TO "agencies"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_slug" ON "agencies" ("slug") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_previous_slug" ON "agencies" ("previousSlug") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_agencies_previous_slug"`);
    await queryRunner.query(`DROP INDEX "uq_agencies_slug"`);
    await queryRunner.query(`ALTER TABLE "agencies" RENAME TO "temporary_agencies"`);
    await queryRunner.query(
      `CREATE TABLE "agencies" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(120) NOT NULL, "plan" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), "slug" varchar(63) NOT NULL, "slugChangedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "agencies"("id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt") SELECT "id", "createdAt", "updatedAt", "name", "plan", "status", "slug", "slugChangedAt" FROM "temporary_agencies"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agencies"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_slug" ON "agencies" ("slug") `);
  }
}
