import { applyDecorators } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../http/api-error.dto';

/**
 * OpenAPI for a rate-limited route: the 429 and its Retry-After header (set by ApiErrorFilter from
 * TooManyRequestsException), and the 503 answered if no limiter store at all can count.
 */
export function ApiRateLimited(description = 'Too many attempts; wait the Retry-After seconds') {
  return applyDecorators(
    ApiTooManyRequestsResponse({
      type: ApiErrorDto,
      description,
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before trying again',
          schema: { type: 'integer', minimum: 1 },
        },
      },
    }),
    ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'Sign-in protection briefly unavailable; retry' }),
  );
}
