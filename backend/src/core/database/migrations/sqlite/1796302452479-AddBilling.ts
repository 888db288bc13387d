import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddBilling1796302452479 implements MigrationInterface {
  name = 'AddBilling1796302452479';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "billing_profiles" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "legalName" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "addressLine1" varchar(200) NOT NULL, "addressLine2" varchar(200) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(32) NOT NULL, "region" varchar(120) NOT NULL, "country" varchar(2) NOT NULL, "taxId" varchar(64) NOT NULL, "currency" varchar(3) NOT NULL, "paymentTermsDays" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_billing_profiles_agency" ON "billing_profiles" ("agencyId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_billing_profiles_client" ON "billing_profiles" ("clientId") `);
    await queryRunner.query(
      `CREATE TABLE "billing_settings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "numberPrefix" varchar(20) NOT NULL, "nextNumber" integer NOT NULL, "defaultCurrency" varchar(3) NOT NULL, "defaultPaymentTermsDays" integer NOT NULL, "defaultNotes" text NOT NULL, "defaultTerms" text NOT NULL, "remindDaysBefore" varchar(64) NOT NULL, "remindDaysAfter" varchar(64) NOT NULL, "provider" varchar(16), "providerSecrets" text, "providerKeyHint" varchar(8), "providerTestMode" boolean NOT NULL DEFAULT (0), "providerConnectedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_billing_settings_agency" ON "billing_settings" ("agencyId") `);
    await queryRunner.query(
      `CREATE TABLE "invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "numberSeq" integer, "number" varchar(40), "currency" varchar(3) NOT NULL, "issueDate" varchar(10) NOT NULL, "dueDate" varchar(10) NOT NULL, "discountKind" varchar(8) NOT NULL, "discountValue" bigint NOT NULL, "subtotal" bigint NOT NULL, "discountTotal" bigint NOT NULL, "taxes" text NOT NULL, "taxTotal" bigint NOT NULL, "total" bigint NOT NULL, "amountPaid" bigint NOT NULL, "notes" text NOT NULL, "terms" text NOT NULL, "billTo" text, "issuer" text, "sentAt" datetime(3), "viewedAt" datetime(3), "paidAt" datetime(3), "voidedAt" datetime(3), "voidReason" varchar(500), "pdfKey" varchar(255), "pdfRenderedAt" datetime(3), "recurringId" varchar(36), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_invoices_recurring" ON "invoices" ("recurringId") `);
    await queryRunner.query(`CREATE INDEX "idx_invoices_status_due" ON "invoices" ("status", "dueDate") `);
    await queryRunner.query(`CREATE INDEX "idx_invoices_client_status" ON "invoices" ("clientId", "status") `);
    await queryRunner.query(
      `CREATE INDEX "idx_invoices_agency_status" ON "invoices" ("agencyId", "status", "dueDate") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoices_agency_seq" ON "invoices" ("agencyId", "numberSeq") `);
    await queryRunner.query(
      `CREATE TABLE "invoice_lines" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "position" integer NOT NULL, "description" varchar(500) NOT NULL, "quantityMilli" integer NOT NULL, "unitPrice" bigint NOT NULL, "taxRateMilli" integer NOT NULL, "amount" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_invoice_lines_invoice" ON "invoice_lines" ("invoiceId", "position") `);
    await queryRunner.query(
      `CREATE TABLE "invoice_payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "amount" bigint NOT NULL, "currency" varchar(3) NOT NULL, "method" varchar(16) NOT NULL, "paidOn" varchar(10) NOT NULL, "reference" varchar(200) NOT NULL, "recordedByUserId" varchar(36), "recordedByName" varchar(120), "provider" varchar(16), "providerPaymentId" varchar(255))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_invoice_payments_invoice" ON "invoice_payments" ("invoiceId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_invoice_payments_agency_paid" ON "invoice_payments" ("agencyId", "paidOn") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoice_payments_provider" ON "invoice_payments" ("provider", "providerPaymentId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invoice_reminders" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "offsetKey" varchar(40) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoice_reminders" ON "invoice_reminders" ("invoiceId", "offsetKey") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "provider" varchar(16) NOT NULL, "externalId" varchar(255) NOT NULL, "amount" bigint NOT NULL, "currency" varchar(3) NOT NULL, "status" varchar(16) NOT NULL, "url" text NOT NULL, "createdByUserId" varchar(36), "completedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_payment_sessions_invoice" ON "payment_sessions" ("invoiceId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_payment_sessions_external" ON "payment_sessions" ("provider", "externalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_webhook_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "provider" varchar(16) NOT NULL, "eventId" varchar(255) NOT NULL, "type" varchar(64) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_payment_webhook_events" ON "payment_webhook_events" ("provider", "eventId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "recurring_invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "status" varchar(8) NOT NULL, "interval" varchar(8) NOT NULL, "startsOn" varchar(10) NOT NULL, "occurrence" integer NOT NULL, "nextIssueOn" varchar(10), "endsOn" varchar(10), "currency" varchar(3) NOT NULL, "template" text NOT NULL, "dueInDays" integer NOT NULL, "total" bigint NOT NULL, "issuedCount" integer NOT NULL, "lastIssuedAt" datetime(3), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_recurring_invoices_agency" ON "recurring_invoices" ("agencyId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_recurring_invoices_due" ON "recurring_invoices" ("status", "nextIssueOn") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sandbox_pay_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "apiKeyHash" varchar(64) NOT NULL, "webhookUrl" varchar(500) NOT NULL, "webhookSecret" varchar(100) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sandbox_pay_accounts_key" ON "sandbox_pay_accounts" ("apiKeyHash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sandbox_pay_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "accountId" varchar(36) NOT NULL, "amount" bigint NOT NULL, "currency" varchar(3) NOT NULL, "description" varchar(300) NOT NULL, "metadata" text NOT NULL, "successUrl" varchar(1000) NOT NULL, "cancelUrl" varchar(1000) NOT NULL, "status" varchar(16) NOT NULL, "expiresAt" datetime(3) NOT NULL, "completedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sandbox_pay_sessions_account" ON "sandbox_pay_sessions" ("accountId") `);
    await queryRunner.query(
      `CREATE TABLE "sandbox_pay_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "accountId" varchar(36) NOT NULL, "type" varchar(64) NOT NULL, "payload" text NOT NULL, "attempts" integer NOT NULL, "deliveredAt" datetime(3), "nextAttemptAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sandbox_pay_events_account" ON "sandbox_pay_events" ("accountId") `);
    await queryRunner.query(`CREATE INDEX "idx_sandbox_pay_events_next" ON "sandbox_pay_events" ("nextAttemptAt") `);
    await queryRunner.query(`DROP INDEX "idx_billing_profiles_agency"`);
    await queryRunner.query(`DROP INDEX "uq_billing_profiles_client"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_billing_profiles" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "legalName" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "addressLine1" varchar(200) NOT NULL, "addressLine2" varchar(200) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(32) NOT NULL, "region" varchar(120) NOT NULL, "country" varchar(2) NOT NULL, "taxId" varchar(64) NOT NULL, "currency" varchar(3) NOT NULL, "paymentTermsDays" integer NOT NULL, CONSTRAINT "FK_1d0f4843d5f717e95170c8d3c4a" FOREIGN KEY ("clientId") REFERENCES "clients" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_billing_profiles"("id", "createdAt", "updatedAt", "agencyId", "clientId", "legalName", "email", "addressLine1", "addressLine2", "city", "postalCode", "region", "country", "taxId", "currency", "paymentTermsDays") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "legalName", "email", "addressLine1", "addressLine2", "city", "postalCode", "region", "country", "taxId", "currency", "paymentTermsDays" FROM "billing_profiles"`,
    );
    await queryRunner.query(`DROP TABLE "billing_profiles"`);
    await queryRunner.query(`ALTER TABLE "temporary_billing_profiles" RENAME TO "billing_profiles"`);
    await queryRunner.query(`CREATE INDEX "idx_billing_profiles_agency" ON "billing_profiles" ("agencyId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_billing_profiles_client" ON "billing_profiles" ("clientId") `);
    await queryRunner.query(`DROP INDEX "idx_invoices_recurring"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_status_due"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_agency_status"`);
    await queryRunner.query(`DROP INDEX "uq_invoices_agency_seq"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "numberSeq" integer, "number" varchar(40), "currency" varchar(3) NOT NULL, "issueDate" varchar(10) NOT NULL, "dueDate" varchar(10) NOT NULL, "discountKind" varchar(8) NOT NULL, "discountValue" bigint NOT NULL, "subtotal" bigint NOT NULL, "discountTotal" bigint NOT NULL, "taxes" text NOT NULL, "taxTotal" bigint NOT NULL, "total" bigint NOT NULL, "amountPaid" bigint NOT NULL, "notes" text NOT NULL, "terms" text NOT NULL, "billTo" text, "issuer" text, "sentAt" datetime(3), "viewedAt" datetime(3), "paidAt" datetime(3), "voidedAt" datetime(3), "voidReason" varchar(500), "pdfKey" varchar(255), "pdfRenderedAt" datetime(3), "recurringId" varchar(36), "createdByUserId" varchar(36), CONSTRAINT "FK_d9df936180710f9968da7cf4a51" FOREIGN KEY ("clientId") REFERENCES "clients" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoices"("id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "numberSeq", "number", "currency", "issueDate", "dueDate", "discountKind", "discountValue", "subtotal", "discountTotal", "taxes", "taxTotal", "total", "amountPaid", "notes", "terms", "billTo", "issuer", "sentAt", "viewedAt", "paidAt", "voidedAt", "voidReason", "pdfKey", "pdfRenderedAt", "recurringId", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "numberSeq", "number", "currency", "issueDate", "dueDate", "discountKind", "discountValue", "subtotal", "discountTotal", "taxes", "taxTotal", "total", "amountPaid", "notes", "terms", "billTo", "issuer", "sentAt", "viewedAt", "paidAt", "voidedAt", "voidReason", "pdfKey", "pdfRenderedAt", "recurringId", "createdByUserId" FROM "invoices"`,
    );
    await queryRunner.query(`DROP TABLE "invoices"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoices" RENAME TO "invoices"`);
    await queryRunner.query(`CREATE INDEX "idx_invoices_recurring" ON "invoices" ("recurringId") `);
    await queryRunner.query(`CREATE INDEX "idx_invoices_status_due" ON "invoices" ("status", "dueDate") `);
    await queryRunner.query(`CREATE INDEX "idx_invoices_client_status" ON "invoices" ("clientId", "status") `);
    await queryRunner.query(
      `CREATE INDEX "idx_invoices_agency_status" ON "invoices" ("agencyId", "status", "dueDate") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoices_agency_seq" ON "invoices" ("agencyId", "numberSeq") `);
    await queryRunner.query(`DROP INDEX "idx_invoice_lines_invoice"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_lines" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "position" integer NOT NULL, "description" varchar(500) NOT NULL, "quantityMilli" integer NOT NULL, "unitPrice" bigint NOT NULL, "taxRateMilli" integer NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "FK_9f57f31e620fe759b452feb776e" FOREIGN KEY ("invoiceId") REFERENCES "invoices" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_lines"("id", "createdAt", "agencyId", "clientId", "invoiceId", "position", "description", "quantityMilli", "unitPrice", "taxRateMilli", "amount") SELECT "id", "createdAt", "agencyId", "clientId", "invoiceId", "position", "description", "quantityMilli", "unitPrice", "taxRateMilli", "amount" FROM "invoice_lines"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_lines"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_lines" RENAME TO "invoice_lines"`);
    await queryRunner.query(`CREATE INDEX "idx_invoice_lines_invoice" ON "invoice_lines" ("invoiceId", "position") `);
    await queryRunner.query(`DROP INDEX "idx_invoice_payments_invoice"`);
    await queryRunner.query(`DROP INDEX "idx_invoice_payments_agency_paid"`);
    await queryRunner.query(`DROP INDEX "uq_invoice_payments_provider"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "amount" bigint NOT NULL, "currency" varchar(3) NOT NULL, "method" varchar(16) NOT NULL, "paidOn" varchar(10) NOT NULL, "reference" varchar(200) NOT NULL, "recordedByUserId" varchar(36), "recordedByName" varchar(120), "provider" varchar(16), "providerPaymentId" varchar(255), CONSTRAINT "FK_3b2a25d4269ebe9d7ca0c1001d4" FOREIGN KEY ("invoiceId") REFERENCES "invoices" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_payments"("id", "createdAt", "agencyId", "clientId", "invoiceId", "amount", "currency", "method", "paidOn", "reference", "recordedByUserId", "recordedByName", "provider", "providerPaymentId") SELECT "id", "createdAt", "agencyId", "clientId", "invoiceId", "amount", "currency", "method", "paidOn", "reference", "recordedByUserId", "recordedByName", "provider", "providerPaymentId" FROM "invoice_payments"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_payments"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_payments" RENAME TO "invoice_payments"`);
    await queryRunner.query(`CREATE INDEX "idx_invoice_payments_invoice" ON "invoice_payments" ("invoiceId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_invoice_payments_agency_paid" ON "invoice_payments" ("agencyId", "paidOn") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoice_payments_provider" ON "invoice_payments" ("provider", "providerPaymentId") `,
    );
    await queryRunner.query(`DROP INDEX "uq_invoice_reminders"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_reminders" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "offsetKey" varchar(40) NOT NULL, CONSTRAINT "FK_e595985075055b7d51620907df3" FOREIGN KEY ("invoiceId") REFERENCES "invoices" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_reminders"("id", "createdAt", "agencyId", "clientId", "invoiceId", "offsetKey") SELECT "id", "createdAt", "agencyId", "clientId", "invoiceId", "offsetKey" FROM "invoice_reminders"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_reminders"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_reminders" RENAME TO "invoice_reminders"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoice_reminders" ON "invoice_reminders" ("invoiceId", "offsetKey") `,
    );
    await queryRunner.query(`DROP INDEX "idx_recurring_invoices_agency"`);
    await queryRunner.query(`DROP INDEX "idx_recurring_invoices_due"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_recurring_invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "status" varchar(8) NOT NULL, "interval" varchar(8) NOT NULL, "startsOn" varchar(10) NOT NULL, "occurrence" integer NOT NULL, "nextIssueOn" varchar(10), "endsOn" varchar(10), "currency" varchar(3) NOT NULL, "template" text NOT NULL, "dueInDays" integer NOT NULL, "total" bigint NOT NULL, "issuedCount" integer NOT NULL, "lastIssuedAt" datetime(3), "createdByUserId" varchar(36), CONSTRAINT "FK_f7048bc0074fd3ff4485ca1893b" FOREIGN KEY ("clientId") REFERENCES "clients" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_recurring_invoices"("id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "interval", "startsOn", "occurrence", "nextIssueOn", "endsOn", "currency", "template", "dueInDays", "total", "issuedCount", "lastIssuedAt", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "interval", "startsOn", "occurrence", "nextIssueOn", "endsOn", "currency", "template", "dueInDays", "total", "issuedCount", "lastIssuedAt", "createdByUserId" FROM "recurring_invoices"`,
    );
    await queryRunner.query(`DROP TABLE "recurring_invoices"`);
    await queryRunner.query(`ALTER TABLE "temporary_recurring_invoices" RENAME TO "recurring_invoices"`);
    await queryRunner.query(
      `CREATE INDEX "idx_recurring_invoices_agency" ON "recurring_invoices" ("agencyId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_recurring_invoices_due" ON "recurring_invoices" ("status", "nextIssueOn") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_recurring_invoices_due"`);
    await queryRunner.query(`DROP INDEX "idx_recurring_invoices_agency"`);
    await queryRunner.query(`ALTER TABLE "recurring_invoices" RENAME TO "temporary_recurring_invoices"`);
    await queryRunner.query(
      `CREATE TABLE "recurring_invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "status" varchar(8) NOT NULL, "interval" varchar(8) NOT NULL, "startsOn" varchar(10) NOT NULL, "occurrence" integer NOT NULL, "nextIssueOn" varchar(10), "endsOn" varchar(10), "currency" varchar(3) NOT NULL, "template" text NOT NULL, "dueInDays" integer NOT NULL, "total" bigint NOT NULL, "issuedCount" integer NOT NULL, "lastIssuedAt" datetime(3), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(
      `INSERT INTO "recurring_invoices"("id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "interval", "startsOn", "occurrence", "nextIssueOn", "endsOn", "currency", "template", "dueInDays", "total", "issuedCount", "lastIssuedAt", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "interval", "startsOn", "occurrence", "nextIssueOn", "endsOn", "currency", "template", "dueInDays", "total", "issuedCount", "lastIssuedAt", "createdByUserId" FROM "temporary_recurring_invoices"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_recurring_invoices"`);
    await queryRunner.query(
      `CREATE INDEX "idx_recurring_invoices_due" ON "recurring_invoices" ("status", "nextIssueOn") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_recurring_invoices_agency" ON "recurring_invoices" ("agencyId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "uq_invoice_reminders"`);
    await queryRunner.query(`ALTER TABLE "invoice_reminders" RENAME TO "temporary_invoice_reminders"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_reminders" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "offsetKey" varchar(40) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_reminders"("id", "createdAt", "agencyId", "clientId", "invoiceId", "offsetKey") SELECT "id", "createdAt", "agencyId", "clientId", "invoiceId", "offsetKey" FROM "temporary_invoice_reminders"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_reminders"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoice_reminders" ON "invoice_reminders" ("invoiceId", "offsetKey") `,
    );
    await queryRunner.query(`DROP INDEX "uq_invoice_payments_provider"`);
    await queryRunner.query(`DROP INDEX "idx_invoice_payments_agency_paid"`);
    await queryRunner.query(`DROP INDEX "idx_invoice_payments_invoice"`);
    await queryRunner.query(`ALTER TABLE "invoice_payments" RENAME TO "temporary_invoice_payments"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "amount" bigint NOT NULL, "currency" varchar(3) NOT NULL, "method" varchar(16) NOT NULL, "paidOn" varchar(10) NOT NULL, "reference" varchar(200) NOT NULL, "recordedByUserId" varchar(36), "recordedByName" varchar(120), "provider" varchar(16), "providerPaymentId" varchar(255))`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_payments"("id", "createdAt", "agencyId", "clientId", "invoiceId", "amount", "currency", "method", "paidOn", "reference", "recordedByUserId", "recordedByName", "provider", "providerPaymentId") SELECT "id", "createdAt", "agencyId", "clientId", "invoiceId", "amount", "currency", "method", "paidOn", "reference", "recordedByUserId", "recordedByName", "provider", "providerPaymentId" FROM "temporary_invoice_payments"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_payments"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoice_payments_provider" ON "invoice_payments" ("provider", "providerPaymentId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_invoice_payments_agency_paid" ON "invoice_payments" ("agencyId", "paidOn") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_invoice_payments_invoice" ON "invoice_payments" ("invoiceId") `);
    await queryRunner.query(`DROP INDEX "idx_invoice_lines_invoice"`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" RENAME TO "temporary_invoice_lines"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_lines" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "position" integer NOT NULL, "description" varchar(500) NOT NULL, "quantityMilli" integer NOT NULL, "unitPrice" bigint NOT NULL, "taxRateMilli" integer NOT NULL, "amount" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_lines"("id", "createdAt", "agencyId", "clientId", "invoiceId", "position", "description", "quantityMilli", "unitPrice", "taxRateMilli", "amount") SELECT "id", "createdAt", "agencyId", "clientId", "invoiceId", "position", "description", "quantityMilli", "unitPrice", "taxRateMilli", "amount" FROM "temporary_invoice_lines"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_lines"`);
    await queryRunner.query(`CREATE INDEX "idx_invoice_lines_invoice" ON "invoice_lines" ("invoiceId", "position") `);
    await queryRunner.query(`DROP INDEX "uq_invoices_agency_seq"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_agency_status"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_status_due"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_recurring"`);
    await queryRunner.query(`ALTER TABLE "invoices" RENAME TO "temporary_invoices"`);
    await queryRunner.query(
      `CREATE TABLE "invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "numberSeq" integer, "number" varchar(40), "currency" varchar(3) NOT NULL, "issueDate" varchar(10) NOT NULL, "dueDate" varchar(10) NOT NULL, "discountKind" varchar(8) NOT NULL, "discountValue" bigint NOT NULL, "subtotal" bigint NOT NULL, "discountTotal" bigint NOT NULL, "taxes" text NOT NULL, "taxTotal" bigint NOT NULL, "total" bigint NOT NULL, "amountPaid" bigint NOT NULL, "notes" text NOT NULL, "terms" text NOT NULL, "billTo" text, "issuer" text, "sentAt" datetime(3), "viewedAt" datetime(3), "paidAt" datetime(3), "voidedAt" datetime(3), "voidReason" varchar(500), "pdfKey" varchar(255), "pdfRenderedAt" datetime(3), "recurringId" varchar(36), "createdByUserId" varchar(36))`,
    );
    await queryRunner.query(
      `INSERT INTO "invoices"("id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "numberSeq", "number", "currency", "issueDate", "dueDate", "discountKind", "discountValue", "subtotal", "discountTotal", "taxes", "taxTotal", "total", "amountPaid", "notes", "terms", "billTo", "issuer", "sentAt", "viewedAt", "paidAt", "voidedAt", "voidReason", "pdfKey", "pdfRenderedAt", "recurringId", "createdByUserId") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "status", "numberSeq", "number", "currency", "issueDate", "dueDate", "discountKind", "discountValue", "subtotal", "discountTotal", "taxes", "taxTotal", "total", "amountPaid", "notes", "terms", "billTo", "issuer", "sentAt", "viewedAt", "paidAt", "voidedAt", "voidReason", "pdfKey", "pdfRenderedAt", "recurringId", "createdByUserId" FROM "temporary_invoices"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoices"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoices_agency_seq" ON "invoices" ("agencyId", "numberSeq") `);
    await queryRunner.query(
      `CREATE INDEX "idx_invoices_agency_status" ON "invoices" ("agencyId", "status", "dueDate") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_invoices_client_status" ON "invoices" ("clientId", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_invoices_status_due" ON "invoices" ("status", "dueDate") `);
    await queryRunner.query(`CREATE INDEX "idx_invoices_recurring" ON "invoices" ("recurringId") `);
    await queryRunner.query(`DROP INDEX "uq_billing_profiles_client"`);
    await queryRunner.query(`DROP INDEX "idx_billing_profiles_agency"`);
    await queryRunner.query(`ALTER TABLE "billing_profiles" RENAME TO "temporary_billing_profiles"`);
    await queryRunner.query(
      `CREATE TABLE "billing_profiles" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36) NOT NULL, "legalName" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "addressLine1" varchar(200) NOT NULL, "addressLine2" varchar(200) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(32) NOT NULL, "region" varchar(120) NOT NULL, "country" varchar(2) NOT NULL, "taxId" varchar(64) NOT NULL, "currency" varchar(3) NOT NULL, "paymentTermsDays" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "billing_profiles"("id", "createdAt", "updatedAt", "agencyId", "clientId", "legalName", "email", "addressLine1", "addressLine2", "city", "postalCode", "region", "country", "taxId", "currency", "paymentTermsDays") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "legalName", "email", "addressLine1", "addressLine2", "city", "postalCode", "region", "country", "taxId", "currency", "paymentTermsDays" FROM "temporary_billing_profiles"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_billing_profiles"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_billing_profiles_client" ON "billing_profiles" ("clientId") `);
    await queryRunner.query(`CREATE INDEX "idx_billing_profiles_agency" ON "billing_profiles" ("agencyId") `);
    await queryRunner.query(`DROP INDEX "idx_sandbox_pay_events_next"`);
    await queryRunner.query(`DROP INDEX "idx_sandbox_pay_events_account"`);
    await queryRunner.query(`DROP TABLE "sandbox_pay_events"`);
    await queryRunner.query(`DROP INDEX "idx_sandbox_pay_sessions_account"`);
    await queryRunner.query(`DROP TABLE "sandbox_pay_sessions"`);
    await queryRunner.query(`DROP INDEX "uq_sandbox_pay_accounts_key"`);
    await queryRunner.query(`DROP TABLE "sandbox_pay_accounts"`);
    await queryRunner.query(`DROP INDEX "idx_recurring_invoices_due"`);
    await queryRunner.query(`DROP INDEX "idx_recurring_invoices_agency"`);
    await queryRunner.query(`DROP TABLE "recurring_invoices"`);
    await queryRunner.query(`DROP INDEX "uq_payment_webhook_events"`);
    await queryRunner.query(`DROP TABLE "payment_webhook_events"`);
    await queryRunner.query(`DROP INDEX "uq_payment_sessions_external"`);
    await queryRunner.query(`DROP INDEX "idx_payment_sessions_invoice"`);
    await queryRunner.query(`DROP TABLE "payment_sessions"`);
    await queryRunner.query(`DROP INDEX "uq_invoice_reminders"`);
    await queryRunner.query(`DROP TABLE "invoice_reminders"`);
    await queryRunner.query(`DROP INDEX "uq_invoice_payments_provider"`);
    await queryRunner.query(`DROP INDEX "idx_invoice_payments_agency_paid"`);
    await queryRunner.query(`DROP INDEX "idx_invoice_payments_invoice"`);
    await queryRunner.query(`DROP TABLE "invoice_payments"`);
    await queryRunner.query(`DROP INDEX "idx_invoice_lines_invoice"`);
    await queryRunner.query(`DROP TABLE "invoice_lines"`);
    await queryRunner.query(`DROP INDEX "uq_invoices_agency_seq"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_agency_status"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_status_due"`);
    await queryRunner.query(`DROP INDEX "idx_invoices_recurring"`);
    await queryRunner.query(`DROP TABLE "invoices"`);
    await queryRunner.query(`DROP INDEX "uq_billing_settings_agency"`);
    await queryRunner.query(`DROP TABLE "billing_settings"`);
    await queryRunner.query(`DROP INDEX "uq_billing_profiles_client"`);
    await queryRunner.query(`DROP INDEX "idx_billing_profiles_agency"`);
    await queryRunner.query(`DROP TABLE "billing_profiles"`);
  }
}
