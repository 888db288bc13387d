import { isInvoiceCurrency, toThousandths } from '@atrium/shared';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { addDays, calendarDay, isCalendarDate } from '../invoice-rules';

/** A real calendar date written YYYY-MM-DD. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: () => '$property must be a real date written YYYY-MM-DD',
      },
    },
    options,
  );

/** An ISO 4217 currency an invoice may be in (upper case: USD, EUR, JPY…). */
export const IsInvoiceCurrency = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInvoiceCurrency',
      validator: {
        validate: isInvoiceCurrency,
        defaultMessage: () => '$property must be an ISO 4217 currency code such as USD or EUR',
      },
    },
    options,
  );

/** A number with at most 3 decimals (quantities, percentages). */
export const HasAtMostThreeDecimals = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'hasAtMostThreeDecimals',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && toThousandths(value) !== null,
        defaultMessage: () => '$property must have at most 3 decimals',
      },
    },
    options,
  );

/** Two letters (ISO 3166-1 alpha-2, upper case), or '' when not given. */
export const IsCountryOrEmpty = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCountryOrEmpty',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^([A-Z]{2})?$/.test(value),
        defaultMessage: () => '$property must be a two-letter country code (ISO 3166-1) or empty',
      },
    },
    options,
  );

/** A plausible email address, or '' when not given. */
export const IsEmailOrEmpty = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isEmailOrEmpty',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && (value === '' || /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(value)),
        defaultMessage: () => '$property must be an email address or empty',
      },
    },
    options,
  );

/**
 * A date that has come: no later than tomorrow in UTC (tomorrow, because somewhere east of UTC it
 * already is). A payment received "next month" is a typo, not a payment.
 */
export const IsNotInTheFuture = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isNotInTheFuture',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value <= addDays(calendarDay(new Date()), 1),
        defaultMessage: () => '$property cannot be in the future',
      },
    },
    options,
  );
