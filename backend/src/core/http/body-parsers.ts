import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { UnsupportedBodyTypeException } from './body-type.guard';

/** The largest JSON (or form) body a route reads; uploads stream through their own, larger limits. */
export const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * How deeply a JSON body may nest. Real requests nest a few levels; validation walks the body
 * recursively, so a small body nested thousands deep would overflow the stack and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

/** Paths whose routes read HTML form posts: only the local OAuth sandbox's consent page and token endpoint. */
export const FORM_BODY_PATHS = ['/api/dev-oauth'];

/**
 * JSON bodies up to 100 kB and nested at most 32 deep everywhere; form bodies only where a route
 * reads them (FORM_BODY_PATHS). Which body types a route accepts at all is BodyTypeGuard's call.
 * A body that cannot be read gets a plain explanation rather than the parser's internal message.
 */
export function bodyParsers(): Array<{ path?: string; handler: RequestHandler }> {
  return [
    { handler: refuseDeclaredOversize(['application/json']) },
    {
      handler: explained(
        express.json({
          limit: BODY_LIMIT_BYTES,
          verify: (_request, _response, raw: Buffer) => refuseDeepNesting(raw),
        }),
      ),
    },
    ...FORM_BODY_PATHS.flatMap((path) => [
      { path, handler: refuseDeclaredOversize(['application/x-www-form-urlencoded']) },
      { path, handler: explained(express.urlencoded({ limit: BODY_LIMIT_BYTES, extended: false })) },
    ]),
  ];
}

/**
 * A body whose declared Content-Length is over the limit is refused before a byte of it is read
 * (the parser would read, and discard, all of it first). The connection is closed after the
 * answer, so the unread body cannot be taken for the next request.
 */
function refuseDeclaredOversize(types: string[]): RequestHandler {
  return (request, response, next) => {
    const declared = Number(request.headers['content-length']);
    if (!(declared > BODY_LIMIT_BYTES) || !request.is(types)) return next();
    response.setHeader('Connection', 'close');
    next(new PayloadTooLargeException('The request body is too large'));
  };
}

const explained =
  (parser: RequestHandler): RequestHandler =>
  (request: Request, response: Response, next: NextFunction) =>
    parser(request, response, (error?: unknown) => next(error ? explainBodyError(error) : undefined));

function explainBodyError(error: unknown): HttpException {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') return new PayloadTooLargeException('The request body is too large');
  if (type === 'entity.parse.failed') return new BadRequestException('The request body is not valid JSON');
  if (type === TOO_DEEP) return new BadRequestException('The request body is nested too deeply');
  if (type === 'charset.unsupported') return new UnsupportedBodyTypeException('Send the request body as UTF-8');
  if (type === 'encoding.unsupported') {
    return new UnsupportedBodyTypeException('The request body uses a content encoding this server does not read');
  }
  return new BadRequestException('The request body could not be read');
}

const TOO_DEEP = 'entity.too.deep';

function refuseDeepNesting(raw: Buffer): void {
  if (jsonNestingDepth(raw) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error('The request body is nested too deeply'), { type: TOO_DEEP });
  }
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The deepest nesting of objects and arrays in JSON text, counted in one pass over the bytes
 * (brackets inside strings do not count). Malformed text is left for the parser to refuse.
 */
export function jsonNestingDepth(raw: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return deepest;
}
