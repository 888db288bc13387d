import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DER_TAG, derBytes, derChildren, derContent, readDer, readDerDocument, readOid } from './der';
import { inspectPdf } from './pdf-inspection';
import { buildFixturePdf, runTool, signaturePng } from './pdf-test-support';
import { sealContract, stampVoid, type SealedContract, type SealField, type SealInput } from './seal-contract';
import { loadOrCreateSigningIdentity, type SigningIdentity } from './signing-identity';

jest.setTimeout(60_000);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const at = (iso: string) => new Date(iso);

let dir: string;
let identity: SigningIdentity;
let original: Buffer;
let input: SealInput;
let result: SealedContract;
let sealedPath: string;
let certificatePath: string;

const lukaszSignature = signaturePng(1);
const dmitrySignature = signaturePng(2);
/** A field box in the displayed page's top-left area, where a marker word is written. */
const markerBox = { x: 0.1, y: 0.1, width: 0.4, height: 0.05 };
const marker = (page: number) => `FIELD-P${page + 1}`;
const LONG_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 ' +
  'Edg/124.0.2478.80 '.repeat(12);

function fields(): SealField[] {
  const text = (page: number, value: string, box = markerBox): SealField => ({
    page,
    ...box,
    kind: 'text',
    value,
    image: null,
  });
  return [
    ...[0, 1, 2, 3, 4].map((page) => text(page, marker(page))),
    // The same picture twice, in different Buffers: embedded once all the same.
    { page: 0, x: 0.55, y: 0.45, width: 0.3, height: 0.08, kind: 'signature', value: null, image: lukaszSignature },
    {
      page: 2,
      x: 0.5,
      y: 0.8,
      width: 0.4,
      height: 0.1,
      kind: 'signature',
      value: null,
      image: Buffer.from(lukaszSignature),
    },
    { page: 1, x: 0.6, y: 0.7, width: 0.3, height: 0.08, kind: 'signature', value: 'Zoë Faure', image: null },
    { page: 4, x: 0.7, y: 0.8, width: 0.1, height: 0.06, kind: 'initials', value: null, image: dmitrySignature },
    { page: 3, x: 0.1, y: 0.5, width: 0.5, height: 0.04, kind: 'name', value: 'Łukasz Żółć', image: null },
    { page: 3, x: 0.1, y: 0.56, width: 0.3, height: 0.04, kind: 'date', value: '1 May 2024', image: null },
    { page: 0, x: 0.1, y: 0.6, width: 0.04, height: 0.03, kind: 'checkbox', value: 'true', image: null },
    { page: 1, x: 0.1, y: 0.6, width: 0.04, height: 0.03, kind: 'checkbox', value: 'false', image: null },
    text(
      0,
      'Deliverables: twelve posts a month on three networks, one monthly report, and a quarterly review meeting.',
      { x: 0.1, y: 0.7, width: 0.35, height: 0.08 },
    ),
  ];
}

function sealInput(): SealInput {
  return {
    original,
    contractId: '8f14e45f-ceea-467a-9575-6bd9e2b1d3a1',
    title: 'Social media services agreement 2024',
    brandName: 'Zoë & Co Portal',
    verificationUrl: 'https://portal.example.test/verify/8f14e45f',
    originalSha256: sha256(original),
    completedAt: at('2024-05-01T10:15:00Z'),
    fields: fields(),
    recipients: [
      {
        name: 'Łukasz Żółć',
        email: 'lukasz@example.test',
        role: 'signer',
        step: 1,
        status: 'signed',
        signatureImage: lukaszSignature,
        method: 'drawn',
        typedText: null,
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
        timeZone: 'Europe/Warsaw',
        sentAt: at('2024-04-29T08:00:00Z'),
        viewedAt: at('2024-04-29T09:12:00Z'),
        actedAt: at('2024-04-29T09:20:31Z'),
      },
      {
        name: 'Zoë Faure',
        email: 'zoe@example.test',
        role: 'signer',
        step: 2,
        status: 'signed',
        signatureImage: null,
        method: 'typed',
        typedText: 'Zoë Faure',
        ip: '2001:db8::42',
        userAgent: LONG_USER_AGENT,
        timeZone: 'Europe/Paris',
        sentAt: at('2024-04-29T09:20:32Z'),
        viewedAt: at('2024-04-30T07:00:00Z'),
        actedAt: at('2024-04-30T07:05:00Z'),
      },
      {
        name: 'Дмитрий Петров',
        email: 'dmitry@example.test',
        role: 'approver',
        step: 3,
        status: 'approved',
        signatureImage: dmitrySignature,
        method: 'uploaded',
        typedText: null,
        ip: '198.51.100.23',
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15',
        timeZone: 'Asia/Yerevan',
        sentAt: at('2024-04-30T07:05:01Z'),
        viewedAt: at('2024-05-01T10:00:00Z'),
        actedAt: at('2024-05-01T10:15:00Z'),
      },
      {
        name: 'Ana Copy',
        email: 'ana@example.test',
        role: 'copy',
        step: 3,
        status: 'copied',
        signatureImage: null,
        method: null,
        typedText: null,
        ip: null,
        userAgent: null,
        timeZone: null,
        sentAt: null,
        viewedAt: null,
        actedAt: null,
      },
    ],
    events: Array.from({ length: 80 }, (_, index) => ({
      at: new Date(Date.parse('2024-04-29T08:00:00Z') + index * 60_000),
      type: index % 2 ? 'recipient.viewed' : 'contract.reminder_sent',
      actorName: index % 3 ? 'Łukasz Żółć' : null,
      detail: index === 79 ? 'Final event of the log' : `Event number ${index + 1}`,
      ip: index % 3 ? '203.0.113.7' : null,
    })),
    eventChainHash: 'c0ffee'.padEnd(64, '0'),
    identity,
  };
}

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function text(path: string, ...options: string[]): Promise<string> {
  const output = await runTool('pdftotext', [...options, path, '-']);
  expect(output.code).toBe(0);
  return output.stdout;
}

