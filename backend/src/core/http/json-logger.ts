import { LoggerService } from '@nestjs/common';
import { redact } from './redact';
import { currentRequestId } from './request-id';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/**
 * Structured logs: one JSON object per line on stdout, so a log shipper can index them without
 * parsing prose. Nest's own log calls are mapped onto the same levels. A line written while a
 * request is handled carries its `requestId`; secrets are redacted from every line (redact.ts).
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: Level = 'info') {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] < LEVELS[this.minLevel]) return;
    // Nest passes the context as the last string argument and, for errors, a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      context,
      requestId: currentRequestId(),
    };
    if (message instanceof Error) {
      entry['msg'] = message.message;
      entry['stack'] = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry['msg'] = String(message);
    }
    if (stack) entry['stack'] = stack;
    process.stdout.write(`${JSON.stringify(redact(entry))}\n`);
  }
}
