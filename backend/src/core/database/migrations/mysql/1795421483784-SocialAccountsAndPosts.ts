import { MigrationInterface, QueryRunner } from 'typeorm';

export class SocialAccountsAndPosts1795421483784 implements MigrationInterface {
  name = 'SocialAccountsAndPosts1795421483784';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`social_accounts\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NULL, \`provider\` varchar(24) NOT NULL, \`externalId\` varchar(191) NOT NULL, \`displayName\` varchar(200) NOT NULL, \`handle\` varchar(200) NULL, \`avatarUrl\` varchar(1000) NULL, \`profileUrl\` varchar(1000) NULL, \`status\` varchar(24) NOT NULL, \`problem\` varchar(500) NULL, \`accessTokenSealed\` text NULL, \`refreshTokenSealed\` text NULL, \`tokenExpiresAt\` datetime(3) NULL, \`scopes\` text NOT NULL, \`tokenVersion\` int NOT NULL DEFAULT '0', \`connectedVia\` varchar(16) NOT NULL, \`connectedByUserId\` varchar(36) NULL, \`connectLinkId\` varchar(36) NULL, \`connectedAt\` datetime(3) NULL, \`disconnectedAt\` datetime(3) NULL, INDEX \`idx_social_accounts_client\` (\`clientId\`), INDEX \`idx_social_accounts_connect_link\` (\`connectLinkId\`), UNIQUE INDEX \`uq_social_accounts_identity\` (\`agencyId\`, \`provider\`, \`externalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`oauth_connect_states\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`stateHash\` varchar(64) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`provider\` varchar(24) NOT NULL, \`purpose\` varchar(16) NOT NULL, \`userId\` varchar(36) NULL, \`sessionId\` varchar(36) NULL, \`clientId\` varchar(36) NULL, \`connectLinkId\` varchar(36) NULL, \`bindingHash\` varchar(64) NULL, \`codeVerifierSealed\` text NOT NULL, \`redirectUri\` varchar(500) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`usedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_oauth_connect_states_state\` (\`stateHash\`), INDEX \`idx_oauth_connect_states_expires\` (\`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`connect_links\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`tokenSealed\` text NOT NULL, \`createdByUserId\` varchar(36) NULL, \`expiresAt\` datetime(3) NOT NULL, \`revokedAt\` datetime(3) NULL, INDEX \`idx_connect_links_client\` (\`clientId\`), UNIQUE INDEX \`uq_connect_links_token\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`posts\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`text\` text NOT NULL, \`status\` varchar(16) NOT NULL, \`scheduledAt\` datetime(3) NULL, \`publishedAt\` datetime(3) NULL, \`failureReason\` varchar(1000) NULL, \`createdByUserId\` varchar(36) NULL, INDEX \`idx_posts_agency_status\` (\`agencyId\`, \`status\`), INDEX \`idx_posts_agency_schedule\` (\`agencyId\`, \`scheduledAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`post_targets\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`postId\` varchar(36) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`socialAccountId\` varchar(36) NOT NULL, \`state\` varchar(16) NOT NULL, \`scheduledAt\` datetime(3) NULL, \`nextAttemptAt\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`claimToken\` varchar(36) NULL, \`claimedAt\` datetime(3) NULL, \`externalId\` varchar(191) NULL, \`externalUrl\` varchar(1000) NULL, \`failureReason\` varchar(1000) NULL, \`publishedAt\` datetime(3) NULL, INDEX \`idx_post_targets_post\` (\`postId\`), INDEX \`idx_post_targets_account\` (\`socialAccountId\`), INDEX \`idx_post_targets_state_schedule\` (\`state\`, \`scheduledAt\`), INDEX \`idx_post_targets_client_schedule\` (\`clientId\`, \`scheduledAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_accounts\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`handle\` varchar(60) NOT NULL, \`displayName\` varchar(120) NOT NULL, UNIQUE INDEX \`uq_sandbox_accounts_handle\` (\`handle\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_grants\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`codeHash\` varchar(64) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`redirectUri\` varchar(500) NOT NULL, \`codeChallenge\` varchar(128) NOT NULL, \`scope\` varchar(200) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`usedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_sandbox_grants_code\` (\`codeHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_tokens\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`kind\` varchar(16) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`scope\` varchar(200) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`revokedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_sandbox_tokens_token\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_posts\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`text\` text NOT NULL, \`media\` text NOT NULL, \`idempotencyKey\` varchar(191) NULL, \`requestCount\` int NOT NULL DEFAULT '1', UNIQUE INDEX \`uq_sandbox_posts_idempotency\` (\`accountId\`, \`idempotencyKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`social_accounts\` ADD CONSTRAINT \`FK_34f78c5eddf1ffa3068bb3f93da\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`posts\` ADD CONSTRAINT \`FK_3756fbfc7dc9a2a10716a4bb8d1\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`post_targets\` ADD CONSTRAINT \`FK_65bd62319c8a8fb743d64e2f3ca\` FOREIGN KEY (\`postId\`) REFERENCES \`posts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`post_targets\` DROP FOREIGN KEY \`FK_65bd62319c8a8fb743d64e2f3ca\``);
    await queryRunner.query(`ALTER TABLE \`posts\` DROP FOREIGN KEY \`FK_3756fbfc7dc9a2a10716a4bb8d1\``);
    await queryRunner.query(`ALTER TABLE \`social_accounts\` DROP FOREIGN KEY \`FK_34f78c5eddf1ffa3068bb3f93da\``);
    await queryRunner.query(`DROP INDEX \`uq_sandbox_posts_idempotency\` ON \`sandbox_posts\``);
    await queryRunner.query(`DROP TABLE \`sandbox_posts\``);
    await queryRunner.query(`DROP INDEX \`uq_sandbox_tokens_token\` ON \`sandbox_tokens\``);
    await queryRunner.query(`DROP TABLE \`sandbox_tokens\``);
    await queryRunner.query(`DROP INDEX \`uq_sandbox_grants_code\` ON \`sandbox_grants\``);
    await queryRunner.query(`DROP TABLE \`sandbox_grants\``);
    await queryRunner.query(`DROP INDEX \`uq_sandbox_accounts_handle\` ON \`sandbox_accounts\``);
    await queryRunner.query(`DROP TABLE \`sandbox_accounts\``);
    await queryRunner.query(`DROP INDEX \`idx_post_targets_client_schedule\` ON \`post_targets\``);
    await queryRunner.query(`DROP INDEX \`idx_post_targets_state_schedule\` ON \`post_targets\``);
    await queryRunner.query(`DROP INDEX \`idx_post_targets_account\` ON \`post_targets\``);
    await queryRunner.query(`DROP INDEX \`idx_post_targets_post\` ON \`post_targets\``);
    await queryRunner.query(`DROP TABLE \`post_targets\``);
    await queryRunner.query(`DROP INDEX \`idx_posts_agency_schedule\` ON \`posts\``);
    await queryRunner.query(`DROP INDEX \`idx_posts_agency_status\` ON \`posts\``);
    await queryRunner.query(`DROP TABLE \`posts\``);
    await queryRunner.query(`DROP INDEX \`uq_connect_links_token\` ON \`connect_links\``);
    await queryRunner.query(`DROP INDEX \`idx_connect_links_client\` ON \`connect_links\``);
    await queryRunner.query(`DROP TABLE \`connect_links\``);
    await queryRunner.query(`DROP INDEX \`idx_oauth_connect_states_expires\` ON \`oauth_connect_states\``);
    await queryRunner.query(`DROP INDEX \`uq_oauth_connect_states_state\` ON \`oauth_connect_states\``);
    await queryRunner.query(`DROP TABLE \`oauth_connect_states\``);
    await queryRunner.query(`DROP INDEX \`uq_social_accounts_identity\` ON \`social_accounts\``);
    await queryRunner.query(`DROP INDEX \`idx_social_accounts_connect_link\` ON \`social_accounts\``);
    await queryRunner.query(`DROP INDEX \`idx_social_accounts_client\` ON \`social_accounts\``);
    await queryRunner.query(`DROP TABLE \`social_accounts\``);
  }
}
