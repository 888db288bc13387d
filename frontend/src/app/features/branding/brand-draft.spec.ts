import { FormControl } from '@angular/forms';
import type { BrandSettings } from '@atrium/shared';
import {
  formValueOf,
  hexColorValidator,
  normalizeHex,
  previewBrandOf,
  updateRequestOf,
  type BrandFormValue,
} from './brand-draft';

const SETTINGS: BrandSettings = {
  portalName: 'Northwind Portal',
  primaryColor: '#3f51b5',
  accentColor: null,
  signInHeadline: 'Welcome back',
  signInText: null,
  supportEmail: 'help@northwind.test',
  supportUrl: null,
  legalFooter: null,
  emailSenderName: null,
  emailReplyTo: null,
  showPoweredBy: true,
};

describe('normalizeHex', () => {
  it.each([
    ['#FFFF66', '#ffff66'],
    ['ffff66', '#ffff66'],
    ['#abc', '#aabbcc'],
    [' 0a0 ', '#00aa00'],
  ])('reads %s as %s', (typed, hex) => expect(normalizeHex(typed)).toBe(hex));

  it.each(['', 'red', '#ffff6', '#ggg', 'url(x)', null, undefined])('refuses %s', (typed) =>
    expect(normalizeHex(typed)).toBeNull(),
  );
});

describe('hexColorValidator', () => {
  it('accepts empty and colours, refuses the rest', () => {
    expect(hexColorValidator(new FormControl('', { nonNullable: true }))).toBeNull();
    expect(hexColorValidator(new FormControl('#ABC', { nonNullable: true }))).toBeNull();
    expect(hexColorValidator(new FormControl('blue', { nonNullable: true }))).toEqual({ hexColor: true });
  });
});

describe('updateRequestOf', () => {
  const value: BrandFormValue = {
    ...formValueOf(SETTINGS),
    primaryColor: 'FFFF66',
    accentColor: '  ',
    signInHeadline: '  Hello  ',
    supportEmail: '',
    showPoweredBy: false,
  };

  it('trims text, clears empty fields and writes colours as #rrggbb', () => {
    const request = updateRequestOf(value, true);
    expect(request).toMatchObject({
      portalName: 'Northwind Portal',
      primaryColor: '#ffff66',
      accentColor: null,
      signInHeadline: 'Hello',
      supportEmail: null,
      showPoweredBy: false,
    });
  });

  it('leaves the "powered by" mark out when the plan requires it', () => {
    expect(updateRequestOf(value, false)).not.toHaveProperty('showPoweredBy');
  });
});

describe('previewBrandOf', () => {
  const context = { agencyName: 'Northwind Creative', slug: 'northwind', images: {}, lastPrimary: '#123456' };

  it('shows what clients will see, with the agency name for an empty portal name', () => {
    const brand = previewBrandOf(
      { ...formValueOf(SETTINGS), portalName: ' ', showPoweredBy: false },
      { ...context, mayHidePoweredBy: true },
    );
    expect(brand.portalName).toBe('Northwind Creative');
    expect(brand.signInHeadline).toBe('Welcome back');
    expect(brand.showPoweredBy).toBe(false);
    expect(brand.slug).toBe('northwind');
  });

  it('keeps the last colour while a new one is being typed, and shows the mark a plan requires', () => {
    const brand = previewBrandOf(
      { ...formValueOf(SETTINGS), primaryColor: '#ff', showPoweredBy: false },
      { ...context, mayHidePoweredBy: false },
    );
    expect(brand.primaryColor).toBe('#123456');
    expect(brand.showPoweredBy).toBe(true);
  });
});
