import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ShutdownState } from './shutdown-state';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The graceful stop: readiness fails at once, then (after SHUTDOWN_DRAIN_DELAY_MS, during which
 * new requests are still served) Nest closes the application, which stops accepting connections
 * and lets in-flight requests finish before the database and Redis close. Liveness keeps
 * answering 200 for as long as the server answers at all.
 */
export async function drainThenClose(
  app: INestApplication,
  // Tests hold the drain open with a promise of their own instead of a timer.
  waitBeforeClose: (delayMs: number) => Promise<void> = sleep,
): Promise<void> {
  app.get(ShutdownState).beginDraining();
  const config = app.get<AppConfig>(APP_CONFIG);
  await waitBeforeClose(config.shutdownDrainDelayMs);
  await app.close();
}
