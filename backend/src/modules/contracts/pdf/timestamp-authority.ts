/**
 * RFC 3161 time-stamps for the seal. A signature made with the server's clock only says when the
 * server thought it was; a token from a time-stamping authority (TSA) proves the signature existed
 * at the authority's time, and lets a reader validate it after the signing certificate expires
 * (PAdES B-T). We ask for a token over the signature value, check that the answer is for exactly
 * that request, and hand back the token's bytes untouched for the signer to attach.
 *
 * The authority's own signature on the token is not verified here: whether to trust that authority
 * is the reader's decision, against its own trust list, and it checks that signature then.
 */
import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import {
  DER_TAG,
  der,
  derBytes,
  derChildren,
  derContent,
  derOid,
  derUnsignedInteger,
  readDer,
  readDerDocument,
  readOid,
  readSmallInteger,
  readUnsignedInteger,
  stripLeadingZeros,
  type DerElement,
} from './der';

/** How long one request may take, answer included. */
export const TIMESTAMP_TIMEOUT_MS = 10_000;
/** Tokens are a few kB, with the authority's certificate chain; anything far larger is not one. */
export const MAX_TIMESTAMP_RESPONSE_BYTES = 64 * 1024;

const ID_SIGNED_DATA = forge.pki.oids.signedData;
const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4';
const ID_SHA256 = forge.pki.oids.sha256;

/** PKIStatus (RFC 3161 §2.4.2): 0 granted and 1 grantedWithMods come with a token. */
const STATUS_NAMES = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];
/** PKIFailureInfo bits. */
const FAILURE_NAMES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/** Every way getting a token can fail; the message says which, naming the authority. */
export class TimestampAuthorityError extends Error {
  override readonly name = 'TimestampAuthorityError';
}

export interface TimestampOptions {
  timeoutMs?: number;
}

/**
 * Asks the authority at `url` to time-stamp `signatureValue` (the octets of a SignerInfo's
 * signature) and returns the TimeStampToken: the DER of its ContentInfo, as the authority sent it.
 */
export async function requestTimestamp(
  url: string,
  signatureValue: Buffer,
  options: TimestampOptions = {},
): Promise<Buffer> {
  const authority = describeAuthority(url);
  const imprint = createHash('sha256').update(signatureValue).digest();
  // 64 random bits: an answer meant for another request (a cache, a mix-up) does not carry it.
  const nonce = randomBytes(8);
  const answer = await post(
    url,
    authority,
    timeStampRequest(imprint, nonce),
    options.timeoutMs ?? TIMESTAMP_TIMEOUT_MS,
  );
  return tokenFromResponse(answer, authority, imprint, nonce);
}

/** TimeStampReq: version 1, SHA-256 message imprint, nonce, and the authority's certificate wanted in the token. */
function timeStampRequest(imprint: Buffer, nonce: Buffer): Buffer {
  return der(
    DER_TAG.sequence,
    derUnsignedInteger(1),
    der(
      DER_TAG.sequence,
      der(DER_TAG.sequence, derOid(ID_SHA256), der(DER_TAG.null)),
      der(DER_TAG.octetString, imprint),
    ),
    derUnsignedInteger(nonce),
    der(DER_TAG.boolean, Buffer.from([0xff])),
  );
}

async function post(url: string, authority: string, body: Buffer, timeoutMs: number): Promise<Buffer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: new Uint8Array(body),
      // A redirected POST may turn into a GET: better to say where the authority moved.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      const location = response.headers.get('location');
      throw new TimestampAuthorityError(
        location
          ? `The time-stamping authority ${authority} answered ${status}, redirecting to ${location}: set SIGNING_TSA_URL to the address it points to.`
          : `The time-stamping authority ${authority} answered ${status}.`,
      );
    }
    return await readBounded(response, authority);
  } catch (error) {
    if (error instanceof TimestampAuthorityError) throw error;
    if ((error as Error).name === 'TimeoutError') {
      throw new TimestampAuthorityError(
        `The time-stamping authority ${authority} did not answer within ${timeoutMs / 1000} s.`,
      );
    }
    throw new TimestampAuthorityError(
      `The time-stamping authority ${authority} could not be reached (${networkFailure(error)}).`,
    );
  }
}

/** fetch says only "fetch failed"; what went wrong (refused, DNS, TLS) is in its cause. */
function networkFailure(error: unknown): string {
  const { message, cause } = error as { message?: unknown; cause?: { message?: unknown; code?: unknown } };
  // Duck-typed: the cause may come from another realm than our Error (undici's, under a test runner).
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  if (typeof cause?.code === 'string') return cause.code;
  return String(message);
}

