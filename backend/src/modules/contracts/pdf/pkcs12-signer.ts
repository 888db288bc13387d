/**
 * The CMS signer handed to @signpdf: like @signpdf/signer-p12 (detached SHA-256 signature), with
 * other signed attributes (below) and two more differences. P12Signer lets forge rebuild the issuer's name for
 * the SignerInfo from parsed values, and forge encodes UTF8String values twice: for a certificate
 * issued to or by "Zoë & Co" the signature then names an issuer that does not exist, and readers
 * report "Unknown Validation Failure". Here those values are decoded first. And the PKCS#12 is
 * decoded once per identity instead of at every signature, and the RSA operation runs in Node's
 * OpenSSL rather than in forge's JavaScript big numbers (about 25 ms a signature).
 *
 * PAdES baseline B-B: the signed attributes are content-type, message-digest and the ESS
 * signing-certificate-v2 (see withSigningCertificate); no signing-time, which the baseline forbids
 * (the time is the signature dictionary's /M, see pdf-signature). Given a time-stamping authority,
 * the SignerInfo also carries an RFC 3161 token over its signature value (unsigned attribute
 * id-aa-signatureTimeStampToken): PAdES B-T.
 */
import { constants, createHash, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { DER_TAG, der, derBytes, derChildren, derContent, derOid, readDerDocument, type DerElement } from './der';
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
/** id-aa-signingCertificateV2 (RFC 5035). */
const SIGNING_CERTIFICATE_V2_OID = '1.2.840.113549.1.9.16.2.47';
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

  /** @signpdf passes the signing time too: it is the signature dictionary's /M, not an attribute here. */
  override async sign(pdf: Buffer): Promise<Buffer> {
    const { privateKey, certificate, certificates } = this.contents;
    const signed = forge.pkcs7.createSignedData();
    signed.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const cert of certificates) signed.addCertificate(cert);
    const signer: ForgeSigner = {
      // A stand-in: forge cannot write signing-certificate-v2, so withSigningCertificate adds it to
      // the signed attributes afterwards and signs them then.
      key: { sign: () => '' },
      issuer: certificate.issuer.attributes.map((attribute) =>
        isUtf8String(attribute) ? { ...attribute, value: forge.util.decodeUtf8(String(attribute.value)) } : attribute,
      ),
      serialNumber: certificate.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.messageDigest },
      ],
    };
    // The typings only know the `certificate` form; forge takes issuer and serial number instead.
    signed.addSigner(signer as unknown as Parameters<typeof signed.addSigner>[0]);
    signed.sign({ detached: true });
    // The certificate as forge writes it into the CMS (its parsed TBSCertificate, byte for byte).
    const certificateDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
    const cms = withSigningCertificate(
      Buffer.from(forge.asn1.toDer(signed.toAsn1()).getBytes(), 'binary'),
      certificateDer,
      privateKey,
    );
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
  // withSigningCertificate writes no unsigned attributes, so the signature value is the SignerInfo's
  // last element.
  const { signerInfo, parts, rebuild } = locateSignerInfo(cms);
  const signature = parts.at(-1);
  if (signature?.tag !== DER_TAG.octetString) {
    throw new Error('The CMS signature does not have the expected shape for adding a time-stamp.');
  }
  const token = await requestTimestamp(timestampUrl, derContent(cms, signature));

  const unsignedAttributes = der(
    DER_TAG.context(1),
    der(DER_TAG.sequence, derOid(SIGNATURE_TIMESTAMP_TOKEN_OID), der(DER_TAG.set, token)),
  );
  return rebuild(der(DER_TAG.sequence, derContent(cms, signerInfo), unsignedAttributes));
}

/**
 * The CMS with the ESS signing-certificate-v2 attribute (RFC 5035) among its signer's signed
 * attributes, and the signature made over them. The attribute binds the signature to the
 * certificate (PAdES B-B requires it): certHash is the SHA-256 of `certificateDer` (the default
 * hash algorithm, so left out), issuerSerial the certificate's issuer name and serial number, copied
 * as bytes from the certificate. forge cannot write the attribute: it is spliced into the DER of
 * forge's SignerInfo, whose stand-in signature is replaced by the real one over the final SET OF.
 */
