import { rgb } from '@cantoo/pdf-lib';
import { brandImageOf, parseBillTo, parseIssuer } from './invoice-pdf.service';
import { invoiceDocument } from './invoice-document';
import { brandColor, renderInvoicePdf, TABLE_COLUMNS, whiteReadsOn } from './invoice-pdf-layout';

describe('invoice PDF layout helpers', () => {
  it('fills the content width of A4 with the table columns', () => {
    const width = TABLE_COLUMNS.reduce((sum, column) => sum + column.width, 0);
    expect(width).toBeLessThanOrEqual(595.28 - 100);
    expect(width).toBeGreaterThan(595.28 - 101);
  });

  it('takes the brand colour when it is a hex colour, Atrium’s otherwise', () => {
    expect(brandColor('#ff0000')).toEqual(rgb(1, 0, 0));
    expect(brandColor('red')).toEqual(brandColor('#3f51b5'));
    expect(brandColor(null)).toEqual(brandColor('#3f51b5'));
  });

  it('writes white on dark brand colours only (contrast of 4.5:1 or more)', () => {
    expect(whiteReadsOn(brandColor('#3f51b5'))).toBe(true);
    expect(whiteReadsOn(brandColor('#000000'))).toBe(true);
    expect(whiteReadsOn(brandColor('#ffeb3b'))).toBe(false);
    expect(whiteReadsOn(brandColor('#ffffff'))).toBe(false);
  });

  it('finds the stored brand image behind a logo URL, absolute or a path, and nothing else', () => {
    expect(brandImageOf('https://x.test/api/v1/public/brand-images/northwind/logoLight/abc123')).toEqual({
      slug: 'northwind',
      slot: 'logoLight',
      version: 'abc123',
    });
    expect(brandImageOf('/api/v1/public/brand-images/northwind/icon/v9')).toEqual({
      slug: 'northwind',
      slot: 'icon',
      version: 'v9',
    });
    expect(brandImageOf('/api/v1/public/brand-images/northwind/secret/v9')).toBeNull();
    expect(brandImageOf('https://elsewhere.test/logo.png')).toBeNull();
    expect(brandImageOf(null)).toBeNull();
  });

  it('reads the snapshots frozen at sending, and nothing from a broken one', () => {
    expect(parseIssuer(JSON.stringify({ name: 'Northwind', logoUrl: null, primaryColor: '#123456' }))).toEqual({
      name: 'Northwind',
      logoUrl: null,
      primaryColor: '#123456',
    });
    expect(parseIssuer('{broken')).toBeNull();
    expect(parseIssuer(null)).toBeNull();
    expect(parseBillTo(JSON.stringify({ name: 'Acme', address: { city: 'Berlin' } }))).toEqual({
      name: 'Acme',
      email: '',
      address: { line1: '', line2: '', city: 'Berlin', postalCode: '', region: '', country: '' },
      taxId: '',
    });
  });
});

describe('renderInvoicePdf', () => {
  it('renders any text a client or the agency may type (scripts DejaVu lacks, emoji, control characters) without failing', async () => {
    const document = invoiceDocument(
      {
        status: 'sent',
        number: 'INV-0001',
        currency: 'JPY',
        issueDate: '2026-12-03',
        dueDate: '2026-12-17',
        discountKind: 'none',
        discountValue: 0,
        subtotal: 1200,
        discountTotal: 0,
        taxes: '[]',
        total: 1200,
        amountPaid: 0,
        notes: 'Merci ✓ — Łódź, Δέλτα, Дмитрий\u0000\u0007',
        terms: '',
        paidAt: null,
        voidReason: null,
      },
      [
        {
          description: '株式会社 🙂 עברית العربية',
          quantityMilli: 1000,
          unitPrice: 1200,
          taxRateMilli: 0,
          amount: 1200,
        },
      ],
      { name: '株式会社 Agency 🙂', logoUrl: null, primaryColor: 'not a colour' },
      {
        name: 'Клиент ООО',
        email: '',
        address: { line1: '', line2: '', city: '', postalCode: '', region: '', country: '' },
        taxId: '',
      },
    );
    const bytes = await renderInvoicePdf({ document, logoPng: Buffer.from('not a png'), changedAt: new Date(0) });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
