/**
 * Test and benchmark support for the contract PDF code: fixture PDFs made in-process (so every
 * awkward case is there on purpose: rotated and cropped pages, a live form, document JavaScript),
 * a tiny PNG encoder for signature pictures, and a runner for the poppler/qpdf tools the tests
 * check the output with. Not used by the application.
 */
import { spawn } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb } from '@cantoo/pdf-lib';

export interface FixturePage {
  /** What is written on the page (and found by pdftotext). */
  label: string;
  mediaBox: [number, number, number, number];
  cropBox?: [number, number, number, number];
  rotate?: 0 | 90 | 180 | 270;
}

/** Five pages covering every way a displayed page differs from its MediaBox. */
export const FIXTURE_PAGES: readonly FixturePage[] = [
  { label: 'Plain page', mediaBox: [0, 0, 595, 842] },
  { label: 'Turned a quarter', mediaBox: [0, 0, 612, 792], rotate: 90 },
  { label: 'Cropped page', mediaBox: [0, 0, 600, 800], cropBox: [50, 100, 450, 700] },
  { label: 'Upside down and cropped', mediaBox: [0, 0, 600, 800], cropBox: [100, 50, 500, 750], rotate: 180 },
  { label: 'Turned three quarters', mediaBox: [-100, -50, 500, 750], rotate: 270 },
];

export const FIXTURE_FIELD_TEXT = 'Filled in before upload';

/**
 * The awkward contract: the pages above, an AcroForm text field (already filled in) on the first
 * page, document-level JavaScript, an open action and page-level additional actions that run script.
 */
export async function buildFixturePdf(pages: readonly FixturePage[] = FIXTURE_PAGES): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const spec of pages) {
    const [x1, y1, x2, y2] = spec.mediaBox;
    const page = doc.addPage([x2 - x1, y2 - y1]);
    page.setMediaBox(x1, y1, x2 - x1, y2 - y1);
    if (spec.cropBox) {
      const [c1, d1, c2, d2] = spec.cropBox;
      page.setCropBox(c1, d1, c2 - c1, d2 - d1);
    }
    if (spec.rotate) page.node.set(PDFName.of('Rotate'), doc.context.obj(spec.rotate));
    const visible = spec.cropBox ?? spec.mediaBox;
    page.drawText(spec.label, { x: visible[0] + 40, y: visible[1] + 60, size: 14, font, color: rgb(0, 0, 0) });
  }
  const form = doc.getForm();
  const field = form.createTextField('prefilled');
  field.setText(FIXTURE_FIELD_TEXT);
  field.addToPage(doc.getPage(0), { x: 60, y: 600, width: 250, height: 24 });

  doc.addJavaScript('greeting', 'app.alert("Hello from document JavaScript");');
  const { context } = doc;
  doc.catalog.set(
    PDFName.of('OpenAction'),
    context.register(context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("open action")') })),
  );
  doc
    .getPage(1)
    .node.set(
      PDFName.of('AA'),
      context.obj({ O: context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("page opened")') }) }),
    );
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** A plain PDF with `count` pages of text, as most contracts are. */
export async function buildTextPdf(count: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let index = 0; index < count; index++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Page ${index + 1}`, { x: 72, y: 780, size: 16, font });
    for (let line = 0; line < 40; line++) {
      page.drawText(`Clause ${index + 1}.${line + 1}: the parties agree to the terms set out in this contract.`, {
        x: 72,
        y: 740 - line * 16,
        size: 10,
        font,
      });
    }
  }
  return Buffer.from(await doc.save());
}

/**
 * A signature-like picture: a wavy stroke on a transparent background, as an RGBA PNG.
 * `seed` varies the stroke, so different signers get different pictures.
 */
export function signaturePng(seed: number, width = 240, height = 80): Buffer {
  const pixels = Buffer.alloc(width * height * 4);
  const ink = [20 + ((seed * 37) % 60), 30, 120 + ((seed * 53) % 100)];
  for (let x = 4; x < width - 4; x++) {
    const centre = height / 2 + Math.sin((x / width) * Math.PI * (3 + (seed % 4)) + seed) * (height / 3.2);
    for (let y = Math.floor(centre - 2); y <= Math.ceil(centre + 2); y++) {
      if (y < 0 || y >= height) continue;
      const offset = (y * width + x) * 4;
      pixels[offset] = ink[0];
      pixels[offset + 1] = ink[1];
      pixels[offset + 2] = ink[2];
      pixels[offset + 3] = 255;
    }
  }
  return encodePng(width, height, pixels);
}

/** Encodes RGBA pixels (8 bits a channel) as a PNG: no filtering, one zlib stream. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command-line tool to the end; never throws for a non-zero exit (tests assert on it). */
export function runTool(command: string, args: readonly string[]): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}
