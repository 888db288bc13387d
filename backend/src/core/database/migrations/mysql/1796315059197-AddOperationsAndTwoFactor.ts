import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOperationsAndTwoFactor1796315059197 implements MigrationInterface {
  name = 'AddOperationsAndTwoFactor1796315059197';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`two_factor_credentials\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`userId\` varchar(36) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`secretSealed\` text NOT NULL, \`enabledAt\` datetime(3) NULL, \`lastUsedTimeStep\` int NULL, UNIQUE INDEX \`uq_two_factor_credentials_user\` (\`userId\`), INDEX \`idx_two_factor_credentials_agency\` (\`agencyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`two_factor_recovery_codes\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`userId\` varchar(36) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`codeHash\` varchar(64) NOT NULL, \`usedAt\` datetime(3) NULL, INDEX \`idx_two_factor_recovery_codes_agency\` (\`agencyId\`), INDEX \`idx_two_factor_recovery_codes_user\` (\`userId\`, \`usedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`platform_operators\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`email\` varchar(254) NOT NULL, \`name\` varchar(120) NOT NULL, \`passwordHash\` varchar(255) NOT NULL, \`totpSecretSealed\` text NULL, \`totpEnabledAt\` datetime(3) NULL, \`totpLastUsedTimeStep\` int NULL, \`lastLoginAt\` datetime(3) NULL, UNIQUE INDEX \`uq_platform_operators_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`platform_operator_recovery_codes\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`operatorId\` varchar(36) NOT NULL, \`codeHash\` varchar(64) NOT NULL, \`usedAt\` datetime(3) NULL, INDEX \`idx_operator_recovery_codes_operator\` (\`operatorId\`, \`usedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`operator_sessions\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`operatorId\` varchar(36) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`revokedAt\` datetime(3) NULL, \`ip\` varchar(64) NULL, \`userAgent\` varchar(255) NULL, INDEX \`idx_operator_sessions_operator\` (\`operatorId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`agencies\` ADD \`suspendedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`agencies\` ADD \`suspendedReason\` varchar(500) NULL`);
    await queryRunner.query(`ALTER TABLE \`agencies\` ADD \`requireTwoFactorForTeam\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`agencies\` ADD \`requireTwoFactorForClients\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE \`two_factor_credentials\` ADD CONSTRAINT \`FK_4aa86ec941beff58a1e0552ce01\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`two_factor_credentials\` ADD CONSTRAINT \`FK_01468e78ad55c2303973241171f\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`two_factor_recovery_codes\` ADD CONSTRAINT \`FK_b8bb7fb08d5097dc938cef1e4ac\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`two_factor_recovery_codes\` ADD CONSTRAINT \`FK_607885c743cd836454bf7e507f3\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`platform_operator_recovery_codes\` ADD CONSTRAINT \`FK_bab0c6fdc93f3289fdd3ff5601f\` FOREIGN KEY (\`operatorId\`) REFERENCES \`platform_operators\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`operator_sessions\` ADD CONSTRAINT \`FK_d8984f7385cfd19ceea501adb72\` FOREIGN KEY (\`operatorId\`) REFERENCES \`platform_operators\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`operator_sessions\` DROP FOREIGN KEY \`FK_d8984f7385cfd19ceea501adb72\``);
    await queryRunner.query(
      `ALTER TABLE \`platform_operator_recovery_codes\` DROP FOREIGN KEY \`FK_bab0c6fdc93f3289fdd3ff5601f\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`two_factor_recovery_codes\` DROP FOREIGN KEY \`FK_607885c743cd836454bf7e507f3\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`two_factor_recovery_codes\` DROP FOREIGN KEY \`FK_b8bb7fb08d5097dc938cef1e4ac\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`two_factor_credentials\` DROP FOREIGN KEY \`FK_01468e78ad55c2303973241171f\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`two_factor_credentials\` DROP FOREIGN KEY \`FK_4aa86ec941beff58a1e0552ce01\``,
    );
    await queryRunner.query(`ALTER TABLE \`agencies\` DROP COLUMN \`requireTwoFactorForClients\``);
    await queryRunner.query(`ALTER TABLE \`agencies\` DROP COLUMN \`requireTwoFactorForTeam\``);
    await queryRunner.query(`ALTER TABLE \`agencies\` DROP COLUMN \`suspendedReason\``);
    await queryRunner.query(`ALTER TABLE \`agencies\` DROP COLUMN \`suspendedAt\``);
    await queryRunner.query(`DROP INDEX \`idx_operator_sessions_operator\` ON \`operator_sessions\``);
    await queryRunner.query(`DROP TABLE \`operator_sessions\``);
    await queryRunner.query(
      `DROP INDEX \`idx_operator_recovery_codes_operator\` ON \`platform_operator_recovery_codes\``,
    );
    await queryRunner.query(`DROP TABLE \`platform_operator_recovery_codes\``);
    await queryRunner.query(`DROP INDEX \`uq_platform_operators_email\` ON \`platform_operators\``);
    await queryRunner.query(`DROP TABLE \`platform_operators\``);
    await queryRunner.query(`DROP INDEX \`idx_two_factor_recovery_codes_user\` ON \`two_factor_recovery_codes\``);
    await queryRunner.query(`DROP INDEX \`idx_two_factor_recovery_codes_agency\` ON \`two_factor_recovery_codes\``);
    await queryRunner.query(`DROP TABLE \`two_factor_recovery_codes\``);
    await queryRunner.query(`DROP INDEX \`idx_two_factor_credentials_agency\` ON \`two_factor_credentials\``);
    await queryRunner.query(`DROP INDEX \`uq_two_factor_credentials_user\` ON \`two_factor_credentials\``);
    await queryRunner.query(`DROP TABLE \`two_factor_credentials\``);
  }
}
