import { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { listRoutes } from './core/auth/route-inventory';
import { ApiErrorFilter } from './core/http/api-error.filter';
import { ApiErrorDto } from './core/http/api-error.dto';
import { bodyIdleTimeout } from './core/http/body-idle-timeout';
import { registerBodyParsers } from './core/http/body-parsers';
import { BodyTypeGuard } from './core/http/body-type.guard';
import { documentHttpRules, operationId } from './core/http/openapi-http-rules';
import { requestIdFor, requestScope } from './core/http/request-id';
import { requestLogging } from './core/http/request-logging';
import {
  API_PAGE_PREFIXES,
  apiSecurityHeaders,
  helmetOptions,
  staticSecurityHeaders,
} from './core/http/security-headers';
import { SessionOriginGuard } from './core/http/session-origin.guard';
import { JsonLogger } from './core/http/json-logger';
import { createValidationPipe } from './core/http/validation.pipe';
import { exposeMetrics, METRICS_PATH } from './core/metrics/metrics-exposure';
import { BrandedIndexService } from './modules/branding/branded-index.service';
import { RealtimeIoAdapter } from './modules/messages/realtime/realtime-io.adapter';
import { portalHostHook } from './modules/domains/portal-host.hook';
import { PortalHostsService } from './modules/domains/portal-hosts.service';

/**
 * Builds the whole HTTP application for a configuration; `main.ts` and the tests share it.
 * Nest runs on Fastify: on this stack Express's own per-request work cost more than everything
 * Atrium does for a portal read (see README, "HTTP").
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    // A caller's X-Request-Id is passed on only when it is a safe token (request-id.ts); Fastify's
    // own header handling would take anything.
    genReqId: requestIdFor,
    requestIdHeader: false,
    routerOptions: {
      // Signed download URLs carry their token as a path parameter (Fastify's default allows 100 characters).
      maxParamLength: 2048,
      // `/api/v1/me/` is `/api/v1/me`, as clients and proxies expect. Paths stay case-sensitive:
      // one spelling per route, so path-based rules (SessionOriginGuard) cannot be sidestepped.
      ignoreTrailingSlash: true,
    },
    // No Nest middleware: the per-request work is Fastify hooks (configureApp), so Nest need not
    // run every request through an (empty) middleware engine.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger: new JsonLogger(config.logLevel),
    bodyParser: false,
  });
  configureApp(app, config);
  // Live messages (socket.io on this same HTTP server, REALTIME_PATH); across instances through Redis when configured.
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));
  return app;
}

export function configureApp(app: NestFastifyApplication, config: AppConfig): void {
  const server = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  app.setGlobalPrefix('api');
  registerBodyParsers(server);
  // First: every later hook, the route and its log lines run inside the request's scope (its id).
  server.addHook('onRequest', requestScope);
  const logging = requestLogging(config);
  server.addHook('onRequest', logging.onRequest);
  if (logging.writesLines) server.addHook('onResponse', logging.onResponse);
  server.addHook('onRequest', securityHeaders(config));
  server.addHook('onRequest', bodyIdleTimeout(config.requestIdleTimeoutSeconds * 1000));
  server.addHook('onRequest', portalHostHook(app.get(PortalHostsService)));
  // After the access guard (an APP_GUARD, registered when the app was created): who may call a
  // route is answered first, then where from, then what body it may carry.
  app.useGlobalGuards(new SessionOriginGuard(config), new BodyTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  exposeMetrics(app, server, config);
  setupOpenApi(app);
  if (config.frontendDir) serveFrontend(app, server, config.frontendDir);
}

/**
 * Security headers on every answer, worked out once (security-headers.ts): helmet's on pages and
 * files, the API set on API answers, which are also `Cache-Control: no-store` by default (a
 * session's data, tokens), so no browser or shared cache keeps a copy. Routes that may be cached
 * (public brand images, signed file downloads) set their own header, which replaces this. No ETag
 * is hashed over any body: API answers are no-store, and static files and images carry their own
 * validators or immutable, hashed names.
 */
function securityHeaders(config: AppConfig) {
  const pageHeaders = staticSecurityHeaders(helmetOptions(config));
  const apiHeaders = apiSecurityHeaders(pageHeaders);
  const pageApiHeaders = { ...pageHeaders, 'cache-control': 'no-store' };
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const url = request.url;
    if (!isApiPath(url)) reply.headers(pageHeaders);
    else if (API_PAGE_PREFIXES.some((prefix) => url.startsWith(prefix))) reply.headers(pageApiHeaders);
    else reply.headers(apiHeaders);
    done();
  };
}

export function buildOpenApiDocument(app: INestApplication) {
  const document = new DocumentBuilder()
    .setTitle('Atrium API')
    .setDescription(
      [
        'The agency workspace (`/api/v1/...`) and the client portal (`/api/v1/portal/...`).',
        '',
        'Authentication: `POST /api/v1/auth/login` returns a short-lived access token (send it as',
        '`Authorization: Bearer <token>`) and sets an httpOnly refresh-token cookie scoped to',
        '`/api/v1/auth`; `POST /api/v1/auth/refresh` rotates it. Agency users may only call agency',
        'routes and client users only portal routes. Every error has the shape',
        '`{ statusCode, error, message, details?, requestId }`; validation errors list each field in',
        '`details`, and `requestId` (also the `X-Request-Id` header) finds the request in the logs.',
      ].join('\n'),
    )
    .setVersion('1')
    // Paths start with /api: the server is the installation itself, at whatever address it has.
    .addServer('/', 'This installation')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'access-token')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A platform operator token from `POST /api/v1/admin/auth/verify` (password, then TOTP)',
      },
      'operator-token',
    )
    .addCookieAuth('atrium_rt', { type: 'apiKey', in: 'cookie', name: 'atrium_rt' }, 'refresh-cookie')
    .build();
  return documentHttpRules(
    SwaggerModule.createDocument(app, document, {
      extraModels: [ApiErrorDto],
      operationIdFactory: operationId,
    }),
    listRoutes(app),
  );
}

function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Atrium API',
    useGlobalPrefix: false,
  });
}

/** Whether a request's URL (query string and all) is the API's. */
function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * On the embedded default the backend also serves the built Angular app: static files as they
 * are, and index.html for every other non-API path so deep links work. A branded page (an
 * agency's `/a/<slug>/...` address or custom domain) gets its brand's colours, title and icon in
 * that HTML, so it is never painted in Atrium's first (BrandedIndexService).
 */
function serveFrontend(app: NestFastifyApplication, server: FastifyInstance, directory: string): void {
  const root = resolve(directory);
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`FRONTEND_DIR ${root} has no index.html; build the frontend first`);
  const template = readFileSync(index, 'utf8');
  const pages = app.get(BrandedIndexService);
  // The build's files, listed once at start-up (it does not change while the server runs).
  app.useStaticAssets({ root, wildcard: false, index: false, maxAge: 60 * 60_000 });
  server.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0];
    // Not a page: metrics answer only where METRICS_TOKEN or METRICS_PORT put them (metrics-exposure.ts).
    if (isApiPath(request.url) || path === METRICS_PATH) return reply.callNotFound();
    const html = await pages.render(template, { path, hostname: request.hostname });
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
  });
}
