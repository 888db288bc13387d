import { MigrationInterface, QueryRunner } from 'typeorm';

export class SocialAccountsAndPosts1795421480405 implements MigrationInterface {
  name = 'SocialAccountsAndPosts1795421480405';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "provider" varchar(24) NOT NULL, "externalId" varchar(191) NOT NULL, "displayName" varchar(200) NOT NULL, "handle" varchar(200), "avatarUrl" varchar(1000), "profileUrl" varchar(1000), "status" varchar(24) NOT NULL, "problem" varchar(500), "accessTokenSealed" text, "refreshTokenSealed" text, "tokenExpiresAt" datetime(3), "scopes" text NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "connectedVia" varchar(16) NOT NULL, "connectedByUserId" varchar(36), "connectLinkId" varchar(36), "connectedAt" datetime(3), "disconnectedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_client" ON "social_accounts" ("clientId") `);
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_connect_link" ON "social_accounts" ("connectLinkId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_social_accounts_identity" ON "social_accounts" ("agencyId", "provider", "externalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "oauth_connect_states" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "stateHash" varchar(64) NOT NULL, "agencyId" varchar(36) NOT NULL, "provider" varchar(24) NOT NULL, "purpose" varchar(16) NOT NULL, "userId" varchar(36), "sessionId" varchar(36), "clientId" varchar(36), "connectLinkId" varchar(36), "bindingHash" varchar(64), "codeVerifierSealed" text NOT NULL, "redirectUri" varchar(500) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_oauth_connect_states_state" ON "oauth_connect_states" ("stateHash") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_oauth_connect_states_expires" ON "oauth_connect_states" ("expiresAt") `);
    await queryRunner.query(
      `CREATE TABLE "connect_links" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "tokenSealed" text NOT NULL, "createdByUserId" varchar(36), "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_connect_links_client" ON "connect_links" ("clientId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_connect_links_token" ON "connect_links" ("tokenHash") `);
    await queryRunner.query(
      `CREATE TABLE "posts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "text" text NOT NULL, "status" varchar(16) NOT NULL, "scheduledAt" datetime(3), "publishedAt" datetime(3), "failureReason" varchar(1000), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_status" ON "posts" ("agencyId", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_schedule" ON "posts" ("agencyId", "scheduledAt") `);
    await queryRunner.query(
      `CREATE TABLE "post_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "socialAccountId" varchar(36) NOT NULL, "state" varchar(16) NOT NULL, "scheduledAt" datetime(3), "nextAttemptAt" datetime(3), "attempts" integer NOT NULL DEFAULT (0), "claimToken" varchar(36), "claimedAt" datetime(3), "externalId" varchar(191), "externalUrl" varchar(1000), "failureReason" varchar(1000), "publishedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_post_targets_post" ON "post_targets" ("postId") `);
    await queryRunner.query(`CREATE INDEX "idx_post_targets_account" ON "post_targets" ("socialAccountId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_state_schedule" ON "post_targets" ("state", "scheduledAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_client_schedule" ON "post_targets" ("clientId", "scheduledAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sandbox_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "handle" varchar(60) NOT NULL, "displayName" varchar(120) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sandbox_accounts_handle" ON "sandbox_accounts" ("handle") `);
    await queryRunner.query(
      `CREATE TABLE "sandbox_grants" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "codeHash" varchar(64) NOT NULL, "accountId" varchar(36) NOT NULL, "redirectUri" varchar(500) NOT NULL, "codeChallenge" varchar(128) NOT NULL, "scope" varchar(200) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sandbox_grants_code" ON "sandbox_grants" ("codeHash") `);
    await queryRunner.query(
      `CREATE TABLE "sandbox_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "tokenHash" varchar(64) NOT NULL, "kind" varchar(16) NOT NULL, "accountId" varchar(36) NOT NULL, "scope" varchar(200) NOT NULL, "expiresAt" datetime(3) NOT NULL, "revokedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sandbox_tokens_token" ON "sandbox_tokens" ("tokenHash") `);
    await queryRunner.query(
      `CREATE TABLE "sandbox_posts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "accountId" varchar(36) NOT NULL, "text" text NOT NULL, "media" text NOT NULL, "idempotencyKey" varchar(191), "requestCount" integer NOT NULL DEFAULT (1))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sandbox_posts_idempotency" ON "sandbox_posts" ("accountId", "idempotencyKey") `,
    );
    await queryRunner.query(`DROP INDEX "idx_social_accounts_client"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_connect_link"`);
    await queryRunner.query(`DROP INDEX "uq_social_accounts_identity"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_social_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "provider" varchar(24) NOT NULL, "externalId" varchar(191) NOT NULL, "displayName" varchar(200) NOT NULL, "handle" varchar(200), "avatarUrl" varchar(1000), "profileUrl" varchar(1000), "status" varchar(24) NOT NULL, "problem" varchar(500), "accessTokenSealed" text, "refreshTokenSealed" text, "tokenExpiresAt" datetime(3), "scopes" text NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "connectedVia" varchar(16) NOT NULL, "connectedByUserId" varchar(36), "connectLinkId" varchar(36), "connectedAt" datetime(3), "disconnectedAt" datetime(3), CONSTRAINT "FK_34f78c5eddf1ffa3068bb3f93da" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_social_accounts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt" FROM "social_accounts"`,
    );
    await queryRunner.query(`DROP TABLE "social_accounts"`);
    await queryRunner.query(`ALTER TABLE "temporary_social_accounts" RENAME TO "social_accounts"`);
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_client" ON "social_accounts" ("clientId") `);
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_connect_link" ON "social_accounts" ("connectLinkId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_social_accounts_identity" ON "social_accounts" ("agencyId", "provider", "externalId") `,
    );
    await queryRunner.query(`DROP INDEX "idx_posts_agency_status"`);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_schedule"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_posts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "text" text NOT NULL, "status" varchar(16) NOT NULL, "scheduledAt" datetime(3), "publishedAt" datetime(3), "failureReason" varchar(1000), "createdByUserId" varchar(36), CONSTRAINT "FK_3756fbfc7dc9a2a10716a4bb8d1" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_posts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId" FROM "posts"`,
    );
    await queryRunner.query(`DROP TABLE "posts"`);
    await queryRunner.query(`ALTER TABLE "temporary_posts" RENAME TO "posts"`);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_status" ON "posts" ("agencyId", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_schedule" ON "posts" ("agencyId", "scheduledAt") `);
    await queryRunner.query(`DROP INDEX "idx_post_targets_post"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_account"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_state_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_client_schedule"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_post_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "socialAccountId" varchar(36) NOT NULL, "state" varchar(16) NOT NULL, "scheduledAt" datetime(3), "nextAttemptAt" datetime(3), "attempts" integer NOT NULL DEFAULT (0), "claimToken" varchar(36), "claimedAt" datetime(3), "externalId" varchar(191), "externalUrl" varchar(1000), "failureReason" varchar(1000), "publishedAt" datetime(3), CONSTRAINT "FK_65bd62319c8a8fb743d64e2f3ca" FOREIGN KEY ("postId") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_post_targets"("id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt") SELECT "id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt" FROM "post_targets"`,
    );
    await queryRunner.query(`DROP TABLE "post_targets"`);
    await queryRunner.query(`ALTER TABLE "temporary_post_targets" RENAME TO "post_targets"`);
    await queryRunner.query(`CREATE INDEX "idx_post_targets_post" ON "post_targets" ("postId") `);
    await queryRunner.query(`CREATE INDEX "idx_post_targets_account" ON "post_targets" ("socialAccountId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_state_schedule" ON "post_targets" ("state", "scheduledAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_client_schedule" ON "post_targets" ("clientId", "scheduledAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_post_targets_client_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_state_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_account"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_post"`);
    await queryRunner.query(`ALTER TABLE "post_targets" RENAME TO "temporary_post_targets"`);
    await queryRunner.query(
      `CREATE TABLE "post_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "postId" varchar(36) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "socialAccountId" varchar(36) NOT NULL, "state" varchar(16) NOT NULL, "scheduledAt" datetime(3), "nextAttemptAt" datetime(3), "attempts" integer NOT NULL DEFAULT (0), "claimToken" varchar(36), "claimedAt" datetime(3), "externalId" varchar(191), "externalUrl" varchar(1000), "failureReason" varchar(1000), "publishedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "post_targets"("id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt") SELECT "id", "createdAt", "updatedAt", "postId", "agencyId", "clientId", "socialAccountId", "state", "scheduledAt", "nextAttemptAt", "attempts", "claimToken", "claimedAt", "externalId", "externalUrl", "failureReason", "publishedAt" FROM "temporary_post_targets"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_post_targets"`);
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_client_schedule" ON "post_targets" ("clientId", "scheduledAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_post_targets_state_schedule" ON "post_targets" ("state", "scheduledAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_post_targets_account" ON "post_targets" ("socialAccountId") `);
    await queryRunner.query(`CREATE INDEX "idx_post_targets_post" ON "post_targets" ("postId") `);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_status"`);
    await queryRunner.query(`ALTER TABLE "posts" RENAME TO "temporary_posts"`);
    await queryRunner.query(
      `CREATE TABLE "posts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "text" text NOT NULL, "status" varchar(16) NOT NULL, "scheduledAt" datetime(3), "publishedAt" datetime(3), "failureReason" varchar(1000), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(
      `INSERT INTO "posts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "text", "status", "scheduledAt", "publishedAt", "failureReason", "createdByUserId" FROM "temporary_posts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_posts"`);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_schedule" ON "posts" ("agencyId", "scheduledAt") `);
    await queryRunner.query(`CREATE INDEX "idx_posts_agency_status" ON "posts" ("agencyId", "status") `);
    await queryRunner.query(`DROP INDEX "uq_social_accounts_identity"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_connect_link"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_client"`);
    await queryRunner.query(`ALTER TABLE "social_accounts" RENAME TO "temporary_social_accounts"`);
    await queryRunner.query(
      `CREATE TABLE "social_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "provider" varchar(24) NOT NULL, "externalId" varchar(191) NOT NULL, "displayName" varchar(200) NOT NULL, "handle" varchar(200), "avatarUrl" varchar(1000), "profileUrl" varchar(1000), "status" varchar(24) NOT NULL, "problem" varchar(500), "accessTokenSealed" text, "refreshTokenSealed" text, "tokenExpiresAt" datetime(3), "scopes" text NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "connectedVia" varchar(16) NOT NULL, "connectedByUserId" varchar(36), "connectLinkId" varchar(36), "connectedAt" datetime(3), "disconnectedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "social_accounts"("id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "provider", "externalId", "displayName", "handle", "avatarUrl", "profileUrl", "status", "problem", "accessTokenSealed", "refreshTokenSealed", "tokenExpiresAt", "scopes", "tokenVersion", "connectedVia", "connectedByUserId", "connectLinkId", "connectedAt", "disconnectedAt" FROM "temporary_social_accounts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_social_accounts"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_social_accounts_identity" ON "social_accounts" ("agencyId", "provider", "externalId") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_connect_link" ON "social_accounts" ("connectLinkId") `);
    await queryRunner.query(`CREATE INDEX "idx_social_accounts_client" ON "social_accounts" ("clientId") `);
    await queryRunner.query(`DROP INDEX "uq_sandbox_posts_idempotency"`);
    await queryRunner.query(`DROP TABLE "sandbox_posts"`);
    await queryRunner.query(`DROP INDEX "uq_sandbox_tokens_token"`);
    await queryRunner.query(`DROP TABLE "sandbox_tokens"`);
    await queryRunner.query(`DROP INDEX "uq_sandbox_grants_code"`);
    await queryRunner.query(`DROP TABLE "sandbox_grants"`);
    await queryRunner.query(`DROP INDEX "uq_sandbox_accounts_handle"`);
    await queryRunner.query(`DROP TABLE "sandbox_accounts"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_client_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_state_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_account"`);
    await queryRunner.query(`DROP INDEX "idx_post_targets_post"`);
    await queryRunner.query(`DROP TABLE "post_targets"`);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_posts_agency_status"`);
    await queryRunner.query(`DROP TABLE "posts"`);
    await queryRunner.query(`DROP INDEX "uq_connect_links_token"`);
    await queryRunner.query(`DROP INDEX "idx_connect_links_client"`);
    await queryRunner.query(`DROP TABLE "connect_links"`);
    await queryRunner.query(`DROP INDEX "idx_oauth_connect_states_expires"`);
    await queryRunner.query(`DROP INDEX "uq_oauth_connect_states_state"`);
    await queryRunner.query(`DROP TABLE "oauth_connect_states"`);
    await queryRunner.query(`DROP INDEX "uq_social_accounts_identity"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_connect_link"`);
    await queryRunner.query(`DROP INDEX "idx_social_accounts_client"`);
    await queryRunner.query(`DROP TABLE "social_accounts"`);
  }
}
