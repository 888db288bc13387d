import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountExpiryWarning1795423579155 implements MigrationInterface {
  name = 'AccountExpiryWarning1795423579155';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`social_accounts\` ADD \`expiryWarnedAt\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`social_accounts\` DROP COLUMN \`expiryWarnedAt\``);
  }
}
