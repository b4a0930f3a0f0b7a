// Issuance: in one transaction the signed document takes the next number of its series from the outgoing
// register, gets its date, is rendered to PDF and DOCX with its QR code, digitally signed, stored with the
// SHA-256 of each file, and entered in the register. A refusal or a failure rolls everything back: no number
// is used up. Issued documents are never edited; a correction is a new document that replaces one; a
// revocation is recorded.
import { and, eq } from 'drizzle-orm';
import { documentVersions, issuedFiles, officialDocuments, registerEntries } from '../../models/schema.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, conflict, validation } from '../domain/errors.ts';
import { formatNumberSymbol, seriesKeyFor } from '../domain/numbering.ts';
import { formatDateLine, formatPartyNumberLine, formatStateNumberLine, parseIsoDate } from '../domain/vn-format.ts';
import { renderDocx, renderPdf, type DocumentDescription } from '../documents/index.ts';
import { pageBox, profileFor } from '../documents/layout.ts';
import { randomBytes } from 'node:crypto';
import { createKeyRing, demoImages, sha256Hex, shortCode, signPdf, SigningError, type KeyRing } from '../signing/index.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/issuance.ts';
import type { Principal } from '../domain/permissions.ts';
import { createDocumentService, describe, requireStep, type DocumentService } from './documents-workflow.ts';
import { createCertificateService, type CertificateService, type UsableCertificate } from './certificates.ts';
import { createTemplateService } from './templates.ts';
import { createRegisterService } from './register.ts';
import { applyIssuedEffects } from './issued-effects.ts';
import { createVerificationService } from './verification.ts';
import { locateSignatureSpace, signatureImagesStamp, stampPdf, verificationStamp, type Stamp } from './pdf-stamp.ts';
import type { Clock } from './clock.ts';
import { Form } from './form.ts';

export const VERIFY_ROUTE = '/tra-cuu';

export interface IssuedFilesOut {
  pdf: Buffer;
  signedPdf: Buffer;
  docx: Buffer;
}

export interface RenderContext {
  desc: DocumentDescription;
  numberSymbol: string;
  code: string;
  url: string;
  certificate: UsableCertificate | null;
  signerName: string;
  place: string;
  signingTime: Date;
}

let demo: ReturnType<typeof demoImages> | null = null;
const demoStampImages = () => (demo ??= demoImages()); // drawn once per process

/** The full path: render both formats, stamp QR code and images, sign the PDF. */
export async function renderIssuedFiles(ctx: RenderContext): Promise<IssuedFilesOut> {
  // Both files carry the short code and address on page 1; the PDF's QR code is stamped after rendering.
  const desc: DocumentDescription = { ...ctx.desc, verification: { code: ctx.code, url: ctx.url } };
  const [rendered, docx] = await Promise.all([renderPdf(desc), renderDocx(desc)]);
  const box = pageBox(profileFor(ctx.desc.family));
  const stamps: Stamp[] = [verificationStamp(ctx.url, { leftMm: profileFor(ctx.desc.family).marginsMm.left })];
  // The configured signature and seal images; the demo's drawn ones only with the demo's own certificate.
  const images = ctx.certificate?.images ?? (ctx.certificate?.row.selfSigned ? demoStampImages() : null);
  if (images && ctx.desc.signatures.length > 0) {
    const f = ctx.desc.signatures.length === 1 ? profileFor(ctx.desc.family).signatureLeftFraction : 0.5;
    const space = locateSignatureSpace(rendered, { left: box.left + box.width * f, width: box.width * (1 - f) });
    if (space) stamps.push(signatureImagesStamp(space, images));
  }
  const pdf = stampPdf(rendered, stamps);
  if (!ctx.certificate) throw new AppError('VALIDATION', 'Chưa có chứng thư số để ký văn bản.');
  const signedPdf = await signPdf(pdf, {
    p12: ctx.certificate.p12, password: ctx.certificate.password, reason: `Ban hành văn bản số ${ctx.numberSymbol}`,
    location: ctx.place, signerName: ctx.signerName, signingTime: ctx.signingTime,
  });
  return { pdf, signedPdf, docx };
}

