import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountRenewalLease1795423979430 implements MigrationInterface {
  name = 'AccountRenewalLease1795423979430';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`social_accounts\` ADD \`renewingUntil\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`social_accounts\` DROP COLUMN \`renewingUntil\``);
  }
}
