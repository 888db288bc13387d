import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { inspectPdf, PdfRejected, type PdfRejectionReason } from './pdf-inspection';
import { buildFixturePdf, buildTextPdf, runTool } from './pdf-test-support';

jest.setTimeout(30_000);

const limits = { maxPages: 50 };
let dir: string;
let fixture: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-pdf-inspection-'));
  fixture = await buildFixturePdf();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(bytes: Buffer, maxPages = limits.maxPages): Promise<PdfRejected> {
  const error = await inspectPdf(bytes, { maxPages }).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PdfRejected)) throw new Error(`Expected a PdfRejected, got ${String(error)}`);
  return error;
}

async function expectRejected(bytes: Buffer, reason: PdfRejectionReason, message: RegExp, maxPages?: number) {
  const error = await rejection(bytes, maxPages);
  expect(error.reason).toBe(reason);
  expect(error.message).toMatch(message);
  // A sentence for a person: capital first, full stop last, no internals.
  expect(error.message).toMatch(/^[A-Z].*\.$/);
  expect(error.message).not.toMatch(/pdf-lib|Error|undefined|trailer/);
}

async function encrypt(bytes: Buffer, userPassword: string): Promise<Buffer> {
  const input = join(dir, 'plain.pdf');
  const output = join(dir, `encrypted-${userPassword || 'owner-only'}.pdf`);
  writeFileSync(input, bytes);
  const result = await runTool('qpdf', ['--encrypt', userPassword, 'owner', '256', '--', input, output]);
  expect(result.code).toBe(0);
  return readFileSync(output);
}

describe('inspectPdf', () => {
  it('gives each page as displayed: the crop box, turned by /Rotate', async () => {
    expect(await inspectPdf(fixture, limits)).toEqual({
      pageCount: 5,
      pages: [
        { width: 595, height: 842 },
        { width: 792, height: 612 },
        { width: 400, height: 600 },
        { width: 400, height: 700 },
        { width: 800, height: 600 },
      ],
    });
  });

  it('takes a PDF whose header follows a little junk, as readers do', async () => {
    const padded = Buffer.concat([Buffer.from('junk before the header\n'), fixture]);
    expect((await inspectPdf(padded, limits)).pageCount).toBe(5);
  });

  it('refuses files that are not PDFs', async () => {
    await expectRejected(Buffer.from('Hello, this is a letter.'), 'not_pdf', /not a PDF/);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await expectRejected(png, 'not_pdf', /not a PDF/);
    // The header further in than readers look.
    await expectRejected(Buffer.concat([Buffer.alloc(2048, 0x20), fixture]), 'not_pdf', /not a PDF/);
  });

  it('refuses a truncated PDF', async () => {
    await expectRejected(fixture.subarray(0, Math.floor(fixture.length / 2)), 'broken', /cut short/);
    // Cut just before the end marker: the pages may all be there, the end of the file is not.
    await expectRejected(fixture.subarray(0, fixture.lastIndexOf('%%EOF')), 'broken', /cut short/);
  });

  it('refuses a garbled PDF as damaged', async () => {
    const garbled = Buffer.from(fixture);
    // Everything between the header and the end marker overwritten (deterministically, so the test is stable).
    Buffer.alloc(garbled.length - 300, 'q\u00ff7 0 obj <<garbage>> endstream\n', 'latin1').copy(garbled, 100);
    await expectRejected(garbled, 'broken', /damaged/);
  });

  it('refuses a page whose content is missing as damaged, naming the page', async () => {
    const doc = await PDFDocument.load(await buildTextPdf(3));
    // Point the third page at an object that is not in the file, as when a file is cut short.
    doc.getPage(2).node.set(PDFName.of('Contents'), doc.context.obj([doc.context.nextRef()]));
    await expectRejected(Buffer.from(await doc.save()), 'broken', /^Page 3 of this PDF is damaged/);
  });

  it('refuses a password-protected PDF', async () => {
    await expectRejected(await encrypt(fixture, 'user'), 'encrypted', /password-protected/);
  });

  it('refuses a PDF encrypted with only an owner password (it opens, but we could not fill it)', async () => {
    await expectRejected(await encrypt(fixture, ''), 'encrypted', /password-protected/);
  });

  it('refuses more pages than the limit, naming the limit', async () => {
    await expectRejected(await buildTextPdf(3), 'too_many_pages', /has 3 pages.*at most 2\b/, 2);
    expect((await inspectPdf(await buildTextPdf(2), { maxPages: 2 })).pageCount).toBe(2);
  });

  it('refuses a PDF without pages', async () => {
    const empty = await PDFDocument.create();
    await expectRejected(Buffer.from(await empty.save({ addDefaultPage: false })), 'no_pages', /no pages/);
  });
});
