// A commune's document templates: the built-in text (version 0) and every version its office saved since.
// Templates are Liquid, a language without code (server/documents/template-language.ts); a template that does not
// render with the sample data cannot be saved. Versions saved before issue 11 are in the former EJS syntax: they
// are kept as history and never evaluated; convertLegacyTemplates appends a Liquid version where it safely can.
import { and, desc, eq, sql } from 'drizzle-orm';
import { templateVersions } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import { conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import {
  describeFields, listTemplates, loadTemplateSource, renderPdf, renderTemplate, sampleDataFor, validateTemplateSource,
  type TemplateInfo,
} from '../documents/index.ts';
import { convertEjsTemplate } from '../documents/legacy-ejs.ts';
import { MAX_TEMPLATE_SOURCE } from '../documents/template-language.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import { Form } from './form.ts';
import { msg, templateMsg } from '../i18n/vi.ts';

export type TemplateSyntax = 'liquid' | 'ejs';

export interface TemplateVersion {
  version: number; // 0 = built-in
  source: string;
  syntax: TemplateSyntax; // 'ejs' = saved in the former syntax: shown as text, never evaluated
  note: string | null;
  createdAt: Date | null;
  createdBy: number | null;
}

/** What a commune's documents are made from: its latest version, or the built-in one when that is legacy EJS. */
export interface TemplateInUse {
  current: TemplateVersion; // always Liquid
  latest: TemplateVersion; // the newest version (the base of the next save)
  legacy: TemplateVersion | null; // the newest version when it is EJS that could not be converted
}

export function createTemplateService(database: Database) {
  const { db } = database;

  async function requireManage(p: Principal, communeId: number) {
    if (!canSeeCommune(p, communeId) || !(await orgRepo.findCommune(db, communeId))) throw notFound();
    if (!can(p, 'template.manage', { communeId })) throw forbidden();
  }

  function info(key: string): TemplateInfo {
    const t = listTemplates().find((x) => x.key === key);
    if (!t) throw notFound();
    return t;
  }

  function builtin(key: string): TemplateVersion {
    return { version: 0, source: loadTemplateSource(key), syntax: 'liquid', note: templateMsg.builtinNote, createdAt: null, createdBy: null };
  }

  async function versions(ex: Executor, communeId: number, key: string): Promise<TemplateVersion[]> {
    const rows = await ex.select().from(templateVersions)
      .where(and(eq(templateVersions.communeId, communeId), eq(templateVersions.templateKey, key))).orderBy(desc(templateVersions.version));
    return [
      ...rows.map((r) => ({ version: r.version, source: r.source, syntax: r.syntax, note: r.note, createdAt: r.createdAt, createdBy: r.createdBy })),
      builtin(key),
    ];
  }

  function inUse(all: TemplateVersion[]): TemplateInUse {
    const latest = all[0]!;
    if (latest.syntax === 'liquid') return { current: latest, latest, legacy: null };
    return { current: all.at(-1)!, latest, legacy: latest };
  }

  /** The Liquid source documents of this commune are rendered from. */
  async function sourceFor(ex: Executor, communeId: number, key: string): Promise<string> {
    info(key);
    return inUse(await versions(ex, communeId, key)).current.source;
  }

  /** Renders with the sample data; a refusal is a 422 on the source field with the template's own message. */
  function check(key: string, source: string, prefix: (m: string) => string) {
    if (source.length > MAX_TEMPLATE_SOURCE) throw validation({ source: msg.tooLong(MAX_TEMPLATE_SOURCE) });
    const result = validateTemplateSource(key, source, sampleDataFor(key));
    if (!result.ok) throw validation({ source: prefix(result.message) });
  }

  return {
    sourceFor: (communeId: number, key: string, ex: Executor = db) => sourceFor(ex, communeId, key),

    async list(p: Principal, communeId: number) {
      await requireManage(p, communeId);
      const rows = await db.select({ key: templateVersions.templateKey, version: templateVersions.version, syntax: templateVersions.syntax })
        .from(templateVersions).where(eq(templateVersions.communeId, communeId));
      return listTemplates().map((t) => {
        const own = rows.filter((r) => r.key === t.key).sort((a, b) => b.version - a.version);
        const latest = own[0];
        return { ...t, version: latest?.syntax === 'liquid' ? latest.version : 0, legacyVersion: latest?.syntax === 'ejs' ? latest.version : null };
      });
    },

    async get(p: Principal, communeId: number, key: string) {
      await requireManage(p, communeId);
      const t = info(key);
      const all = await versions(db, communeId, key);
      return { info: t, versions: all, ...inUse(all), fields: describeFields(sampleDataFor(key)) };
    },

    /** One saved version, as text (legacy EJS versions are only ever shown this way). */
    async version(p: Principal, communeId: number, key: string, version: number) {
      await requireManage(p, communeId);
      const t = info(key);
      const found = (await versions(db, communeId, key)).find((v) => v.version === version);
      if (!found) throw notFound();
      return { info: t, version: found };
    },

    /** Renders a source (saved or being edited) with the sample data, as the preview PDF. */
    async preview(p: Principal, communeId: number, key: string, source: string | null, version: number | null): Promise<Buffer> {
      await requireManage(p, communeId);
      info(key);
      let text = source;
      if (text === null) {
        const all = await versions(db, communeId, key);
        const chosen = version === null ? inUse(all).current : all.find((v) => v.version === version);
        if (!chosen) throw notFound();
        if (chosen.syntax !== 'liquid') throw validation({ source: templateMsg.legacyVersion }, templateMsg.legacyVersion);
        text = chosen.source;
      }
      text = text.normalize('NFC').replace(/\r\n?/g, '\n');
      check(key, text, (m) => m);
      return renderPdf(renderTemplate(key, text, sampleDataFor(key)));
    },

    async save(p: Principal, communeId: number, key: string, input: Record<string, unknown>) {
      await requireManage(p, communeId);
      info(key);
      const form = new Form(input);
      const source = form.multiline('source', { required: true, trim: false, max: MAX_TEMPLATE_SOURCE });
      const note = form.optionalText('note', 300);
      form.check();
      const base = Number(input.baseVersion);
      check(key, source, templateMsg.notSaved);
      return database.transaction(async (tx) => {
        const { latest, current } = inUse(await versions(tx, communeId, key));
        if (!Number.isInteger(base) || base !== latest.version) throw conflict(msg.staleVersion);
        if (current.source === source) throw validation({ source: templateMsg.unchanged });
        const [row] = await tx.insert(templateVersions).values({
          communeId, templateKey: key, version: latest.version + 1, source, syntax: 'liquid', note, createdBy: p.accountId,
        }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'template.save', entity: 'template', entityId: `${key}#${row!.version}`,
          before: { version: latest.version }, after: { version: row!.version, syntax: 'liquid', note, length: source.length } });
        return row!;
      });
    },

    /**
     * Start-up step: every template whose newest version is in the former EJS syntax gets a new Liquid version
     * converted from it, when the converter understands all of it and the result renders with the sample data.
     * One transaction and one audit row per converted template. A version that cannot be converted stays as it is:
     * the commune's documents use the built-in template and the template page says so. Runs again harmlessly.
     */
    async convertLegacyTemplates(): Promise<{ converted: { communeId: number; key: string; from: number; to: number }[]; kept: { communeId: number; key: string; version: number; reason: string }[] }> {
      const newest = await db.select({ communeId: templateVersions.communeId, key: templateVersions.templateKey, version: sql<number>`max(${templateVersions.version})`.mapWith(Number) })
        .from(templateVersions).groupBy(templateVersions.communeId, templateVersions.templateKey);
      const converted: { communeId: number; key: string; from: number; to: number }[] = [];
      const kept: { communeId: number; key: string; version: number; reason: string }[] = [];
      for (const { communeId, key } of newest) {
        if (!listTemplates().some((t) => t.key === key)) continue;
        await database.transaction(async (tx) => {
          const latest = (await versions(tx, communeId, key))[0]!;
          if (latest.syntax !== 'ejs') return;
          const result = convertEjsTemplate(latest.source);
          const verdict = result.ok ? validateTemplateSource(key, result.source, sampleDataFor(key)) : { ok: false as const, message: result.reason };
          if (!result.ok || !verdict.ok) {
            kept.push({ communeId, key, version: latest.version, reason: verdict.ok ? '' : verdict.message });
            return;
          }
          const [row] = await tx.insert(templateVersions).values({
            communeId, templateKey: key, version: latest.version + 1, source: result.source, syntax: 'liquid',
            note: templateMsg.convertedNote(latest.version), createdBy: null,
          }).returning();
          await writeAudit(tx, { accountId: null, communeId, action: 'template.convert', entity: 'template', entityId: `${key}#${row!.version}`,
            before: { version: latest.version, syntax: 'ejs' }, after: { version: row!.version, syntax: 'liquid', length: result.source.length } });
          converted.push({ communeId, key, from: latest.version, to: row!.version });
        });
      }
      return { converted, kept };
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
