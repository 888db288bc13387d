import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddContracts1796279016369 implements MigrationInterface {
  name = 'AddContracts1796279016369';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`contracts\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`title\` varchar(200) NOT NULL, \`message\` text NULL, \`status\` varchar(24) NOT NULL, \`currentStep\` int NULL, \`expiresAt\` datetime(3) NULL, \`reminderFirstAfterDays\` int NULL, \`reminderEveryDays\` int NULL, \`reminderMaxCount\` int NULL, \`originalKey\` varchar(300) NOT NULL, \`originalSha256\` varchar(64) NOT NULL, \`pageCount\` int NOT NULL, \`pageSizes\` text NOT NULL, \`sealState\` varchar(16) NOT NULL, \`finalKey\` varchar(300) NULL, \`finalSha256\` varchar(64) NULL, \`certificateKey\` varchar(300) NULL, \`voidedKey\` varchar(300) NULL, \`sentAt\` datetime(3) NULL, \`completedAt\` datetime(3) NULL, \`voidedAt\` datetime(3) NULL, \`voidReason\` varchar(1000) NULL, \`declinedAt\` datetime(3) NULL, \`declineReason\` varchar(1000) NULL, \`declinedByName\` varchar(120) NULL, \`templateId\` varchar(36) NULL, \`createdByUserId\` varchar(36) NULL, INDEX \`idx_contracts_final_sha\` (\`finalSha256\`), INDEX \`idx_contracts_client_status\` (\`agencyId\`, \`clientId\`, \`status\`), INDEX \`idx_contracts_agency_updated\` (\`agencyId\`, \`updatedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contract_recipients\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`contractId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`userId\` varchar(36) NULL, \`name\` varchar(120) NOT NULL, \`email\` varchar(254) NOT NULL, \`role\` varchar(12) NOT NULL, \`side\` varchar(8) NOT NULL, \`step\` int NOT NULL, \`status\` varchar(12) NOT NULL, \`sentAt\` datetime(3) NULL, \`viewedAt\` datetime(3) NULL, \`actedAt\` datetime(3) NULL, \`declineReason\` varchar(1000) NULL, \`signatureMethod\` varchar(12) NULL, \`typedText\` varchar(120) NULL, \`signatureFont\` varchar(40) NULL, \`signatureKey\` varchar(300) NULL, \`initialsKey\` varchar(300) NULL, \`ip\` varchar(64) NULL, \`userAgent\` varchar(500) NULL, \`timeZone\` varchar(64) NULL, \`remindersSent\` int NOT NULL DEFAULT '0', \`lastRemindedAt\` datetime(3) NULL, INDEX \`idx_contract_recipients_user\` (\`agencyId\`, \`userId\`, \`status\`), INDEX \`idx_contract_recipients_contract\` (\`contractId\`, \`step\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contract_fields\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`contractId\` varchar(36) NOT NULL, \`recipientId\` varchar(36) NOT NULL, \`kind\` varchar(12) NOT NULL, \`page\` int NOT NULL, \`x\` double NOT NULL, \`y\` double NOT NULL, \`width\` double NOT NULL, \`height\` double NOT NULL, \`required\` tinyint NOT NULL, \`label\` varchar(120) NULL, \`value\` varchar(1000) NULL, \`filledAt\` datetime(3) NULL, INDEX \`idx_contract_fields_contract\` (\`contractId\`, \`page\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contract_events\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`contractId\` varchar(36) NOT NULL, \`sequence\` int NOT NULL, \`type\` varchar(24) NOT NULL, \`recipientId\` varchar(36) NULL, \`recipientName\` varchar(120) NULL, \`actorUserId\` varchar(36) NULL, \`actorName\` varchar(120) NULL, \`detail\` varchar(500) NULL, \`ip\` varchar(64) NULL, \`userAgent\` varchar(500) NULL, \`hash\` varchar(64) NOT NULL, UNIQUE INDEX \`idx_contract_events_contract\` (\`contractId\`, \`sequence\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contract_templates\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`name\` varchar(200) NOT NULL, \`message\` text NULL, \`fileKey\` varchar(300) NOT NULL, \`sha256\` varchar(64) NOT NULL, \`pageCount\` int NOT NULL, \`pageSizes\` text NOT NULL, \`layout\` text NOT NULL, \`recipientSlots\` int NOT NULL, \`createdByUserId\` varchar(36) NULL, INDEX \`idx_contract_templates_agency\` (\`agencyId\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contracts\` ADD CONSTRAINT \`FK_79f0202ce6b696049c7e434dfa9\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract_recipients\` ADD CONSTRAINT \`FK_39d052909e0bcf5275e51a18477\` FOREIGN KEY (\`contractId\`) REFERENCES \`contracts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract_fields\` ADD CONSTRAINT \`FK_31f4f18b408495808119fc54629\` FOREIGN KEY (\`contractId\`) REFERENCES \`contracts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract_events\` ADD CONSTRAINT \`FK_bc412d7c35551e463b7408190e5\` FOREIGN KEY (\`contractId\`) REFERENCES \`contracts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract_templates\` ADD CONSTRAINT \`FK_f65920c4531c40d8108d8ebf916\` FOREIGN KEY (\`agencyId\`) REFERENCES \`agencies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`contract_templates\` DROP FOREIGN KEY \`FK_f65920c4531c40d8108d8ebf916\``);
    await queryRunner.query(`ALTER TABLE \`contract_events\` DROP FOREIGN KEY \`FK_bc412d7c35551e463b7408190e5\``);
    await queryRunner.query(`ALTER TABLE \`contract_fields\` DROP FOREIGN KEY \`FK_31f4f18b408495808119fc54629\``);
    await queryRunner.query(`ALTER TABLE \`contract_recipients\` DROP FOREIGN KEY \`FK_39d052909e0bcf5275e51a18477\``);
    await queryRunner.query(`ALTER TABLE \`contracts\` DROP FOREIGN KEY \`FK_79f0202ce6b696049c7e434dfa9\``);
    await queryRunner.query(`DROP INDEX \`idx_contract_templates_agency\` ON \`contract_templates\``);
    await queryRunner.query(`DROP TABLE \`contract_templates\``);
    await queryRunner.query(`DROP INDEX \`idx_contract_events_contract\` ON \`contract_events\``);
    await queryRunner.query(`DROP TABLE \`contract_events\``);
    await queryRunner.query(`DROP INDEX \`idx_contract_fields_contract\` ON \`contract_fields\``);
    await queryRunner.query(`DROP TABLE \`contract_fields\``);
    await queryRunner.query(`DROP INDEX \`idx_contract_recipients_contract\` ON \`contract_recipients\``);
    await queryRunner.query(`DROP INDEX \`idx_contract_recipients_user\` ON \`contract_recipients\``);
    await queryRunner.query(`DROP TABLE \`contract_recipients\``);
    await queryRunner.query(`DROP INDEX \`idx_contracts_agency_updated\` ON \`contracts\``);
    await queryRunner.query(`DROP INDEX \`idx_contracts_client_status\` ON \`contracts\``);
    await queryRunner.query(`DROP INDEX \`idx_contracts_final_sha\` ON \`contracts\``);
    await queryRunner.query(`DROP TABLE \`contracts\``);
  }
}
