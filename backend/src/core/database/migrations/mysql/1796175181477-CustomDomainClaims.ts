import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomDomainClaims1796175181477 implements MigrationInterface {
  name = 'CustomDomainClaims1796175181477';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_custom_domains_hostname\` ON \`custom_domains\``);
    await queryRunner.query(`ALTER TABLE \`custom_domains\` ADD \`verifiedHostname\` varchar(253) NULL`);
    await queryRunner.query(`ALTER TABLE \`custom_domains\` ADD \`routingFound\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX \`idx_custom_domains_hostname\` ON \`custom_domains\` (\`hostname\`)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_custom_domains_verified_hostname\` ON \`custom_domains\` (\`verifiedHostname\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_custom_domains_verified_hostname\` ON \`custom_domains\``);
    await queryRunner.query(`DROP INDEX \`idx_custom_domains_hostname\` ON \`custom_domains\``);
    await queryRunner.query(`ALTER TABLE \`custom_domains\` DROP COLUMN \`routingFound\``);
    await queryRunner.query(`ALTER TABLE \`custom_domains\` DROP COLUMN \`verifiedHostname\``);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_custom_domains_hostname\` ON \`custom_domains\` (\`hostname\`)`);
  }
}
