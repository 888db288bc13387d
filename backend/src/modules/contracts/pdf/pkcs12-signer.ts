/**
 * The CMS signer handed to @signpdf: like @signpdf/signer-p12 (detached SHA-256 signature, the
 * same signed attributes), with two differences. P12Signer lets forge rebuild the issuer's name for
 * the SignerInfo from parsed values, and forge encodes UTF8String values twice: for a certificate
 * issued to or by "Zoë & Co" the signature then names an issuer that does not exist, and readers
 * report "Unknown Validation Failure". Here those values are decoded first. And the PKCS#12 is
 * decoded once per identity instead of at every signature, and the RSA operation runs in Node's
 * OpenSSL rather than in forge's JavaScript big numbers (about 25 ms a signature).
 *
 * Given a time-stamping authority, the SignerInfo also carries an RFC 3161 token over its signature
 * value (unsigned attribute id-aa-signatureTimeStampToken): PAdES B-T instead of B-B.
 */
import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { DER_TAG, der, derBytes, derChildren, derContent, derOid, readDerDocument } from './der';
import { isUtf8String, openPkcs12, type Pkcs12Contents } from './pkcs12-contents';
import type { SigningIdentity } from './signing-identity';
import { requestTimestamp } from './timestamp-authority';

/** forge's addSigner options in the issuer-and-serial form (see forge's pkcs7.js). */
interface ForgeSigner {
  /** forge only calls sign(digest) on it. */
  key: { sign(digest: forge.md.MessageDigest): string };
  issuer: forge.pki.CertificateField[];
  serialNumber: string;
  digestAlgorithm: string;
  authenticatedAttributes: Array<{ type: string; value?: string | Date }>;
}

/** DER prefix of a PKCS#1 DigestInfo for SHA-256; the 32-byte hash follows. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
/** id-aa-signatureTimeStampToken (RFC 3161 appendix A). */
const SIGNATURE_TIMESTAMP_TOKEN_OID = '1.2.840.113549.1.9.16.2.14';

interface OpenedIdentity extends Pkcs12Contents {
  privateKey: KeyObject;
}

const opened = new WeakMap<SigningIdentity, OpenedIdentity>();

export class Pkcs12Signer extends Signer {
  private readonly contents: OpenedIdentity;

  /** `timestampUrl`: an RFC 3161 authority to time-stamp every signature with; null = none. */
  constructor(
    identity: SigningIdentity,
    private readonly timestampUrl: string | null = null,
  ) {
    super();
    let contents = opened.get(identity);
    if (!contents) {
      const decoded = openPkcs12(identity.p12, identity.passphrase, `"${identity.subject}"`);
      contents = { ...decoded, privateKey: createPrivateKey(forge.pki.privateKeyToPem(decoded.key)) };
      opened.set(identity, contents);
    }
    this.contents = contents;
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const { privateKey, certificate, certificates } = this.contents;
    const signed = forge.pkcs7.createSignedData();
    signed.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const cert of certificates) signed.addCertificate(cert);
    const signer: ForgeSigner = {
      // RSASSA-PKCS1-v1_5 over the signed attributes' digest: PKCS#1 type-1 padding of the DigestInfo.
      key: {
        sign: (digest) =>
          privateEncrypt(
            { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
            Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(digest.digest().getBytes(), 'binary')]),
          ).toString('binary'),
      },
      issuer: certificate.issuer.attributes.map((attribute) =>
        isUtf8String(attribute) ? { ...attribute, value: forge.util.decodeUtf8(String(attribute.value)) } : attribute,
      ),
      serialNumber: certificate.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256,
      // The order P12Signer uses, which EU validators expect.
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: signingTime ?? new Date() },
        { type: forge.pki.oids.messageDigest },
      ],
    };
    // The typings only know the `certificate` form; forge takes issuer and serial number instead.
    signed.addSigner(signer as unknown as Parameters<typeof signed.addSigner>[0]);
    signed.sign({ detached: true });
    const cms = Buffer.from(forge.asn1.toDer(signed.toAsn1()).getBytes(), 'binary');
    // No fallback to an untimed signature when the authority fails: the error fails the seal, see
    // addSignatureTimestamp.
    return this.timestampUrl ? addSignatureTimestamp(cms, this.timestampUrl) : cms;
  }
}

/**
 * The CMS with a time-stamp token over its (only) signer's signature value as an unsigned attribute.
 * Unsigned because the token can only be had once the signature exists. Spliced in as bytes (see
 * der.ts): forge can write only the attributes it knows, and the token must stay as the authority
 * signed it.
 *
 * Any failure of the authority throws, and sealing fails with it: the contract's seal shows as
 * failed, and the agency can seal again (a retry button) once the authority answers. An installation
 * configured with an authority promises sealed copies that prove their time; a copy quietly sealed
 * without the token would look the same in the portal and break that promise where nobody notices,
 * until a dispute.
 */
async function addSignatureTimestamp(cms: Buffer, timestampUrl: string): Promise<Buffer> {
  // ContentInfo { contentType, [0] SignedData { …, signerInfos SET { SignerInfo { …, signature } } } }
  const contentInfo = readDerDocument(cms);
  const [contentType, explicit] = derChildren(cms, contentInfo);
  const [signedData] = derChildren(cms, explicit);
  const signedDataParts = derChildren(cms, signedData);
  const signerInfos = signedDataParts[signedDataParts.length - 1];
  const [signerInfo] = derChildren(cms, signerInfos);
  // forge writes no unsigned attributes, so the signature value is the SignerInfo's last element.
  const signature = derChildren(cms, signerInfo).at(-1);
  if (signerInfos.tag !== DER_TAG.set || signature?.tag !== DER_TAG.octetString) {
    throw new Error('The CMS signature does not have the expected shape for adding a time-stamp.');
  }
  const token = await requestTimestamp(timestampUrl, derContent(cms, signature));

  const unsignedAttributes = der(
    DER_TAG.context(1),
    der(DER_TAG.sequence, derOid(SIGNATURE_TIMESTAMP_TOKEN_OID), der(DER_TAG.set, token)),
  );
  const stampedSignerInfo = der(DER_TAG.sequence, derContent(cms, signerInfo), unsignedAttributes);
  const stampedSignedData = der(
    DER_TAG.sequence,
    cms.subarray(signedData.contentStart, signerInfos.start),
    der(DER_TAG.set, stampedSignerInfo),
  );
  return der(DER_TAG.sequence, derBytes(cms, contentType), der(DER_TAG.context(0), stampedSignedData));
}
