import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaLibrary1795424915007 implements MigrationInterface {
  name = 'MediaLibrary1795424915007';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`post_media\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`postId\` varchar(36) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`mediaAssetId\` varchar(36) NOT NULL, \`position\` int NOT NULL, INDEX \`idx_post_media_asset\` (\`mediaAssetId\`), UNIQUE INDEX \`uq_post_media_post_asset\` (\`postId\`, \`mediaAssetId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`media_assets\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NULL, \`purpose\` varchar(16) NOT NULL, \`source\` varchar(16) NOT NULL, \`uploadedByUserId\` varchar(36) NULL, \`filename\` varchar(200) NOT NULL, \`mimeType\` varchar(100) NOT NULL, \`kind\` varchar(16) NOT NULL, \`size\` bigint NOT NULL, \`storageKey\` varchar(300) NOT NULL, \`thumbnailKey\` varchar(300) NULL, \`width\` int NULL, \`height\` int NULL, \`status\` varchar(16) NOT NULL, INDEX \`idx_media_assets_uploader\` (\`uploadedByUserId\`), INDEX \`idx_media_assets_client_created\` (\`clientId\`, \`purpose\`, \`createdAt\`), INDEX \`idx_media_assets_agency_created\` (\`agencyId\`, \`purpose\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`avatarAssetId\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`pendingEmail\` varchar(254) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`post_media\` ADD CONSTRAINT \`FK_4adcc5190e3b5c7e9001adef3b8\` FOREIGN KEY (\`postId\`) REFERENCES \`posts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`media_assets\` ADD CONSTRAINT \`FK_17f6a217db1e697c2570b3d4ae7\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`media_assets\` DROP FOREIGN KEY \`FK_17f6a217db1e697c2570b3d4ae7\``);
    await queryRunner.query(`ALTER TABLE \`post_media\` DROP FOREIGN KEY \`FK_4adcc5190e3b5c7e9001adef3b8\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`pendingEmail\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`avatarAssetId\``);
    await queryRunner.query(`DROP INDEX \`idx_media_assets_agency_created\` ON \`media_assets\``);
    await queryRunner.query(`DROP INDEX \`idx_media_assets_client_created\` ON \`media_assets\``);
    await queryRunner.query(`DROP INDEX \`idx_media_assets_uploader\` ON \`media_assets\``);
    await queryRunner.query(`DROP TABLE \`media_assets\``);
    await queryRunner.query(`DROP INDEX \`uq_post_media_post_asset\` ON \`post_media\``);
    await queryRunner.query(`DROP INDEX \`idx_post_media_asset\` ON \`post_media\``);
    await queryRunner.query(`DROP TABLE \`post_media\``);
  }
}
