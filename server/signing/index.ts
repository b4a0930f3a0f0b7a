// Signing of issued documents: certificates (P12), PDF signatures, secrets at rest, QR verification codes
// and the demo commune's signature and seal images. See docs/SIGNING.md.
export { SIGNING_MESSAGES, SigningError, type SigningRefusal } from './messages.ts';
export {
  certificateInfo, checkValidityAt, generateSelfSignedP12, inspectP12, openP12,
  type CertificateInfo, type InspectResult, type SelfSignedOptions,
} from './p12.ts';
export { readSignedRange, sha256Hex, signPdf, type SignedRange, type SignPdfOptions } from './pdf-sign.ts';
export {
  createKeyRing, decryptSecret, deriveMasterKey, encryptSecret, openSecret, sealedKeyId, sealSecret, SecretDecryptError, type KeyRing,
} from './secrets.ts';
export { normalizeShortCode, qrPng, qrSvg, shortCode, SHORT_CODE_LENGTH, verificationUrl, VERIFY_PATH } from './qr.ts';
export {
  DEMO_SEAL_DIAMETER_MM, DEMO_SIGNATURE_SIZE_MM, demoImages, demoSealPng, demoSignaturePng, type DemoImage,
} from './demo-images.ts';
export { encodePng } from './png.ts';
