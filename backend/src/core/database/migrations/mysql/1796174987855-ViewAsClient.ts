import { MigrationInterface, QueryRunner } from 'typeorm';

export class ViewAsClient1796174987855 implements MigrationInterface {
  name = 'ViewAsClient1796174987855';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`viewerUserId\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`viewedClientId\` varchar(36) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`sessions\` ADD CONSTRAINT \`FK_9313263ad73436d005cb8af0b05\` FOREIGN KEY (\`viewerUserId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sessions\` ADD CONSTRAINT \`FK_de157f9e80b936e3b8c329af81e\` FOREIGN KEY (\`viewedClientId\`) REFERENCES \`clients\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP FOREIGN KEY \`FK_de157f9e80b936e3b8c329af81e\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP FOREIGN KEY \`FK_9313263ad73436d005cb8af0b05\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`viewedClientId\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`viewerUserId\``);
  }
}
