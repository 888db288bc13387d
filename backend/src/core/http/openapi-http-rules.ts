import type { OpenAPIObject } from '@nestjs/swagger';
import { FOREIGN_ORIGIN_MESSAGE, SESSION_COOKIE_ROUTES } from './session-origin.guard';

const ERROR_BODY = { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto' } } };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Adds to the OpenAPI text the answers the HTTP edge gives for every route, so each route's
 * declared responses stay complete without repeating them on every controller: 415 for a body of
 * a type the route does not read (BodyTypeGuard), 403 for a session-cookie route called from
 * another site (SessionOriginGuard).
 */
export function documentHttpRules(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (operation.requestBody) {
        const types = Object.keys((operation.requestBody as { content?: object }).content ?? {});
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
    }
  }
  return document;
}
