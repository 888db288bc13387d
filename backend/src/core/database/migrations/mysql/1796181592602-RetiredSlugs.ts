import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetiredSlugs1796181592602 implements MigrationInterface {
  name = 'RetiredSlugs1796181592602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`agencies\` ADD \`previousSlug\` varchar(63) NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_agencies_previous_slug\` ON \`agencies\` (\`previousSlug\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_agencies_previous_slug\` ON \`agencies\``);
    await queryRunner.query(`ALTER TABLE \`agencies\` DROP COLUMN \`previousSlug\``);
  }
}
