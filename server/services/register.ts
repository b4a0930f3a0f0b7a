// The outgoing register (sổ đăng ký văn bản đi, NĐ 30/2020 Điều 16 and Phụ lục IV): on screen, as a
// printable PDF drawn by the document engine, and as CSV for Excel (UTF-8 with a byte-order mark).
import type { Database } from '../db/database.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import { checkRegisterSequence } from '../domain/numbering.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import { upperVi } from '../domain/vn-format.ts';
import { renderPdf, type DocumentDescription } from '../documents/index.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/issuance.ts';
import { csvCell } from './csv.ts';

export const REGISTER_COLUMNS = [
  'Số, ký hiệu văn bản', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung', 'Người ký', 'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu', 'Số lượng bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú',
] as const;

const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');

export function registerRow(r: repo.RegisterRow): string[] {
  return [r.numberSymbol, vnDate(r.issuedDate), `${r.typeName} ${r.subject}`, r.signerName, r.recipients, r.keepingUnit,
    String(r.copies), vnDate(r.sentDate), '', r.notes ?? ''];
}


export function createRegisterService(database: Database) {
  const { db } = database;

  async function read(p: Principal, communeId: number, filter: { bodyId?: number | null; year?: number | null }) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    const commune = await orgRepo.findCommune(db, communeId);
    if (!commune) throw notFound();
    if (!can(p, 'register.read', { communeId })) throw forbidden();
    const bodies = (await orgRepo.listBodies(db, communeId)).filter((b) => b.issuerCode);
    const rows = await repo.registerOf(db, communeId, filter);
    // A check a clerk can trust: per series, the numbers run from 01 without repeats or holes.
    const bySeries = new Map<string, number[]>();
    for (const r of rows) bySeries.set(r.seriesKey, [...(bySeries.get(r.seriesKey) ?? []), r.number]);
    const problems = [...bySeries].map(([key, numbers]) => ({ key, ...checkRegisterSequence(numbers) }))
      .filter((c) => c.duplicates.length || c.gaps.length || c.invalid.length);
    const body = filter.bodyId ? bodies.find((b) => b.id === filter.bodyId) ?? null : null;
    return { commune, bodies, rows, problems, body, filter };
  }

  return {
    read,

    async csv(p: Principal, communeId: number, filter: { bodyId?: number | null; year?: number | null }): Promise<string> {
      const { rows } = await read(p, communeId, filter);
      const lines = [REGISTER_COLUMNS.join(','), ...rows.map((r) => registerRow(r).map(csvCell).join(','))];
      return '\uFEFF' + lines.join('\r\n') + '\r\n';
    },

    async pdf(p: Principal, communeId: number, filter: { bodyId?: number | null; year?: number | null }): Promise<Buffer> {
      const { commune, rows, body } = await read(p, communeId, filter);
      const desc: DocumentDescription = {
        family: 'state',
        draft: false,
        header: {
          parentBody: null,
          issuingBody: upperVi(body?.name ?? `Ủy ban nhân dân ${commune.kind} ${commune.name}`),
          numberLine: null,
          dateLine: null,
        },
        typeName: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
        subject: [filter.year ? `Năm ${filter.year}` : 'Tất cả các năm', body ? body.name : null].filter(Boolean).join(' — '),
        recipientLine: null,
        authority: [],
        bases: [],
        enactingWord: null,
        body: [{
          kind: 'table',
          size: 9, // ten columns on a portrait A4 page: whole words in every header
          columns: [
            // the ten fields of NĐ 30/2020 Phụ lục IV, in its order; "Ký nhận" stays blank for the receiver's signature on paper
            { header: 'Số, ký hiệu', width: 16, align: 'center' }, { header: 'Ngày', width: 12, align: 'center' },
            { header: 'Tên loại và trích yếu', width: 19 }, { header: 'Người ký', width: 10 }, { header: 'Nơi nhận', width: 13 },
            { header: 'Bản lưu', width: 7, align: 'center' }, { header: 'Số bản', width: 6, align: 'center' },
            { header: 'Ngày chuyển', width: 12, align: 'center' }, { header: 'Ký nhận', width: 8 }, { header: 'Ghi chú', width: 7 },
          ],
          rows: rows.length ? rows.map((r) => registerRow(r))
            : [['', '', 'Chưa có văn bản nào được đăng ký.', '', '', '', '', '', '', '']],
        }],
        signatures: [],
        recipients: null,
        annexes: [],
        title: 'Sổ đăng ký văn bản đi',
      };
      return renderPdf(desc);
    },
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
