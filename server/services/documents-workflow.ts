// Documents from draft to signature: create from a template, edit (a new version per save), submit for
// signature (trình ký), approve or return (the Văn phòng), sign (the entitled leader) — each step checked
// against the body's posts on that day and written to the audit trail in the same transaction.
import { and, eq } from 'drizzle-orm';
import { documentVersions, meetings, motions, officialDocuments } from '../../models/schema.ts';
import type { Database, Executor, Tx } from '../db/database.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { isActiveOn } from '../domain/membership.ts';
import { can, canSeeCommune, type Action, type Principal } from '../domain/permissions.ts';
import {
  blockAuthorityOf, checkReviewer, checkSignerEntitlement, checkTransition, entitlementMessage, positionHolds, REVIEW_MESSAGES,
  type DocStatus, type WorkflowStep,
} from '../domain/signoff.ts';
import { diffHunks, diffLines, diffStats } from '../domain/text-diff.ts';
import { upperVi } from '../domain/vn-format.ts';
import { fillTemplate, listTemplates, renderPdf, sampleDataFor, type DocumentDescription, type TemplateInfo } from '../documents/index.ts';
import { parseTemplateText, TemplateTextError } from '../documents/template-text.ts';
import { auditFor, writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/issuance.ts';
import type { TemplateService } from './templates.ts';
import type { Clock } from './clock.ts';
import { Form } from './form.ts';

export const STATUS_LABELS: Record<DocStatus, string> = {
  draft: 'Dự thảo',
  submitted: 'Đã trình ký — chờ Văn phòng kiểm tra',
  returned: 'Bị trả lại — cần sửa',
  approved: 'Chờ ký',
  signed: 'Đã ký — chờ cấp số, ban hành',
  issued: 'Đã ban hành',
  revoked: 'Đã thu hồi',
};

const STEP_LABELS: Record<WorkflowStep, string> = {
  edit: 'sửa', submit: 'trình ký', approve: 'duyệt', return: 'trả lại', sign: 'ký', issue: 'ban hành', revoke: 'thu hồi', correct: 'đính chính, thay thế',
};

const MAX_TEXT = 200_000;

export function requireStep(doc: { status: DocStatus }, step: WorkflowStep): DocStatus {
  const t = checkTransition(doc.status, step);
  if (t.ok) return t.next;
  if (t.reason === 'ALREADY_ISSUED') {
    throw conflict('Văn bản đã được ban hành: không được sửa, ký hoặc ban hành lại. Muốn sửa nội dung, hãy tạo văn bản thay thế.');
  }
  throw conflict(`Văn bản đang ở trạng thái "${STATUS_LABELS[doc.status]}", không thể ${STEP_LABELS[step]}.`);
}

/** Parses a version's text; a text that does not parse cannot be saved (422 with the line). */
export function describe(text: string): DocumentDescription {
  try {
    return parseTemplateText(text);
  } catch (err) {
    if (err instanceof TemplateTextError) throw validation({ text: `Văn bản chưa đúng cấu trúc — ${err.message}` });
    throw err;
  }
}

/** "NQ" from "Số:     /NQ-HĐND" or "Số     -NQ/ĐU"; null for a letter without a type. */
export function typeCodeOf(numberLine: string | null, family: 'state' | 'party'): string | null {
  if (!numberLine) return null;
  if (family === 'party') return /-([^\s/-]+)\/[^\s/]+\s*$/u.exec(numberLine)?.[1] ?? null;
  const m = /\/(?:\d{4}\/)?([^\s/]+)\s*$/u.exec(numberLine)?.[1] ?? '';
  const dash = m.indexOf('-');
  return dash > 0 ? m.slice(0, dash) : null;
}

export function createDocumentService(database: Database, clock: Clock, deps: { templates: TemplateService }) {
  const { db } = database;

  function allowed(p: Principal, action: Action, communeId: number, bodyId: number) {
    return can(p, action, { communeId, bodyId });
  }

  async function load(p: Principal, communeId: number, id: number, ex: Executor = db) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    const doc = await repo.findDocument(ex, communeId, id);
    if (!doc || !allowed(p, 'document.read', communeId, doc.bodyId)) throw notFound();
    return doc;
  }

  function requireAction(p: Principal, action: Action, doc: { communeId: number; bodyId: number }) {
    if (!allowed(p, action, doc.communeId, doc.bodyId)) throw forbidden();
  }

  function expectedVersion(input: Record<string, unknown>, doc: repo.DocumentRow): number {
    const v = Number(input.version);
    if (!Number.isInteger(v) || v < 1) throw new AppError('BAD_REQUEST', 'Thiếu số phiên bản văn bản.');
    if (v !== doc.currentVersion) {
      throw conflict(`Văn bản đã có phiên bản mới hơn (phiên bản ${doc.currentVersion}, bạn đang xem phiên bản ${v}). Vui lòng xem lại phiên bản mới nhất.`);
    }
    return v;
  }

  function comment(input: Record<string, unknown>, required: boolean): string | null {
    const form = new Form(input);
    const c = form.multiline('comment', { required, max: 2000, requiredMessage: 'Vui lòng ghi ý kiến khi trả lại văn bản.' });
    form.check();
    return c || null;
  }

  /** Moves a document one step, guarded by its status and row version; writes the audit row. */
  async function step(tx: Executor, p: Principal, doc: repo.DocumentRow, s: WorkflowStep, set: Partial<typeof officialDocuments.$inferInsert>, extra: object = {}) {
    const next = requireStep(doc, s);
    const [row] = await tx.update(officialDocuments).set({ ...set, status: next, version: doc.version + 1 })
      .where(and(eq(officialDocuments.id, doc.id), eq(officialDocuments.version, doc.version))).returning();
    if (!row) throw conflict('Văn bản vừa được người khác xử lý. Vui lòng tải lại trang.');
    await writeAudit(tx, { accountId: p.accountId, communeId: doc.communeId, action: `document.${s}`, entity: 'document', entityId: doc.id,
      before: { status: doc.status, version: doc.currentVersion }, after: { status: next, version: row.currentVersion, ...extra } });
    return row;
  }

  /** Bodies this user may draft for, each with the templates that apply to its kind. */
  async function draftingChoices(p: Principal, communeId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    const bodies = (await orgRepo.listBodies(db, communeId)).filter((b) => b.active && allowed(p, 'document.draft', communeId, b.id));
    const templates = listTemplates();
    return bodies
      .map((b) => ({ body: b, templates: templates.filter((t) => t.bodyKinds.includes(b.kind as TemplateInfo['bodyKinds'][number])) }))
      .filter((x) => x.templates.length > 0);
  }

  /** The units under a body (its Văn phòng, phòng): where a TL./TUQ. signer holds the post the block names. */
  async function unitsOf(ex: Executor, communeId: number, bodyId: number) {
    return (await orgRepo.listBodies(ex, communeId)).filter((b) => b.parentId === bodyId);
  }

  /** Who a signature block names on a day: the head, the first deputy, or the holder of the named post (TL., TUQ.). */
  async function holderOf(ex: Executor, communeId: number, bodyId: number, lines: readonly string[], day: string) {
    const { requirement } = blockAuthorityOf(lines);
    if (requirement.post === 'named') {
      for (const unit of [...await unitsOf(ex, communeId, bodyId), { id: bodyId }]) {
        const found = (await orgRepo.membershipsOfBody(ex, communeId, unit.id)).find((m) => isActiveOn(m, day) && positionHolds(m.position, requirement.title));
        if (found) return { holder: found, keepPosition: true };
      }
      return null;
    }
    const role = requirement.post === 'deputy' ? 'deputy' : 'head';
    const holder = (await orgRepo.membershipsOfBody(ex, communeId, bodyId)).find((m) => m.role === role && isActiveOn(m, day));
    return holder ? { holder, keepPosition: false } : null;
  }

  /** The meeting a draft comes from (directly or through a motion voted there), or null. */
  async function sourceMeeting(ex: Executor, communeId: number, source: { meetingId?: number | null; motionId?: number | null } | undefined) {
    let meetingId = source?.meetingId ?? null;
    if (meetingId === null && source?.motionId) {
      meetingId = (await ex.select({ meetingId: motions.meetingId }).from(motions).where(and(eq(motions.id, source.motionId), eq(motions.communeId, communeId))))[0]?.meetingId ?? null;
    }
    if (meetingId === null) return null;
    return (await ex.select({ id: meetings.id, closedSession: meetings.closedSession }).from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.communeId, communeId))))[0] ?? null;
  }

  /** Fills a template for a body with `base` data: the commune, issuer, date and the signer holding the post today. */
  async function prepareDraft(ex: Executor, communeId: number, body: orgRepo.BodyRow, info: TemplateInfo, base: Record<string, any>) {
    const key = info.key;
    const commune = await orgRepo.findCommune(ex, communeId);
    if (!commune) throw notFound();
    const today = clock.today();
    const terms = await orgRepo.listTerms(ex, body.id);
    const term = terms.find((t) => t.startDate <= today && today <= t.endDate) ?? terms.at(-1);
    const source = await deps.templates.sourceFor(communeId, key, ex);
    const fixed = {
      commune: { name: commune.name, unit: `${commune.kind} ${commune.name}`, place: commune.placeName, province: commune.province },
      issuer: { name: body.name, header: body.issuerName ?? upperVi(body.name), parent: body.parentHeader, code: body.issuerCode ?? '', term: term?.name ?? '' },
      doc: { number: null, date: today, draft: true },
    };
    // The filled signature block tells who signs: the head, a deputy for them (KT., K/T, T/M + Phó Bí thư), or the
    // holder of the post on its last line (TL. Chánh Văn phòng).
    const sampleDesc = parseTemplateText(fillTemplate(key, source, { ...base, ...fixed }));
    const lastCol = sampleDesc.signatures.at(-1);
    const found = await holderOf(ex, communeId, body.id, lastCol?.lines ?? [], today);
    const holder = found?.holder ?? null;
    const person = holder ? await orgRepo.findPerson(ex, communeId, holder.personId) : undefined;
    const data = {
      ...base,
      ...fixed,
      ...(base.signer ? {
        signer: {
          ...base.signer,
          ...(person ? { name: person.fullName, honorific: person.gender === 'nữ' ? 'Bà' : 'Ông', birthYear: person.birthYear, ethnicity: person.ethnicity ?? '' } : {}),
          ...(holder && !found!.keepPosition ? { position: holder.position } : {}),
        },
      } : {}),
    };
    const text = fillTemplate(key, source, data);
    return { text, desc: describe(text) };
  }

  /** Who wrote the current version and who last submitted it (the trail is newest first). */
  const authorsFrom = (version: { createdBy: number } | undefined, trail: readonly { action: string; accountId: number | null }[]) =>
    ({ drafterId: version?.createdBy ?? null, submitterId: trail.find((a) => a.action === 'document.submit')?.accountId ?? null });

  async function authorsOf(ex: Executor, doc: repo.DocumentRow) {
    const [version, trail] = await Promise.all([repo.versionOf(ex, doc.id, doc.currentVersion), auditFor(ex, 'document', String(doc.id))]);
    return authorsFrom(version, trail);
  }

  async function writeDraft(tx: Tx, p: Principal, communeId: number, body: orgRepo.BodyRow, info: TemplateInfo, draft: { text: string; desc: DocumentDescription },
    flags: { confidential: boolean; normative: boolean; closedSession: boolean }, note: string) {
    const { text, desc } = draft;
    const [doc] = await tx.insert(officialDocuments).values({
      communeId, bodyId: body.id, templateKey: info.key, family: info.family, typeCode: typeCodeOf(desc.header.numberLine, info.family),
      typeName: desc.typeName, subject: desc.subject ?? desc.typeName, createdBy: p.accountId, ...flags,
    }).returning();
    await tx.insert(documentVersions).values({ documentId: doc!.id, version: 1, text, note, createdBy: p.accountId });
    await writeAudit(tx, { accountId: p.accountId, communeId, action: 'document.create', entity: 'document', entityId: doc!.id,
      after: { bodyId: body.id, templateKey: info.key, subject: doc!.subject, ...flags } });
    return doc!;
  }

  return {
    STATUS_LABELS,
    draftingChoices,

    async list(p: Principal, communeId: number, filter: { status?: string } = {}) {
      if (!canSeeCommune(p, communeId)) throw notFound();
      const rows = await repo.listDocuments(db, communeId);
      const bodies = await orgRepo.listBodies(db, communeId);
      const names = new Map(bodies.map((b) => [b.id, b.shortName]));
      return rows.filter((d) => allowed(p, 'document.read', communeId, d.bodyId) && (!filter.status || d.status === filter.status))
        .map((d) => ({ ...d, bodyShortName: names.get(d.bodyId) ?? '' }));
    },

    /** "Chờ ký": documents approved for signature in the bodies this user signs for. */
    async inbox(p: Principal) {
      if (p.communeId === null) return [];
      const bodyIds = p.roles.filter((r) => r.role === 'signer' && r.bodyId !== null).map((r) => r.bodyId!);
      const rows = await repo.documentsWithStatus(db, p.communeId, 'approved', bodyIds);
      const bodies = await orgRepo.listBodies(db, p.communeId);
      const names = new Map(bodies.map((b) => [b.id, b.name]));
      return rows.map((d) => ({ ...d, bodyName: names.get(d.bodyId) ?? '' }));
    },

    async create(p: Principal, communeId: number, input: Record<string, unknown>) {
      const choices = await draftingChoices(p, communeId);
      // Permission first: someone who may draft for no body is refused before the form is read.
      if (choices.length === 0) throw forbidden('Bạn không được soạn văn bản cho cơ quan nào của xã này.');
      const form = new Form(input);
      const bodyId = form.int('bodyId', { min: 1 });
      const key = typeof input.templateKey === 'string' ? input.templateKey : '';
      const choice = choices.find((c) => c.body.id === bodyId);
      if (!choice) {
        if (bodyId !== null && await orgRepo.findBody(db, communeId, bodyId)) throw forbidden('Bạn không được soạn văn bản cho cơ quan này.');
        throw validation({ bodyId: 'Vui lòng chọn cơ quan ban hành.' });
      }
      const info = choice.templates.find((t) => t.key === key);
      if (!info) throw validation({ templateKey: 'Vui lòng chọn một mẫu văn bản dùng cho cơ quan này.' });
      const flags = { confidential: input.confidential === 'on' || input.confidential === 'true', normative: input.normative === 'on' || input.normative === 'true', closedSession: input.closedSession === 'on' || input.closedSession === 'true' };
      if (flags.normative && info.family === 'party') throw validation({ normative: 'Văn bản của Đảng không phải văn bản quy phạm pháp luật.' });
      const draft = await prepareDraft(db, communeId, choice.body, info, sampleDataFor(key) as Record<string, any>);
      return database.transaction((tx) => writeDraft(tx, p, communeId, choice.body, info, draft, flags, `Tạo từ mẫu "${info.title}"`));
    },

    /**
     * A draft filled from real data (an election result, a regulation) instead of the sample, inside the caller's
     * transaction: the same filling, signer lookup and audit as `create`. `data` must carry every field the
     * template reads apart from commune, issuer, doc and signer, which come from the body and its posts.
     */
    async createFromData(tx: Tx, p: Principal, communeId: number, input: {
      bodyId: number; templateKey: string; data: Record<string, unknown>; note: string;
      /** The meeting or motion the draft comes from: a closed session's documents get existence-only public pages. */
      source?: { meetingId?: number | null; motionId?: number | null };
    }) {
      if (!canSeeCommune(p, communeId)) throw notFound();
      const body = await orgRepo.findBody(tx, communeId, input.bodyId);
      if (!body) throw notFound();
      if (!allowed(p, 'document.draft', communeId, body.id)) throw forbidden('Bạn không được soạn văn bản cho cơ quan này.');
      const info = listTemplates().find((t) => t.key === input.templateKey && t.bodyKinds.includes(body.kind as TemplateInfo['bodyKinds'][number]));
      if (!info) throw validation({ templateKey: 'Mẫu văn bản này không dùng cho cơ quan này.' });
      const base = { signer: { name: '(họ và tên)', position: '(chức vụ)', honorific: 'Ông', birthYear: 0, ethnicity: '' }, ...input.data };
      const draft = await prepareDraft(tx, communeId, body, info, base);
      const meeting = await sourceMeeting(tx, communeId, input.source);
      return writeDraft(tx, p, communeId, body, info, draft, { confidential: false, normative: false, closedSession: meeting?.closedSession ?? false }, input.note);
    },

    /** The document page; the diff compares the current text with `compareWith` (default: the previous version). */
    async get(p: Principal, communeId: number, id: number, compareWith: number | null = null) {
      const doc = await load(p, communeId, id);
      const [versions, body, trail, register, issued] = await Promise.all([
        repo.versionsOf(db, id), orgRepo.findBody(db, communeId, doc.bodyId), auditFor(db, 'document', String(id)),
        repo.registerEntryOf(db, id), repo.issuedMeta(db, id),
      ]);
      const current = versions.find((v) => v.version === doc.currentVersion)!;
      const previous = versions.find((v) => v.version === (compareWith !== null && compareWith < doc.currentVersion ? compareWith : doc.currentVersion - 1)) ?? null;
      const diff = previous ? diffLines(previous.text, current.text) : null;
      let desc: DocumentDescription | null;
      try { desc = parseTemplateText(current.text); } catch { desc = null; }
      const scope = { communeId, bodyId: doc.bodyId };
      const reviewer = checkReviewer({ reviewerId: p.accountId, ...authorsFrom(current, trail) });
      return {
        reviewRefusal: doc.status === 'submitted' && !reviewer.ok ? REVIEW_MESSAGES[reviewer.reason] : null,
        doc, body: body!, versions, current, previous, trail,
        diff: diff ? diffHunks(diff, 2) : null, diffStats: diff ? diffStats(diff) : null,
        signature: desc?.signatures.at(-1) ?? null,
        register: register ?? null, issued: issued ?? null,
        can: {
          edit: checkTransition(doc.status, 'edit').ok && can(p, 'document.draft', scope),
          submit: checkTransition(doc.status, 'submit').ok && can(p, 'document.draft', scope),
          review: doc.status === 'submitted' && can(p, 'document.review', scope),
          approve: doc.status === 'submitted' && can(p, 'document.review', scope) && reviewer.ok,
          sign: doc.status === 'approved' && can(p, 'document.sign', scope),
          issue: doc.status === 'signed' && can(p, 'document.issue', scope),
          revoke: doc.status === 'issued' && can(p, 'document.issue', scope),
          correct: doc.status === 'issued' && can(p, 'document.draft', scope),
        },
      };
    },

    /** The PDF of a version as the drafter wrote it (a draft keeps "DỰ THẢO"). */
    async versionPdf(p: Principal, communeId: number, id: number, version: number | null): Promise<Buffer> {
      const doc = await load(p, communeId, id);
      const v = await repo.versionOf(db, id, version ?? doc.currentVersion);
      if (!v) throw notFound();
      return renderPdf(describe(v.text));
    },

    async saveText(p: Principal, communeId: number, id: number, input: Record<string, unknown>) {
      const doc = await load(p, communeId, id);
      requireAction(p, 'document.draft', doc);
      requireStep(doc, 'edit');
      const form = new Form(input);
      const text = form.multiline('text', { required: true, trim: false, max: MAX_TEXT, requiredMessage: 'Vui lòng nhập nội dung văn bản.' });
      const note = form.optionalText('note', 300);
      form.check();
      const base = Number(input.version);
      const desc = describe(text);
      return database.transaction(async (tx) => {
        const fresh = (await repo.findDocument(tx, communeId, id))!;
        requireStep(fresh, 'edit');
        if (base !== fresh.currentVersion) throw conflict(`Văn bản đã có phiên bản ${fresh.currentVersion} do người khác lưu. Vui lòng tải lại trang rồi sửa lại.`);
        const latest = await repo.versionOf(tx, id, fresh.currentVersion);
        if (latest?.text === text) throw validation({ text: 'Nội dung không thay đổi so với phiên bản hiện tại.' });
        const next = fresh.currentVersion + 1;
        await tx.insert(documentVersions).values({ documentId: id, version: next, text, note, createdBy: p.accountId });
        const [row] = await tx.update(officialDocuments).set({
          currentVersion: next, subject: desc.subject ?? desc.typeName, typeName: desc.typeName,
          typeCode: typeCodeOf(desc.header.numberLine, fresh.family as 'state' | 'party') ?? fresh.typeCode, version: fresh.version + 1,
        }).where(and(eq(officialDocuments.id, id), eq(officialDocuments.version, fresh.version))).returning();
        if (!row) throw conflict('Văn bản vừa được người khác xử lý. Vui lòng tải lại trang.');
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'document.edit', entity: 'document', entityId: id,
          before: { version: fresh.currentVersion }, after: { version: next, note, length: text.length } });
        return row;
      });
    },

    async submit(p: Principal, communeId: number, id: number, input: Record<string, unknown>) {
      const doc = await load(p, communeId, id);
      requireAction(p, 'document.draft', doc);
      requireStep(doc, 'submit');
      const v = expectedVersion(input, doc);
      return database.transaction((tx) => step(tx, p, doc, 'submit', { submittedVersion: v, lastComment: null }));
    },

    async approve(p: Principal, communeId: number, id: number, input: Record<string, unknown>) {
      const doc = await load(p, communeId, id);
      requireAction(p, 'document.review', doc);
      requireStep(doc, 'approve');
      expectedVersion(input, doc);
      const own = checkReviewer({ reviewerId: p.accountId, ...await authorsOf(db, doc) });
      if (!own.ok) throw forbidden(REVIEW_MESSAGES[own.reason]);
      const c = comment(input, false);
      return database.transaction((tx) => step(tx, p, doc, 'approve', { reviewedBy: p.accountId, reviewedAt: clock.now(), lastComment: c }, { comment: c }));
    },

    /** Returned with a comment: by the Văn phòng at review, or by the signer from the inbox. */
    async returnForChanges(p: Principal, communeId: number, id: number, input: Record<string, unknown>) {
      const doc = await load(p, communeId, id);
      requireAction(p, doc.status === 'approved' ? 'document.sign' : 'document.review', doc);
      requireStep(doc, 'return');
      expectedVersion(input, doc);
      const c = comment(input, true);
      return database.transaction((tx) => step(tx, p, doc, 'return', { lastComment: c }, { comment: c }));
    },

    /** The leader signs the version they read; the number and the digital signature follow at issuance. */
    async sign(p: Principal, communeId: number, id: number, input: Record<string, unknown>) {
      const doc = await load(p, communeId, id);
      requireAction(p, 'document.sign', doc);
      requireStep(doc, 'sign');
      const v = expectedVersion(input, doc);
      const body = (await orgRepo.findBody(db, communeId, doc.bodyId))!;
      if (p.personId === null) throw forbidden('Tài khoản của bạn chưa gắn với một người trong danh sách nhân sự nên không thể ký.');
      const person = await orgRepo.findPerson(db, communeId, p.personId);
      if (!person) throw forbidden('Tài khoản của bạn chưa gắn với một người trong danh sách nhân sự nên không thể ký.');
      const text = (await repo.versionOf(db, id, v))!.text;
      const col = describe(text).signatures.at(-1);
      const day = clock.today();
      const posts = await orgRepo.membershipsOfBody(db, communeId, doc.bodyId);
      const units = new Set((await unitsOf(db, communeId, doc.bodyId)).map((b) => b.id));
      const unitPosts = (await orgRepo.membershipsOfPerson(db, communeId, person.id)).filter((m) => units.has(m.bodyId));
      const result = checkSignerEntitlement({
        family: doc.family as 'state' | 'party', blockLines: col?.lines ?? [], blockName: col?.name ?? '', signerName: person.fullName,
        hasSignerRole: true, posts: posts.filter((m) => m.personId === person.id), unitPosts,
        headHeldOn: posts.some((m) => m.role === 'head' && isActiveOn(m, day)), day,
      });
      if (!result.ok) throw forbidden(entitlementMessage(result, { bodyName: body.name, day, blockName: col?.name ?? '', signerName: person.fullName }));
      return database.transaction((tx) => step(tx, p, doc, 'sign', {
        signedVersion: v, signedBy: p.accountId, signerPersonId: person.id, signMode: result.mode, signedAt: clock.now(), lastComment: null,
      }, { signer: person.fullName, mode: result.mode }));
    },

    load,
    requireAction,
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;

