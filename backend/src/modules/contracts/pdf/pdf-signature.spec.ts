import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { signDocument } from './pdf-signature';
import { runTool } from './pdf-test-support';
import { loadOrCreateSigningIdentity } from './signing-identity';

jest.setTimeout(30_000);

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'atrium-pdf-signature-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openssl(...args: string[]): Promise<void> {
  expect((await runTool('openssl', args)).code).toBe(0);
}

describe('signDocument', () => {
  it("signs with an operator's PKCS#12 from OpenSSL 3 whose names are not ASCII (P12Signer could not)", async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const p12Path = join(dir, 'operator.p12');
    const subject = '/O=Ärzte Zoë GmbH/CN=Ärzte Zoë GmbH document signing';
    await openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      subject,
      '-utf8',
    );
    await openssl('pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12Path, '-passout', 'pass:s3cret');
    const identity = await loadOrCreateSigningIdentity({
      p12Path,
      passphrase: 's3cret',
      dataDir: dir,
      organisation: 'unused',
    });

    const doc = await PDFDocument.create();
    doc.addPage();
    const signed = await signDocument(doc, { reason: 'Test', name: 'Ärzte Zoë', signedAt: new Date() }, identity);
    const path = join(dir, 'signed.pdf');
    writeFileSync(path, signed);
    const report = (await runTool('pdfsig', [path])).stdout;
    expect(report).toContain('Signer Certificate Common Name: Ärzte Zoë GmbH document signing');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
  });
});
