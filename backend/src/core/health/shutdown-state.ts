import { Injectable } from '@nestjs/common';

/**
 * Whether this instance is shutting down. Readiness reads it (503 from the first moment, so a
 * load balancer stops sending new requests); liveness does not (the process is healthy and still
 * finishing what it was given, and must not be killed for draining).
 */
@Injectable()
export class ShutdownState {
  private drainingSince: Date | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  beginDraining(): void {
    this.drainingSince ??= new Date();
  }
}
