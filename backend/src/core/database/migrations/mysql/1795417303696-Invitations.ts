import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invitations1795417303696 implements MigrationInterface {
  name = 'Invitations1795417303696';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`invitations\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NULL, \`audience\` varchar(16) NOT NULL, \`email\` varchar(254) NOT NULL, \`name\` varchar(120) NOT NULL, \`role\` varchar(16) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`status\` varchar(16) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`invitedByUserId\` varchar(36) NULL, \`acceptedUserId\` varchar(36) NULL, \`acceptedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_invitations_token_hash\` (\`tokenHash\`), INDEX \`idx_invitations_email\` (\`email\`), INDEX \`idx_invitations_agency_client_status\` (\`agencyId\`, \`clientId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invitations\` ADD CONSTRAINT \`FK_f06a69599772b298b4325fe9419\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invitations\` ADD CONSTRAINT \`FK_295de095d2669e80c3634fed729\` FOREIGN KEY (\`clientId\`) REFERENCES \`clients\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`invitations\` DROP FOREIGN KEY \`FK_295de095d2669e80c3634fed729\``);
    await queryRunner.query(`ALTER TABLE \`invitations\` DROP FOREIGN KEY \`FK_f06a69599772b298b4325fe9419\``);
    await queryRunner.query(`DROP INDEX \`idx_invitations_agency_client_status\` ON \`invitations\``);
    await queryRunner.query(`DROP INDEX \`idx_invitations_email\` ON \`invitations\``);
    await queryRunner.query(`DROP INDEX \`uq_invitations_token_hash\` ON \`invitations\``);
    await queryRunner.query(`DROP TABLE \`invitations\``);
  }
}
