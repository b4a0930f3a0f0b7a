// Queries for official documents, their versions, the number series, the outgoing register, issued files and
// signing certificates. Every read of a commune's records takes the commune id.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  documentVersions, issuedFiles, numberSeries, officialDocuments, registerEntries, signingCertificates,
} from '../../models/schema.ts';
import type { Executor } from '../db/database.ts';

export type DocumentRow = typeof officialDocuments.$inferSelect;
export type VersionRow = typeof documentVersions.$inferSelect;
export type RegisterRow = typeof registerEntries.$inferSelect;
export type CertificateRow = typeof signingCertificates.$inferSelect;

export async function findDocument(db: Executor, communeId: number, id: number): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(officialDocuments).where(and(eq(officialDocuments.id, id), eq(officialDocuments.communeId, communeId)));
  return row;
}

export const listDocuments = (db: Executor, communeId: number) =>
  db.select().from(officialDocuments).where(eq(officialDocuments.communeId, communeId)).orderBy(desc(officialDocuments.id));

export const documentsWithStatus = (db: Executor, communeId: number, status: DocumentRow['status'], bodyIds: number[]) =>
  bodyIds.length === 0 ? Promise.resolve([] as DocumentRow[])
    : db.select().from(officialDocuments)
      .where(and(eq(officialDocuments.communeId, communeId), eq(officialDocuments.status, status), inArray(officialDocuments.bodyId, bodyIds)))
      .orderBy(asc(officialDocuments.id));

export const versionsOf = (db: Executor, documentId: number) =>
  db.select().from(documentVersions).where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.version));

export async function versionOf(db: Executor, documentId: number, version: number): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(documentVersions).where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
  return row;
}

/**
 * The next number of a series, inside the issuing transaction: the upsert takes the series row's lock, so
 * concurrent issuers queue here, and a rolled-back issuance gives its number back (no gap).
 */
export async function takeNextNumber(tx: Executor, communeId: number, seriesKey: string): Promise<number> {
  const [row] = await tx.insert(numberSeries).values({ communeId, seriesKey, lastNumber: 1 })
    .onConflictDoUpdate({ target: [numberSeries.communeId, numberSeries.seriesKey], set: { lastNumber: sql`${numberSeries.lastNumber} + 1` } })
    .returning({ n: numberSeries.lastNumber });
  return row!.n;
}

export async function registerOf(db: Executor, communeId: number, filter: { bodyId?: number | null; year?: number | null } = {}): Promise<RegisterRow[]> {
  const conds = [eq(registerEntries.communeId, communeId)];
  if (filter.bodyId) conds.push(eq(registerEntries.bodyId, filter.bodyId));
  if (filter.year) conds.push(eq(registerEntries.year, filter.year));
  return db.select().from(registerEntries).where(and(...conds)).orderBy(asc(registerEntries.seriesKey), asc(registerEntries.number));
}

export async function registerEntryOf(db: Executor, documentId: number): Promise<RegisterRow | undefined> {
  const [row] = await db.select().from(registerEntries).where(eq(registerEntries.documentId, documentId));
  return row;
}

const fileMeta = {
  documentId: issuedFiles.documentId, communeId: issuedFiles.communeId, shortCode: issuedFiles.shortCode, publicDetails: issuedFiles.publicDetails,
  pdfSha256: issuedFiles.pdfSha256, signedPdfSha256: issuedFiles.signedPdfSha256, docxSha256: issuedFiles.docxSha256,
  certificateSubject: issuedFiles.certificateSubject, signedAt: issuedFiles.signedAt,
};
export type IssuedFileMeta = { [K in keyof typeof fileMeta]: (typeof issuedFiles.$inferSelect)[K] };

export async function issuedMeta(db: Executor, documentId: number): Promise<IssuedFileMeta | undefined> {
  const [row] = await db.select(fileMeta).from(issuedFiles).where(eq(issuedFiles.documentId, documentId));
  return row;
}

export async function issuedMetaByCode(db: Executor, code: string): Promise<IssuedFileMeta | undefined> {
  const [row] = await db.select(fileMeta).from(issuedFiles).where(eq(issuedFiles.shortCode, code));
  return row;
}

export async function issuedFile(db: Executor, documentId: number, kind: 'pdf' | 'signedPdf' | 'docx'): Promise<Buffer | undefined> {
  const col = kind === 'pdf' ? issuedFiles.pdf : kind === 'docx' ? issuedFiles.docx : issuedFiles.signedPdf;
  const [row] = await db.select({ data: col }).from(issuedFiles).where(eq(issuedFiles.documentId, documentId));
  return row?.data;
}

export const certificatesOf = (db: Executor, communeId: number) =>
  db.select().from(signingCertificates).where(eq(signingCertificates.communeId, communeId)).orderBy(desc(signingCertificates.id));
