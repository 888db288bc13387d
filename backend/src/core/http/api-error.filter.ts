import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, ApiFieldError } from '@atrium/shared';
import { asDatabaseFault } from '../database/database-faults';
import { currentRequestId } from './request-id';

/** Carries per-field validation errors through to the one error shape. */
export class ValidationFailedException extends HttpException {
  constructor(readonly details: ApiFieldError[]) {
    super(
      {
        message: `Invalid input: ${details.map((d) => d.field).join(', ')}`,
        details,
      },
      HttpStatus.BAD_REQUEST,
    );
  }
}

/**
 * Every error leaves the API in one shape: { statusCode, error, message, details?, requestId } (SPEC §7).
 * Other errors that carry a 4xx status keep it; anything unexpected becomes a 500 whose message
 * reveals nothing internal. Nest also hands it what fails before a route runs (reading the body,
 * the request hooks), through the error handler it gives Fastify.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // A database that cannot answer (or a deadlock that outlived its retries) is a 503 to retry, not a 500.
    const databaseFault = asDatabaseFault(exception);
    const known = databaseFault ?? exception;
    const request = host.switchToHttp().getRequest<FastifyRequest | undefined>();
    const requestId = request?.id ?? currentRequestId();
    const body: ApiError = { ...this.toApiError(known), ...(requestId ? { requestId } : {}) };
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception : String(exception));
    }
    // Already answered (a stream cut off mid-way, a body that stopped arriving): nothing more to say.
    if (reply.sent || reply.raw.headersSent) return;
    if (databaseFault) reply.header('Retry-After', String(databaseFault.retryAfterSeconds));
    // Every 429 says when to come back (seconds), as the OpenAPI text promises.
    if (body.statusCode === 429) reply.header('Retry-After', String(retryAfterSeconds(known)));
    reply.status(body.statusCode).send(body);
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof ValidationFailedException) {
      return {
        statusCode: 400,
        error: 'Bad Request',
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : Array.isArray((payload as { message?: unknown }).message)
            ? (payload as { message: string[] }).message.join('; ')
            : String((payload as { message?: unknown }).message ?? exception.message);
      // A bare exception (its message only the reason phrase, as the HTTP layer raises for a
      // malformed header) gets a sentence that says what to send.
      const plain = message === reasonPhrase(statusCode) ? (FRAMEWORK_MESSAGES[statusCode] ?? message) : message;
      return { statusCode, error: reasonPhrase(statusCode), message: plain };
    }
    const status =
      (exception as { status?: unknown } | null)?.status ?? (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Refused by the HTTP layer before any route ran (a malformed header, say): a sentence that
      // says what to send, not the bare reason phrase.
      return {
        statusCode: status,
        error: reasonPhrase(status),
        message: FRAMEWORK_MESSAGES[status] ?? reasonPhrase(status),
      };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side',
    };
  }
}

/** The wait a rate limiter attached (TooManyRequestsException.retryAfterSeconds), else a minute. */
function retryAfterSeconds(exception: unknown): number {
  const seconds = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}

/** What to say when the HTTP layer itself refuses a request. */
const FRAMEWORK_MESSAGES: Record<number, string> = {
  400: 'The request could not be read; check its headers and body',
  415: 'The Content-Type header is not one this API reads: send the request body as JSON (application/json)',
};

function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    410: 'Gone',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    503: 'Service Unavailable',
  };
  return phrases[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}
