import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invitations1795417300701 implements MigrationInterface {
  name = 'Invitations1795417300701';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "audience" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "role" varchar(16) NOT NULL, "tokenHash" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "expiresAt" datetime(3) NOT NULL, "invitedByUserId" varchar(36), "acceptedUserId" varchar(36), "acceptedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "idx_invitations_email" ON "invitations" ("email") `);
    await queryRunner.query(
      `CREATE INDEX "idx_invitations_agency_client_status" ON "invitations" ("agencyId", "clientId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "uq_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "idx_invitations_email"`);
    await queryRunner.query(`DROP INDEX "idx_invitations_agency_client_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invitations" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "audience" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "role" varchar(16) NOT NULL, "tokenHash" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "expiresAt" datetime(3) NOT NULL, "invitedByUserId" varchar(36), "acceptedUserId" varchar(36), "acceptedAt" datetime(3), CONSTRAINT "FK_f06a69599772b298b4325fe9419" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_295de095d2669e80c3634fed729" FOREIGN KEY ("clientId") REFERENCES "clients" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invitations"("id", "createdAt", "updatedAt", "agencyId", "clientId", "audience", "email", "name", "role", "tokenHash", "status", "expiresAt", "invitedByUserId", "acceptedUserId", "acceptedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "audience", "email", "name", "role", "tokenHash", "status", "expiresAt", "invitedByUserId", "acceptedUserId", "acceptedAt" FROM "invitations"`,
    );
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`ALTER TABLE "temporary_invitations" RENAME TO "invitations"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "idx_invitations_email" ON "invitations" ("email") `);
    await queryRunner.query(
      `CREATE INDEX "idx_invitations_agency_client_status" ON "invitations" ("agencyId", "clientId", "status") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_invitations_agency_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_invitations_email"`);
    await queryRunner.query(`DROP INDEX "uq_invitations_token_hash"`);
    await queryRunner.query(`ALTER TABLE "invitations" RENAME TO "temporary_invitations"`);
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "clientId" varchar(36), "audience" varchar(16) NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "role" varchar(16) NOT NULL, "tokenHash" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "expiresAt" datetime(3) NOT NULL, "invitedByUserId" varchar(36), "acceptedUserId" varchar(36), "acceptedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "invitations"("id", "createdAt", "updatedAt", "agencyId", "clientId", "audience", "email", "name", "role", "tokenHash", "status", "expiresAt", "invitedByUserId", "acceptedUserId", "acceptedAt") SELECT "id", "createdAt", "updatedAt", "agencyId", "clientId", "audience", "email", "name", "role", "tokenHash", "status", "expiresAt", "invitedByUserId", "acceptedUserId", "acceptedAt" FROM "temporary_invitations"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invitations"`);
    await queryRunner.query(
      `CREATE INDEX "idx_invitations_agency_client_status" ON "invitations" ("agencyId", "clientId", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_invitations_email" ON "invitations" ("email") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("tokenHash") `);
    await queryRunner.query(`DROP INDEX "idx_invitations_agency_client_status"`);
    await queryRunner.query(`DROP INDEX "idx_invitations_email"`);
    await queryRunner.query(`DROP INDEX "uq_invitations_token_hash"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
  }
}
