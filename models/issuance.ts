// Official documents from draft to issue: the document and its numbered text versions, the number series
// and the outgoing register (sổ đăng ký văn bản đi), the issued files with their hashes, and the signing
// certificates (PKCS#12, stored encrypted).
import {
  pgTable, pgEnum, serial, integer, text, boolean, date, timestamp, index, uniqueIndex, customType, primaryKey,
} from 'drizzle-orm/pg-core';
import { accounts, bodies, communes, people } from './org.ts';

/** bytea as a Buffer on both drivers (PGlite returns Uint8Array, node-postgres a Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => v,
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const documentStatus = pgEnum('document_status', ['draft', 'submitted', 'returned', 'approved', 'signed', 'issued', 'revoked']);

/** A document a body will issue; its text lives in document_versions. Issued documents are never edited. */
export const officialDocuments = pgTable('official_documents', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  templateKey: text('template_key').notNull(),
  family: text('family').notNull(), // 'state' | 'party'
  typeCode: text('type_code'), // "NQ", "QĐ"; null for a State letter
  typeName: text('type_name').notNull(), // "NGHỊ QUYẾT"
  subject: text('subject').notNull(),
  status: documentStatus('status').notNull().default('draft'),
  currentVersion: integer('current_version').notNull().default(1),
  confidential: boolean('confidential').notNull().default(false),
  normative: boolean('normative').notNull().default(false),
  closedSession: boolean('closed_session').notNull().default(false), // from a closed session: public page shows existence only
  createdBy: integer('created_by').notNull().references(() => accounts.id),
  submittedVersion: integer('submitted_version'),
  reviewedBy: integer('reviewed_by').references(() => accounts.id),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  signedVersion: integer('signed_version'),
  signedBy: integer('signed_by').references(() => accounts.id),
  signerPersonId: integer('signer_person_id').references(() => people.id),
  signMode: text('sign_mode'),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  lastComment: text('last_comment'),
  replacesId: integer('replaces_id'), // the issued document this one corrects (NĐ 30/2020 Điều 18.3)
  replacedById: integer('replaced_by_id'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedReason: text('revoked_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1), // optimistic lock of the row
}, (t) => [index('official_documents_commune_idx').on(t.communeId, t.status), index('official_documents_body_idx').on(t.bodyId)]);

/** Every saved text of a document (the template markup after filling); a new row per save. */
export const documentVersions = pgTable('document_versions', {
  id: serial('id').primaryKey(),
  documentId: integer('document_id').notNull().references(() => officialDocuments.id),
  version: integer('version').notNull(),
  text: text('text').notNull(),
  note: text('note'),
  createdBy: integer('created_by').notNull().references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('document_versions_uq').on(t.documentId, t.version)]);

/** The last number given in a series (numbering.ts seriesKeyFor); the row lock serialises issuers. */
export const numberSeries = pgTable('number_series', {
  communeId: integer('commune_id').notNull().references(() => communes.id),
  seriesKey: text('series_key').notNull(),
  lastNumber: integer('last_number').notNull(),
}, (t) => [primaryKey({ columns: [t.communeId, t.seriesKey] })]);

/** Sổ đăng ký văn bản đi (NĐ 30/2020 Điều 16, Phụ lục IV): one row per issued document. */
export const registerEntries = pgTable('register_entries', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  documentId: integer('document_id').notNull().references(() => officialDocuments.id),
  seriesKey: text('series_key').notNull(),
  number: integer('number').notNull(),
  numberSymbol: text('number_symbol').notNull(), // "05/NQ-HĐND", "05-NQ/ĐU"
  issuedDate: date('issued_date', { mode: 'string' }).notNull(),
  year: integer('year').notNull(),
  issuerName: text('issuer_name').notNull(),
  typeName: text('type_name').notNull(),
  subject: text('subject').notNull(),
  signerName: text('signer_name').notNull(),
  recipients: text('recipients').notNull(),
  keepingUnit: text('keeping_unit').notNull(), // "VT, VP"
  copies: integer('copies').notNull(),
  sentDate: date('sent_date', { mode: 'string' }),
  notes: text('notes'),
  issuedBy: integer('issued_by').notNull().references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('register_number_uq').on(t.communeId, t.seriesKey, t.number),
  uniqueIndex('register_document_uq').on(t.documentId),
  index('register_commune_year_idx').on(t.communeId, t.year),
]);

/** The files of an issued document, stored once with their SHA-256; the short code opens the public page. */
export const issuedFiles = pgTable('issued_files', {
  documentId: integer('document_id').primaryKey().references(() => officialDocuments.id),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  shortCode: text('short_code').notNull(),
  publicDetails: boolean('public_details').notNull(), // false: Party, closed-session or confidential — existence and integrity only
  pdf: bytea('pdf').notNull(), // rendered, with the QR code, before the signature
  pdfSha256: text('pdf_sha256').notNull(),
  signedPdf: bytea('signed_pdf').notNull(), // the official copy
  signedPdfSha256: text('signed_pdf_sha256').notNull(),
  docx: bytea('docx').notNull(),
  docxSha256: text('docx_sha256').notNull(),
  certificateId: integer('certificate_id'),
  certificateSubject: text('certificate_subject'),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('issued_files_code_uq').on(t.shortCode)]);

/** A PKCS#12 uploaded for a body (the organisation's seal certificate) or a signer's account; encrypted at rest. */
export const signingCertificates = pgTable('signing_certificates', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  bodyId: integer('body_id').references(() => bodies.id),
  accountId: integer('account_id').references(() => accounts.id),
  label: text('label').notNull(),
  subject: text('subject').notNull(),
  issuer: text('issuer').notNull(),
  serial: text('serial').notNull(),
  fingerprintSha256: text('fingerprint_sha256').notNull(),
  notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
  notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
  p12Sealed: bytea('p12_sealed').notNull(),
  passwordSealed: bytea('password_sealed').notNull(),
  selfSigned: boolean('self_signed').notNull().default(false),
  signaturePng: bytea('signature_png'), // the signer's signature image (blue, transparent), placed between position and name
  sealPng: bytea('seal_png'), // the body's seal image (red, transparent, real size), over the left third of the signature
  active: boolean('active').notNull().default(true),
  uploadedBy: integer('uploaded_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('signing_certificates_commune_idx').on(t.communeId)]);
