// The documents of a meeting, built from its records through the document engine: the convening notice
// (thông báo triệu tập, HĐND), the invitation (giấy mời: members and guests of every body, the HĐND's guests;
// Party format for Party bodies), the programme (chương trình) and the minutes draft (biên bản). Every document
// here is a draft: its number is given after signing.
import type { Database } from '../db/database.ts';
import { councilOf } from '../domain/terms.ts';
import { notFound } from '../domain/errors.ts';
import type { Principal } from '../domain/permissions.ts';
import { isPartyBody } from '../domain/meetings.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { renderDocx, renderPdf, renderTemplate, type Block, type DocumentDescription } from '../documents/index.ts';
import { agendaKindLabels } from '../i18n/vi.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/meetings.ts';
import type { MeetingService } from './meetings.ts';
import type { VoteService } from './votes.ts';
import type { TemplateService } from './templates.ts';
import { voteMsg } from '../i18n/vi.ts';
import { formatPercent } from '../domain/percent.ts';
import { vnClock } from './meetings.ts';
import { vnDayOf } from '../domain/written-opinions.ts';

export type MeetingDocumentKind = 'trieu-tap' | 'giay-moi' | 'chuong-trinh' | 'bien-ban';

export const MEETING_DOCUMENT_TITLES: Record<MeetingDocumentKind, string> = {
  'trieu-tap': 'Thông báo triệu tập',
  'giay-moi': 'Giấy mời',
  'chuong-trinh': 'Chương trình',
  'bien-ban': 'Biên bản (dự thảo)',
};

/**
 * Which documents a body's meeting has. Every body convenes its members and invites its guests, and has a programme
 * and a minutes draft: the HĐND calls its deputies by a thông báo triệu tập (Luật 72/2025/QH15 Điều 34) and its
 * guests by a giấy mời; every other body sends one giấy mời to its members and guests (Party bodies in the Party
 * format, HD 36-HD/VPTW). The giấy mời is always offered: with no guest recorded the HĐND's leaves the line to fill in.
 */
export function documentsFor(body: BodyKind): MeetingDocumentKind[] {
  if (body === 'people_council') return ['trieu-tap', 'giay-moi', 'chuong-trinh', 'bien-ban'];
  return ['giay-moi', 'chuong-trinh', 'bien-ban'];
}

const hm = (t: string): [number, number] => [Number(t.slice(0, 2)), Number(t.slice(3, 5))];
/** "Ban Kinh tế - Ngân sách HĐND xã Tân Uyên" → "Ban Kinh tế - Ngân sách". */
const ownName = (name: string) => name.replace(/\s+(của\s+)?(HĐND|Hội đồng nhân dân)(\s|$).*$/i, '');
/** "Ủy viên Ban Chấp hành Đảng bộ xã": who a Party body's giấy mời is addressed to. */
const partyMembers = (k: BodyKind) => (k === 'party_committee' ? 'Ủy viên Ban Chấp hành Đảng bộ xã' : k === 'party_standing_committee' ? 'Ủy viên Ban Thường vụ Đảng ủy xã' : 'Thường trực Đảng ủy xã');
const honorific = (gender: string) => (gender === 'nữ' ? 'Bà' : 'Ông');

/** "Khóa I, nhiệm kỳ 2026 - 2031" → { roman: 'I', term: 'nhiệm kỳ 2026 - 2031' }. */