async function pdfsig(path: string): Promise<string> {
  return (await runTool('pdfsig', [path])).stdout;
}

/** The file with every stream decompressed and no object streams: what a script hunter would read. */
async function expanded(path: string): Promise<string> {
  const out = `${path}.qdf`;
  const result = await runTool('qpdf', ['--qdf', '--object-streams=disable', path, out]);
  expect([0, 3]).toContain(result.code);
  return readFileSync(out, 'latin1');
}

/** The bytes the signature covers (the /ByteRange), and the CMS in the hole it leaves. */
function signatureOf(pdf: Buffer): { signedBytes: Buffer; cms: Buffer } {
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  expect(range).not.toBeNull();
  const [start1, length1, start2, length2] = (range ?? []).slice(1).map(Number);
  const hex = pdf.subarray(start1 + length1, start2).toString('latin1');
  expect(hex).toMatch(/^<[0-9a-fA-F]+>$/);
  // The hole is padded with zeros after the CMS: cut at the end of the outer element.
  const padded = Buffer.from(hex.slice(1, -1), 'hex');
  return {
    signedBytes: Buffer.concat([pdf.subarray(start1, start1 + length1), pdf.subarray(start2, start2 + length2)]),
    cms: padded.subarray(0, readDer(padded).end),
  };
}

const count = (haystack: string, needle: string | RegExp) => haystack.split(needle).length - 1;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-seal-contract-'));
  identity = await loadOrCreateSigningIdentity({
    p12Path: null,
    passphrase: null,
    dataDir: join(dir, 'data'),
    organisation: 'Zoë & Co',
  });
  original = await buildFixturePdf();
  input = sealInput();
  result = await sealContract(input);
  sealedPath = write('sealed.pdf', result.sealed);
  certificatePath = write('certificate.pdf', result.certificate);
});
afterAll(() => (process.env['KEEP_PDF'] ? undefined : rmSync(dir, { recursive: true, force: true })));

