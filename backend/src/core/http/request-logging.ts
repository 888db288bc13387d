import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';

const STARTED = Symbol('atrium.requestStarted');
type Timed = FastifyRequest & { [STARTED]?: bigint };

/**
 * One structured line per request: id, method, path (no query string: it may carry tokens),
 * status, time. The id (request-id.ts) is sent back as `X-Request-Id` either way; the line is only
 * worked out where it is written (LOG_LEVEL info or debug).
 */
export function requestLogging(config: Pick<AppConfig, 'logLevel'>) {
  const logger = new Logger('http');
  const writesLines = config.logLevel === 'info' || config.logLevel === 'debug';
  return {
    writesLines,
    onRequest(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
      if (writesLines) (request as Timed)[STARTED] = process.hrtime.bigint();
      done();
    },
    onResponse(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
      const started = (request as Timed)[STARTED] ?? process.hrtime.bigint();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.log({
        msg: 'request',
        requestId: request.id,
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(ms * 10) / 10,
        ip: request.ip,
      });
      done();
    },
  };
}
