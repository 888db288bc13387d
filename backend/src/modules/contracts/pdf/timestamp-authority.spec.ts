/**
 * Time-stamped seals against a time-stamping authority started here, on 127.0.0.1: no test reaches
 * a public TSA. The authority signs real RFC 3161 tokens (its certificate made with node-forge, the
 * RSA signature by node:crypto), good enough for `openssl ts -verify`; other paths answer the ways
 * an authority can fail.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { DER_TAG, der, derBytes, derChildren, derOid, derUnsignedInteger, readDer, readDerDocument } from './der';
import { buildFixturePdf, runTool } from './pdf-test-support';
import { sealContract, stampVoid, type SealInput } from './seal-contract';
import { loadOrCreateSigningIdentity, type SigningIdentity } from './signing-identity';
import { requestTimestamp, TIMESTAMP_TIMEOUT_MS, TimestampAuthorityError } from './timestamp-authority';

jest.setTimeout(60_000);

const OID = {
  signedData: forge.pki.oids.signedData,
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: forge.pki.oids.contentType,
  messageDigest: forge.pki.oids.messageDigest,
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: forge.pki.oids.sha256,
  rsaEncryption: forge.pki.oids.rsaEncryption,
  /** A made-up policy: the test authority's. */
  policy: '1.3.6.1.4.1.55555.1.1',
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
const binary = (bytes: Buffer) => bytes.toString('binary');
const fromBinary = (bytes: string) => Buffer.from(bytes, 'binary');

/** What the authority received, decoded with forge (not with our own DER code). */
interface ReceivedRequest {
  contentType: string | undefined;
  version: number;
  hashAlgorithm: string;
  hashedMessage: Buffer;
  /** The nonce INTEGER as sent (DER). */
  nonce: Buffer;
  certReq: boolean;
}

