/**
 * The certificate and key that seal completed contracts. An operator may give their own PKCS#12
 * (issued by a CA their clients' PDF readers trust); without one, Atrium makes a self-signed
 * identity on first start and keeps it in the data directory, so every contract of an installation
 * is sealed by the same certificate and a reader that trusts it once trusts them all.
 *
 * The two files are created together by renaming a finished temporary directory into place: a
 * directory rename onto a non-empty directory fails, so when two processes start at once exactly one
 * identity wins and the other process reads it, and nobody ever sees a key without its passphrase.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { distinguishedName, isSelfSigned, openPkcs12 } from './pkcs12-contents';

export interface SigningIdentity {
  /** PKCS#12 bytes holding the certificate and its (encrypted) private key. */
  p12: Buffer;
  passphrase: string;
  /** The certificate's subject, e.g. "CN=Acme document signing, O=Acme". */
  subject: string;
  selfSigned: boolean;
}

export interface SigningIdentityOptions {
  /** An operator-provided PKCS#12 file; null = use (or make) the installation's own identity. */
  p12Path: string | null;
  passphrase: string | null;
  dataDir: string;
  /** Named in the self-signed certificate's subject. */
  organisation: string;
}

const SIGNING_DIR = 'signing';
const P12_FILE = 'signing.p12';
const PASSPHRASE_FILE = 'signing.passphrase';
const VALIDITY_YEARS = 10;
/** id-kp-documentSigning (RFC 9336); readers that do not know it ignore it (the extension is not critical). */
const DOCUMENT_SIGNING_OID = '1.3.6.1.5.5.7.3.36';

export async function loadOrCreateSigningIdentity(options: SigningIdentityOptions): Promise<SigningIdentity> {
  if (options.p12Path) return readGivenIdentity(options.p12Path, options.passphrase ?? '');
  return loadOrCreateOwnIdentity(options.dataDir, options.organisation);
}

async function readGivenIdentity(p12Path: string, passphrase: string): Promise<SigningIdentity> {
  let p12: Buffer;
  try {
    p12 = await readFile(p12Path);
  } catch (error) {
    throw new Error(`The signing certificate file ${p12Path} cannot be read (${(error as Error).message}).`);
  }
  return { p12, passphrase, ...describeP12(p12, passphrase, p12Path) };
}

async function loadOrCreateOwnIdentity(dataDir: string, organisation: string): Promise<SigningIdentity> {
  const dir = join(dataDir, SIGNING_DIR);
  const existing = await readOwnIdentity(dir);
  if (existing) return existing;

  await mkdir(dataDir, { recursive: true });
  // mkdtemp makes the directory 0700; on the same file system as its destination, so rename is atomic.
  const staging = await mkdtemp(join(dataDir, `.${SIGNING_DIR}-`));
  try {
    const passphrase = randomBytes(32).toString('base64url');
    const p12 = createSelfSignedP12(organisation, passphrase);
    await writeFile(join(staging, P12_FILE), p12, { mode: 0o600 });
    await writeFile(join(staging, PASSPHRASE_FILE), passphrase, { mode: 0o600 });
    await chmod(staging, 0o700);
    await rename(staging, dir);
  } catch (error) {
    // Lost the race (the directory is there now, complete): use the winner's identity.
    const winner = await readOwnIdentity(dir).catch(() => null);
    if (winner) return winner;
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const created = await readOwnIdentity(dir);
  if (!created) throw new Error(`The signing identity written to ${dir} could not be read back.`);
  return created;
}

/** The identity kept in `dir`, or null when there is none yet. Half an identity is an error, not "none". */
async function readOwnIdentity(dir: string): Promise<SigningIdentity | null> {
  const p12 = await readFileOrNull(join(dir, P12_FILE));
  const passphrase = (await readFileOrNull(join(dir, PASSPHRASE_FILE)))?.toString('utf8').trim() ?? null;
  if (p12 === null && passphrase === null) return null;
  if (p12 === null || passphrase === null) {
    throw new Error(
      `${dir} holds ${p12 ? P12_FILE : PASSPHRASE_FILE} without ${p12 ? PASSPHRASE_FILE : P12_FILE}. ` +
        `Restore the missing file, or remove the directory to create a new signing identity.`,
    );
  }
  return { p12, passphrase, ...describeP12(p12, passphrase, join(dir, P12_FILE)) };
}

async function readFileOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Decodes the PKCS#12 as the signer will, so a wrong passphrase fails at start-up, not at the first seal. */
function describeP12(p12: Buffer, passphrase: string, path: string): { subject: string; selfSigned: boolean } {
  const { certificate } = openPkcs12(p12, passphrase, path);
  return { subject: distinguishedName(certificate.subject), selfSigned: isSelfSigned(certificate) };
}

function createSelfSignedP12(organisation: string, passphrase: string): Buffer {
  // node:crypto makes the RSA key in native code (milliseconds); forge would take seconds in JavaScript.
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial of 16 random bytes (the top bit cleared keeps the DER integer positive).
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = new Date();
  // An hour back, so a reader whose clock runs a little behind still sees the certificate as valid.
  cert.validity.notBefore = new Date(now.getTime() - 3_600_000);
  cert.validity.notAfter = new Date(now);
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + VALIDITY_YEARS);
  // UTF8String, so an organisation named in any script survives (forge encodes the text itself).
  // Most general first, as CAs order names (read back as "CN=…, O=…").
  const subject = [
    { name: 'organizationName', value: organisation },
    { name: 'commonName', value: `${organisation} document signing` },
  ].map((attribute) => ({ ...attribute, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }));
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'extKeyUsage', emailProtection: true, [DOCUMENT_SIGNING_OID]: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, {
    algorithm: 'aes256',
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
