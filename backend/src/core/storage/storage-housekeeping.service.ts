import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { FileStorage } from './file-storage';

/**
 * Temporary files older than this belong to no write in progress: a live upload writes to its file
 * with every chunk, and a connection that sends nothing for two minutes is closed.
 */
export const STALE_TEMPORARY_MS = 60 * 60_000;

/**
 * Removes the temporary files of writes that a killed or crashed process left behind (a SIGKILL
 * mid-upload once left a 289 MB `.part` file for good): at start and hourly, in every process (each
 * may have its own storage directory). Processes sharing a directory judge by age, never by "not
 * mine", so none removes another's upload in progress.
 */
@Injectable()
export class StorageHousekeepingService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StorageHousekeepingService.name);
  /** The sweep started with the application (start-up does not wait for it). */
  startupSweep: Promise<number> = Promise.resolve(0);

  constructor(private readonly storage: FileStorage) {}

  onApplicationBootstrap(): void {
    this.startupSweep = this.sweep();
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'storage-temporaries' })
  async hourly(): Promise<void> {
    await this.sweep();
  }

  /** Resolves with how many files were removed; never rejects (a failed sweep is retried next hour). */
  async sweep(now = new Date()): Promise<number> {
    try {
      const removed = await this.storage.sweepTemporaries(new Date(now.getTime() - STALE_TEMPORARY_MS));
      if (removed > 0) this.logger.log({ msg: 'Removed temporary files left by interrupted writes', removed });
      return removed;
    } catch (error) {
      this.logger.warn({ msg: 'Could not sweep temporary files', error: String(error) });
      return 0;
    }
  }
}
