import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomDomainClaims1796175172752 implements MigrationInterface {
  name = 'CustomDomainClaims1796175172752';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_custom_domains_hostname"`);
    await queryRunner.query(`DROP INDEX "idx_custom_domains_status"`);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_agency"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_custom_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "hostname" varchar(253) NOT NULL, "challengeToken" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "verifiedAt" datetime(3), "lastCheckedAt" datetime(3), "problem" varchar(255), "failingSince" datetime(3), "verifiedHostname" varchar(253), "routingFound" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_52df57a430ccfaf9c5a739f7a0f" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_custom_domains"("id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince") SELECT "id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince" FROM "custom_domains"`,
    );
    await queryRunner.query(`DROP TABLE "custom_domains"`);
    await queryRunner.query(`ALTER TABLE "temporary_custom_domains" RENAME TO "custom_domains"`);
    await queryRunner.query(`CREATE INDEX "idx_custom_domains_status" ON "custom_domains" ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_agency" ON "custom_domains" ("agencyId") `);
    await queryRunner.query(`CREATE INDEX "idx_custom_domains_hostname" ON "custom_domains" ("hostname") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_custom_domains_verified_hostname" ON "custom_domains" ("verifiedHostname") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_custom_domains_verified_hostname"`);
    await queryRunner.query(`DROP INDEX "idx_custom_domains_hostname"`);
    await queryRunner.query(`DROP INDEX "uq_custom_domains_agency"`);
    await queryRunner.query(`DROP INDEX "idx_custom_domains_status"`);
    await queryRunner.query(`ALTER TABLE "custom_domains" RENAME TO "temporary_custom_domains"`);
    await queryRunner.query(
      `CREATE TABLE "custom_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "agencyId" varchar(36) NOT NULL, "hostname" varchar(253) NOT NULL, "challengeToken" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "verifiedAt" datetime(3), "lastCheckedAt" datetime(3), "problem" varchar(255), "failingSince" datetime(3), CONSTRAINT "FK_52df57a430ccfaf9c5a739f7a0f" FOREIGN KEY ("agencyId") REFERENCES "agencies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "custom_domains"("id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince") SELECT "id", "createdAt", "updatedAt", "agencyId", "hostname", "challengeToken", "status", "verifiedAt", "lastCheckedAt", "problem", "failingSince" FROM "temporary_custom_domains"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_custom_domains"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_agency" ON "custom_domains" ("agencyId") `);
    await queryRunner.query(`CREATE INDEX "idx_custom_domains_status" ON "custom_domains" ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_domains_hostname" ON "custom_domains" ("hostname") `);
  }
}
