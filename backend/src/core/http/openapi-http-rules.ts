import type { OpenAPIObject } from '@nestjs/swagger';
import type { RouteEntry } from '../auth/route-inventory';
import { FOREIGN_ORIGIN_MESSAGE, SESSION_COOKIE_ROUTES } from './session-origin.guard';

const ERROR_BODY = { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto' } } };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Adds to the OpenAPI text the answers the HTTP edge gives for every route, so each route's
 * declared responses stay complete without repeating them on every controller: 400 for a body that
 * is not well-formed or fails validation (the validation pipe), 415 for a body of a type the route
 * does not read (BodyTypeGuard), 403 for a session-cookie route called from another site
 * (SessionOriginGuard). A public route (`@Public()`, read from the same metadata the access guard
 * reads) declares `security: []`: nothing is needed to call it. The document lists every tag its
 * operations use.
 */
export function documentHttpRules(document: OpenAPIObject, routes: RouteEntry[]): OpenAPIObject {
  const publicRoutes = new Set(
    routes
      .filter((route) => route.policy?.kind === 'public')
      .map((route) => `${route.method} ${openApiPath(route.path)}`),
  );
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (operation.requestBody) {
        const types = Object.keys((operation.requestBody as { content?: object }).content ?? {});
        operation.responses['400'] ??= {
          description: 'The body is malformed or invalid; `details` lists each field and what is wrong with it',
          content: ERROR_BODY,
        };
        operation.responses['415'] ??= {
          description: `The body is not ${types.join(' or ') || 'application/json'}`,
          content: ERROR_BODY,
        };
      }
      if (SESSION_COOKIE_ROUTES.includes(`${method.toUpperCase()} ${path}`)) {
        operation.responses['403'] ??= {
          description: `Sent from another website (\`Sec-Fetch-Site: cross-site\` or a foreign \`Origin\`): "${FOREIGN_ORIGIN_MESSAGE}"`,
          content: ERROR_BODY,
        };
      }
      if (publicRoutes.has(`${method.toUpperCase()} ${path}`)) operation.security ??= [];
      for (const tag of operation.tags ?? []) tags.add(tag);
    }
  }
  document.tags = [...tags].sort().map((name) => document.tags?.find((tag) => tag.name === name) ?? { name });
  return document;
}

/** `/api/v1/files/:token` as OpenAPI writes it: `/api/v1/files/{token}`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Readable, unique operation ids: `AuthController.login` is `authLogin`. */
export function operationId(controllerKey: string, methodKey: string): string {
  const controller = controllerKey.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}
