/**
 * The CMS signer handed to @signpdf: like @signpdf/signer-p12 (detached SHA-256 signature, the
 * same signed attributes), with two differences. P12Signer lets forge rebuild the issuer's name for
 * the SignerInfo from parsed values, and forge encodes UTF8String values twice: for a certificate
 * issued to or by "Zoë & Co" the signature then names an issuer that does not exist, and readers
 * report "Unknown Validation Failure". Here those values are decoded first. And the PKCS#12 is
 * decoded once per identity instead of at every signature, and the RSA operation runs in Node's
 * OpenSSL rather than in forge's JavaScript big numbers (about 25 ms a signature).
 */
import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { isUtf8String, openPkcs12, type Pkcs12Contents } from './pkcs12-contents';
import type { SigningIdentity } from './signing-identity';

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

interface OpenedIdentity extends Pkcs12Contents {
  privateKey: KeyObject;
}

const opened = new WeakMap<SigningIdentity, OpenedIdentity>();

export class Pkcs12Signer extends Signer {
  private readonly contents: OpenedIdentity;

  constructor(identity: SigningIdentity) {
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
    return Buffer.from(forge.asn1.toDer(signed.toAsn1()).getBytes(), 'binary');
  }
}
