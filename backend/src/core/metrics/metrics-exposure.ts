import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AppConfig } from '../../config/app-config';
import { AtriumMetrics, UNMATCHED_ROUTE } from './atrium-metrics';

export const METRICS_PATH = '/metrics';

/**
 * Serves `/metrics` where the configuration says, and nowhere else: on its own small server
 * (METRICS_PORT, bound to METRICS_HOST) and/or on the main port for `Authorization: Bearer
 * METRICS_TOKEN` only. It is a plain Fastify route outside `/api`, not a Nest controller: no user
 * or session ever calls it (the access guard's audiences do not apply), and it is no part of the
 * API's OpenAPI document. With neither setting nothing is measured or served.
 */
export function exposeMetrics(app: NestFastifyApplication, server: FastifyInstance, config: AppConfig): void {
  const metrics = app.get(AtriumMetrics);
  if (!metrics.exposed) return;
  server.addHook('onResponse', timeRequests(metrics));
  const { token, port, host } = config.metrics;
  if (token !== null) {
    server.get(METRICS_PATH, async (request, reply) => {
      if (!bearerMatches(request, token)) {
        return reply.status(401).header('WWW-Authenticate', 'Bearer').send({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>',
          requestId: request.id,
        });
      }
      const { contentType, body } = await metrics.scrape();
      return reply.header('Cache-Control', 'no-store').type(contentType).send(body);
    });
  }
  if (port !== null) {
    const metricsServer = metricsOnlyServer(metrics);
    server.addHook('onReady', async () => {
      await new Promise<void>((resolve, reject) => {
        metricsServer.once('error', reject);
        metricsServer.listen(port, host, () => resolve());
      });
    });
    server.addHook('onClose', async () => {
      if (metricsServer.listening) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    });
  }
}

/** Each answer's duration under its route pattern (Fastify's, e.g. `/api/v1/clients/:id`), never its URL. */
function timeRequests(metrics: AtriumMetrics) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    metrics.httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  };
}

/** Constant-time: hashes first, so neither the token's content nor its length leaks through timing. */
function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token));
}

/** A server that answers `GET /metrics` and 404 to everything else. */
function metricsOnlyServer(metrics: AtriumMetrics): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== METRICS_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    metrics.scrape().then(
      ({ contentType, body }) => {
        response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n'),
    );
  });
}
