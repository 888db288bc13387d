import { MigrationInterface, QueryRunner } from 'typeorm';

export class PostApproval1796267943076 implements MigrationInterface {
  name = 'PostApproval1796267943076';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`post_comments\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`postId\` varchar(36) NOT NULL, \`kind\` varchar(24) NOT NULL, \`body\` text NOT NULL, \`authorUserId\` varchar(36) NULL, \`authorName\` varchar(120) NOT NULL, \`authorSide\` varchar(8) NOT NULL, INDEX \`idx_post_comments_post\` (\`postId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`post_notes\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`postId\` varchar(36) NOT NULL, \`body\` text NOT NULL, \`authorUserId\` varchar(36) NULL, \`authorName\` varchar(120) NOT NULL, INDEX \`idx_post_notes_post\` (\`postId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`posts\` ADD \`approvalRequired\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`posts\` ADD \`approvalState\` varchar(24) NULL`);
    await queryRunner.query(`ALTER TABLE \`posts\` ADD \`approvalDecidedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`posts\` ADD \`approvalDecidedByUserId\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`posts\` ADD \`approvalOverdueNotifiedAt\` datetime(3) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`post_comments\` ADD CONSTRAINT \`FK_ac65d744abc05279aee0b290857\` FOREIGN KEY (\`postId\`) REFERENCES \`posts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`post_notes\` ADD CONSTRAINT \`FK_cb3a74a85358960a48219bf7d0e\` FOREIGN KEY (\`postId\`) REFERENCES \`posts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`post_notes\` DROP FOREIGN KEY \`FK_cb3a74a85358960a48219bf7d0e\``);
    await queryRunner.query(`ALTER TABLE \`post_comments\` DROP FOREIGN KEY \`FK_ac65d744abc05279aee0b290857\``);
    await queryRunner.query(`ALTER TABLE \`posts\` DROP COLUMN \`approvalOverdueNotifiedAt\``);
    await queryRunner.query(`ALTER TABLE \`posts\` DROP COLUMN \`approvalDecidedByUserId\``);
    await queryRunner.query(`ALTER TABLE \`posts\` DROP COLUMN \`approvalDecidedAt\``);
    await queryRunner.query(`ALTER TABLE \`posts\` DROP COLUMN \`approvalState\``);
    await queryRunner.query(`ALTER TABLE \`posts\` DROP COLUMN \`approvalRequired\``);
    await queryRunner.query(`DROP INDEX \`idx_post_notes_post\` ON \`post_notes\``);
    await queryRunner.query(`DROP TABLE \`post_notes\``);
    await queryRunner.query(`DROP INDEX \`idx_post_comments_post\` ON \`post_comments\``);
    await queryRunner.query(`DROP TABLE \`post_comments\``);
  }
}
