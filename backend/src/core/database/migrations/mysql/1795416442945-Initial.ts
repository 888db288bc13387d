import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795416442945 implements MigrationInterface {
  name = 'Initial1795416442945';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`audit_logs\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NULL, \`actorUserId\` varchar(36) NULL, \`action\` varchar(64) NOT NULL, \`targetType\` varchar(32) NULL, \`targetId\` varchar(36) NULL, \`ip\` varchar(64) NULL, \`details\` text NULL, INDEX \`idx_audit_logs_actor\` (\`actorUserId\`), INDEX \`idx_audit_logs_agency_created\` (\`agencyId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`outbox_emails\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NULL, \`toAddress\` varchar(254) NOT NULL, \`subject\` varchar(255) NOT NULL, \`textBody\` text NOT NULL, \`htmlBody\` text NOT NULL, \`status\` varchar(16) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastError\` varchar(500) NULL, \`nextAttemptAt\` datetime(3) NOT NULL, \`claimedAt\` datetime(3) NULL, \`sentAt\` datetime(3) NULL, INDEX \`idx_outbox_emails_agency\` (\`agencyId\`), INDEX \`idx_outbox_emails_status_next\` (\`status\`, \`nextAttemptAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`scheduler_leases\` (\`name\` varchar(64) NOT NULL, \`holder\` varchar(64) NOT NULL, \`leasedUntil\` datetime(3) NOT NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`agencies\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`name\` varchar(120) NOT NULL, \`plan\` varchar(32) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`users\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`kind\` varchar(16) NOT NULL, \`email\` varchar(254) NOT NULL, \`name\` varchar(120) NOT NULL, \`passwordHash\` varchar(255) NULL, \`emailConfirmedAt\` datetime(3) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', \`timezone\` varchar(64) NOT NULL DEFAULT 'UTC', \`lastLoginAt\` datetime(3) NULL, INDEX \`idx_users_agency\` (\`agencyId\`), UNIQUE INDEX \`uq_users_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`one_time_tokens\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`userId\` varchar(36) NOT NULL, \`purpose\` varchar(24) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`email\` varchar(254) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`usedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_one_time_tokens_hash\` (\`tokenHash\`), INDEX \`idx_one_time_tokens_user_purpose\` (\`userId\`, \`purpose\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sessions\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`userId\` varchar(36) NOT NULL, \`refreshTokenHash\` varchar(64) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`revokedAt\` datetime(3) NULL, \`revokedReason\` varchar(32) NULL, \`lastUsedAt\` datetime(3) NOT NULL, \`ip\` varchar(64) NULL, \`userAgent\` varchar(255) NULL, INDEX \`idx_sessions_user\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`clients\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`name\` varchar(120) NOT NULL, \`permissions\` text NOT NULL, \`deletedAt\` datetime(3) NULL, INDEX \`idx_clients_agency\` (\`agencyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`client_memberships\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`role\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', INDEX \`idx_client_memberships_user\` (\`userId\`), UNIQUE INDEX \`uq_client_memberships_client_user\` (\`clientId\`, \`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`agency_memberships\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`role\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', INDEX \`idx_agency_memberships_user\` (\`userId\`), UNIQUE INDEX \`uq_agency_memberships_agency_user\` (\`agencyId\`, \`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` ADD CONSTRAINT \`FK_184debc49e72b43579476cc6e75\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`one_time_tokens\` ADD CONSTRAINT \`FK_c050f9d5e8a16e1a30a98c7257f\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sessions\` ADD CONSTRAINT \`FK_57de40bc620f456c7311aa3a1e6\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`clients\` ADD CONSTRAINT \`FK_24b4626ed7131b82ccdf89089c9\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`client_memberships\` ADD CONSTRAINT \`FK_a6170ca234539df179868260be6\` FOREIGN KEY (\`clientId\`) REFERENCES \`clients\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`client_memberships\` ADD CONSTRAINT \`FK_134fa90c9c854b237914af61ff4\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`agency_memberships\` ADD CONSTRAINT \`FK_6bd343fa7a10e2800a9128cc550\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`agency_memberships\` ADD CONSTRAINT \`FK_39f52a6c7fb00c2c5e0622015c2\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`agency_memberships\` DROP FOREIGN KEY \`FK_39f52a6c7fb00c2c5e0622015c2\``);
    await queryRunner.query(`ALTER TABLE \`agency_memberships\` DROP FOREIGN KEY \`FK_6bd343fa7a10e2800a9128cc550\``);
    await queryRunner.query(`ALTER TABLE \`client_memberships\` DROP FOREIGN KEY \`FK_134fa90c9c854b237914af61ff4\``);
    await queryRunner.query(`ALTER TABLE \`client_memberships\` DROP FOREIGN KEY \`FK_a6170ca234539df179868260be6\``);
    await queryRunner.query(`ALTER TABLE \`clients\` DROP FOREIGN KEY \`FK_24b4626ed7131b82ccdf89089c9\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP FOREIGN KEY \`FK_57de40bc620f456c7311aa3a1e6\``);
    await queryRunner.query(`ALTER TABLE \`one_time_tokens\` DROP FOREIGN KEY \`FK_c050f9d5e8a16e1a30a98c7257f\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP FOREIGN KEY \`FK_184debc49e72b43579476cc6e75\``);
    await queryRunner.query(`DROP INDEX \`uq_agency_memberships_agency_user\` ON \`agency_memberships\``);
    await queryRunner.query(`DROP INDEX \`idx_agency_memberships_user\` ON \`agency_memberships\``);
    await queryRunner.query(`DROP TABLE \`agency_memberships\``);
    await queryRunner.query(`DROP INDEX \`uq_client_memberships_client_user\` ON \`client_memberships\``);
    await queryRunner.query(`DROP INDEX \`idx_client_memberships_user\` ON \`client_memberships\``);
    await queryRunner.query(`DROP TABLE \`client_memberships\``);
    await queryRunner.query(`DROP INDEX \`idx_clients_agency\` ON \`clients\``);
    await queryRunner.query(`DROP TABLE \`clients\``);
    await queryRunner.query(`DROP INDEX \`idx_sessions_user\` ON \`sessions\``);
    await queryRunner.query(`DROP TABLE \`sessions\``);
    await queryRunner.query(`DROP INDEX \`idx_one_time_tokens_user_purpose\` ON \`one_time_tokens\``);
    await queryRunner.query(`DROP INDEX \`uq_one_time_tokens_hash\` ON \`one_time_tokens\``);
    await queryRunner.query(`DROP TABLE \`one_time_tokens\``);
    await queryRunner.query(`DROP INDEX \`uq_users_email\` ON \`users\``);
    await queryRunner.query(`DROP INDEX \`idx_users_agency\` ON \`users\``);
    await queryRunner.query(`DROP TABLE \`users\``);
    await queryRunner.query(`DROP TABLE \`agencies\``);
    await queryRunner.query(`DROP TABLE \`scheduler_leases\``);
    await queryRunner.query(`DROP INDEX \`idx_outbox_emails_status_next\` ON \`outbox_emails\``);
    await queryRunner.query(`DROP INDEX \`idx_outbox_emails_agency\` ON \`outbox_emails\``);
    await queryRunner.query(`DROP TABLE \`outbox_emails\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_logs_agency_created\` ON \`audit_logs\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_logs_actor\` ON \`audit_logs\``);
    await queryRunner.query(`DROP TABLE \`audit_logs\``);
  }
}
