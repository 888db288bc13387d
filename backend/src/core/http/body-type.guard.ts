import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

export class UnsupportedBodyTypeException extends HttpException {
  constructor(message: string) {
    super(message, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
}

const JSON_ONLY = ['application/json'];

/**
 * Routes read JSON bodies only, unless they declare other types with `@ApiConsumes(...)` (the
 * uploads declare multipart/form-data, the OAuth sandbox its forms); the OpenAPI text and the
 * server thus agree. A form or text body elsewhere is refused with 415 before anything reads it:
 * a plain HTML form on another site can send those without a CORS preflight (sign-in CSRF), but
 * never `application/json`. It is the last global guard, after the access guard (who may call a
 * route is answered first), and before the validation pipe and the handler. A guard rather than an
 * interceptor: with no global interceptor, Nest skips its per-request RxJS chain altogether.
 */
@Injectable()
export class BodyTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!hasBody(request)) return true;
    const accepted =
      this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? JSON_ONLY;
    if (accepted.includes(mediaTypeOf(request))) return true;
    // The body stays unread: close the connection after the answer rather than read it to the end.
    http.getResponse<FastifyReply>().header('Connection', 'close');
    throw new UnsupportedBodyTypeException(`Send the request body as ${describe(accepted)}`);
  }
}

/** A request carries a body when it declares a non-zero length or streams one in chunks. */
export function hasBody(request: Pick<IncomingMessage, 'headers'>): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && length !== '0';
}

/** The body's media type without parameters, in lower case (`application/json; charset=utf-8` → `application/json`). */
function mediaTypeOf(request: FastifyRequest): string {
  const header = request.headers['content-type'] ?? '';
  const end = header.indexOf(';');
  return (end === -1 ? header : header.slice(0, end)).trim().toLowerCase();
}

function describe(types: string[]): string {
  const names = types.map((type) => (type === 'application/json' ? 'JSON (application/json)' : type));
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