export interface IssuanceOptions {
  publicBaseUrl: string;
  /** Replaced in the numbering test and benchmark by a cheap stand-in; the numbering transaction stays the real one. */
  render?: (ctx: RenderContext) => Promise<IssuedFilesOut>;
  /** Skips loading a certificate (with a stand-in renderer only). */
  withoutCertificate?: boolean;
}

export function createIssuanceService(database: Database, clock: Clock, deps: { documents: DocumentService; certificates: CertificateService }, opts: IssuanceOptions) {
  const { db } = database;
  const render = opts.render ?? renderIssuedFiles;

  return {
    async issue(p: Principal, communeId: number, id: number, input: Record<string, unknown> = {}) {
      const doc = await deps.documents.load(p, communeId, id);
      deps.documents.requireAction(p, 'document.issue', doc);
      requireStep(doc, 'issue');
      const copies = input.copies === undefined || input.copies === '' ? 1 : Number(input.copies);
      if (!Number.isInteger(copies) || copies < 1 || copies > 9999) throw validation({ copies: 'Số lượng bản phải là số nguyên từ 1.' });
      const form = new Form(input);
      const notes = form.optionalText('notes', 500);
      form.check();
      const [body, commune] = await Promise.all([orgRepo.findBody(db, communeId, doc.bodyId), orgRepo.findCommune(db, communeId)]);
      if (!body || !commune) throw new AppError('NOT_FOUND', 'Không tìm thấy cơ quan ban hành.');
      if (!body.issuerCode) throw validation({}, `${body.name} chưa có mã cơ quan ban hành (ký hiệu); quản trị xã cần khai báo trước khi cấp số.`);
      const version = await repo.versionOf(db, id, doc.signedVersion ?? doc.currentVersion);
      if (!version || doc.signedVersion !== doc.currentVersion) throw conflict('Văn bản đã thay đổi sau khi ký; cần trình ký lại.');
      const desc = describe(version.text);
      const family = doc.family as 'state' | 'party';
      const today = clock.today();
      const year = Number(today.slice(0, 4));
      let termId: string | null = null;
      if (family === 'party') {
        const term = (await orgRepo.listTerms(db, body.id)).find((t) => t.startDate <= today && today <= t.endDate);
        if (!term) throw validation({}, `${body.name} không có nhiệm kỳ bao gồm ngày ${today.split('-').reverse().join('/')}; không cấp được số theo nhiệm kỳ.`);
        termId = `${term.startDate.slice(0, 4)}-${term.endDate.slice(0, 4)}`;
      }
      const series = { family, issuerCode: body.issuerCode, docType: family === 'party' ? doc.typeCode ?? 'CV' : doc.typeCode, year, termId, normative: doc.normative, confidential: doc.confidential };
      const seriesKey = seriesKeyFor(series);
      // Certificate first, outside the transaction: a missing, expired or unreadable one refuses before any number is taken.
      const certificate = opts.withoutCertificate ? null : await deps.certificates.forIssuance(communeId, doc.bodyId, doc.signedBy);
      const signer = doc.signerPersonId ? await orgRepo.findPerson(db, communeId, doc.signerPersonId) : undefined;
      const signerName = signer?.fullName ?? desc.signatures.at(-1)?.name ?? '';
      const place = `${commune.placeName}, ${commune.province}`;

      try {
        return await database.transaction(async (tx: Tx) => {
          // The status guard: a second issuance of the same document waits here and then finds it issued.
          const [locked] = await tx.update(officialDocuments).set({ status: 'issued', version: doc.version + 1 })
            .where(and(eq(officialDocuments.id, id), eq(officialDocuments.status, 'signed'), eq(officialDocuments.version, doc.version))).returning();
          if (!locked) {
            const fresh = await repo.findDocument(tx, communeId, id);
            if (fresh?.status === 'issued' || fresh?.status === 'revoked') throw conflict('Văn bản này đã được ban hành; không cấp số lần thứ hai.');
            throw conflict('Văn bản vừa được người khác xử lý. Vui lòng tải lại trang.');
          }
          const number = await repo.takeNextNumber(tx, communeId, seriesKey);
          const numberSymbol = formatNumberSymbol({ ...series, number });
          // A regulation comes into force, an appointment changes the posts — in this same transaction (a refusal uses no number).
          await applyIssuedEffects(tx, p, { id, communeId, typeName: desc.typeName }, { numberSymbol, date: today });
          const issued: DocumentDescription = {
            ...desc,
            draft: false,
            header: {
              ...desc.header,
              numberLine: family === 'party'
                ? formatPartyNumberLine({ number, typeCode: doc.typeCode ?? 'CV', issuerCode: body.issuerCode! })
                : doc.normative ? `Số: ${numberSymbol}` : formatStateNumberLine({ number, typeCode: doc.typeCode, issuerCode: body.issuerCode! }),
              // Minutes carry no date line (FORMATS.md Mẫu 1.9): keep it absent when the text has none.
              dateLine: desc.header.dateLine === null ? null : formatDateLine(commune.placeName, parseIsoDate(today)),
            },
          };
          const code = shortCode();
          const url = `${opts.publicBaseUrl.replace(/\/+$/, '')}${VERIFY_ROUTE}/${code}`;
          const signingTime = clock.now();
          const files = await render({ desc: issued, numberSymbol, code, url, certificate, signerName, place, signingTime });
          const recipients = desc.recipients?.items ?? [];
          const keep = recipients.find((r) => /^-\s*Lưu\b/u.test(r));
          await tx.insert(registerEntries).values({
            communeId, bodyId: doc.bodyId, documentId: id, seriesKey, number, numberSymbol, issuedDate: today, year,
            issuerName: body.name, typeName: desc.typeName, subject: desc.subject ?? desc.typeName, signerName,
            recipients: recipients.filter((r) => r !== keep).map((r) => r.replace(/^-\s*/, '').replace(/[;.]$/, '')).join('; '),
            keepingUnit: keep ? keep.replace(/^-\s*Lưu:?\s*/u, '').replace(/[.;]\s*$/, '') : 'VT',
            copies, sentDate: today, notes, issuedBy: p.accountId,
          });
          await tx.insert(issuedFiles).values({
            documentId: id, communeId, shortCode: code,
            publicDetails: family === 'state' && !doc.closedSession && !doc.confidential,
            pdf: files.pdf, pdfSha256: sha256Hex(files.pdf), signedPdf: files.signedPdf, signedPdfSha256: sha256Hex(files.signedPdf),
            docx: files.docx, docxSha256: sha256Hex(files.docx), certificateId: certificate?.row.id ?? null,
            certificateSubject: certificate?.row.subject ?? null, signedAt: signingTime,
          });
          if (doc.replacesId) {
            await tx.update(officialDocuments).set({ replacedById: id }).where(and(eq(officialDocuments.id, doc.replacesId), eq(officialDocuments.communeId, communeId)));
          }
          await writeAudit(tx, { accountId: p.accountId, communeId, action: 'document.issue', entity: 'document', entityId: id,
            before: { status: 'signed' }, after: { status: 'issued', number, numberSymbol, seriesKey, date: today, shortCode: code, sha256: sha256Hex(files.signedPdf) } });
          return { number, numberSymbol, shortCode: code, seriesKey };
        });
      } catch (err) {
        if (err instanceof SigningError) throw new AppError('VALIDATION', `${err.message} Văn bản chưa được cấp số.`);
        if (err instanceof AppError) throw err;
        if (/register_number_uq|issued_files_pkey|register_document_uq/.test(String((err as { message?: string })?.message) + String((err as { cause?: unknown })?.cause))) {
          throw conflict('Văn bản này đã được ban hành; không cấp số lần thứ hai.');
        }
        throw err;
      }
    },

    /** Revocation is recorded; the document, its number and files stay as issued. */
    async revoke(p: Principal, communeId: number, id: number, input: Record<string, unknown>) {
      const doc = await deps.documents.load(p, communeId, id);
      deps.documents.requireAction(p, 'document.issue', doc);
      requireStep(doc, 'revoke');
      const form = new Form(input);
      const reason = form.multiline('reason', { required: true, max: 1000, requiredMessage: 'Vui lòng ghi lý do và căn cứ thu hồi.' });
      form.check();
      return database.transaction(async (tx) => {
        const [row] = await tx.update(officialDocuments).set({ status: 'revoked', revokedAt: clock.now(), revokedReason: reason.slice(0, 1000), version: doc.version + 1 })
          .where(and(eq(officialDocuments.id, id), eq(officialDocuments.version, doc.version), eq(officialDocuments.status, 'issued'))).returning();
        if (!row) throw conflict('Văn bản vừa được người khác xử lý. Vui lòng tải lại trang.');
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'document.revoke', entity: 'document', entityId: id, before: { status: 'issued' }, after: { status: 'revoked', reason } });
        return row;
      });
    },

    /** A correction of content: a new draft of the same kind, from the issued text, that will replace it (NĐ 30/2020 Điều 18.3). */
    async startCorrection(p: Principal, communeId: number, id: number) {
      const doc = await deps.documents.load(p, communeId, id);
      deps.documents.requireAction(p, 'document.draft', doc);
      requireStep(doc, 'correct');
      const entry = await repo.registerEntryOf(db, id);
      const text = (await repo.versionOf(db, id, doc.signedVersion ?? doc.currentVersion))!.text;
      return database.transaction(async (tx) => {
        const [copy] = await tx.insert(officialDocuments).values({
          communeId, bodyId: doc.bodyId, templateKey: doc.templateKey, family: doc.family, typeCode: doc.typeCode, typeName: doc.typeName,
          subject: doc.subject, confidential: doc.confidential, normative: doc.normative, closedSession: doc.closedSession,
          createdBy: p.accountId, replacesId: doc.id,
        }).returning();
        await tx.insert(documentVersions).values({ documentId: copy!.id, version: 1, text, note: `Thay thế văn bản số ${entry?.numberSymbol ?? doc.id}`, createdBy: p.accountId });
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'document.correct', entity: 'document', entityId: copy!.id, after: { replaces: doc.id, numberSymbol: entry?.numberSymbol } });
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'document.correction_started', entity: 'document', entityId: doc.id, after: { replacement: copy!.id } });
        return copy!;
      });
    },

    async file(p: Principal, communeId: number, id: number, kind: 'signedPdf' | 'docx') {
      const doc = await deps.documents.load(p, communeId, id);
      const data = await repo.issuedFile(db, doc.id, kind);
      if (!data) throw new AppError('NOT_FOUND', 'Văn bản chưa được ban hành.');
      const entry = await repo.registerEntryOf(db, doc.id);
      return { data, name: (entry?.numberSymbol ?? String(doc.id)).replace(/[^\p{L}\p{N}-]+/gu, '_') };
    },
  };
}

