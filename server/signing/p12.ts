// PKCS#12 (.p12/.pfx) certificates: a self-signed one for the demo and tests, and the inspection of an
// uploaded one (right password, a private key with its certificate, validity on a given day).
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { SigningRefusal } from './messages.ts';

export interface SelfSignedOptions {
  commonName: string; // "Lò Văn Thắng" or "Ủy ban nhân dân xã Tân Uyên"
  organization: string;
  password: string;
  validFrom: Date;
  validTo: Date;
  /** Reuse a key (PKCS#8 or PKCS#1 PEM, RSA) — tests make one per file; otherwise a new RSA-2048 key. */
  privateKeyPem?: string;
  serialHex?: string; // otherwise random
}

/** A self-signed RSA-2048 / SHA-256 certificate with its key, as a password-protected PKCS#12 file. */
export function generateSelfSignedP12(options: SelfSignedOptions): Buffer {
  // node:crypto makes the key natively (tens of ms); forge's pure-JS generator takes seconds.
  const pem = options.privateKeyPem
    ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const privateKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);

  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: clear the top bit of the first byte.
  cert.serialNumber = options.serialHex ?? (randomBytes(1)[0]! & 0x7f | 0x10).toString(16) + randomBytes(15).toString('hex');
  cert.validity.notBefore = options.validFrom;
  cert.validity.notAfter = options.validTo;
  // Vietnamese names must be UTF8String: forge writes PrintableString by default and garbles them.
  const utf8 = forge.asn1.Type.UTF8 as unknown as number;
  const dn = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: options.organization.normalize('NFC'), valueTagClass: utf8 },
    { shortName: 'CN', value: options.commonName.normalize('NFC'), valueTagClass: utf8 },
  ] as forge.pki.CertificateField[];
  cert.setSubject(dn);
  cert.setIssuer(dn);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());

  const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], options.password, {
    algorithm: 'aes256',
    friendlyName: options.commonName.normalize('NFC'),
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

export interface CertificateInfo {
  subject: string; // "CN=Lò Văn Thắng, O=UBND xã Tân Uyên, C=VN"
  commonName: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  serial: string; // hex, lower case
  fingerprintSha256: string; // hex of the certificate's DER
  selfSigned: boolean;
}

export type InspectResult = ({ ok: true } & CertificateInfo) | { ok: false; reason: SigningRefusal };

/** The key and the certificate chain inside a P12, for the signer. */
export interface OpenedP12 {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate; // the one matching the key
  chain: forge.pki.Certificate[]; // every certificate in the file, the signer's included
}

const binary = (buffer: Buffer) => forge.util.createBuffer(buffer.toString('binary'));

function decodeValue(attr: { value?: unknown; valueTagClass?: unknown }): string {
  const raw = String(attr.value ?? '');
  if (attr.valueTagClass === forge.asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(raw);
    } catch {
      return raw;
    }
  }
  if (attr.valueTagClass === forge.asn1.Type.BMPSTRING) {
    let out = '';
    for (let i = 0; i + 1 < raw.length; i += 2) out += String.fromCharCode((raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1));
    return out;
  }
  return raw;
}

function formatName(attributes: forge.pki.CertificateField[]): string {
  return [...attributes].reverse()
    .map((a) => `${a.shortName ?? a.name ?? a.type}=${decodeValue(a)}`)
    .join(', ');
}

function sameKey(key: forge.pki.rsa.PrivateKey, cert: forge.pki.Certificate): boolean {
  const pub = cert.publicKey as forge.pki.rsa.PublicKey;
  return Boolean(pub?.n) && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
}

/** Opens a P12; refusals as values. Validity dates are not checked here (see checkValidityAt). */
export function openP12(p12: Buffer, password: string): { ok: true; opened: OpenedP12 } | { ok: false; reason: SigningRefusal } {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(binary(p12));
  } catch {
    return { ok: false, reason: 'NOT_A_P12' };
  }
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // forge: "MAC could not be verified. Invalid password?", "Unable to decrypt PKCS#8 ShroudedKeyBag, wrong password?",
    // "Failed to decrypt PKCS#12 SafeContents." (a file without a MAC opened with the wrong password).
    if (/password|decrypt/i.test(message)) return { ok: false, reason: 'WRONG_PASSWORD' };
    return { ok: false, reason: 'NOT_A_P12' };
  }
  const certs: forge.pki.Certificate[] = [];
  for (const bag of pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []) {
    if (bag.cert) certs.push(bag.cert);
  }
  let unsupported = false;
  const keys: forge.pki.rsa.PrivateKey[] = [];
  for (const type of [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!]) {
    for (const bag of pfx.getBags({ bagType: type })[type] ?? []) {
      if (bag.key) keys.push(bag.key as forge.pki.rsa.PrivateKey);
      else unsupported = true; // forge reads RSA keys only; EC keys come back as null
    }
  }
  for (const key of keys) {
    const certificate = certs.find((c) => sameKey(key, c));
    if (certificate) return { ok: true, opened: { key, certificate, chain: certs } };
  }
  return { ok: false, reason: unsupported && keys.length === 0 ? 'UNSUPPORTED_KEY' : 'NO_KEY' };
}

export function certificateInfo(cert: forge.pki.Certificate): CertificateInfo {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const cn = cert.subject.getField('CN') as forge.pki.CertificateField | null;
  return {
    subject: formatName(cert.subject.attributes),
    commonName: cn ? decodeValue(cn) : '',
    issuer: formatName(cert.issuer.attributes),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    serial: cert.serialNumber.toLowerCase(),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    selfSigned: cert.isIssuer(cert),
  };
}

// RFC 5280 §4.1.2.5: a certificate is valid from notBefore to notAfter, both inclusive.
export function checkValidityAt(
  validity: { notBefore: Date; notAfter: Date },
  now: Date,
): { ok: true } | { ok: false; reason: 'EXPIRED' | 'NOT_YET_VALID' } {
  if (now.getTime() < validity.notBefore.getTime()) return { ok: false, reason: 'NOT_YET_VALID' };
  if (now.getTime() > validity.notAfter.getTime()) return { ok: false, reason: 'EXPIRED' };
  return { ok: true };
}

/**
 * What an uploaded P12 holds, or why it cannot be used. With `now`, also refuses a certificate that is
 * expired or not yet valid on that instant (the caller passes the clock; this module never reads it).
 */
export function inspectP12(p12: Buffer, password: string, now?: Date): InspectResult {
  const opened = openP12(p12, password);
  if (!opened.ok) return opened;
  const info = certificateInfo(opened.opened.certificate);
  if (now) {
    const valid = checkValidityAt(info, now);
    if (!valid.ok) return valid;
  }
  return { ok: true, ...info };
}
