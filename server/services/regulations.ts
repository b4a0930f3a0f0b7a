// Use cases for a body's working regulations (Quy chế làm việc): start from the usual outline, save versions
// (text + procedural settings, each checked against the statute), compare versions, and send one for adoption
// as the annex of a decision or resolution in the document workflow. The rules take effect when that document
// is issued (issued-effects.ts). Each write: load → permission → rule → write + audit, in one transaction.
import { and, eq } from 'drizzle-orm';
import { regulations, regulationVersions } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import {
  annexLines, checkEffectiveDate, checkSettings, DEFAULT_METHODS, defaultSettings, FREQUENCIES, parseRegulation, passRuleBodyOf,
  regulationOn, regulationOutline, regulationTitle, type RegulationSettings,
} from '../domain/regulations.ts';
import { isPartyBody } from '../domain/meetings.ts';
import { diffHunks, diffLines, diffStats } from '../domain/text-diff.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/regulations.ts';
import type { DocumentService } from './documents-workflow.ts';
import { Form, type Input } from './form.ts';
import type { Clock } from './clock.ts';

export const REGULATION_STATUS_LABELS = { draft: 'Dự thảo', adopting: 'Đang trình ban hành', in_force: 'Đã ban hành' } as const;

/** The template of the document that adopts a body's regulation. */
export function adoptionTemplateFor(kind: BodyKind): string | null {
  if (kind === 'people_committee') return 'ubnd-quyet-dinh-ban-hanh-quy-che';
  if (kind === 'people_council') return 'hdnd-nghi-quyet-ban-hanh-quy-che';
  if (kind === 'party_committee') return 'dang-uy-quyet-dinh-ban-hanh-quy-che';
  return null;
}

/** The settings of the regulation in force for a body on a day, or null (then the body's defaults apply). */
export async function regulationSettingsOn(ex: Executor, bodyId: number, day: string) {
  const reg = regulationOn(await repo.inForceOf(ex, bodyId), day);
  return reg ? { ...reg, settings: reg.settings as RegulationSettings } : null;
}

/** Reads the settings part of the editor form; every refusal names its field and, for the law, the article. */
export function readSettings(kind: BodyKind, input: Input): RegulationSettings {
  const f = new Form(input);
  const settings: RegulationSettings = {
    quorum: {
      comparison: f.choice('quorumComparison', ['at_least', 'more_than'] as const),
      numerator: f.int('quorumNumerator', { required: true, min: 0, max: 100 }) ?? 0,
      denominator: f.int('quorumDenominator', { required: true, min: 1, max: 100 }) ?? 1,
      base: f.choice('quorumBase', ['total', 'in_office'] as const),
    },
    presides: f.choice('presides', ['head', 'deputy'] as const),
    standIn: f.choice('standIn', ['deputy', 'member'] as const),
    frequency: f.choice('frequency', FREQUENCIES),
    defaultMethod: f.choice('defaultMethod', DEFAULT_METHODS),
    partyBase: isPartyBody(kind) ? f.choice('partyBase', ['in_office', 'total'] as const) : null,
    passRule: null,
  };
  if (passRuleBodyOf(kind) && f.text('passNumerator', { max: 3 }) !== '') {
    settings.passRule = {
      comparison: f.choice('passComparison', ['at_least', 'more_than'] as const),
      numerator: f.int('passNumerator', { required: true, min: 0, max: 100 }) ?? 0,
      denominator: f.int('passDenominator', { required: true, min: 1, max: 100 }) ?? 1,
      base: f.choice('passBase', ['total', 'in_office', 'present'] as const),
    };
  }
  f.check();
  const check = checkSettings(kind, settings);
  if (!check.ok) {
    const fields = Object.fromEntries(check.problems.map((p) => [p.field, p.message]));
    throw validation(fields, check.problems.map((p) => p.message).join(' '));
  }
  return settings;
}

/** The editor's flat form values from stored settings. */
export function settingsValues(s: RegulationSettings): Record<string, unknown> {
  return {
    quorumComparison: s.quorum.comparison, quorumNumerator: s.quorum.numerator, quorumDenominator: s.quorum.denominator, quorumBase: s.quorum.base,
    presides: s.presides, standIn: s.standIn, frequency: s.frequency, defaultMethod: s.defaultMethod, partyBase: s.partyBase ?? '',
    passComparison: s.passRule?.comparison ?? 'more_than', passNumerator: s.passRule?.numerator ?? '', passDenominator: s.passRule?.denominator ?? '',
    passBase: s.passRule?.base ?? 'total',
  };
}

function readText(input: Input): string {
  const form = new Form(input);
  const text = form.multiline('text', { trim: false, max: 200_000 });
  form.check();
  const parsed = parseRegulation(text);
  if (!parsed.ok) {
    const messages = parsed.problems.slice(0, 5).map((p) => p.message);
    throw validation({ text: messages.join(' ') }, `Quy chế chưa đúng cấu trúc: ${messages[0]}`);
  }
  return text;
}

