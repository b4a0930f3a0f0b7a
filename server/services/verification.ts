// Public verification of an issued document by its short code: what the document is (number, date, issuer,
// subject, hash) and whether a given file is the original. Party, closed-session and confidential documents
// show existence and integrity only. No login.
import type { Database } from '../db/database.ts';
import { normalizeShortCode, sha256Hex } from '../signing/index.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/issuance.ts';

export type FileMatch = 'signed_pdf' | 'docx' | 'unsigned_pdf' | null;

export function createVerificationService(database: Database) {
  const { db } = database;

  async function lookup(rawCode: string) {
    const code = normalizeShortCode(rawCode);
    if (!code) return null;
    const meta = await repo.issuedMetaByCode(db, code);
    if (!meta) return null;
    const entry = (await repo.registerEntryOf(db, meta.documentId))!;
    const commune = (await orgRepo.findCommune(db, meta.communeId))!;
    const [doc] = await Promise.all([repo.findDocument(db, meta.communeId, meta.documentId)]);
    const replacement = doc?.replacedById ? await repo.registerEntryOf(db, doc.replacedById) : undefined;
    const base = {
      code, publicDetails: meta.publicDetails, sha256: meta.signedPdfSha256, docxSha256: meta.docxSha256,
      commune: `${commune.kind} ${commune.name}, ${commune.province}`,
      status: doc?.status === 'revoked' ? 'revoked' as const : doc?.replacedById ? 'replaced' as const : 'in_force' as const,
      revokedAt: doc?.revokedAt ?? null, replacedBy: replacement?.numberSymbol ?? null,
      signedAt: meta.signedAt, certificateSubject: meta.certificateSubject,
    };
    if (!meta.publicDetails) return { ...base, details: null };
    return {
      ...base,
      details: { numberSymbol: entry.numberSymbol, issuedDate: entry.issuedDate, issuer: entry.issuerName, typeName: entry.typeName, subject: entry.subject, signer: entry.signerName },
    };
  }

  return {
    lookup,

    /** Compares an uploaded file's SHA-256 with the issued files of the document. */
    async check(rawCode: string, file: Buffer) {
      const found = await lookup(rawCode);
      if (!found) return null;
      const meta = (await repo.issuedMetaByCode(db, found.code))!;
      const hash = sha256Hex(file);
      const match: FileMatch = hash === meta.signedPdfSha256 ? 'signed_pdf' : hash === meta.docxSha256 ? 'docx' : hash === meta.pdfSha256 ? 'unsigned_pdf' : null;
      return { found, hash, match };
    },

    /** The signed PDF, for documents whose details are public. */
    async publicPdf(rawCode: string) {
      const found = await lookup(rawCode);
      if (!found || !found.publicDetails) return null;
      const meta = (await repo.issuedMetaByCode(db, found.code))!;
      return { data: (await repo.issuedFile(db, meta.documentId, 'signedPdf'))!, name: found.details!.numberSymbol.replace(/[^\p{L}\p{N}-]+/gu, '_') };
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
