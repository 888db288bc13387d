import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An instant as the API exchanges them: `2026-11-23T14:05:00Z` or with an offset
 * (`+01:00`), seconds and fractions optional. Stricter than ISO 8601 on purpose: week dates and
 * basic formats pass ISO checks but not `new Date()`, and a time without an offset would be read
 * in the server's own zone.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: unknown): boolean {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(new Date(value).getTime());
}

export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: () => '$property must be a date and time with a zone, like 2026-11-23T14:05:00Z',
      },
    },
    options,
  );
