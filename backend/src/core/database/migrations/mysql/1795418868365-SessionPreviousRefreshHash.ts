import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionPreviousRefreshHash1795418868365 implements MigrationInterface {
  name = 'SessionPreviousRefreshHash1795418868365';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`previousRefreshTokenHash\` varchar(64) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`previousRefreshTokenHash\``);
  }
}
