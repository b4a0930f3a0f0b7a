// A draft nghị quyết from a resolution the HĐND passed at a session: its subject, the session's ordinal, the day it
// was passed and the vote's sentence come from the frozen record (Luật 72/2025/QH15 Điều 35.2), never typed; the
// office then writes the operative text in the document workflow. One transaction with the draft's audit row.
import type { Database } from '../db/database.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { conflict, forbidden, notFound } from '../domain/errors.ts';
import { can, type Principal } from '../domain/permissions.ts';
import * as orgRepo from '../repositories/org.ts';
import * as meetingRepo from '../repositories/meetings.ts';
import * as repo from '../repositories/votes.ts';
import type { DocumentService } from './documents-workflow.ts';
import { councilOf } from '../domain/terms.ts';
import type { MeetingService } from './meetings.ts';
import { vnDayOf } from '../domain/written-opinions.ts';

export const RESOLUTION_TEMPLATE = 'hdnd-nghi-quyet-thong-qua';

/** "Nghị quyết về chủ trương …" → "Về chủ trương …": the subject line of the resolution. */
export function subjectOf(title: string): string {
  const t = title.normalize('NFC').trim();
  const m = t.match(/^(?:dự thảo\s+)?nghị quyết\s+(.+)$/iu);
  const rest = m ? m[1]! : t;
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

export function createResolutionDraftService(database: Database, deps: { documents: DocumentService; meetings: MeetingService }) {
  const { db } = database;
  return {
    async fromMotion(p: Principal, communeId: number, meetingId: number, motionId: number) {
      const m = await deps.meetings.loadMeeting(p, communeId, meetingId); // 404 for what this person may not see
      const v = await repo.findMotion(db, communeId, motionId);
      if (!v || v.meetingId !== m.id) throw notFound();
      const body = (await orgRepo.findBody(db, communeId, m.bodyId))!;
      // Permission before the motion's state (createFromData checks it again inside the transaction).
      if (!can(p, 'document.draft', { communeId, bodyId: body.id })) throw forbidden('Bạn không được soạn văn bản cho cơ quan này.');
      if (body.kind !== 'people_council' || v.kind !== 'resolution') throw conflict('Chỉ soạn dự thảo nghị quyết từ một nội dung nghị quyết của Hội đồng nhân dân.');
      if (v.status !== 'closed' || v.passed !== true) throw conflict('Nội dung này chưa được thông qua: chỉ soạn dự thảo nghị quyết từ kết quả biểu quyết đã thông qua.');
      const term = (await orgRepo.listTerms(db, body.id)).find((t) => t.id === m.termId)!;
      const { ordinal } = await deps.meetings.describe(db, m, body.kind as BodyKind);
      const item = v.agendaItemId ? await meetingRepo.findAgendaItem(db, m.id, v.agendaItemId) : undefined;
      const passedOn = v.closedAt ? vnDayOf(v.closedAt) : m.date;
      // The frozen wording starts with the "for" clause: "có 22/24 đại biểu có mặt biểu quyết tán thành, đạt … %".
      const sentence = (v.wording ?? '').split(';')[0]!.split('. ')[0]!.trim();
      return database.transaction((tx) => deps.documents.createFromData(tx, p, communeId, {
        bodyId: body.id, templateKey: RESOLUTION_TEMPLATE,
        note: `Dự thảo nghị quyết từ kết quả biểu quyết: ${v.title}`,
        source: { motionId: v.id },
        data: {
          council: councilOf(term), session: { number: ordinal, date: passedOn }, subject: subjectOf(v.title),
          // "Xét Tờ trình số …" from the agenda item; without one, the motion itself: "Xét dự thảo nghị quyết về …"
          item: item?.title ?? `dự thảo ${v.title.charAt(0).toLocaleLowerCase('vi')}${v.title.slice(1)}`, vote: { sentence },
        },
      }));
    },
  };
}

export type ResolutionDraftService = ReturnType<typeof createResolutionDraftService>;
