import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddBilling1796302457663 implements MigrationInterface {
  name = 'AddBilling1796302457663';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`billing_profiles\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`legalName\` varchar(200) NOT NULL, \`email\` varchar(254) NOT NULL, \`addressLine1\` varchar(200) NOT NULL, \`addressLine2\` varchar(200) NOT NULL, \`city\` varchar(120) NOT NULL, \`postalCode\` varchar(32) NOT NULL, \`region\` varchar(120) NOT NULL, \`country\` varchar(2) NOT NULL, \`taxId\` varchar(64) NOT NULL, \`currency\` varchar(3) NOT NULL, \`paymentTermsDays\` int NOT NULL, INDEX \`idx_billing_profiles_agency\` (\`agencyId\`), UNIQUE INDEX \`uq_billing_profiles_client\` (\`clientId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`billing_settings\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`numberPrefix\` varchar(20) NOT NULL, \`nextNumber\` int NOT NULL, \`defaultCurrency\` varchar(3) NOT NULL, \`defaultPaymentTermsDays\` int NOT NULL, \`defaultNotes\` text NOT NULL, \`defaultTerms\` text NOT NULL, \`remindDaysBefore\` varchar(64) NOT NULL, \`remindDaysAfter\` varchar(64) NOT NULL, \`provider\` varchar(16) NULL, \`providerSecrets\` text NULL, \`providerKeyHint\` varchar(8) NULL, \`providerTestMode\` tinyint NOT NULL DEFAULT 0, \`providerConnectedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_billing_settings_agency\` (\`agencyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invoices\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`status\` varchar(16) NOT NULL, \`numberSeq\` int NULL, \`number\` varchar(40) NULL, \`currency\` varchar(3) NOT NULL, \`issueDate\` varchar(10) NOT NULL, \`dueDate\` varchar(10) NOT NULL, \`discountKind\` varchar(8) NOT NULL, \`discountValue\` bigint NOT NULL, \`subtotal\` bigint NOT NULL, \`discountTotal\` bigint NOT NULL, \`taxes\` text NOT NULL, \`taxTotal\` bigint NOT NULL, \`total\` bigint NOT NULL, \`amountPaid\` bigint NOT NULL, \`notes\` text NOT NULL, \`terms\` text NOT NULL, \`billTo\` text NULL, \`issuer\` text NULL, \`sentAt\` datetime(3) NULL, \`viewedAt\` datetime(3) NULL, \`paidAt\` datetime(3) NULL, \`voidedAt\` datetime(3) NULL, \`voidReason\` varchar(500) NULL, \`pdfKey\` varchar(255) NULL, \`pdfRenderedAt\` datetime(3) NULL, \`recurringId\` varchar(36) NULL, \`createdByUserId\` varchar(36) NULL, INDEX \`idx_invoices_recurring\` (\`recurringId\`), INDEX \`idx_invoices_status_due\` (\`status\`, \`dueDate\`), INDEX \`idx_invoices_client_status\` (\`clientId\`, \`status\`), INDEX \`idx_invoices_agency_status\` (\`agencyId\`, \`status\`, \`dueDate\`), UNIQUE INDEX \`uq_invoices_agency_seq\` (\`agencyId\`, \`numberSeq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invoice_lines\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`invoiceId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`description\` varchar(500) NOT NULL, \`quantityMilli\` int NOT NULL, \`unitPrice\` bigint NOT NULL, \`taxRateMilli\` int NOT NULL, \`amount\` bigint NOT NULL, INDEX \`idx_invoice_lines_invoice\` (\`invoiceId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invoice_payments\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`invoiceId\` varchar(36) NOT NULL, \`amount\` bigint NOT NULL, \`currency\` varchar(3) NOT NULL, \`method\` varchar(16) NOT NULL, \`paidOn\` varchar(10) NOT NULL, \`reference\` varchar(200) NOT NULL, \`recordedByUserId\` varchar(36) NULL, \`recordedByName\` varchar(120) NULL, \`provider\` varchar(16) NULL, \`providerPaymentId\` varchar(255) NULL, INDEX \`idx_invoice_payments_invoice\` (\`invoiceId\`), INDEX \`idx_invoice_payments_agency_paid\` (\`agencyId\`, \`paidOn\`), UNIQUE INDEX \`uq_invoice_payments_provider\` (\`provider\`, \`providerPaymentId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invoice_reminders\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`invoiceId\` varchar(36) NOT NULL, \`offsetKey\` varchar(40) NOT NULL, UNIQUE INDEX \`uq_invoice_reminders\` (\`invoiceId\`, \`offsetKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`payment_sessions\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`invoiceId\` varchar(36) NOT NULL, \`provider\` varchar(16) NOT NULL, \`externalId\` varchar(255) NOT NULL, \`amount\` bigint NOT NULL, \`currency\` varchar(3) NOT NULL, \`status\` varchar(16) NOT NULL, \`url\` text NOT NULL, \`createdByUserId\` varchar(36) NULL, \`completedAt\` datetime(3) NULL, INDEX \`idx_payment_sessions_invoice\` (\`invoiceId\`), UNIQUE INDEX \`uq_payment_sessions_external\` (\`provider\`, \`externalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`payment_webhook_events\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`provider\` varchar(16) NOT NULL, \`eventId\` varchar(255) NOT NULL, \`type\` varchar(64) NOT NULL, UNIQUE INDEX \`uq_payment_webhook_events\` (\`provider\`, \`eventId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`recurring_invoices\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`agencyId\` varchar(36) NOT NULL, \`clientId\` varchar(36) NOT NULL, \`status\` varchar(8) NOT NULL, \`interval\` varchar(8) NOT NULL, \`startsOn\` varchar(10) NOT NULL, \`occurrence\` int NOT NULL, \`nextIssueOn\` varchar(10) NULL, \`endsOn\` varchar(10) NULL, \`currency\` varchar(3) NOT NULL, \`template\` text NOT NULL, \`dueInDays\` int NOT NULL, \`total\` bigint NOT NULL, \`issuedCount\` int NOT NULL, \`lastIssuedAt\` datetime(3) NULL, \`createdByUserId\` varchar(36) NULL, INDEX \`idx_recurring_invoices_agency\` (\`agencyId\`, \`createdAt\`), INDEX \`idx_recurring_invoices_due\` (\`status\`, \`nextIssueOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_pay_accounts\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`apiKeyHash\` varchar(64) NOT NULL, \`webhookUrl\` varchar(500) NOT NULL, \`webhookSecret\` varchar(100) NOT NULL, UNIQUE INDEX \`uq_sandbox_pay_accounts_key\` (\`apiKeyHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_pay_sessions\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`amount\` bigint NOT NULL, \`currency\` varchar(3) NOT NULL, \`description\` varchar(300) NOT NULL, \`metadata\` text NOT NULL, \`successUrl\` varchar(1000) NOT NULL, \`cancelUrl\` varchar(1000) NOT NULL, \`status\` varchar(16) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`completedAt\` datetime(3) NULL, INDEX \`idx_sandbox_pay_sessions_account\` (\`accountId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_pay_events\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`type\` varchar(64) NOT NULL, \`payload\` text NOT NULL, \`attempts\` int NOT NULL, \`deliveredAt\` datetime(3) NULL, \`nextAttemptAt\` datetime(3) NULL, INDEX \`idx_sandbox_pay_events_account\` (\`accountId\`), INDEX \`idx_sandbox_pay_events_next\` (\`nextAttemptAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`billing_profiles\` ADD CONSTRAINT \`FK_1d0f4843d5f717e95170c8d3c4a\` FOREIGN KEY (\`clientId\`) REFERENCES \`clients\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invoices\` ADD CONSTRAINT \`FK_d9df936180710f9968da7cf4a51\` FOREIGN KEY (\`clientId\`) REFERENCES \`clients\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invoice_lines\` ADD CONSTRAINT \`FK_9f57f31e620fe759b452feb776e\` FOREIGN KEY (\`invoiceId\`) REFERENCES \`invoices\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invoice_payments\` ADD CONSTRAINT \`FK_3b2a25d4269ebe9d7ca0c1001d4\` FOREIGN KEY (\`invoiceId\`) REFERENCES \`invoices\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invoice_reminders\` ADD CONSTRAINT \`FK_e595985075055b7d51620907df3\` FOREIGN KEY (\`invoiceId\`) REFERENCES \`invoices\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`recurring_invoices\` ADD CONSTRAINT \`FK_f7048bc0074fd3ff4485ca1893b\` FOREIGN KEY (\`clientId\`) REFERENCES \`clients\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`recurring_invoices\` DROP FOREIGN KEY \`FK_f7048bc0074fd3ff4485ca1893b\``);
    await queryRunner.query(`ALTER TABLE \`invoice_reminders\` DROP FOREIGN KEY \`FK_e595985075055b7d51620907df3\``);
    await queryRunner.query(`ALTER TABLE \`invoice_payments\` DROP FOREIGN KEY \`FK_3b2a25d4269ebe9d7ca0c1001d4\``);
    await queryRunner.query(`ALTER TABLE \`invoice_lines\` DROP FOREIGN KEY \`FK_9f57f31e620fe759b452feb776e\``);
    await queryRunner.query(`ALTER TABLE \`invoices\` DROP FOREIGN KEY \`FK_d9df936180710f9968da7cf4a51\``);
    await queryRunner.query(`ALTER TABLE \`billing_profiles\` DROP FOREIGN KEY \`FK_1d0f4843d5f717e95170c8d3c4a\``);
    await queryRunner.query(`DROP INDEX \`idx_sandbox_pay_events_next\` ON \`sandbox_pay_events\``);
    await queryRunner.query(`DROP INDEX \`idx_sandbox_pay_events_account\` ON \`sandbox_pay_events\``);
    await queryRunner.query(`DROP TABLE \`sandbox_pay_events\``);
    await queryRunner.query(`DROP INDEX \`idx_sandbox_pay_sessions_account\` ON \`sandbox_pay_sessions\``);
    await queryRunner.query(`DROP TABLE \`sandbox_pay_sessions\``);
    await queryRunner.query(`DROP INDEX \`uq_sandbox_pay_accounts_key\` ON \`sandbox_pay_accounts\``);
    await queryRunner.query(`DROP TABLE \`sandbox_pay_accounts\``);
    await queryRunner.query(`DROP INDEX \`idx_recurring_invoices_due\` ON \`recurring_invoices\``);
    await queryRunner.query(`DROP INDEX \`idx_recurring_invoices_agency\` ON \`recurring_invoices\``);
    await queryRunner.query(`DROP TABLE \`recurring_invoices\``);
    await queryRunner.query(`DROP INDEX \`uq_payment_webhook_events\` ON \`payment_webhook_events\``);
    await queryRunner.query(`DROP TABLE \`payment_webhook_events\``);
    await queryRunner.query(`DROP INDEX \`uq_payment_sessions_external\` ON \`payment_sessions\``);
    await queryRunner.query(`DROP INDEX \`idx_payment_sessions_invoice\` ON \`payment_sessions\``);
    await queryRunner.query(`DROP TABLE \`payment_sessions\``);
    await queryRunner.query(`DROP INDEX \`uq_invoice_reminders\` ON \`invoice_reminders\``);
    await queryRunner.query(`DROP TABLE \`invoice_reminders\``);
    await queryRunner.query(`DROP INDEX \`uq_invoice_payments_provider\` ON \`invoice_payments\``);
    await queryRunner.query(`DROP INDEX \`idx_invoice_payments_agency_paid\` ON \`invoice_payments\``);
    await queryRunner.query(`DROP INDEX \`idx_invoice_payments_invoice\` ON \`invoice_payments\``);
    await queryRunner.query(`DROP TABLE \`invoice_payments\``);
    await queryRunner.query(`DROP INDEX \`idx_invoice_lines_invoice\` ON \`invoice_lines\``);
    await queryRunner.query(`DROP TABLE \`invoice_lines\``);
    await queryRunner.query(`DROP INDEX \`uq_invoices_agency_seq\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`idx_invoices_agency_status\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`idx_invoices_client_status\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`idx_invoices_status_due\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`idx_invoices_recurring\` ON \`invoices\``);
    await queryRunner.query(`DROP TABLE \`invoices\``);
    await queryRunner.query(`DROP INDEX \`uq_billing_settings_agency\` ON \`billing_settings\``);
    await queryRunner.query(`DROP TABLE \`billing_settings\``);
    await queryRunner.query(`DROP INDEX \`uq_billing_profiles_client\` ON \`billing_profiles\``);
    await queryRunner.query(`DROP INDEX \`idx_billing_profiles_agency\` ON \`billing_profiles\``);
    await queryRunner.query(`DROP TABLE \`billing_profiles\``);
  }
}
