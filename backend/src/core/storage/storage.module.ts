import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { createFileStorage } from './create-file-storage';
import { FileStorage } from './file-storage';
import { StorageHousekeepingService } from './storage-housekeeping.service';

/**
 * FileStorage for the whole application: the local directory or S3, from configuration; and the
 * sweep of temporary files that interrupted writes left behind.
 */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [{ provide: FileStorage, useValue: createFileStorage(config.storage) }, StorageHousekeepingService],
      exports: [FileStorage, StorageHousekeepingService],
    };
  }
}
