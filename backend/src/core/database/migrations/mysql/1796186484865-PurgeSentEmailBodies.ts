import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are no longer kept after they are sent (their links are live sign-in, reset and invitation
 * tokens): clears the bodies of those sent, or given up on, before this version. Captured emails
 * (no SMTP, the dev mailbox) keep theirs. Data only, and not reversible.
 */
export class PurgeSentEmailBodies1796186484865 implements MigrationInterface {
  name = 'PurgeSentEmailBodies1796186484865';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE outbox_emails SET textBody = '[sent; body removed]', htmlBody = '[sent; body removed]' WHERE status = 'sent'`,
    );
    await queryRunner.query(
      `UPDATE outbox_emails SET textBody = '[not delivered; body removed]', htmlBody = '[not delivered; body removed]' WHERE status = 'failed'`,
    );
  }

  public async down(): Promise<void> {
    // The bodies are gone; nothing to restore.
  }
}
