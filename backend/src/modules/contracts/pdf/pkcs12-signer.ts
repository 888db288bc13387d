/**
 * The CMS signer handed to @signpdf: like @signpdf/signer-p12 (detached SHA-256 signature, the
 * same signed attributes), with two differences. P12Signer lets forge rebuild the issuer's name for
 * the SignerInfo from parsed values, and forge encodes UTF8String values twice: for a certificate
 * issued to or by "Zoë & Co" the signature then names an issuer that does not exist, and readers
 * report "Unknown Validation Failure". Here those values are decoded first. And the PKCS#12 is
 * decoded once per identity instead of at every signature.
 */
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { isUtf8String, openPkcs12, type Pkcs12Contents } from './pkcs12-contents';
import type { SigningIdentity } from './signing-identity';

/** forge's addSigner options in the issuer-and-serial form (see forge's pkcs7.js). */
interface ForgeSigner {
  key: forge.pki.rsa.PrivateKey;
  issuer: forge.pki.CertificateField[];
  serialNumber: string;
  digestAlgorithm: string;
  authenticatedAttributes: Array<{ type: string; value?: string | Date }>;
}

const opened = new WeakMap<SigningIdentity, Pkcs12Contents>();

export class Pkcs12Signer extends Signer {
  private readonly contents: Pkcs12Contents;

  constructor(identity: SigningIdentity) {
    super();
    let contents = opened.get(identity);
    if (!contents) {
      contents = openPkcs12(identity.p12, identity.passphrase, `"${identity.subject}"`);
      opened.set(identity, contents);
    }
    this.contents = contents;
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const { key, certificate, certificates } = this.contents;
    const signed = forge.pkcs7.createSignedData();
    signed.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const cert of certificates) signed.addCertificate(cert);
    const signer: ForgeSigner = {
      key,
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