export function createMeetingDocumentService(database: Database, meetings: MeetingService, votes: Pick<VoteService, 'closedVotes' | 'countingRecordData'>,
  templates: Pick<TemplateService, 'sourceFor'>) {
  const { db } = database;
  /** The text this commune's documents are rendered from: its latest edited version, or the built-in one. */
  const sourceOf = (communeId: number, key: string) => templates.sourceFor(communeId, key);

  async function gather(p: Principal, communeId: number, meetingId: number) {
    const m = await meetings.loadMeeting(p, communeId, meetingId);
    const [commune, body, bodies, terms, agenda, guests] = await Promise.all([
      orgRepo.findCommune(db, communeId), orgRepo.findBody(db, communeId, m.bodyId), orgRepo.listBodies(db, communeId),
      orgRepo.listTerms(db, m.bodyId), repo.agendaOf(db, m.id), repo.guestsOf(db, m.id),
    ]);
    const kind = body!.kind as BodyKind;
    const [d, att] = await Promise.all([meetings.describe(db, m, kind), meetings.attendanceState(db, m, kind)]);
    const ids = [m.chairPersonId, ...(m.secretaryPersonId ? [m.secretaryPersonId] : []), ...att.roster.map((r) => r.personId)];
    const persons = new Map((await repo.peopleByIds(db, communeId, ids)).map((x) => [x.id, x]));
    const positionIn = async (bodyId: number, personId: number) =>
      orgRepo.membershipsOfBody(db, communeId, bodyId).then((h) => h.find((x) => x.personId === personId && x.startDate <= m.date && (!x.endDate || m.date < x.endDate))?.position);
    const chairP = persons.get(m.chairPersonId)!;
    const chair = { name: chairP.fullName, honorific: honorific(chairP.gender), position: (await positionIn(m.bodyId, chairP.id)) ?? 'Chủ tọa' };
    const secP = m.secretaryPersonId ? persons.get(m.secretaryPersonId) : undefined;
    const secretary = secP ? { name: secP.fullName, honorific: honorific(secP.gender), position: (await positionIn(m.bodyId, secP.id)) ?? 'Thư ký cuộc họp' }
      : { name: '……………………', honorific: 'Ông/Bà', position: 'Thư ký cuộc họp' };
    const term = terms.find((t) => t.id === m.termId)!;
    const issuerOf = (b: orgRepo.BodyRow) => {
      // A Ban of the HĐND has no header of its own in the register: "HỘI ĐỒNG NHÂN DÂN XÃ …" over "BAN KINH TẾ - NGÂN SÁCH", code BKTNS.
      const council = b.kind === 'council_committee' && !b.issuerName ? bodies.find((x) => x.id === b.parentId) : undefined;
      if (council) {
        const own = ownName(b.name);
        const code = 'B' + own.replace(/^Ban\s+/i, '').split(/[\s-]+/).filter(Boolean).map((w) => w[0]!.toLocaleUpperCase('vi')).join('');
        return { name: b.name, header: own.toLocaleUpperCase('vi'), parent: council.issuerName ?? council.name.toLocaleUpperCase('vi'), code: b.issuerCode ?? code, term: term.name };
      }
      return { name: b.name, header: b.issuerName ?? b.name.toLocaleUpperCase('vi'), parent: b.parentHeader, code: b.issuerCode ?? b.shortName, term: term.name };
    };
    const honorificOf = (personId: number) => { const x = persons.get(personId); return x ? honorific(x.gender) : 'Ông/Bà'; };
    return { m, commune: commune!, body: body!, bodies, term, agenda, guests, d, att, chair, secretary, issuerOf, kind, honorificOf };
  }

  function communeData(c: orgRepo.CommuneRow) {
    return { name: c.name, unit: `${c.kind} ${c.name}`, place: c.placeName, province: c.province };
  }

  /** The minutes' "Nội dung" part becomes this meeting's agenda (the voting issue adds the votes). */
  function agendaBlocks(agenda: repo.AgendaItemRow[]): Block[] {
    return [
      ...agenda.map((it, i): Block => ({
        kind: 'clause', label: `${i + 1}.`,
        runs: [{ text: `${it.title} (${agendaKindLabels[it.kind]!.toLocaleLowerCase('vi')}${it.presenter ? `; trình bày: ${it.presenter}` : ''}).` }],
      })),
      { kind: 'paragraph', runs: [{ text: '(Diễn biến thảo luận và kết quả biểu quyết từng nội dung được ghi bổ sung.)', italic: true }] },
    ];
  }

  function replaceContent(desc: DocumentDescription, before: Block[], blocks: Block[]): DocumentDescription {
    const text = (b: Block) => ('runs' in b ? b.runs.map((r) => r.text).join('') : '');
    const start = desc.body.findIndex((b) => /^Nội dung/.test(text(b)));
    let end = -1;
    desc.body.forEach((b, i) => { if (/kết thúc/.test(text(b))) end = i; });
    if (start < 0) return { ...desc, body: [...desc.body, ...before, ...blocks] };
    // The closing line ("3. Kỳ họp kết thúc …" in the session template) would read as one more agenda item: unnumber it.
    const tail = (end > start ? desc.body.slice(end) : []).map((b, i): Block => (i === 0 && b.kind === 'clause'
      ? { kind: 'paragraph', runs: b.runs } : b));
    return { ...desc, body: [...desc.body.slice(0, start), ...before, desc.body[start]!, ...blocks, ...tail] };
  }

  async function describeDocument(p: Principal, communeId: number, meetingId: number, kind: MeetingDocumentKind): Promise<{ desc: DocumentDescription; filename: string }> {
    const g = await gather(p, communeId, meetingId);
    if (!documentsFor(g.kind).includes(kind)) throw notFound();
    const { m, body } = g;
    const commune = communeData(g.commune);
    const doc = { number: null, date: m.convenedAt ? vnDayOf(m.convenedAt) : m.date, draft: true };
    const council = councilOf(g.term);
    const headOf = async (b: orgRepo.BodyRow | undefined) => {
      if (!b) return null;
      const h = await orgRepo.membershipsOfBody(db, communeId, b.id);
      const x = h.find((r) => r.role === 'head' && r.startDate <= m.date && (!r.endDate || m.date < r.endDate));
      return x ? { name: x.personName, position: x.position } : null;
    };
    /** Who signs the convening papers and the programme, and for whom (DOMAIN.md §5 for the Party lines). */
    const signerOf = async () => {
      const cap = (x: string) => x.charAt(0).toLocaleUpperCase('vi') + x.slice(1);
      if (isPartyBody(g.kind)) {
        const committee = g.bodies.find((b) => b.kind === 'party_committee') ?? body;
        const secretary = (await headOf(committee)) ?? (await headOf(body));
        return { authority: g.kind === 'party_committee' ? 'T/M Ban Chấp hành' : 'T/M Ban Thường vụ', position: 'Bí thư', name: secretary?.name ?? g.chair.name };
      }
      if (g.kind === 'people_committee') {
        const office = g.bodies.find((b) => b.kind === 'department' && b.parentId === body.id && /Văn phòng/i.test(b.name));
        const h = (await headOf(office)) ?? { name: g.chair.name, position: g.chair.position };
        return { authority: 'TL. Chủ tịch', position: h.position, name: h.name };
      }
      const board = g.kind === 'people_council' ? (g.bodies.find((b) => b.kind === 'council_standing_board' && b.parentId === body.id) ?? body) : body;
      const h = (await headOf(board)) ?? { name: g.chair.name, position: g.chair.position };
      const authority = board.kind === 'council_standing_board' ? 'TM. Thường trực Hội đồng nhân dân'
        : board.kind === 'fatherland_front' ? 'TM. Ban Thường trực'
          : board.kind === 'council_committee' ? `TM. ${ownName(board.name)}`
            : `TM. ${body.shortName}`;
      const position = board.kind === 'council_standing_board' ? 'Chủ tịch' : cap(h.position.replace(/\s+(Hội đồng nhân dân|HĐND|Ủy ban MTTQ|Ban Thường trực).*$/i, ''));
      return { authority, position, name: h.name };
    };
    const agendaTitles = g.agenda.map((a) => a.title);
    // "Kỳ họp thứ Nhất Hội đồng nhân dân xã …", "Hội nghị lần thứ I Ban Chấp hành …", but "Phiên họp … của Ủy ban nhân dân xã …".
    const title = g.kind === 'people_council' || isPartyBody(g.kind) ? `${g.d.name} ${body.name}` : `${g.d.name} của ${body.name}`;
    const fileBase = `${kind}-${m.id}`;
    let desc: DocumentDescription;
    if (kind === 'trieu-tap') {
      const board = g.bodies.find((b) => b.kind === 'council_standing_board' && b.parentId === body.id) ?? body;
      const signer = (await headOf(board)) ?? { name: g.chair.name, position: g.chair.position };
      desc = renderTemplate('thong-bao-trieu-tap', await sourceOf(communeId, 'thong-bao-trieu-tap'), {
        commune, council, issuer: g.issuerOf(board), doc,
        session: { number: g.d.ordinal, start: m.date, days: m.days, time: hm(m.startTime), place: m.place },
        agenda: agendaTitles.length ? agendaTitles : ['Theo chương trình gửi kèm'], signer,
      });
    } else if (kind === 'giay-moi') {
      const guests = g.guests.map((x) => (x.role ? `${x.name}, ${x.role}` : x.name));
      const meeting = { title: title.trim(), date: m.date, time: hm(m.startTime), days: m.days, place: m.place };
      const signer = await signerOf();
      if (isPartyBody(g.kind)) {
        desc = renderTemplate('dang-uy-giay-moi', await sourceOf(communeId, 'dang-uy-giay-moi'), {
          commune, issuer: g.issuerOf(body), doc, meeting, inviter: body.name,
          invitees: [`Các đồng chí ${partyMembers(g.kind)}`, ...guests], chair: g.chair, signer,
          recipients: ['Như trên', 'Lưu Văn phòng Đảng ủy'],
        });
      } else {
        const council = g.kind === 'people_council';
        // The HĐND's giấy mời is for its guests (deputies get the notice), sent by its Thường trực.
        const issuingBody = council ? (g.bodies.find((b) => b.kind === 'council_standing_board' && b.parentId === body.id) ?? body) : body;
        const invitees = council ? (guests.length ? guests : ['……………………………………………']) : [...guests, `Các thành viên ${body.name}`];
        const note = g.kind === 'people_committee'
          ? 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã chuẩn bị tài liệu, gửi trước cho các thành viên qua hệ thống quản lý văn bản'
          : council ? 'Tài liệu kỳ họp được gửi kèm hoặc nhận tại Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã'
            : 'Đề nghị các thành viên bố trí thời gian tham dự đầy đủ, nghiên cứu trước tài liệu gửi kèm';
        desc = renderTemplate('giay-moi', await sourceOf(communeId, 'giay-moi'), {
          commune, issuer: g.issuerOf(issuingBody), doc, meeting: { ...meeting, title: council ? title.trim() : `${g.d.name} của ${body.name}` },
          inviter: council ? issuingBody.name : body.name, invitees, chair: g.chair, signer, note,
          recipients: ['Như trên', 'Lưu: VT, VP'],
        });
      }
    } else if (kind === 'chuong-trinh') {
      const party = isPartyBody(g.kind);
      const signer = await signerOf();
      desc = renderTemplate('chuong-trinh', await sourceOf(communeId, 'chuong-trinh'), {
        family: party ? 'party' : 'state', commune, issuer: g.issuerOf(body), doc,
        meeting: { title: title.trim(), date: m.date, time: hm(m.startTime), days: m.days, place: m.place, chair: `${party ? 'đồng chí' : g.chair.honorific} ${g.chair.name}, ${g.chair.position}` },
        items: g.agenda.map((a) => ({ title: a.title, presenter: a.presenter ?? '', duration: a.durationMinutes ? `${a.durationMinutes} phút` : '' })),
        // The UBND's programme is its collective's (TM. Ủy ban nhân dân), not the office's TL. line of the giấy mời.
        signer: g.kind === 'people_committee' ? { authority: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', name: (await headOf(body))?.name ?? g.chair.name } : signer,
        recipients: party ? [`Các đồng chí ${partyMembers(g.kind)}`, 'Lưu Văn phòng Đảng ủy'] : ['Các thành viên', 'Khách mời', 'Lưu: VT, VP'],
      });
    } else {
      // Attendance as recorded: those marked absent (with or without a reason) or gone early are named; those nobody
      // has checked in yet are named once as not yet recorded, never as absent. With nothing recorded at all the
      // minutes say so in one sentence (attendance.recorded = false) instead of listing every member.
      const absent = g.att.roster.filter((r) => { const e = g.att.latest.get(r.personId); return e && !(e.status === 'present' || e.status === 'late'); })
        .map((r) => {
          const e = g.att.latest.get(r.personId)!;
          const reason = e.status === 'absent_excused' ? `vắng có lý do${e.reason ? ` (${e.reason})` : ''}` : e.status === 'left' ? `về sớm lúc ${vnClock(e.at)}${e.reason ? ` (${e.reason})` : ''}`
            : 'vắng không có lý do';
          return { name: r.personName, honorific: g.honorificOf(r.personId), reason };
        });
      const unrecorded = g.att.roster.filter((r) => !g.att.latest.get(r.personId)).map((r) => ({ name: r.personName, honorific: g.honorificOf(r.personId) }));
      const late = g.att.roster.filter((r) => g.att.latest.get(r.personId)?.status === 'late');
      const attendance = { total: g.att.roster.length, recorded: unrecorded.length < g.att.roster.length, present: g.att.counts.inRoom, absent, unrecorded };
      const start = m.openedAt ? hm(vnClock(m.openedAt)) : hm(m.startTime);
      // Not closed yet: the closing time is left blank ("… giờ … phút") to be written by hand. A commune's template
      // edited before that blank existed cannot print it: it keeps the opening time as before rather than failing.
      const closedAt = m.closedAt ? hm(vnClock(m.closedAt)) : null;
      const endIn = (src: string) => closedAt ?? (src.includes('… giờ … phút') ? null : start);
      const guests = g.guests.length ? g.guests.map((x) => (x.role ? `${x.name}, ${x.role}` : x.name)) : ['Không có'];
      // Every closed vote's figures and sentence come from its frozen record (issue 5), never typed.
      const closed = await votes.closedVotes(db, m.id);
      const roundOf = (v: { title: string; round: number }) => (v.round > 1 ? `${v.title} (biểu quyết lần ${v.round})` : v.title);
      const voteRows = closed.flatMap(({ motion: v, candidates }) => (v.kind === 'election'
        ? candidates.map((c) => ({ matter: `${roundOf(v)}: ${c.name}`, method: voteMsg.methodLabels[v.method]!.toLocaleLowerCase('vi'), votesFor: c.agree ?? 0, against: 0, abstain: 0, percent: formatPercent(c.agree ?? 0, v.baseCount ?? 0), passed: !!c.elected }))
        : [{ matter: roundOf(v), method: voteMsg.methodLabels[v.method]!.toLocaleLowerCase('vi'), votesFor: v.votesFor ?? 0, against: v.against ?? 0, abstain: v.abstain ?? 0, percent: formatPercent(v.votesFor ?? 0, v.baseCount ?? 0), passed: !!v.passed }]));
      const voteBlocks: Block[] = closed.map(({ motion: v }) => ({ kind: 'paragraph', runs: [{ text: `Kết quả biểu quyết "${roundOf(v)}" (${voteMsg.methodLabels[v.method]!.toLocaleLowerCase('vi')}): ${v.wording}` }] }));
      if (g.kind === 'people_council') {
        const src = await sourceOf(communeId, 'bien-ban-ky-hop');
        desc = renderTemplate('bien-ban-ky-hop', src, {
          commune, council, issuer: g.issuerOf(body), doc,
          session: { number: g.d.ordinal, date: m.date, start, end: endIn(src), place: m.place }, chair: g.chair, secretary: g.secretary, attendance, guests, votes: voteRows,
        });
      } else if (g.kind === 'party_committee') {
        const src = await sourceOf(communeId, 'bien-ban-hoi-nghi');
        desc = renderTemplate('bien-ban-hoi-nghi', src, {
          commune, issuer: g.issuerOf(body), doc,
          conference: { number: g.d.ordinal, date: m.date, start, end: endIn(src), place: m.place }, chair: g.chair, secretary: g.secretary, attendance, vote: { votesFor: 0, percent: '' },
        });
      } else {
        const party = isPartyBody(g.kind);
        const key = party ? 'bien-ban-hoi-nghi' : 'bien-ban-phien-hop';
        const src = await sourceOf(communeId, key);
        const end = endIn(src);
        desc = renderTemplate(key, src, party ? {
          commune, issuer: g.issuerOf(body), doc, conference: { number: g.d.ordinal, date: m.date, start, end, place: m.place }, chair: g.chair, secretary: g.secretary, attendance, vote: { votesFor: 0, percent: '' },
        } : {
          commune, issuer: g.issuerOf(body), doc, meeting: { month: Number(m.date.slice(5, 7)), date: m.date, start, end, place: m.place }, chair: g.chair, secretary: g.secretary, attendance, votes: voteRows.filter((x) => x.passed),
        });
        desc = { ...desc, subject: `${g.d.name} của ${body.name}` };
      }
      const extra: Block[] = [];
      if (late.length) extra.push({ kind: 'paragraph', runs: [{ text: `Đến muộn: ${late.map((r) => `${r.personName} (${vnClock(g.att.latest.get(r.personId)!.at)})`).join('; ')}.` }] });
      if (g.kind !== 'people_council') extra.push({ kind: 'paragraph', runs: [{ text: `Khách mời: ${guests.join('; ')}.` }] });
      desc = replaceContent(desc, extra, [...agendaBlocks(g.agenda), ...voteBlocks]);
    }
    return { desc, filename: fileBase };
  }

  return {
    documentsFor,
    async render(p: Principal, communeId: number, meetingId: number, kind: MeetingDocumentKind, format: 'pdf' | 'docx') {
      const { desc, filename } = await describeDocument(p, communeId, meetingId, kind);
      const buffer = format === 'pdf' ? await renderPdf(desc) : await renderDocx(desc);
      return { buffer, filename: `${filename}.${format}` };
    },
    describeDocument,
    /** The counting board's record (biên bản kiểm phiếu) of a closed secret election, from this commune's template. */
    async countingRecord(p: Principal, communeId: number, meetingId: number, motionId: number) {
      const data = await votes.countingRecordData(p, communeId, meetingId, motionId);
      // The template signs the first member as Trưởng ban: put the head first even if typed further down.
      const head = data.board.findIndex((b) => /^trưởng ban/i.test(b.role));
      if (head > 0) data.board = [data.board[head]!, ...data.board.filter((_, i) => i !== head)];
      const desc = renderTemplate('bien-ban-kiem-phieu', await sourceOf(communeId, 'bien-ban-kiem-phieu'), data);
      return { desc, buffer: await renderPdf(desc), filename: `bien-ban-kiem-phieu-${motionId}.pdf` };
    },
  };
}
