import { MigrationInterface, QueryRunner } from 'typeorm';
import { retireUnbuiltPermissions } from '../retire-unbuilt-permissions';

/** Drops the client permissions of areas that were offered before they were built (data only). */
export class RetireUnbuiltPermissions1796266790000 implements MigrationInterface {
  name = 'RetireUnbuiltPermissions1796266790000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await retireUnbuiltPermissions(queryRunner);
  }

  public async down(): Promise<void> {
    // Which clients had the retired switches ticked is not kept; nothing to restore.
  }
}
