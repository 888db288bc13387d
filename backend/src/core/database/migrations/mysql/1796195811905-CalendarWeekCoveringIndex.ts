import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal calendar's week query is answered from one index (idx_post_targets_client_week, which
 * replaces idx_post_targets_client_schedule, its first two columns). For the index to hold every
 * column the query reads, links to published posts are bounded to 500 characters (InnoDB keys are
 * at most 3,072 bytes); longer ones, which no platform hands out, are cut like the publisher cuts
 * them. One ALTER, so the table is rebuilt once and keeps its links.
 */
export class CalendarWeekCoveringIndex1796195811905 implements MigrationInterface {
  name = 'CalendarWeekCoveringIndex1796195811905';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE \`post_targets\` SET \`externalUrl\` = LEFT(\`externalUrl\`, 500) WHERE CHAR_LENGTH(\`externalUrl\`) > 500`,
    );
    await queryRunner.query(
      `ALTER TABLE \`post_targets\` MODIFY \`externalUrl\` varchar(500) NULL, DROP INDEX \`idx_post_targets_client_schedule\`, ADD INDEX \`idx_post_targets_client_week\` (\`clientId\`, \`scheduledAt\`, \`state\`, \`agencyId\`, \`socialAccountId\`, \`postId\`, \`publishedAt\`, \`externalUrl\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`post_targets\` DROP INDEX \`idx_post_targets_client_week\`, MODIFY \`externalUrl\` varchar(1000) NULL, ADD INDEX \`idx_post_targets_client_schedule\` (\`clientId\`, \`scheduledAt\`)`,
    );
  }
}