describe('sealContract', () => {
  it.each([
    ['the sealed contract', () => sealedPath],
    ['the certificate alone', () => certificatePath],
  ])('signs %s as a whole, validly (the self-signed issuer is not trusted: expected)', async (_, path) => {
    const report = await pdfsig(path());
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signer Certificate Common Name: Zoë & Co document signing');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(count(report, /Signature #\d+:/)).toBe(1);
  });

  it('signs PAdES B-B: signing-certificate-v2 naming the certificate sent, no signing-time; openssl agrees', async () => {
    const { signedBytes, cms } = signatureOf(result.sealed);
    // ContentInfo { contentType, [0] SignedData { …, [0] certificates, …, signerInfos SET { SignerInfo } } }
    const signedData = derChildren(cms, derChildren(cms, readDerDocument(cms))[1])[0];
    const signedDataParts = derChildren(cms, signedData);
    const certificates = signedDataParts.find((part) => part.tag === DER_TAG.context(0));
    expect(certificates).toBeDefined();
    const certificate = derChildren(cms, certificates ?? signedData)[0];
    const [signerInfo] = derChildren(cms, signedDataParts.at(-1) ?? signedData);
    const signedAttributes = derChildren(cms, signerInfo).find((part) => part.tag === DER_TAG.context(0));
    expect(signedAttributes).toBeDefined();
    const attributes = new Map(
      derChildren(cms, signedAttributes ?? signerInfo).map((attribute) => {
        const [type, values] = derChildren(cms, attribute);
        return [readOid(cms, type), derChildren(cms, values)] as const;
      }),
    );
    expect([...attributes.keys()]).toEqual([
      '1.2.840.113549.1.9.3', // content-type
      '1.2.840.113549.1.9.4', // message-digest
      '1.2.840.113549.1.9.16.2.47', // signing-certificate-v2
    ]);

    // SigningCertificateV2 { certs { ESSCertIDv2 { certHash (SHA-256: no hashAlgorithm), issuerSerial } } }
    const [signingCertificate] = attributes.get('1.2.840.113549.1.9.16.2.47') ?? [];
    const [certs] = derChildren(cms, signingCertificate);
    const essCertIds = derChildren(cms, certs);
    expect(essCertIds).toHaveLength(1);
    const [certHash, issuerSerial] = derChildren(cms, essCertIds[0]);
    expect(certHash.tag).toBe(DER_TAG.octetString);
    expect(derContent(cms, certHash).toString('hex')).toBe(sha256(derBytes(cms, certificate)));
    // IssuerSerial { GeneralNames { [4] issuer }, serialNumber }: the certificate's own bytes.
    const [tbs] = derChildren(cms, certificate);
    const [, serialNumber, , issuer] = derChildren(cms, tbs);
    const [generalNames, serial] = derChildren(cms, issuerSerial);
    const [directoryName] = derChildren(cms, generalNames);
    expect(directoryName.tag).toBe(0xa4);
    expect(derContent(cms, directoryName)).toEqual(derBytes(cms, issuer));
    expect(derBytes(cms, serial)).toEqual(derBytes(cms, serialNumber));

    const cmsPath = write('sealed.p7s', cms);
    const contentPath = write('sealed.signed-bytes', signedBytes);
    const verified = await runTool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      cmsPath,
      '-content',
      contentPath,
      '-noverify',
      '-out',
      join(dir, 'sealed.verified'),
    ]);
    expect(verified.stderr).toContain('Verification successful');
    expect(verified.code).toBe(0);
  });

  it.each([
    ['the sealed contract', () => sealedPath],
    ['the certificate alone', () => certificatePath],
  ])('writes %s as a PDF qpdf finds no fault in', async (_, path) => {
    const check = await runTool('qpdf', ['--check', path()]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('prints the certificate: every recipient in any script, the title, both fingerprints, where to verify', async () => {
    const sealedText = await text(sealedPath);
    const certificateText = await text(certificatePath);
    for (const printed of [sealedText, certificateText]) {
      for (const expected of [
        'Łukasz Żółć',
        'Zoë Faure',
        'Дмитрий Петров',
        'Ana Copy',
        'zoe@example.test',
        'Social media services agreement 2024',
        input.contractId,
        input.originalSha256,
        result.filledSha256,
        input.verificationUrl,
        '2024-05-01 10:15:00 UTC',
        '2001:db8::42',
        'Asia/Yerevan',
        'Zoë & Co Portal',
        'Signing certificate',
      ]) {
        expect(printed).toContain(expected);
      }
      // A very long user agent is cut with an ellipsis rather than filling the page.
      expect(printed).toContain('…');
      expect(count(printed, 'Edg/124.0.2478.80')).toBeLessThan(12);
    }
    expect(result.filledSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.filledSha256).not.toBe(input.originalSha256);
  });

  it('prints every event of the audit log over several pages, then the chain hash', async () => {
    const printed = await text(certificatePath);
    expect(printed).toContain('Audit log');
    expect(printed).toContain('Event number 1\n');
    expect(printed).toContain('Final event of the log');
    expect(printed).toContain('recipient.viewed');
    expect(printed).toContain('2024-04-29 09:19:00');
    expect(printed).toContain(input.eventChainHash as string);
    expect(printed).toMatch(/audit log[^\n]*\n[\s\S]*page 2 of 2/);
  });

  it('appends the certificate and audit pages to the contract, and only them', async () => {
    const pages = async (path: string) => Number(/Pages:\s+(\d+)/.exec((await runTool('pdfinfo', [path])).stdout)?.[1]);
    const certificatePages = await pages(certificatePath);
    expect(certificatePages).toBeGreaterThanOrEqual(3);
    expect(await pages(sealedPath)).toBe(5 + certificatePages);
    // The contract's own pages keep their text.
    const firstPages = await text(sealedPath, '-f', '1', '-l', '5');
    for (const label of ['Plain page', 'Turned a quarter', 'Cropped page', 'Upside down and cropped']) {
      expect(firstPages).toContain(label);
    }
  });

  it('writes each filled value on its own page, inside its box, on rotated and cropped pages alike', async () => {
    const displayed = (await inspectPdf(original, { maxPages: 10 })).pages;
    for (let page = 0; page < 5; page++) {
      // -cropbox: positions from the top-left of the displayed (cropped, turned) page, like the editor's.
      const boxes = await text(sealedPath, '-bbox', '-cropbox', '-f', String(page + 1), '-l', String(page + 1));
      for (let other = 0; other < 5; other++) {
        expect(boxes.includes(`>${marker(other)}<`)).toBe(other === page);
      }
      const word = new RegExp(`xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${marker(page)}<`);
      const [xMin, yMin, xMax, yMax] = (word.exec(boxes) ?? []).slice(1).map(Number);
      const { width, height } = displayed[page];
      const tolerance = 1;
      expect(xMin).toBeGreaterThanOrEqual(markerBox.x * width - tolerance);
      expect(yMin).toBeGreaterThanOrEqual(markerBox.y * height - tolerance);
      expect(xMax).toBeLessThanOrEqual((markerBox.x + markerBox.width) * width + tolerance);
      expect(yMax).toBeLessThanOrEqual((markerBox.y + markerBox.height) * height + tolerance);
    }
    const fourth = await text(sealedPath, '-f', '4', '-l', '4');
    expect(fourth).toContain('Łukasz Żółć');
    expect(fourth).toContain('1 May 2024');
    const second = await text(sealedPath, '-f', '2', '-l', '2');
    expect(second).toContain('Zoë Faure');
    const first = await text(sealedPath, '-f', '1', '-l', '1');
    expect(first.replace(/\s+/g, ' ')).toContain(
      'Deliverables: twelve posts a month on three networks, one monthly report, and a quarterly review meeting.',
    );
  });

  it('embeds each signature picture once, however often it is drawn', async () => {
    const file = await expanded(sealedPath);
    // Two pictures (Łukasz's, drawn three times; Дмитрий's, twice), each an image and its alpha mask.
    expect(count(file, '/Subtype /Image')).toBe(4);
  });

  it('leaves no script, open action or live form field in the sealed file', async () => {
    const before = await expanded(write('original.pdf', original));
    for (const active of ['/JavaScript', '/OpenAction', '/AA', '/JS']) expect(before).toContain(active);
    expect(before).toContain('/FT /Tx');

    for (const path of [sealedPath, certificatePath]) {
      const after = await expanded(path);
      for (const active of ['/JavaScript', '/OpenAction', '/AA', '/JS ', '/Launch'])
        expect(after).not.toContain(active);
      // The only field left is the seal's own signature.
      expect(count(after, '/FT ')).toBe(1);
      expect(after).toContain('/FT /Sig');
    }
    // The form's value stays on the page, drawn into it.
    expect(await text(sealedPath, '-f', '1', '-l', '1')).toContain('Filled in before upload');
  });

  it('shows any change to the signed bytes as a broken signature', async () => {
    const tampered = Buffer.from(result.sealed);
    // A byte early in the file (the binary comment after the header): still a readable PDF.
    const offset = tampered.indexOf('\n%') + 2;
    tampered[offset] ^= 0x01;
    expect(sha256(tampered)).not.toBe(sha256(result.sealed));
    const report = await pdfsig(write('tampered.pdf', tampered));
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it('refuses a field on a page the document does not have', async () => {
    const stray: SealField = { page: 8, ...markerBox, kind: 'text', value: 'lost', image: null };
    await expect(sealContract({ ...input, fields: [stray] })).rejects.toThrow(/page 9, but the document has 5/);
  });
});

describe('stampVoid', () => {
  let voidedPath: string;
  const reason = 'Replaced by the corrected version';

  beforeAll(async () => {
    const voided = await stampVoid({
      original,
      title: 'Social media services agreement 2024',
      brandName: 'Zoë & Co Portal',
      reason,
      voidedAt: at('2024-06-01T09:30:00Z'),
      identity,
    });
    voidedPath = write('voided.pdf', voided);
  });

  it('marks every page VOID, with when and why', async () => {
    for (let page = 1; page <= 5; page++) {
      // -raw: in drawing order. pdftotext still sees gaps between the huge tilted letters ("V O I D").
      const printed = (await text(voidedPath, '-raw', '-f', String(page), '-l', String(page))).replace(/\s+/g, ' ');
      expect(printed.replace(/\s/g, '')).toContain('VOID');
      expect(printed).toContain(`Voided on 2024-06-01 09:30:00 UTC: ${reason}`);
    }
  });

  it('signs the voided copy validly, as a sound file without scripts', async () => {
    const report = await pdfsig(voidedPath);
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    const check = await runTool('qpdf', ['--check', voidedPath]);
    expect(check.code).toBe(0);
    const file = await expanded(voidedPath);
    for (const active of ['/JavaScript', '/OpenAction', '/AA']) expect(file).not.toContain(active);
  });
});