export function createRegulationService(database: Database, clock: Clock, deps: { documents: DocumentService }) {
  const { db } = database;

  async function loadBody(p: Principal, communeId: number, bodyId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    const body = await orgRepo.findBody(db, communeId, bodyId);
    if (!body || !can(p, 'body.read', { communeId, bodyId })) throw notFound();
    return body;
  }

  async function load(p: Principal, communeId: number, id: number, ex: Executor = db) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    const reg = await repo.findRegulation(ex, communeId, id);
    if (!reg || !can(p, 'body.read', { communeId, bodyId: reg.bodyId })) throw notFound();
    return reg;
  }

  function requireDraft(p: Principal, reg: { communeId: number; bodyId: number }) {
    if (!can(p, 'regulation.draft', { communeId: reg.communeId, bodyId: reg.bodyId })) throw forbidden();
  }

  return {
    async list(p: Principal, communeId: number, bodyId: number) {
      const body = await loadBody(p, communeId, bodyId);
      const [rows, inForce, adopted] = await Promise.all([repo.regulationsOfBody(db, communeId, bodyId), regulationSettingsOn(db, bodyId, clock.today()), repo.inForceOf(db, bodyId)]);
      return {
        body, regulations: rows, inForce, latestAdopted: adopted.at(-1) ?? null, today: clock.today(),
        canDraft: can(p, 'regulation.draft', { communeId, bodyId }) && regulationOutline(body.kind as BodyKind) !== null,
      };
    },

    /**
     * A new draft: an amendment starts from the text and settings of the latest adopted regulation (so every later
     * version's difference with version 1 is the change to the regulation in force); a first one from the usual
     * outline of the body's kind, with the default settings.
     */
    async start(p: Principal, communeId: number, bodyId: number) {
      const body = await loadBody(p, communeId, bodyId);
      requireDraft(p, { communeId, bodyId });
      const kind = body.kind as BodyKind;
      const outline = regulationOutline(kind);
      if (!outline) throw validation({}, 'Cơ quan này không ban hành Quy chế làm việc riêng.');
      return database.transaction(async (tx) => {
        const inForce = (await repo.inForceOf(tx, bodyId)).at(-1); // the latest adopted, even if in force only from a later date
        const source = inForce ? await repo.findRegulation(tx, communeId, inForce.id) : undefined;
        const base = source?.adoptedVersion ? await repo.versionOf(tx, source.id, source.adoptedVersion) : undefined;
        const text = base?.text ?? outline;
        const settings = (base?.settings as RegulationSettings | undefined) ?? defaultSettings(kind);
        const note = source && base
          ? `Khởi tạo từ Quy chế đang có hiệu lực (${source.title}${source.basis ? `, ban hành theo văn bản số ${source.basis}` : ''}, phiên bản ${base.version})`
          : 'Khởi tạo từ Quy chế mẫu';
        const [reg] = await tx.insert(regulations).values({ communeId, bodyId, title: regulationTitle(kind, body.name), createdBy: p.accountId }).returning();
        await tx.insert(regulationVersions).values({ regulationId: reg!.id, version: 1, text, settings, note, createdBy: p.accountId });
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'regulation.create', entity: 'regulation', entityId: reg!.id,
          after: { bodyId, title: reg!.title, settings, startedFrom: source ? { regulationId: source.id, version: base?.version } : 'outline' } });
        return reg!;
      });
    },

    /** The regulation page: its structure, settings, versions and the difference with an earlier version. */
    async get(p: Principal, communeId: number, id: number, compareWith: number | null = null) {
      const reg = await load(p, communeId, id);
      const [body, versions] = await Promise.all([orgRepo.findBody(db, communeId, reg.bodyId), repo.versionsOf(db, id)]);
      const current = versions.find((v) => v.version === reg.currentVersion)!;
      const prevNo = compareWith !== null && compareWith < reg.currentVersion ? compareWith : reg.currentVersion - 1;
      const previous = versions.find((v) => v.version === prevNo) ?? null;
      const diff = previous ? diffLines(previous.text, current.text) : null;
      const parsed = parseRegulation(current.text);
      const doc = reg.documentId ? await deps.documents.load(p, communeId, reg.documentId).catch(() => null) : null;
      const scope = { communeId, bodyId: reg.bodyId };
      return {
        regulation: reg, body: body!, versions, current, previous, settings: current.settings as RegulationSettings,
        structure: parsed.ok ? parsed.doc : null,
        diff: diff ? diffHunks(diff, 2) : null, diffStats: diff ? diffStats(diff) : null,
        document: doc, today: clock.today(),
        can: { edit: reg.status === 'draft' && can(p, 'regulation.draft', scope), adopt: reg.status === 'draft' && can(p, 'regulation.draft', scope) },
      };
    },

    async save(p: Principal, communeId: number, id: number, input: Input) {
      const reg = await load(p, communeId, id);
      requireDraft(p, reg);
      if (reg.status !== 'draft') throw conflict('Quy chế đã được trình ban hành; không sửa được nữa. Muốn sửa đổi, hãy soạn Quy chế mới: bản mới bắt đầu từ nội dung Quy chế đang có hiệu lực.');
      const body = (await orgRepo.findBody(db, communeId, reg.bodyId))!;
      const seen = Number(input.version);
      if (!Number.isInteger(seen) || seen < 1) throw new AppError('BAD_REQUEST', 'Thiếu số phiên bản Quy chế.');
      const text = readText(input);
      const settings = readSettings(body.kind as BodyKind, input);
      const noteForm = new Form(input);
      const note = noteForm.optionalText('note', 300);
      noteForm.check();
      return database.transaction(async (tx) => {
        const fresh = (await repo.findRegulation(tx, communeId, id))!;
        if (fresh.status !== 'draft') throw conflict('Quy chế đã được trình ban hành; không sửa được nữa.');
        if (seen !== fresh.currentVersion) throw conflict(`Quy chế đã có phiên bản ${fresh.currentVersion} do người khác lưu. Vui lòng tải lại trang rồi sửa lại.`);
        const latest = await repo.versionOf(tx, id, fresh.currentVersion);
        if (latest && latest.text === text && JSON.stringify(latest.settings) === JSON.stringify(settings)) {
          throw validation({ text: 'Nội dung không thay đổi so với phiên bản hiện tại.' }, 'Nội dung không thay đổi so với phiên bản hiện tại.');
        }
        const next = fresh.currentVersion + 1;
        const [row] = await tx.update(regulations).set({ currentVersion: next, version: fresh.version + 1 })
          .where(and(eq(regulations.id, id), eq(regulations.version, fresh.version))).returning();
        if (!row) throw conflict('Quy chế vừa được người khác lưu. Vui lòng tải lại trang.');
        await tx.insert(regulationVersions).values({ regulationId: id, version: next, text, settings, note, createdBy: p.accountId });
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'regulation.edit', entity: 'regulation', entityId: id,
          before: { version: fresh.currentVersion }, after: { version: next, note, settings } });
        return row;
      });
    },

    /**
     * Sends the current version for adoption: a draft decision/resolution with the regulation as its annex, in
     * force from `effectiveFrom` (not before the document, which is dated today and issued no earlier).
     */
    async adopt(p: Principal, communeId: number, id: number, input: Input) {
      const reg = await load(p, communeId, id);
      requireDraft(p, reg);
      if (reg.status !== 'draft') throw conflict('Quy chế này đã được trình ban hành.');
      const body = (await orgRepo.findBody(db, communeId, reg.bodyId))!;
      const templateKey = adoptionTemplateFor(body.kind as BodyKind);
      if (!templateKey) throw validation({}, `${body.name} không ban hành Quy chế bằng văn bản riêng; Quy chế do cơ quan cấp trên ban hành.`);
      const f = new Form(input);
      const effectiveFrom = f.date('effectiveFrom');
      const seen = f.int('version', { required: true, min: 1 });
      f.check();
      const dated = checkEffectiveDate(effectiveFrom, clock.today());
      if (!dated.ok) throw validation({ effectiveFrom: dated.message }, dated.message);
      return database.transaction(async (tx) => {
        const fresh = (await repo.findRegulation(tx, communeId, id))!;
        if (fresh.status !== 'draft') throw conflict('Quy chế này đã được trình ban hành.');
        if (seen !== fresh.currentVersion) throw conflict(`Quy chế đã có phiên bản ${fresh.currentVersion}; vui lòng xem lại trước khi trình.`);
        const version = (await repo.versionOf(tx, id, fresh.currentVersion))!;
        const parsed = parseRegulation(version.text);
        if (!parsed.ok) throw validation({ text: parsed.problems[0]!.message });
        const doc = await deps.documents.createFromData(tx, p, communeId, {
          bodyId: body.id, templateKey, note: `Ban hành ${fresh.title} (phiên bản ${fresh.currentVersion})`,
          data: { collectiveMeeting: null, effectiveFrom, regulation: { lines: annexLines(parsed.doc) } },
        });
        const [row] = await tx.update(regulations).set({ status: 'adopting', adoptedVersion: fresh.currentVersion, documentId: doc.id, effectiveFrom, version: fresh.version + 1 })
          .where(and(eq(regulations.id, id), eq(regulations.version, fresh.version))).returning();
        if (!row) throw conflict('Quy chế vừa được người khác lưu. Vui lòng tải lại trang.');
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'regulation.adopt', entity: 'regulation', entityId: id,
          after: { documentId: doc.id, version: fresh.currentVersion, effectiveFrom } });
        return { regulation: row, document: doc };
      });
    },
  };
}

export type RegulationService = ReturnType<typeof createRegulationService>;
