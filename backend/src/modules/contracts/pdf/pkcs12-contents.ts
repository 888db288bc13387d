/**
 * What a PKCS#12 file holds that signing needs: the private key and the certificate that goes with
 * it (plus any chain certificates to send along). Decoded with node-forge, the library the CMS
 * signature is made with, and with errors that tell an operator what to fix.
 */
import forge from 'node-forge';

export interface Pkcs12Contents {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** Every certificate in the file, the signer's own included. */
  certificates: forge.pki.Certificate[];
}

/** `source` names the file in error messages. */
export function openPkcs12(p12: Buffer, passphrase: string, source: string): Pkcs12Contents {
  let decoded: forge.pkcs12.Pkcs12Pfx;
  try {
    decoded = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch (error) {
    const message = (error as Error).message;
    if (/invalid password|mac could not be verified/i.test(message)) {
      throw new Error(`The passphrase of the signing certificate ${source} is wrong.`);
    }
    throw new Error(`The signing certificate ${source} is not a readable PKCS#12 file (${message}).`);
  }
  const keyBags = [
    ...(decoded.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(decoded.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key?.n) throw new Error(`The signing certificate ${source} holds no RSA private key.`);
  const certificates = (decoded.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => Boolean(cert));
  const certificate = certificates.find((cert) => {
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(key.n) && publicKey.e?.equals(key.e);
  });
  if (!certificate) throw new Error(`The signing certificate ${source} holds no certificate for its private key.`);
  return { key, certificate, certificates };
}

/** "CN=…, O=…": the name in RFC 4514 order (the last part of the encoded name first). */
export function distinguishedName(name: forge.pki.Certificate['subject']): string {
  return name.attributes
    .map((attribute) => `${attribute.shortName ?? attribute.name ?? attribute.type}=${attributeText(attribute)}`)
    .reverse()
    .join(', ');
}

/**
 * An attribute's value as text. forge leaves parsed UTF8String values as their UTF-8 bytes (and
 * encodes them again when writing the name back, which is why the signer repairs them first).
 */
export function attributeText(attribute: forge.pki.CertificateField): string {
  const value = String(attribute.value);
  if (!isUtf8String(attribute)) return value;
  try {
    return forge.util.decodeUtf8(value);
  } catch {
    return value;
  }
}

export function isUtf8String(attribute: forge.pki.CertificateField): boolean {
  return Number(attribute.valueTagClass) === Number(forge.asn1.Type.UTF8);
}

export function isSelfSigned(cert: forge.pki.Certificate): boolean {
  try {
    return cert.isIssuer(cert) && cert.verify(cert);
  } catch {
    return false;
  }
}