export type IssuanceService = ReturnType<typeof createIssuanceService>;

export interface SignoffOptions {
  /**
   * The key ring certificates are sealed under (SIGNING_KEY and the keys it replaced). Without one, `signingSecret`
   * is the current key alone; without either, a random key per process (tests).
   */
  keys?: KeyRing;
  signingSecret?: string;
  /** Where the public verification page is reached (printed in the QR code). */
  publicBaseUrl?: string;
  /** A body without a certificate gets a self-signed one on its first issuance (demo installs). */
  demoCertificates?: boolean;
  issuance?: Partial<IssuanceOptions>;
}

/** The document workflow, issuance, certificates, register and verification services, wired together. */
export function createSignoffServices(database: Database, clock: Clock, opts: SignoffOptions = {}) {
  const keys = opts.keys ?? createKeyRing({ current: opts.signingSecret ?? randomBytes(32).toString('hex') });
  const documents = createDocumentService(database, clock, { templates: createTemplateService(database) });
  const certificates = createCertificateService(database, clock, { keys, demoCertificates: opts.demoCertificates ?? true });
  const issuance = createIssuanceService(database, clock, { documents, certificates }, {
    publicBaseUrl: opts.publicBaseUrl ?? 'http://127.0.0.1:3000', ...opts.issuance,
  });
  return { documents, certificates, issuance, register: createRegisterService(database), verification: createVerificationService(database) };
}
