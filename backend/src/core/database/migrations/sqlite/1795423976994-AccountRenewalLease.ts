import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountRenewalLease1795423976994 implements MigrationInterface {
  name = 'AccountRenewalLease1795423976994';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_social_accounts_client"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_connect_link"`);
    await queryRunner.query(`DROP INDEX "uq_social_accounts_identity"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_social_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "provider" varchar(24) NOT NULL, "externalId" varchar(191) NOT NULL, "displayName" varchar(200) NOT NULL, "handle" varchar(200), "avatarUrl" varchar(1000), "profileUrl" varchar(1000), "status" varchar(24) NOT NULL, "problem" varchar(500), "accessTokenSealed" text, "refreshTokenSealed" text, "tokenExpiresAt" datetime(3), "scopes" text NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "connectedVia" varchar(16) NOT NULL, "connectedByUserId" varchar(36), "connectLinkId" varchar(36), "connectedAt" datetime(3), "disconnectedAt" datetime(3), "expiryWarnedAt" datetime(3), "renewingUntil" datetime(3), CONSTRAINT "FK_34f78c5eddf1ffa3068bb3f93da" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_social_accounts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt", "expiryWarnedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt", "expiryWarnedAt" FROM "social_accounts"`,
    );
    await queryRunner.query(`DROP TABLE "social_accounts"`);
    await queryRunner.query(`ALTER TABLE "temporary_social_accounts" RENAME TO "social_accounts"`);
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_client" ON "social_accounts" ("clientId") `);
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_connect_link" ON "social_accounts" ("connectLinkId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_social_accounts_identity" ON "social_accounts" ("agencyId", "provider", "externalId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_social_accounts_identity"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_connect_link"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_client"`);
    await queryRunner.query(`ALTER TABLE "social_accounts" RENAME TO "temporary_social_accounts"`);
    await queryRunner.query(
      `CREATE TABLE "social_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "provider" varchar(24) NOT NULL, "externalId" varchar(191) NOT NULL, "displayName" varchar(200) NOT NULL, "handle" varchar(200), "avatarUrl" varchar(1000), "profileUrl" varchar(1000), "status" varchar(24) NOT NULL, "problem" varchar(500), "accessTokenSealed" text, "refreshTokenSealed" text, "tokenExpiresAt" datetime(3), "scopes" text NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "connectedVia" varchar(16) NOT NULL, "connectedByUserId" varchar(36), "connectLinkId" varchar(36), "connectedAt" datetime(3), "disconnectedAt" datetime(3), "expiryWarnedAt" datetime(3), CONSTRAINT "FK_34f78c5eddf1ffa3068bb3f93da" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "social_accounts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt", "expiryWarnedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt", "expiryWarnedAt" FROM "temporary_social_accounts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_social_accounts"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_social_accounts_identity" ON "social_accounts" ("agencyId", "provider", "externalId") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_connect_link" ON "social_accounts" ("connectLinkId") `);
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_client" ON "social_accounts" ("clientId") `);
  }
}