/** A self-signed certificate for time-stamping only (extendedKeyUsage timeStamping, critical, as RFC 3161 requires). */
function tsaCertificate(): { key: KeyObject; certDer: Buffer; certPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const name = [{ name: 'commonName', value: 'Atrium test TSA' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'extKeyUsage', critical: true, timeStamping: true },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const certDer = fromBinary(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
  return { key: privateKey, certDer, certPem: forge.pki.certificateToPem(cert) };
}

class TestTimestampAuthority {
  readonly requests: ReceivedRequest[] = [];
  private readonly server: Server;
  private readonly tsa = tsaCertificate();

  constructor() {
    this.server = createServer((request, response) => void this.answer(request, response));
  }

  get certPem(): string {
    return this.tsa.certPem;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received = this.decode(request, Buffer.concat(chunks));
    this.requests.push(received);
    const reply = (body: Buffer): void => {
      response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(body);
    };
    switch (request.url) {
      case '/granted':
        return reply(granted(this.token(received.hashedMessage, received.nonce)));
      case '/granted-with-mods':
        return reply(
          der(
            DER_TAG.sequence,
            der(DER_TAG.sequence, derUnsignedInteger(1)),
            this.token(received.hashedMessage, received.nonce),
          ),
        );
      case '/http-500':
        response.writeHead(500).end('TSA database unavailable');
        return;
      case '/rejection': {
        // status 2 (rejection), a reason, failInfo unacceptedPolicy (bit 15).
        const statusInfo = der(
          DER_TAG.sequence,
          derUnsignedInteger(2),
          der(DER_TAG.sequence, der(DER_TAG.utf8String, Buffer.from('policy not supported', 'utf8'))),
          der(DER_TAG.bitString, Buffer.from([0x00, 0x00, 0x01])),
        );
        return reply(der(DER_TAG.sequence, statusInfo));
      }
      case '/wrong-nonce': {
        const other = derUnsignedInteger(randomBytes(8));
        return reply(granted(this.token(received.hashedMessage, other)));
      }
      case '/wrong-imprint':
        return reply(granted(this.token(sha256(Buffer.from('another signature')), received.nonce)));
      case '/huge':
        // Chunked, without a Content-Length: the limit must hold while reading.
        for (let index = 0; index < 100; index++) response.write(Buffer.alloc(1024, 0x30));
        response.end();
        return;
      case '/moved':
        response.writeHead(301, { Location: '/granted' }).end();
        return;
      case '/not-a-response':
        return reply(Buffer.from('<html>Welcome to our time service</html>'));
      case '/hang':
        return; // never answers
      default:
        response.writeHead(404).end();
    }
  }

  private decode(request: IncomingMessage, body: Buffer): ReceivedRequest {
    const asn1 = forge.asn1.fromDer(binary(body));
    const [version, imprint, nonce, certReq] = asn1.value as forge.asn1.Asn1[];
    const [algorithm, hashed] = imprint.value as forge.asn1.Asn1[];
    return {
      contentType: request.headers['content-type'],
      version: forge.asn1.derToInteger(version.value as string),
      hashAlgorithm: forge.asn1.derToOid((algorithm.value as forge.asn1.Asn1[])[0].value as string),
      hashedMessage: fromBinary(hashed.value as string),
      nonce: fromBinary(forge.asn1.toDer(nonce).getBytes()),
      certReq: certReq?.value === '\xff',
    };
  }

  /** A TimeStampToken: CMS SignedData over a TSTInfo, signed attributes as RFC 3161/5035 want them. */
  private token(hashedMessage: Buffer, nonce: Buffer): Buffer {
    const sha256Algorithm = der(DER_TAG.sequence, derOid(OID.sha256));
    const genTime = new Date()
      .toISOString()
      .replace(/[-:T]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const tstInfo = der(
      DER_TAG.sequence,
      derUnsignedInteger(1),
      derOid(OID.policy),
      der(DER_TAG.sequence, sha256Algorithm, der(DER_TAG.octetString, hashedMessage)),
      derUnsignedInteger(randomBytes(8)),
      der(DER_TAG.generalizedTime, Buffer.from(genTime, 'latin1')),
      nonce,
    );
    const { certDer, key } = this.tsa;
    const tbs = derChildren(certDer, derChildren(certDer, readDerDocument(certDer))[0]);
    const [serial, issuer] = [derBytes(certDer, tbs[1]), derBytes(certDer, tbs[3])];
    const attribute = (oid: string, value: Buffer) => der(DER_TAG.sequence, derOid(oid), der(DER_TAG.set, value));
    // A DER SET OF is sorted by the elements' encodings.
    const signedAttributes = [
      attribute(OID.contentType, derOid(OID.tstInfo)),
      attribute(OID.messageDigest, der(DER_TAG.octetString, sha256(tstInfo))),
      attribute(
        OID.signingCertificateV2,
        der(DER_TAG.sequence, der(DER_TAG.sequence, der(DER_TAG.sequence, der(DER_TAG.octetString, sha256(certDer))))),
      ),
    ].sort(Buffer.compare);
    const signature = createSign('sha256')
      .update(der(DER_TAG.set, ...signedAttributes))
      .sign(key);
    const signerInfo = der(
      DER_TAG.sequence,
      derUnsignedInteger(1),
      der(DER_TAG.sequence, issuer, serial),
      sha256Algorithm,
      der(DER_TAG.context(0), ...signedAttributes),
      der(DER_TAG.sequence, derOid(OID.rsaEncryption), der(DER_TAG.null)),
      der(DER_TAG.octetString, signature),
    );
    const signedData = der(
      DER_TAG.sequence,
      derUnsignedInteger(3),
      der(DER_TAG.set, sha256Algorithm),
      der(DER_TAG.sequence, derOid(OID.tstInfo), der(DER_TAG.context(0), der(DER_TAG.octetString, tstInfo))),
      der(DER_TAG.context(0), certDer),
      der(DER_TAG.set, signerInfo),
    );
    return der(DER_TAG.sequence, derOid(OID.signedData), der(DER_TAG.context(0), signedData));
  }
}

function granted(token: Buffer): Buffer {
  return der(DER_TAG.sequence, der(DER_TAG.sequence, derUnsignedInteger(0)), token);
}

/** The CMS in the signature's /Contents: the hole the /ByteRange leaves, hex-decoded, parsed by forge. */
function signatureCms(pdf: Buffer): forge.asn1.Asn1 {
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  expect(range).not.toBeNull();
  const [holeStart, holeEnd] = [Number(range?.[2]), Number(range?.[3])];
  const hex = pdf.subarray(holeStart, holeEnd).toString('latin1');
  expect(hex).toMatch(/^<[0-9a-fA-F]+>$/);
  // The hole is padded with zeros after the CMS: cut at the end of the outer element.
  const padded = Buffer.from(hex.slice(1, -1), 'hex');
  return forge.asn1.fromDer(binary(padded.subarray(0, readDer(padded).end)));
}

interface SignatureParts {
  signatureValue: Buffer;
  unsignedAttributeTypes: string[];
  token: forge.asn1.Asn1 | null;
}

function signatureParts(pdf: Buffer): SignatureParts {
  const values = (node: forge.asn1.Asn1) => node.value as forge.asn1.Asn1[];
  const signedData = values(values(signatureCms(pdf))[1])[0];
  const signerInfo = values(values(signedData).at(-1) as forge.asn1.Asn1)[0];
  const parts = values(signerInfo);
  const unsigned = parts.find((part) => part.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && part.type === 1);
  const signature = parts.filter((part) => part.type === forge.asn1.Type.OCTETSTRING).at(-1);
  const attributes = unsigned ? values(unsigned) : [];
  const stamp = attributes.find((attribute) => oidOf(values(attribute)[0]) === OID.signatureTimeStampToken);
  return {
    signatureValue: fromBinary(signature?.value as string),
    unsignedAttributeTypes: attributes.map((attribute) => oidOf(values(attribute)[0])),
    token: stamp ? values(values(stamp)[1])[0] : null,
  };
}

function oidOf(node: forge.asn1.Asn1): string {
  return forge.asn1.derToOid(node.value as string);
}

/** The hashed message of the token's TSTInfo. */
function tokenImprint(token: forge.asn1.Asn1): { algorithm: string; hashed: Buffer } {
  const values = (node: forge.asn1.Asn1) => node.value as forge.asn1.Asn1[];
  const encapsulated = values(values(values(token)[1])[0])[2];
  const octets = values(values(encapsulated)[1])[0];
  const tstInfo =
    typeof octets.value === 'string' ? forge.asn1.fromDer(octets.value) : (values(octets)[0] as forge.asn1.Asn1);
  const [algorithm, hashed] = values(values(tstInfo)[2]);
  return { algorithm: oidOf(values(algorithm)[0]), hashed: fromBinary(hashed.value as string) };
}

let dir: string;
let identity: SigningIdentity;
let original: Buffer;
const tsa = new TestTimestampAuthority();

function sealInput(timestampUrl: string | null): SealInput {
  return {
    original,
    contractId: '3c59dc04-8b0f-4c11-9a51-5b2a0c7e1f20',
    title: 'Time-stamped services agreement',
    brandName: 'Acme Portal',
    verificationUrl: 'https://portal.example.test/verify',
    originalSha256: sha256(original).toString('hex'),
    completedAt: new Date('2024-05-01T10:15:00Z'),
    fields: [],
    recipients: [
      {
        name: 'Ada Signer',
        email: 'ada@example.test',
        role: 'signer',
        step: 1,
        status: 'signed',
        signatureImage: null,
        method: 'typed',
        typedText: 'Ada Signer',
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0',
        timeZone: 'Europe/Paris',
        sentAt: new Date('2024-04-30T08:00:00Z'),
        viewedAt: new Date('2024-05-01T10:00:00Z'),
        actedAt: new Date('2024-05-01T10:15:00Z'),
      },
    ],
    events: [
      {
        at: new Date('2024-05-01T10:15:00Z'),
        type: 'recipient.signed',
        actorName: 'Ada Signer',
        detail: null,
        ip: null,
      },
    ],
    eventChainHash: null,
    identity,
    timestampUrl,
  };
}

function voidInput(timestampUrl: string) {
  return {
    original,
    title: 'Time-stamped services agreement',
    brandName: 'Acme Portal',
    reason: 'Replaced',
    voidedAt: new Date('2024-06-01T09:30:00Z'),
    identity,
    timestampUrl,
  };
}

async function pdfsig(name: string, pdf: Buffer): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return (await runTool('pdfsig', [path])).stdout;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-timestamp-'));
  identity = await loadOrCreateSigningIdentity({
    p12Path: null,
    passphrase: null,
    dataDir: join(dir, 'data'),
    organisation: 'Acme',
  });
  original = await buildFixturePdf();
  await tsa.start();
});
afterAll(async () => {
  await tsa.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('sealContract with a time-stamping authority', () => {
  let sealed: Buffer;
  let certificate: Buffer;

  beforeAll(async () => {
    tsa.requests.length = 0;
    ({ sealed, certificate } = await sealContract(sealInput(tsa.url('/granted'))));
  });

  it('asks the authority once per signature, with a proper RFC 3161 request', () => {
    expect(tsa.requests).toHaveLength(2);
    for (const request of tsa.requests) {
      expect(request).toMatchObject({
        contentType: 'application/timestamp-query',
        version: 1,
        hashAlgorithm: OID.sha256,
        certReq: true,
      });
      expect(request.hashedMessage).toHaveLength(32);
    }
    // A fresh nonce each time.
    expect(tsa.requests[0].nonce.equals(tsa.requests[1].nonce)).toBe(false);
  });

  it.each([
    ['the sealed contract', () => sealed],
    ['the certificate alone', () => certificate],
  ])('keeps %s signed as a whole and valid', async (name, pdf) => {
    // pdfsig (poppler 22.12) says nothing about signature time-stamps, so the token is checked below,
    // with forge and with OpenSSL.
    const report = await pdfsig(`${name}.pdf`, pdf());
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
  });

  it.each([
    ['the sealed contract', () => sealed],
    ['the certificate alone', () => certificate],
  ])(
    'puts in %s a token over the signature value, as the unsigned attribute signatureTimeStampToken',
    async (name, pdf) => {
      const { signatureValue, unsignedAttributeTypes, token } = signatureParts(pdf());
      expect(unsignedAttributeTypes).toEqual([OID.signatureTimeStampToken]);
      expect(token).not.toBeNull();
      const imprint = tokenImprint(token as forge.asn1.Asn1);
      expect(imprint.algorithm).toBe(OID.sha256);
      expect(imprint.hashed.equals(sha256(signatureValue))).toBe(true);

      // OpenSSL agrees: the token is the authority's, intact, and time-stamps exactly that signature value.
      const base = join(dir, name.replace(/\W+/g, '-'));
      writeFileSync(`${base}.sig`, signatureValue);
      writeFileSync(`${base}.tst`, fromBinary(forge.asn1.toDer(token as forge.asn1.Asn1).getBytes()));
      writeFileSync(`${base}.tsa.pem`, tsa.certPem);
      const verified = await runTool('openssl', [
        'ts',
        '-verify',
        '-data',
        `${base}.sig`,
        '-in',
        `${base}.tst`,
        '-token_in',
        '-CAfile',
        `${base}.tsa.pem`,
      ]);
      expect(verified.stdout + verified.stderr).toContain('Verification: OK');
    },
  );

  it('leaves an untimed seal as it was: no unsigned attributes, no request', async () => {
    tsa.requests.length = 0;
    const untimed = await sealContract(sealInput(null));
    expect(tsa.requests).toHaveLength(0);
    expect(signatureParts(untimed.sealed).unsignedAttributeTypes).toEqual([]);
    expect(await pdfsig('untimed.pdf', untimed.sealed)).toContain('Signature is Valid.');
  });

  it('accepts a token granted with modifications (status 1)', async () => {
    const voided = await stampVoid(voidInput(tsa.url('/granted-with-mods')));
    expect(signatureParts(voided).unsignedAttributeTypes).toEqual([OID.signatureTimeStampToken]);
    expect(await pdfsig('voided.pdf', voided)).toContain('Signature is Valid.');
  });
});

describe('sealing fails, saying why, when the time-stamping authority', () => {
  it('answers an HTTP error', async () => {
    await expect(sealContract(sealInput(tsa.url('/http-500')))).rejects.toThrow(
      new TimestampAuthorityError(
        `The time-stamping authority ${tsa.url('/http-500')} answered HTTP 500 Internal Server Error.`,
      ),
    );
  });

  it('rejects the request, with its status text and failure', async () => {
    await expect(sealContract(sealInput(tsa.url('/rejection')))).rejects.toThrow(
      `The time-stamping authority ${tsa.url('/rejection')} refused the time-stamp: ` +
        `status 2 (rejection), "policy not supported", failure: unacceptedPolicy.`,
    );
  });

  it('answers with a token for another nonce', async () => {
    await expect(stampVoid(voidInput(tsa.url('/wrong-nonce')))).rejects.toThrow(
      /answered with a token for another request \(nonce mismatch\)/,
    );
  });

  it('time-stamps something else than the signature', async () => {
    await expect(stampVoid(voidInput(tsa.url('/wrong-imprint')))).rejects.toThrow(/message imprint mismatch/);
  });

  it('cannot be reached, well within the timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    await expect(stampVoid(voidInput(`http://127.0.0.1:${port}/tsa`))).rejects.toThrow(
      `The time-stamping authority http://127.0.0.1:${port}/tsa could not be reached (connect ECONNREFUSED 127.0.0.1:${port}).`,
    );
    expect(Date.now() - started).toBeLessThan(TIMESTAMP_TIMEOUT_MS);
  });

  it('does not answer in time', async () => {
    const started = Date.now();
    await expect(requestTimestamp(tsa.url('/hang'), randomBytes(256), { timeoutMs: 300 })).rejects.toThrow(
      `The time-stamping authority ${tsa.url('/hang')} did not answer within 0.3 s.`,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('answers with far more than a token', async () => {
    await expect(requestTimestamp(tsa.url('/huge'), randomBytes(256))).rejects.toThrow(/more than 64 kB/);
  });

  it('has moved (a redirected POST could arrive as a GET): says where to', async () => {
    await expect(requestTimestamp(tsa.url('/moved'), randomBytes(256))).rejects.toThrow(
      `The time-stamping authority ${tsa.url('/moved')} answered HTTP 301 Moved Permanently, redirecting to /granted: ` +
        'set SIGNING_TSA_URL to the address it points to.',
    );
  });

  it('answers something that is no time-stamp response', async () => {
    await expect(requestTimestamp(tsa.url('/not-a-response'), randomBytes(256))).rejects.toThrow(
      `The time-stamping authority ${tsa.url('/not-a-response')} sent no valid RFC 3161 time-stamp response`,
    );
  });
});
