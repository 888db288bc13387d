import { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { ApiErrorFilter } from './core/http/api-error.filter';
import { ApiErrorDto } from './core/http/api-error.dto';
import { bodyIdleTimeout } from './core/http/body-idle-timeout';
import { bodyParsers } from './core/http/body-parsers';
import { BodyTypeGuard } from './core/http/body-type.guard';
import { noStoreByDefault } from './core/http/no-store';
import { documentHttpRules } from './core/http/openapi-http-rules';
import { SessionOriginGuard } from './core/http/session-origin.guard';
import { JsonLogger } from './core/http/json-logger';
import { createValidationPipe } from './core/http/validation.pipe';
import { BrandedIndexService } from './modules/branding/branded-index.service';

/** Builds the whole HTTP application for a configuration; `main.ts` and the tests share it. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: new JsonLogger(config.logLevel),
    bodyParser: false,
  });
  configureApp(app, config);
  return app;
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // No ETag hashed over every response body: API answers are no-store (nothing revalidates them),
  // and static files and images carry their own validators or immutable, hashed names.
  app.set('etag', false);
  app.setGlobalPrefix('api');
  app.use('/api', noStoreByDefault);
  app.use(bodyIdleTimeout(config.requestIdleTimeoutSeconds * 1000));
  for (const parser of bodyParsers()) {
    if (parser.path) app.use(parser.path, parser.handler);
    else app.use(parser.handler);
  }
  app.use(cookieParser());
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular and Material set inline styles at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // Avatars of connected social accounts come from the platforms' image hosts.
          imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: config.appUrl.startsWith('https:'),
    }),
  );
  // After the access guard (an APP_GUARD, registered when the app was created): who may call a
  // route is answered first, then where from, then what body it may carry.
  app.useGlobalGuards(new SessionOriginGuard(config), new BodyTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  setupOpenApi(app);
  if (config.frontendDir) serveFrontend(app, config.frontendDir);
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
        '`{ statusCode, error, message, details? }`; validation errors list each field in `details`.',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'access-token')
    .addCookieAuth('atrium_rt', { type: 'apiKey', in: 'cookie', name: 'atrium_rt' }, 'refresh-cookie')
    .build();
  return documentHttpRules(
    SwaggerModule.createDocument(app, document, {
      extraModels: [ApiErrorDto],
    }),
  );
}

function setupOpenApi(app: NestExpressApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Atrium API',
    useGlobalPrefix: false,
  });
}

/**
 * On the embedded default the backend also serves the built Angular app: static files as they
 * are, and index.html for every other non-API path so deep links work. A branded page (an
 * agency's `/a/<slug>/...` address or custom domain) gets its brand's colours, title and icon in
 * that HTML, so it is never painted in Atrium's first (BrandedIndexService).
 */
function serveFrontend(app: NestExpressApplication, directory: string): void {
  const root = resolve(directory);
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`FRONTEND_DIR ${root} has no index.html; build the frontend first`);
  const template = readFileSync(index, 'utf8');
  const pages = app.get(BrandedIndexService);
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith('/api/') || request.path === '/api') return next();
    pages
      .render(template, { path: request.path, hostname: request.hostname })
      .then((html) => {
        response.setHeader('Cache-Control', 'no-cache');
        response.type('html').send(html);
      })
      .catch(next);
  });
}
