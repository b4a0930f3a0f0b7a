// A commune's document templates: the built-in text (version 0) and every version its office saved since.
// A template that does not render, or that adds code, cannot be saved.
import { and, desc, eq } from 'drizzle-orm';
import { templateVersions } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import { conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import { checkTemplateCode } from '../domain/template-guard.ts';
import {
  listTemplates, loadTemplateSource, renderPdf, renderTemplate, sampleDataFor, validateTemplateSource, type TemplateInfo,
} from '../documents/index.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import { msg } from '../i18n/vi.ts';

export interface TemplateVersion {
  version: number; // 0 = built-in
  source: string;
  note: string | null;
  createdAt: Date | null;
  createdBy: number | null;
}

const MAX_SOURCE = 200_000;

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

  async function versions(ex: Executor, communeId: number, key: string): Promise<TemplateVersion[]> {
    const rows = await ex.select().from(templateVersions)
      .where(and(eq(templateVersions.communeId, communeId), eq(templateVersions.templateKey, key))).orderBy(desc(templateVersions.version));
    return [
      ...rows.map((r) => ({ version: r.version, source: r.source, note: r.note, createdAt: r.createdAt, createdBy: r.createdBy })),
      { version: 0, source: loadTemplateSource(key), note: 'Mẫu gốc của hệ thống', createdAt: null, createdBy: null },
    ];
  }

  /** The source documents of this commune are rendered from: its latest saved version, or the built-in one. */
  async function sourceFor(ex: Executor, communeId: number, key: string): Promise<string> {
    info(key);
    return (await versions(ex, communeId, key))[0].source;
  }

  return {
    sourceFor: (communeId: number, key: string, ex: Executor = db) => sourceFor(ex, communeId, key),

    async list(p: Principal, communeId: number) {
      await requireManage(p, communeId);
      const rows = await db.select({ key: templateVersions.templateKey, version: templateVersions.version }).from(templateVersions)
        .where(eq(templateVersions.communeId, communeId));
      return listTemplates().map((t) => ({
        ...t, version: Math.max(0, ...rows.filter((r) => r.key === t.key).map((r) => r.version)),
      }));
    },

    async get(p: Principal, communeId: number, key: string) {
      await requireManage(p, communeId);
      return { info: info(key), versions: await versions(db, communeId, key) };
    },

    /** Renders a source (saved or being edited) with the sample data, as the preview PDF. */
    async preview(p: Principal, communeId: number, key: string, source: string | null, version: number | null): Promise<Buffer> {
      await requireManage(p, communeId);
      info(key);
      let text = source;
      if (text === null) {
        const all = await versions(db, communeId, key);
        const chosen = version === null ? all[0] : all.find((v) => v.version === version);
        if (!chosen) throw notFound();
        text = chosen.source;
      }
      const guard = checkTemplateCode(loadTemplateSource(key), text);
      if (!guard.ok) throw validation({ source: `Mẫu chỉ được sửa phần chữ và chèn trường dữ liệu; đoạn mã mới không được phép: ${guard.tag}` });
      const check = validateTemplateSource(key, text, sampleDataFor(key));
      if (!check.ok) throw validation({ source: check.message });
      return renderPdf(renderTemplate(key, text, sampleDataFor(key)));
    },

    async save(p: Principal, communeId: number, key: string, input: Record<string, unknown>) {
      await requireManage(p, communeId);
      info(key);
      const source = (typeof input.source === 'string' ? input.source : '').normalize('NFC').replace(/\r\n/g, '\n');
      const note = (typeof input.note === 'string' ? input.note : '').normalize('NFC').trim().slice(0, 300) || null;
      const base = Number(input.baseVersion);
      if (!source.trim()) throw validation({ source: msg.required });
      if (source.length > MAX_SOURCE) throw validation({ source: msg.tooLong(MAX_SOURCE) });
      const guard = checkTemplateCode(loadTemplateSource(key), source);
      if (!guard.ok) throw validation({ source: `Mẫu chỉ được sửa phần chữ và chèn trường dữ liệu; đoạn mã mới không được phép: ${guard.tag}` });
      const check = validateTemplateSource(key, source, sampleDataFor(key));
      if (!check.ok) throw validation({ source: `Mẫu chưa lưu vì không tạo được văn bản: ${check.message}` });
      return database.transaction(async (tx) => {
        const latest = (await versions(tx, communeId, key))[0];
        if (!Number.isInteger(base) || base !== latest.version) throw conflict(msg.staleVersion);
        if (latest.source === source) throw validation({ source: 'Nội dung không thay đổi so với phiên bản hiện hành.' });
        const [row] = await tx.insert(templateVersions).values({
          communeId, templateKey: key, version: latest.version + 1, source, note, createdBy: p.accountId,
        }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'template.save', entity: 'template', entityId: `${key}#${row.version}`,
          before: { version: latest.version }, after: { version: row.version, note, length: source.length } });
        return row;
      });
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
