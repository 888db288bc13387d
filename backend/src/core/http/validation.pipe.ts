import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ApiFieldError } from '@atrium/shared';
import { ValidationFailedException } from './api-error.filter';

/**
 * Global validation: DTOs are whitelisted and any unknown field is an error (so an `agencyId` or a
 * `role` smuggled into a body is refused, not silently ignored). Each offending field is named.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], parent = ''): ApiFieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: ApiFieldError[] = error.constraints
      ? [
          {
            field,
            messages: Object.values(error.constraints).map((m) => m.replace(/^property /, 'field ')),
          },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
