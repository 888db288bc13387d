import { AbstractControl, FormArray, FormControl, FormGroup, ValidationErrors, Validators } from '@angular/forms';
import {
  INVOICE_LINES_MAX,
  INVOICE_LINE_DESCRIPTION_MAX,
  INVOICE_TEXT_MAX,
  LINE_QUANTITY_MAX,
  LINE_UNIT_PRICE_MAX,
  computeInvoiceTotals,
  currencyExponent,
  isInvoiceCurrency,
  parseMajorAmount,
  toMajorString,
  toThousandths,
  type DiscountKind,
  type InvoiceDiscount,
  type InvoiceLineInput,
  type InvoiceTotals,
} from '@atrium/shared';

/**
 * The part of an invoice every editor shares (one-off and recurring): currency, lines, discount,
 * notes and terms. Amounts are typed in major units ("12.50") and only become minor units here,
 * through `parseMajorAmount`, so no float ever holds money.
 */
export type LineForm = FormGroup<{
  description: FormControl<string>;
  quantity: FormControl<string>;
  unitPrice: FormControl<string>;
  taxRate: FormControl<string>;
}>;

export type DiscountForm = FormGroup<{ kind: FormControl<DiscountKind>; value: FormControl<string> }>;

export interface LineValue {
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly taxRate: string;
}

export interface DraftValue {
  readonly currency: string;
  readonly lines: readonly LineValue[];
  readonly discount: { readonly kind: DiscountKind; readonly value: string };
}

/** A number with at most 3 decimals, as typed ("1.5", "8.875"); null when it is not one. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return toThousandths(value) === null ? null : value;
}

function quantityError(text: string): string | null {
  const value = parseDecimal(text);
  if (value === null) return 'Enter a number, with at most 3 decimals.';
  if (value <= 0) return 'Enter more than 0.';
  if (value > LINE_QUANTITY_MAX) return `Enter at most ${LINE_QUANTITY_MAX.toLocaleString('en-US')}.`;
  return null;
}

function rateError(text: string): string | null {
  if (text.trim() === '') return null; // empty = untaxed
  const value = parseDecimal(text);
  if (value === null) return 'Enter a percentage, with at most 3 decimals.';
  if (value > 100) return 'Enter at most 100.';
  return null;
}

export function amountError(text: string, currency: string): string | null {
  if (!isInvoiceCurrency(currency)) return null; // the currency field says what is wrong
  const minor = parseMajorAmount(text, currency);
  if (minor === null) {
    const digits = currencyExponent(currency);
    return digits === 0
      ? `Enter a whole amount in ${currency}.`
      : `Enter an amount like 12.50, with at most ${digits} decimals.`;
  }
  if (minor > LINE_UNIT_PRICE_MAX) return 'This amount is too large.';
  return null;
}

/** Puts a message (or nothing) on a control as its `invalid` error. */
function messageValidator(check: (text: string) => string | null) {
  return (control: AbstractControl): ValidationErrors | null => {
    const message = check(String(control.value ?? ''));
    return message ? { invalid: message } : null;
  };
}

export function lineForm(value: Partial<LineValue> = {}, currency: () => string): LineForm {
  return new FormGroup({
    description: new FormControl(value.description ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(INVOICE_LINE_DESCRIPTION_MAX)],
    }),
    quantity: new FormControl(value.quantity ?? '1', {
      nonNullable: true,
      validators: [Validators.required, messageValidator(quantityError)],
    }),
    unitPrice: new FormControl(value.unitPrice ?? '', {
      nonNullable: true,
      validators: [Validators.required, messageValidator((text) => amountError(text, currency()))],
    }),
    taxRate: new FormControl(value.taxRate ?? '', {
      nonNullable: true,
      validators: [messageValidator(rateError)],
    }),
  });
}

