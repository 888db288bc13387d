import type { Logger } from '@nestjs/common';
import type { FileStorage } from '../../core/storage/file-storage';

/**
 * Drops a deleted file's bytes (original and thumbnail). The file is gone for everyone once its
 * row is; bytes that storage fails to drop now are only wasted space, not worth failing the
 * request that succeeded.
 */
export async function deleteStoredBytes(
  storage: FileStorage,
  logger: Logger,
  asset: { storageKey: string; thumbnailKey: string | null },
): Promise<void> {
  for (const key of [asset.storageKey, asset.thumbnailKey]) {
    if (!key) continue;
    await storage
      .delete(key)
      .catch((error: unknown) => logger.warn({ msg: 'Could not delete a stored file', key, error: String(error) }));
  }
}
