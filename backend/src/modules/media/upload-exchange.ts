import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An upload's HTTP exchange as Node sees it: the multipart body streams from `request` (no parser
 * reads it first), and shutdown watches `response` to know when the answer has gone out.
 */
export interface UploadExchange {
  request: IncomingMessage;
  response: ServerResponse;
}

/** The route's upload exchange (for handlers that stream a multipart body into the media store). */
export const Upload = createParamDecorator(
  (_: unknown, execution: ExecutionContext): UploadExchange => ({
    request: execution.switchToHttp().getRequest<FastifyRequest>().raw,
    response: execution.switchToHttp().getResponse<FastifyReply>().raw,
  }),
);
