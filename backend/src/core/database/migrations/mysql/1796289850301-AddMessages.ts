import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMessages1796289850301 implements MigrationInterface {
  name = 'AddMessages1796289850301';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`conversations\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`assigneeUserId\` varchar(36) NULL, \`lastSeq\` int NOT NULL DEFAULT '0', \`lastChange\` int NOT NULL DEFAULT '0', \`lastMessageAt\` datetime(3) NULL, UNIQUE INDEX \`idx_conversations_client\` (\`clientId\`), INDEX \`idx_conversations_agency_last\` (\`agencyId\`, \`lastMessageAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`conversation_reads\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`conversationId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`side\` varchar(16) NOT NULL, \`lastReadSeq\` int NOT NULL, \`readAt\` datetime(3) NOT NULL, INDEX \`idx_conversation_reads_user\` (\`userId\`), UNIQUE INDEX \`idx_conversation_reads_person\` (\`conversationId\`, \`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`messages\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`conversationId\` varchar(36) NOT NULL, \`seq\` int NOT NULL, \`change\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`authorUserId\` varchar(36) NULL, \`authorSide\` varchar(16) NOT NULL, \`authorName\` varchar(120) NOT NULL, \`body\` text NOT NULL, \`editedAt\` datetime(3) NULL, \`deletedAt\` datetime(3) NULL, INDEX \`idx_messages_author\` (\`authorUserId\`), INDEX \`idx_messages_conversation_change\` (\`conversationId\`, \`change\`), UNIQUE INDEX \`idx_messages_conversation_seq\` (\`conversationId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`message_attachments\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`messageId\` varchar(36) NOT NULL, \`mediaAssetId\` varchar(36) NOT NULL, \`position\` int NOT NULL, INDEX \`idx_message_attachments_asset\` (\`mediaAssetId\`), INDEX \`idx_message_attachments_message\` (\`messageId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`message_email_due\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`conversationId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`fromSeq\` int NOT NULL, \`dueAt\` datetime(3) NOT NULL, INDEX \`idx_message_email_due_at\` (\`dueAt\`), UNIQUE INDEX \`idx_message_email_due_person\` (\`conversationId\`, \`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`message_email_settings\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`mode\` varchar(16) NOT NULL, \`lastDigestDay\` varchar(10) NULL, UNIQUE INDEX \`idx_message_email_settings_user\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`conversations\` ADD CONSTRAINT \`FK_2882c536d4eecfd496132b20eeb\` FOREIGN KEY (\`clientId\`) REFERENCES \`clients\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`conversation_reads\` ADD CONSTRAINT \`FK_ed5265aaed4c674773ed68a4a71\` FOREIGN KEY (\`conversationId\`) REFERENCES \`conversations\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`conversation_reads\` ADD CONSTRAINT \`FK_56047f52c60523dbcdddeef61c6\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`messages\` ADD CONSTRAINT \`FK_e5663ce0c730b2de83445e2fd19\` FOREIGN KEY (\`conversationId\`) REFERENCES \`conversations\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`message_attachments\` ADD CONSTRAINT \`FK_5b4f24737fcb6b35ffdd4d16e13\` FOREIGN KEY (\`messageId\`) REFERENCES \`messages\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`message_attachments\` ADD CONSTRAINT \`FK_9d56deed219f0ac38f560077496\` FOREIGN KEY (\`mediaAssetId\`) REFERENCES \`media_assets\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`message_email_due\` ADD CONSTRAINT \`FK_16973d3e3424d9c0fc738eb6292\` FOREIGN KEY (\`conversationId\`) REFERENCES \`conversations\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`message_email_due\` ADD CONSTRAINT \`FK_be0a312cf58140d303162bd86f4\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`message_email_settings\` ADD CONSTRAINT \`FK_7aab3a68eebe2c6dbeb8f65b7d3\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`message_email_settings\` DROP FOREIGN KEY \`FK_7aab3a68eebe2c6dbeb8f65b7d3\``,
    );
    await queryRunner.query(`ALTER TABLE \`message_email_due\` DROP FOREIGN KEY \`FK_be0a312cf58140d303162bd86f4\``);
    await queryRunner.query(`ALTER TABLE \`message_email_due\` DROP FOREIGN KEY \`FK_16973d3e3424d9c0fc738eb6292\``);
    await queryRunner.query(`ALTER TABLE \`message_attachments\` DROP FOREIGN KEY \`FK_9d56deed219f0ac38f560077496\``);
    await queryRunner.query(`ALTER TABLE \`message_attachments\` DROP FOREIGN KEY \`FK_5b4f24737fcb6b35ffdd4d16e13\``);
    await queryRunner.query(`ALTER TABLE \`messages\` DROP FOREIGN KEY \`FK_e5663ce0c730b2de83445e2fd19\``);
    await queryRunner.query(`ALTER TABLE \`conversation_reads\` DROP FOREIGN KEY \`FK_56047f52c60523dbcdddeef61c6\``);
    await queryRunner.query(`ALTER TABLE \`conversation_reads\` DROP FOREIGN KEY \`FK_ed5265aaed4c674773ed68a4a71\``);
    await queryRunner.query(`ALTER TABLE \`conversations\` DROP FOREIGN KEY \`FK_2882c536d4eecfd496132b20eeb\``);
    await queryRunner.query(`DROP INDEX \`idx_message_email_settings_user\` ON \`message_email_settings\``);
    await queryRunner.query(`DROP TABLE \`message_email_settings\``);
    await queryRunner.query(`DROP INDEX \`idx_message_email_due_person\` ON \`message_email_due\``);
    await queryRunner.query(`DROP INDEX \`idx_message_email_due_at\` ON \`message_email_due\``);
    await queryRunner.query(`DROP TABLE \`message_email_due\``);
    await queryRunner.query(`DROP INDEX \`idx_message_attachments_message\` ON \`message_attachments\``);
    await queryRunner.query(`DROP INDEX \`idx_message_attachments_asset\` ON \`message_attachments\``);
    await queryRunner.query(`DROP TABLE \`message_attachments\``);
    await queryRunner.query(`DROP INDEX \`idx_messages_conversation_seq\` ON \`messages\``);
    await queryRunner.query(`DROP INDEX \`idx_messages_conversation_change\` ON \`messages\``);
    await queryRunner.query(`DROP INDEX \`idx_messages_author\` ON \`messages\``);
    await queryRunner.query(`DROP TABLE \`messages\``);
    await queryRunner.query(`DROP INDEX \`idx_conversation_reads_person\` ON \`conversation_reads\``);
    await queryRunner.query(`DROP INDEX \`idx_conversation_reads_user\` ON \`conversation_reads\``);
    await queryRunner.query(`DROP TABLE \`conversation_reads\``);
    await queryRunner.query(`DROP INDEX \`idx_conversations_agency_last\` ON \`conversations\``);
    await queryRunner.query(`DROP INDEX \`idx_conversations_client\` ON \`conversations\``);
    await queryRunner.query(`DROP TABLE \`conversations\``);
  }
}
