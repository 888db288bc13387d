import {
  amountError,
  discountForm,
  lineForm,
  lineValue,
  parseDecimal,
  previewTotals,
  toDiscount,
  toLineInputs,
} from './invoice-form';

describe('invoice form', () => {
  const line = (unitPrice: string, taxRate = '', quantity = '1') => ({
    description: 'Work',
    quantity,
    unitPrice,
    taxRate,
  });

  it('reads typed prices in the currency’s major units into exact minor units', () => {
    expect(toLineInputs([line('1,234.56', '20', '1.5')], 'USD')).toEqual([
      { description: 'Work', quantity: 1.5, unitPrice: 123456, taxRate: 20 },
    ]);
    expect(toLineInputs([line('1200')], 'JPY')).toEqual([
      { description: 'Work', quantity: 1, unitPrice: 1200, taxRate: 0 },
    ]);
  });

  it('refuses what is not an amount in that currency, and says why', () => {
    expect(toLineInputs([line('12.345')], 'USD')).toBeNull();
    expect(toLineInputs([line('12.5')], 'JPY')).toBeNull();
    expect(amountError('12.5', 'JPY')).toBe('Enter a whole amount in JPY.');
    expect(amountError('-3', 'USD')).toMatch(/at most 2 decimals/);
    expect(amountError('12.345', 'KWD')).toBeNull();
  });

  it('accepts quantities and rates with up to 3 decimals only', () => {
    expect(parseDecimal('8.875')).toBe(8.875);
    expect(parseDecimal('8.8755')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
    expect(toLineInputs([line('10', '100.5')], 'USD')).toBeNull();
    expect(toLineInputs([line('10', '', '0')], 'USD')).toBeNull();
  });

  it('previews the same totals the server computes: two lines, two rates, a discount', () => {
    const totals = previewTotals({
      currency: 'USD',
      lines: [line('100.00', '20', '2'), line('50.00', '8.875')],
      discount: { kind: 'percent', value: '10' },
    });
    expect(totals).toEqual({
      lineAmounts: [20000, 5000],
      subtotal: 25000,
      discountTotal: 2500,
      taxes: [
        { rate: 8.875, taxable: 4500, tax: 399 },
        { rate: 20, taxable: 18000, tax: 3600 },
      ],
      taxTotal: 3999,
      total: 26499,
    });
  });

  it('shows no totals while a line is unfinished or the discount exceeds the subtotal', () => {
    expect(previewTotals({ currency: 'USD', lines: [line('')], discount: { kind: 'none', value: '' } })).toBeNull();
    expect(
      previewTotals({ currency: 'USD', lines: [line('10')], discount: { kind: 'amount', value: '11' } }),
    ).toBeNull();
  });

  it('turns a discount into the API’s shape', () => {
    expect(toDiscount({ kind: 'none', value: 'x' }, 'USD')).toEqual({ kind: 'none', value: 0 });
    expect(toDiscount({ kind: 'percent', value: '12.5' }, 'USD')).toEqual({ kind: 'percent', value: 12.5 });
    expect(toDiscount({ kind: 'amount', value: '5.50' }, 'EUR')).toEqual({ kind: 'amount', value: 550 });
    expect(toDiscount({ kind: 'amount', value: '' }, 'EUR')).toBeNull();
  });

  it('shows a saved line back as it was typed', () => {
    expect(lineValue({ description: 'Hours', quantity: 1.5, unitPrice: 150000, taxRate: 8.875 }, 'USD')).toEqual({
      description: 'Hours',
      quantity: '1.5',
      unitPrice: '1500.00',
      taxRate: '8.875',
    });
    expect(lineValue({ description: 'Fee', quantity: 1, unitPrice: 5, taxRate: 0 }, 'USD').taxRate).toBe('');
  });

  it('checks a line’s price against the current currency', () => {
    let currency = 'USD';
    const form = lineForm(line('12.50'), () => currency);
    expect(form.valid).toBe(true);
    currency = 'JPY';
    form.controls.unitPrice.updateValueAndValidity();
    expect(form.controls.unitPrice.errors).toEqual({ invalid: 'Enter a whole amount in JPY.' });
  });

  it('asks for a discount value only when there is a discount', () => {
    const form = discountForm(() => 'USD');
    expect(form.valid).toBe(true);
    form.controls.kind.setValue('percent');
    form.controls.value.updateValueAndValidity();
    expect(form.controls.value.errors).toEqual({ invalid: 'Enter a percentage.' });
    form.controls.value.setValue('150');
    expect(form.controls.value.errors).toEqual({ invalid: 'Enter at most 100.' });
  });
});
