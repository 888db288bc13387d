import { mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from './pdf-test-support';
import { loadOrCreateSigningIdentity } from './signing-identity';

jest.setTimeout(30_000);

let root: string;
beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'atrium-signing-identity-'))));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fresh = (name: string) => join(root, name);
const own = (dataDir: string) =>
  loadOrCreateSigningIdentity({ p12Path: null, passphrase: null, dataDir, organisation: 'Zoë & Co' });
const mode = (path: string) => statSync(path).mode & 0o777;

describe('loadOrCreateSigningIdentity without a given certificate', () => {
  it('creates a self-signed identity on first start, private to the server, and reuses it after', async () => {
    const dataDir = fresh('first-start');
    const created = await own(dataDir);
    expect(created).toMatchObject({ subject: 'CN=Zoë & Co document signing, O=Zoë & Co', selfSigned: true });
    expect(created.passphrase.length).toBeGreaterThanOrEqual(32);
    expect(mode(join(dataDir, 'signing'))).toBe(0o700);
    expect(mode(join(dataDir, 'signing', 'signing.p12'))).toBe(0o600);
    expect(mode(join(dataDir, 'signing', 'signing.passphrase'))).toBe(0o600);

    const again = await own(dataDir);
    expect(again.p12.equals(created.p12)).toBe(true);
    expect(again.passphrase).toBe(created.passphrase);
  });

  it('makes a certificate fit for signing documents, valid for ten years', async () => {
    const dataDir = fresh('certificate');
    const identity = await own(dataDir);
    const exported = await runTool('openssl', [
      'pkcs12',
      '-in',
      join(dataDir, 'signing', 'signing.p12'),
      '-nokeys',
      '-passin',
      `pass:${identity.passphrase}`,
    ]);
    expect(exported.code).toBe(0);
    const certificate = join(dataDir, 'certificate.pem');
    writeFileSync(certificate, exported.stdout);
    const text = (await runTool('openssl', ['x509', '-in', certificate, '-noout', '-text', '-nameopt', 'utf8'])).stdout;
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toContain('E-mail Protection');
    expect(text).toContain('CN=Zoë & Co document signing');
    const notAfter = /Not After : (.+)/.exec(text)?.[1] ?? '';
    const years = (Date.parse(notAfter) - Date.now()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(9.9);
    expect(years).toBeLessThan(10.1);
  });

  it('ends with one identity when several starts race (as processes starting together would)', async () => {
    const dataDir = fresh('race');
    const identities = await Promise.all([own(dataDir), own(dataDir), own(dataDir), own(dataDir)]);
    for (const identity of identities) {
      expect(identity.p12.equals(identities[0].p12)).toBe(true);
      expect(identity.passphrase).toBe(identities[0].passphrase);
    }
    expect((await own(dataDir)).p12.equals(identities[0].p12)).toBe(true);
  });

  it('refuses half an identity rather than silently replacing the certificate', async () => {
    const dataDir = fresh('half');
    await own(dataDir);
    unlinkSync(join(dataDir, 'signing', 'signing.passphrase'));
    await expect(own(dataDir)).rejects.toThrow(/signing\.p12 without signing\.passphrase.*Restore the missing file/);
  });
});

describe('loadOrCreateSigningIdentity with a given certificate', () => {
  let p12Path: string;
  let passphrase: string;
  beforeAll(async () => {
    const dataDir = fresh('given');
    passphrase = (await own(dataDir)).passphrase;
    p12Path = join(dataDir, 'signing', 'signing.p12');
  });
  const given = (path: string, secret: string | null) =>
    loadOrCreateSigningIdentity({ p12Path: path, passphrase: secret, dataDir: fresh('unused'), organisation: 'x' });

  it('reads it with its passphrase', async () => {
    expect(await given(p12Path, passphrase)).toMatchObject({ passphrase, selfSigned: true });
  });

  it('refuses a wrong passphrase, saying so', async () => {
    await expect(given(p12Path, 'not the passphrase')).rejects.toThrow(
      `The passphrase of the signing certificate ${p12Path} is wrong.`,
    );
    await expect(given(p12Path, null)).rejects.toThrow(/passphrase .* is wrong/);
  });

  it('refuses a missing file and a file that is not PKCS#12', async () => {
    await expect(given(join(root, 'nowhere.p12'), 'x')).rejects.toThrow(/nowhere\.p12 cannot be read/);
    const notP12 = join(root, 'not.p12');
    writeFileSync(notP12, 'This is not a certificate.');
    await expect(given(notP12, 'x')).rejects.toThrow(/not\.p12 is not a readable PKCS#12 file/);
  });

  it('reads a PKCS#12 made by OpenSSL 3 (AES-256, SHA-256 MAC) for a CA-issued looking name', async () => {
    const dir = fresh('openssl');
    mkdirSync(dir);
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const p12 = join(dir, 'operator.p12');
    const subject = ['-subj', '/O=Ärzte Zoë GmbH/CN=Ärzte Zoë GmbH document signing', '-utf8'];
    expect(
      (
        await runTool('openssl', [
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
          ...subject,
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await runTool('openssl', [
          'pkcs12',
          '-export',
          '-inkey',
          key,
          '-in',
          cert,
          '-out',
          p12,
          '-passout',
          'pass:s3cret',
        ])
      ).code,
    ).toBe(0);
    expect(await given(p12, 's3cret')).toMatchObject({
      subject: 'CN=Ärzte Zoë GmbH document signing, O=Ärzte Zoë GmbH',
      selfSigned: true,
    });
  });
});
