// PAdES-style signing of an issued PDF: an incremental update adds an invisible signature field whose CMS
// (adbe.pkcs7.detached, SHA-256) covers the whole file except the signature itself.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { SigningError } from './messages.ts';
import { checkValidityAt, openP12, type OpenedP12 } from './p12.ts';

export function sha256Hex(buffer: Buffer | Uint8Array): string {
  return createHash('sha256').update(buffer).digest('hex');
}

export interface SignPdfOptions {
  p12: Buffer;
  password: string;
  reason: string; // "Ký ban hành văn bản số 05/NQ-HĐND"
  location: string; // "Tân Uyên, Lai Châu"
  signerName: string;
  signingTime: Date; // passed in: the signing module never reads the clock
  contactInfo?: string;
}

/** The issuer Name exactly as the certificate encodes it. */
function issuerAsn1(cert: forge.pki.Certificate): forge.asn1.Asn1 | null {
  const tbs = (cert as unknown as { tbsCertificate?: forge.asn1.Asn1 }).tbsCertificate;
  if (!tbs || !Array.isArray(tbs.value)) return null;
  const fields = tbs.value as forge.asn1.Asn1[];
  // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, … }
  const hasVersion = fields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC;
  return fields[hasVersion ? 3 : 2] ?? null;
}

/**
 * P12Signer's CMS with one fix: forge re-encodes the issuer of issuerAndSerialNumber from parsed
 * attributes and UTF-8-encodes UTF8String values a second time, so any certificate whose issuer has
 * Vietnamese letters ("Ủy ban nhân dân…", most Vietnamese CAs) yields a signature that validators
 * cannot match to its certificate. We copy the issuer's original bytes into the SignerInfo instead.
 * It also accepts unencrypted key bags. Extends P12Signer so SignPdf's `instanceof Signer` check holds.
 */
class CmsP12Signer extends P12Signer {
  constructor(p12: Buffer, password: string, private readonly opened: OpenedP12, private readonly signingTime: Date) {
    super(p12, { passphrase: password });
  }

  override async sign(pdf: Buffer): Promise<Buffer> {
    const { key, certificate, chain } = this.opened;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const cert of chain) p7.addCertificate(cert);
    p7.addSigner({
      key,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256!,
      // The order matters to EU validators (as in P12Signer).
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: this.signingTime as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    const contentInfo = p7.toAsn1();
    const original = issuerAsn1(certificate);
    if (original) {
      // ContentInfo [ contentType, [0] { SignedData [ …, signerInfos ] } ]; SignerInfo [ version, issuerAndSerialNumber [ issuer, serial ], … ]
      const signedData = ((contentInfo.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!;
      const signerInfos = (signedData.value as forge.asn1.Asn1[]).at(-1)!;
      for (const signerInfo of signerInfos.value as forge.asn1.Asn1[]) {
        const issuerAndSerial = (signerInfo.value as forge.asn1.Asn1[])[1]!;
        (issuerAndSerial.value as forge.asn1.Asn1[])[0] = original;
      }
    }
    return Buffer.from(forge.asn1.toDer(contentInfo).getBytes(), 'binary');
  }
}

/**
 * Signs a PDF with the key of a P12. Throws SigningError when the P12 cannot be used or the certificate
 * is not valid at `signingTime`. The placeholder is sized to the certificate chain.
 */
export async function signPdf(pdf: Buffer, options: SignPdfOptions): Promise<Buffer> {
  if (Number.isNaN(options.signingTime.getTime())) throw new RangeError('Thời điểm ký không hợp lệ.');
  const opened = openP12(options.p12, options.password);
  if (!opened.ok) throw new SigningError(opened.reason);
  const valid = checkValidityAt(opened.opened.certificate.validity, options.signingTime);
  if (!valid.ok) throw new SigningError(valid.reason);

  const chainBytes = opened.opened.chain
    .reduce((sum, cert) => sum + forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).length(), 0);
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: options.reason.normalize('NFC'),
    contactInfo: (options.contactInfo ?? '').normalize('NFC'),
    name: options.signerName.normalize('NFC'),
    location: options.location.normalize('NFC'),
    signingTime: options.signingTime,
    signatureLength: Math.max(8192, chainBytes + 4096),
    widgetRect: [0, 0, 0, 0], // invisible: the signature and seal images are drawn by the PDF renderer
  });
  const signer = new CmsP12Signer(options.p12, options.password, opened.opened, options.signingTime);
  return new SignPdf().sign(withPlaceholder, signer, options.signingTime);
}

export interface SignedRange {
  byteRange: [number, number, number, number];
  /** SHA-256 of the bytes the signature covers — what the CMS messageDigest attests. */
  signedDigestHex: string;
}

/** The last signature's /ByteRange of a signed PDF, for a register or a check; null when none. */
export function readSignedRange(pdf: Buffer): SignedRange | null {
  const text = pdf.toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = matches.at(-1);
  if (!last) return null;
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || c < b || c + d > pdf.length) return null;
  const hash = createHash('sha256').update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d));
  return { byteRange: [a, b, c, d], signedDigestHex: hash.digest('hex') };
}
