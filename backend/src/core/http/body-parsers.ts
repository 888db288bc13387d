import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnsupportedBodyTypeException } from './body-type.guard';

/** The largest JSON (or form) body a route reads; uploads stream through their own, larger limits. */
export const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * How deeply a JSON body may nest. Real requests nest a few levels; validation walks the body
 * recursively, so a small body nested thousands deep would overflow the stack and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Routes whose JSON carries pictures (a contract signature with its initials, as data URLs) read
 * up to SIGNATURE_BODY_LIMIT_BYTES; every other JSON body stays within BODY_LIMIT_BYTES.
 */
export const SIGNATURE_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
const SIGNATURE_BODY_PATH = /^\/api\/v1\/(?:portal\/)?contracts\/[0-9a-fA-F-]{36}\/sign(?:\?|$)/;

/**
 * Paths whose routes read HTML form posts: the local OAuth sandbox's consent page and token
 * endpoint, and the sandbox payment provider's hosted payment page.
 */
export const FORM_BODY_PATHS = ['/api/dev-oauth/', '/api/sandbox-pay/'];

/**
 * Paths whose routes also need the body's exact bytes: payment providers sign the raw body of
 * their webhooks, and re-serialising the parsed JSON would not give back the signed bytes.
 */
export const RAW_BODY_PATHS = ['/api/v1/billing/webhooks/'];

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body exactly as received, on RAW_BODY_PATHS only. */
    rawBody?: Buffer;
  }
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * JSON bodies up to 100 kB and nested at most 32 deep everywhere; form bodies only where a route
 * reads them (FORM_BODY_PATHS). Every other body (uploads' multipart streams, types no route takes)
 * is left unread for its route: an upload streams it, and BodyTypeGuard refuses a type the route
 * does not declare with 415 before anything reads it. A body that cannot be read gets a plain
 * explanation rather than the parser's internal message, and its connection is closed after the
 * answer (Fastify does that for every body error), so unread bytes are never taken for the next
 * request.
 */
export function registerBodyParsers(server: FastifyInstance): void {
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', (request, payload, done: Done) => {
    const refused = unreadableEncoding(request);
    if (refused) return done(refused);
    const limit = SIGNATURE_BODY_PATH.test(request.url) ? SIGNATURE_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
    readBody(request, payload, limit).then((raw) => {
      if (RAW_BODY_PATHS.some((path) => request.url.startsWith(path))) request.rawBody = raw;
      if (raw.length === 0) return done(null, undefined);
      if (jsonNestingDepth(raw) > MAX_JSON_DEPTH) {
        return done(new BadRequestException('The request body is nested too deeply'));
      }
      try {
        done(null, JSON.parse(raw.toString('utf8')));
      } catch {
        done(new BadRequestException('The request body is not valid JSON'));
      }
    }, done);
  });
  server.addContentTypeParser('application/x-www-form-urlencoded', (request, payload, done: Done) => {
    if (!FORM_BODY_PATHS.some((path) => request.url.startsWith(path))) return done(null, undefined);
    const refused = unreadableEncoding(request);
    if (refused) return done(refused);
    readBody(request, payload, BODY_LIMIT_BYTES).then(
      (raw) => done(null, Object.fromEntries(new URLSearchParams(raw.toString('utf8')))),
      done,
    );
  });
  server.addContentTypeParser('*', (_request, _payload, done: Done) => done(null, undefined));
}

/** A body in another character set or compressed is refused: the parsers read plain UTF-8 only. */
function unreadableEncoding(request: FastifyRequest): HttpException | null {
  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return new UnsupportedBodyTypeException('The request body uses a content encoding this server does not read');
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    return new UnsupportedBodyTypeException('Send the request body as UTF-8');
  }
  return null;
}

/**
 * The whole body, up to `limit` bytes. A body whose declared Content-Length is over the limit is
 * refused before a byte of it is read; one that grows past it, as soon as it does.
 */
function readBody(request: FastifyRequest, payload: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return void chunks.push(chunk);
      stop();
      reject(tooLarge());
    };
    const onEnd = () => {
      stop();
      if (!Number.isNaN(declared) && declared !== received) reject(unreadable());
      else resolve(Buffer.concat(chunks));
    };
    const onError = () => {
      stop();
      reject(unreadable());
    };
    const stop = () => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  });
}

const tooLarge = () => new PayloadTooLargeException('The request body is too large');
const unreadable = () => new BadRequestException('The request body could not be read');

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
