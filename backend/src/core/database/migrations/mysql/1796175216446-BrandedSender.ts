import { MigrationInterface, QueryRunner } from 'typeorm';

export class BrandedSender1796175216446 implements MigrationInterface {
  name = 'BrandedSender1796175216446';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`outbox_emails\` ADD \`fromName\` varchar(120) NULL`);
    await queryRunner.query(`ALTER TABLE \`outbox_emails\` ADD \`replyTo\` varchar(254) NULL`);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` ADD \`host\` varchar(253) NULL`);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` ADD \`handbackHash\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` ADD \`handbackCodeSealed\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` ADD \`handbackExpiresAt\` datetime(3) NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_oauth_connect_states_handback\` ON \`oauth_connect_states\` (\`handbackHash\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_oauth_connect_states_handback\` ON \`oauth_connect_states\``);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` DROP COLUMN \`handbackExpiresAt\``);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` DROP COLUMN \`handbackCodeSealed\``);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` DROP COLUMN \`handbackHash\``);
    await queryRunner.query(`ALTER TABLE \`oauth_connect_states\` DROP COLUMN \`host\``);
    await queryRunner.query(`ALTER TABLE \`outbox_emails\` DROP COLUMN \`replyTo\``);
    await queryRunner.query(`ALTER TABLE \`outbox_emails\` DROP COLUMN \`fromName\``);
  }
}