export function discountForm(currency: () => string): DiscountForm {
  const form: DiscountForm = new FormGroup({
    kind: new FormControl<DiscountKind>('none', { nonNullable: true }),
    value: new FormControl('', { nonNullable: true }),
  });
  form.controls.value.addValidators(
    messageValidator((text) => {
      const kind = form?.controls.kind.value ?? 'none';
      if (kind === 'none') return null;
      if (text.trim() === '') return kind === 'percent' ? 'Enter a percentage.' : 'Enter an amount.';
      return kind === 'percent' ? rateError(text) : amountError(text, currency());
    }),
  );
  return form;
}

export const notesValidators = [Validators.maxLength(INVOICE_TEXT_MAX)];
export const LINES_MAX = INVOICE_LINES_MAX;

/** The lines as the API takes them, or null while any of them is not valid yet. */
export function toLineInputs(lines: readonly LineValue[], currency: string): InvoiceLineInput[] | null {
  if (!isInvoiceCurrency(currency)) return null;
  const inputs: InvoiceLineInput[] = [];
  for (const line of lines) {
    const quantity = quantityError(line.quantity) ? null : parseDecimal(line.quantity);
    const unitPrice = amountError(line.unitPrice, currency) ? null : parseMajorAmount(line.unitPrice, currency);
    const taxRate = line.taxRate.trim() === '' ? 0 : rateError(line.taxRate) ? null : parseDecimal(line.taxRate);
    if (quantity === null || unitPrice === null || taxRate === null) return null;
    inputs.push({ description: line.description.trim(), quantity, unitPrice, taxRate });
  }
  return inputs;
}

export function toDiscount(discount: DraftValue['discount'], currency: string): InvoiceDiscount | null {
  if (discount.kind === 'none') return { kind: 'none', value: 0 };
  if (discount.kind === 'percent') {
    const value = rateError(discount.value) || discount.value.trim() === '' ? null : parseDecimal(discount.value);
    return value === null ? null : { kind: 'percent', value };
  }
  if (!isInvoiceCurrency(currency) || amountError(discount.value, currency)) return null;
  const value = parseMajorAmount(discount.value, currency);
  return value === null ? null : { kind: 'amount', value };
}

/**
 * The totals as they will be once saved (the same function the server runs), or null while the
 * draft cannot be computed yet (a price still being typed, a discount larger than the subtotal).
 */
export function previewTotals(draft: DraftValue): InvoiceTotals | null {
  const lines = toLineInputs(draft.lines, draft.currency);
  const discount = toDiscount(draft.discount, draft.currency);
  if (!lines || !discount) return null;
  try {
    return computeInvoiceTotals({ currency: draft.currency, lines, discount });
  } catch {
    return null;
  }
}

/** A saved line back as typed text: 150000 USD → "1500.00"; 8.875 → "8.875"; no tax → "". */
export function lineValue(line: InvoiceLineInput, currency: string): LineValue {
  return {
    description: line.description,
    quantity: String(line.quantity),
    unitPrice: toMajorString(line.unitPrice, currency),
    taxRate: line.taxRate ? String(line.taxRate) : '',
  };
}

export function discountValue(discount: InvoiceDiscount, currency: string): DraftValue['discount'] {
  if (discount.kind === 'none') return { kind: 'none', value: '' };
  return {
    kind: discount.kind,
    value: discount.kind === 'percent' ? String(discount.value) : toMajorString(discount.value, currency),
  };
}

/** The message of a control's first error, for its mat-error. */
export function fieldError(control: AbstractControl, what = 'this'): string | null {
  const errors = control.errors;
  if (!errors) return null;
  if (errors['required']) return `Enter ${what}.`;
  if (errors['maxlength']) {
    return `Keep it under ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters.`;
  }
  if (typeof errors['invalid'] === 'string') return errors['invalid'];
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['min']) return `Enter at least ${(errors['min'] as { min: number }).min}.`;
  if (errors['max']) return `Enter at most ${(errors['max'] as { max: number }).max}.`;
  return 'Check this value.';
}

export function linesArray(): FormArray<LineForm> {
  return new FormArray<LineForm>([]);
}