function withSigningCertificate(cms: Buffer, certificateDer: Buffer, privateKey: KeyObject): Buffer {
  const { signerInfo, parts, rebuild } = locateSignerInfo(cms);
  // SignerInfo { version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature }
  const signedAttributes = parts.find((part) => part.tag === DER_TAG.context(0));
  const signature = parts.at(-1);
  if (!signedAttributes || signature?.tag !== DER_TAG.octetString) {
    throw new Error('The CMS signature does not have the expected shape for adding the signing certificate.');
  }

  const essCertId = der(
    DER_TAG.sequence,
    der(DER_TAG.octetString, createHash('sha256').update(certificateDer).digest()),
    issuerSerial(certificateDer),
  );
  const signingCertificate = der(
    DER_TAG.sequence,
    derOid(SIGNING_CERTIFICATE_V2_OID),
    der(DER_TAG.set, der(DER_TAG.sequence, der(DER_TAG.sequence, essCertId))),
  );
  // DER orders a SET OF by the elements' encodings (forge's contentType, messageDigest already are).
  const attributes = [
    ...derChildren(cms, signedAttributes).map((attribute) => derBytes(cms, attribute)),
    signingCertificate,
  ].sort(Buffer.compare);

  // The signature covers the attributes as a SET OF (RFC 5652 5.4), sent as [0] IMPLICIT.
  const digest = createHash('sha256')
    .update(der(DER_TAG.set, ...attributes))
    .digest();
  // RSASSA-PKCS1-v1_5 over the signed attributes' digest: PKCS#1 type-1 padding of the DigestInfo.
  const signatureValue = privateEncrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.concat([SHA256_DIGEST_INFO, digest]),
  );
  return rebuild(
    der(
      DER_TAG.sequence,
      cms.subarray(signerInfo.contentStart, signedAttributes.start),
      der(DER_TAG.context(0), ...attributes),
      cms.subarray(signedAttributes.end, signature.start),
      der(DER_TAG.octetString, signatureValue),
    ),
  );
}

/** IssuerSerial { issuer GeneralNames { [4] directoryName }, serialNumber }, from the certificate. */
function issuerSerial(certificateDer: Buffer): Buffer {
  // Certificate { TBSCertificate { [0] version OPTIONAL, serialNumber, signature, issuer, … }, … }
  const [tbs] = derChildren(certificateDer, readDerDocument(certificateDer));
  const fields = derChildren(certificateDer, tbs);
  const [serialNumber, , issuer] = fields[0].tag === DER_TAG.context(0) ? fields.slice(1) : fields;
  if (serialNumber?.tag !== DER_TAG.integer || issuer?.tag !== DER_TAG.sequence) {
    throw new Error('The signing certificate does not have the expected shape.');
  }
  return der(
    DER_TAG.sequence,
    der(DER_TAG.sequence, der(DER_TAG.context(4), derBytes(certificateDer, issuer))),
    derBytes(certificateDer, serialNumber),
  );
}

/**
 * The (only) SignerInfo of a CMS ContentInfo, its elements, and `rebuild`: the same CMS with another
 * SignerInfo in its place, every other byte kept.
 */
function locateSignerInfo(cms: Buffer): {
  signerInfo: DerElement;
  parts: DerElement[];
  rebuild: (signerInfo: Buffer) => Buffer;
} {
  // ContentInfo { contentType, [0] SignedData { …, signerInfos SET { SignerInfo } } }
  const contentInfo = readDerDocument(cms);
  const [contentType, explicit] = derChildren(cms, contentInfo);
  const [signedData] = derChildren(cms, explicit);
  const signerInfos = derChildren(cms, signedData).at(-1);
  const signerInfo = signerInfos && derChildren(cms, signerInfos);
  if (signerInfos?.tag !== DER_TAG.set || signerInfo?.length !== 1 || signerInfo[0].tag !== DER_TAG.sequence) {
    throw new Error('The CMS signature does not have the expected shape (one SignerInfo).');
  }
  const rebuild = (replacement: Buffer): Buffer => {
    const signedDataBytes = der(
      DER_TAG.sequence,
      cms.subarray(signedData.contentStart, signerInfos.start),
      der(DER_TAG.set, replacement),
    );
    return der(DER_TAG.sequence, derBytes(cms, contentType), der(DER_TAG.context(0), signedDataBytes));
  };
  return { signerInfo: signerInfo[0], parts: derChildren(cms, signerInfo[0]), rebuild };
}