async function readBounded(response: Response, authority: string): Promise<Buffer> {
  const tooLarge = () =>
    new TimestampAuthorityError(
      `The time-stamping authority ${authority} answered with more than ${MAX_TIMESTAMP_RESPONSE_BYTES / 1024} kB, which is no time-stamp response.`,
    );
  if (Number(response.headers.get('content-length')) > MAX_TIMESTAMP_RESPONSE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    received += chunk.value.byteLength;
    if (received > MAX_TIMESTAMP_RESPONSE_BYTES) {
      await reader?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

/** TimeStampResp: the token if the status grants one and the token answers this very request. */
function tokenFromResponse(answer: Buffer, authority: string, imprint: Buffer, nonce: Buffer): Buffer {
  try {
    const response = expectTag(readDerDocument(answer), DER_TAG.sequence);
    const [statusInfo, token] = derChildren(answer, response);
    const [status, ...details] = derChildren(answer, expectTag(statusInfo, DER_TAG.sequence));
    const code = readSmallInteger(answer, status);
    if (code !== 0 && code !== 1) {
      throw new TimestampAuthorityError(
        `The time-stamping authority ${authority} refused the time-stamp: ${describeStatus(answer, code, details)}.`,
      );
    }
    if (!token) throw new Error('granted, but no token');
    const tstInfo = readTstInfo(answer, expectTag(token, DER_TAG.sequence));
    checkAnswersRequest(tstInfo, authority, imprint, nonce);
    return Buffer.from(derBytes(answer, token));
  } catch (error) {
    if (error instanceof TimestampAuthorityError) throw error;
    throw new TimestampAuthorityError(
      `The time-stamping authority ${authority} sent no valid RFC 3161 time-stamp response (${(error as Error).message}).`,
    );
  }
}

function describeStatus(answer: Buffer, code: number, details: DerElement[]): string {
  const parts = [`status ${code} (${STATUS_NAMES[code] ?? 'unknown'})`];
  for (const detail of details) {
    if (detail.tag === DER_TAG.sequence) {
      // PKIFreeText: UTF8Strings.
      const text = derChildren(answer, detail)
        .filter((line) => line.tag === DER_TAG.utf8String)
        .map((line) => derContent(answer, line).toString('utf8'))
        .join(' ');
      if (text) parts.push(`"${text}"`);
    } else if (detail.tag === DER_TAG.bitString) {
      const bits = derContent(answer, detail).subarray(1);
      const failures = Object.entries(FAILURE_NAMES)
        .filter(([bit]) => (bits[Math.floor(Number(bit) / 8)] ?? 0) & (0x80 >> Number(bit) % 8))
        .map(([, name]) => name);
      if (failures.length) parts.push(`failure: ${failures.join(', ')}`);
    }
  }
  return parts.join(', ');
}

interface TstInfo {
  hashAlgorithm: string;
  hashedMessage: Buffer;
  nonce: Buffer | null;
}

/** The TSTInfo inside a token: ContentInfo { signedData, [0] SignedData { …, encapContentInfo { id-ct-TSTInfo, [0] OCTET STRING } } }. */
function readTstInfo(bytes: Buffer, token: DerElement): TstInfo {
  const [contentType, explicit] = derChildren(bytes, token);
  if (readOid(bytes, contentType) !== ID_SIGNED_DATA) throw new Error('the token is not CMS signed data');
  const [signedData] = derChildren(bytes, expectTag(explicit, DER_TAG.context(0)));
  const encapsulated = derChildren(bytes, expectTag(signedData, DER_TAG.sequence))[2];
  const [eContentType, eContent] = derChildren(bytes, expectTag(encapsulated, DER_TAG.sequence));
  if (readOid(bytes, eContentType) !== ID_CT_TSTINFO) throw new Error('the token holds no TSTInfo');
  const [octets] = derChildren(bytes, expectTag(eContent, DER_TAG.context(0)));
  const content = expectTag(octets, DER_TAG.octetString);
  // TSTInfo { version, policy, messageImprint, serialNumber, genTime, accuracy?, ordering?, nonce?, tsa?, extensions? }
  const tstInfo = readDer(bytes, content.contentStart, content.end);
  const fields = derChildren(bytes, expectTag(tstInfo, DER_TAG.sequence));
  const [algorithm, hashedMessage] = derChildren(bytes, expectTag(fields[2], DER_TAG.sequence));
  const [algorithmOid] = derChildren(bytes, expectTag(algorithm, DER_TAG.sequence));
  const nonce = fields.slice(5).find((field) => field.tag === DER_TAG.integer);
  return {
    hashAlgorithm: readOid(bytes, algorithmOid),
    hashedMessage: Buffer.from(derContent(bytes, expectTag(hashedMessage, DER_TAG.octetString))),
    nonce: nonce ? readUnsignedInteger(bytes, nonce) : null,
  };
}

function checkAnswersRequest(tstInfo: TstInfo, authority: string, imprint: Buffer, nonce: Buffer): void {
  if (tstInfo.hashAlgorithm !== ID_SHA256 || !tstInfo.hashedMessage.equals(imprint)) {
    throw new TimestampAuthorityError(
      `The time-stamping authority ${authority} time-stamped something else than our signature (message imprint mismatch).`,
    );
  }
  // Compared as numbers: leading zero bytes are not part of the value.
  if (!tstInfo.nonce?.equals(stripLeadingZeros(nonce))) {
    throw new TimestampAuthorityError(
      `The time-stamping authority ${authority} answered with a token for another request (${tstInfo.nonce ? 'nonce mismatch' : 'no nonce'}).`,
    );
  }
}

function expectTag(element: DerElement | undefined, tag: number): DerElement {
  if (!element) throw new Error('an element is missing');
  if (element.tag !== tag) throw new Error(`unexpected tag 0x${element.tag.toString(16)}`);
  return element;
}

/** The authority as named in errors and logs: no query string or credentials that the URL may carry. */
function describeAuthority(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'at the configured address';
  }
}
