import { MigrationInterface, QueryRunner } from 'typeorm';

export class WhiteLabel1796174003982 implements MigrationInterface {
  name = 'WhiteLabel1796174003982';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`agency_brandings\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`portalName\` varchar(120) NULL, \`primaryColor\` varchar(7) NOT NULL, \`accentColor\` varchar(7) NULL, \`signInHeadline\` varchar(120) NULL, \`signInText\` varchar(500) NULL, \`supportEmail\` varchar(254) NULL, \`supportUrl\` varchar(500) NULL, \`legalFooter\` varchar(500) NULL, \`emailSenderName\` varchar(120) NULL, \`emailReplyTo\` varchar(254) NULL, \`showPoweredBy\` tinyint NOT NULL DEFAULT 1, \`images\` text NOT NULL, UNIQUE INDEX \`uq_agency_brandings_agency\` (\`agencyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`custom_domains\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`hostname\` varchar(253) NOT NULL, \`challengeToken\` varchar(64) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`verifiedAt\` datetime(3) NULL, \`lastCheckedAt\` datetime(3) NULL, \`problem\` varchar(255) NULL, \`failingSince\` datetime(3) NULL, UNIQUE INDEX \`uq_custom_domains_agency\` (\`agencyId\`), UNIQUE INDEX \`uq_custom_domains_hostname\` (\`hostname\`), INDEX \`idx_custom_domains_status\` (\`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    // Existing agencies get a unique slug from their id; each may change it once in Settings.
    await queryRunner.query(`ALTER TABLE \`agencies\` ADD \`slug\` varchar(63) NULL`);
    await queryRunner.query(`UPDATE \`agencies\` SET \`slug\` = CONCAT('agency-', REPLACE(\`id\`, '-', ''))`);
    await queryRunner.query(`ALTER TABLE \`agencies\` MODIFY \`slug\` varchar(63) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`agencies\` ADD \`slugChangedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`host\` varchar(253) NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_agencies_slug\` ON \`agencies\` (\`slug\`)`);
    await queryRunner.query(
      `ALTER TABLE \`agency_brandings\` ADD CONSTRAINT \`FK_21931bdbd54d1899b99a34489b9\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`custom_domains\` ADD CONSTRAINT \`FK_52df57a430ccfaf9c5a739f7a0f\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`custom_domains\` DROP FOREIGN KEY \`FK_52df57a430ccfaf9c5a739f7a0f\``);
    await queryRunner.query(`ALTER TABLE \`agency_brandings\` DROP FOREIGN KEY \`FK_21931bdbd54d1899b99a34489b9\``);
    await queryRunner.query(`DROP INDEX \`uq_agencies_slug\` ON \`agencies\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`host\``);
    await queryRunner.query(`ALTER TABLE \`agencies\` DROP COLUMN \`slugChangedAt\``);
    await queryRunner.query(`ALTER TABLE \`agencies\` DROP COLUMN \`slug\``);
    await queryRunner.query(`DROP INDEX \`idx_custom_domains_status\` ON \`custom_domains\``);
    await queryRunner.query(`DROP INDEX \`uq_custom_domains_hostname\` ON \`custom_domains\``);
    await queryRunner.query(`DROP INDEX \`uq_custom_domains_agency\` ON \`custom_domains\``);
    await queryRunner.query(`DROP TABLE \`custom_domains\``);
    await queryRunner.query(`DROP INDEX \`uq_agency_brandings_agency\` ON \`agency_brandings\``);
    await queryRunner.query(`DROP TABLE \`agency_brandings\``);
  }
}
