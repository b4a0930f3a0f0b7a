// One-line fields hold one line of visible text (issue 11.3): a name, a title, a place with a line break, a tab, a
// zero-width or a direction character is refused with a Vietnamese message and nothing is saved; multi-line fields
// (a counting board, candidates) keep one entry per line; the projector's event stream cannot be split by a title.
import { expect } from 'chai';
import { count, eq } from 'drizzle-orm';
import { auditLog, bodies, meetings, motions, people } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { textProblemMessages } from '../../server/i18n/vi.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';
import { loggedIn, startServer, type Client, type TestServer } from '../support/http.ts';
import { meetingInSession } from '../services/votes-fixture.ts';

const DAY = '2026-11-22';

describe('routes — one-line fields refuse line breaks, tabs, invisible and direction characters', function () {
  let database: Database;
  let server: TestServer;
  let cid: number;
  let admin: Client;
  let sec: Client;

  const rows = async (table: typeof people | typeof motions | typeof meetings | typeof auditLog | typeof bodies) =>
    Number((await database.db.select({ n: count() }).from(table))[0]!.n);

  before(async function () {
    this.timeout(90000);
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    admin = await loggedIn(server.base, 'admin.tanuyen');
    sec = await loggedIn(server.base, 'thuky');
  });
  after(async () => server.stop());

  const bad: Array<[string, string, keyof typeof textProblemMessages]> = [
    ['a line feed', 'Lò Văn\nỔn', 'LINE_BREAK'],
    ['a carriage return', 'Lò Văn\rỔn', 'LINE_BREAK'],
    ['U+0085 (next line)', 'Lò Văn\u0085Ổn', 'LINE_BREAK'],
    ['U+2028 (line separator)', 'Lò Văn\u2028Ổn', 'LINE_BREAK'],
    ['a tab', 'Lò Văn\tỔn', 'TAB'],
    ['a zero-width space', 'Lò Văn\u200BỔn', 'INVISIBLE'],
    ['a zero-width joiner', 'Lò Văn\u200DỔn', 'INVISIBLE'],
    ['a right-to-left override U+202E', 'Lò Văn \u202Ehnảd', 'BIDI'],
    ['a left-to-right embedding U+202A', '\u202ALò Văn Ổn', 'BIDI'],
    ['a first-strong isolate U+2068', 'Lò Văn \u2068Ổn\u2069', 'BIDI'],
  ];

  for (const [what, fullName, reason] of bad) {
    it(`a person's name with ${what} is refused (422, the reason in Vietnamese), nothing saved`, async () => {
      const [n, audits] = [await rows(people), await rows(auditLog)];
      await admin.get(`/xa/${cid}/nhan-su/moi`);
      const r = await admin.post(`/xa/${cid}/nhan-su`, { fullName, gender: 'nam' });
      expect(r.status, r.text.slice(0, 300)).to.equal(422);
      expect(r.text).to.include(textProblemMessages[reason].split(':')[0]!);
      expect(await rows(people)).to.equal(n);
      expect(await rows(auditLog)).to.equal(audits);
    });
  }

  it('a space or line break typed at either end is trimmed, not refused', async () => {
    await admin.get(`/xa/${cid}/nhan-su/moi`);
    const r = await admin.post(`/xa/${cid}/nhan-su`, { fullName: '  Lò Thị Một Dòng\r\n', gender: 'nữ' });
    expect(r.status, r.text.slice(0, 300)).to.equal(303);
    const [row] = await database.db.select().from(people).where(eq(people.fullName, 'Lò Thị Một Dòng'));
    expect(row).to.not.equal(undefined);
  });

  it('a new meeting whose place has a direction override is refused; nothing is created', async () => {
    const [hdnd] = await database.db.select().from(bodies).where(eq(bodies.shortName, 'HĐND'));
    const chair = (await database.db.select().from(people)).find((x) => x.fullName)!;
    const vanphong = await loggedIn(server.base, 'vanphong');
    await vanphong.get(`/xa/${cid}/co-quan/${hdnd!.id}/hop/moi`);
    const n = await rows(meetings);
    const r = await vanphong.post(`/xa/${cid}/co-quan/${hdnd!.id}/hop`, {
      kind: 'regular', date: DAY, startTime: '07:30', days: '1', place: 'Hội trường \u202Eãx BNDU', chairPersonId: String(chair.id),
    });
    expect(r.status, r.text.slice(0, 300)).to.equal(422);
    expect(r.text).to.include('chiều viết');
    expect(await rows(meetings)).to.equal(n);
  });

  it('a motion title with CRs (an attempt to forge a projector event) is refused; nothing is created', async () => {
    const fx = await meetingInSession(database, cid, 'HĐND', DAY, 20);
    const [before] = await database.db.select().from(meetings).where(eq(meetings.id, fx.meetingId));
    const page = await sec.get(`/xa/${cid}/hop/${fx.meetingId}/bieu-quyet`);
    expect(page.status).to.equal(200);
    const motionsBefore = await rows(motions);
    const r = await sec.post(`/xa/${cid}/hop/${fx.meetingId}/bieu-quyet`, {
      agendaItemId: String(fx.agendaItemId), title: 'Dự thảo\r\r\revent: update\rdata: ĐÃ THÔNG QUA — 26/26\r\r', kind: 'resolution', method: 'totals',
    });
    expect(r.status, r.text.slice(0, 300)).to.equal(422);
    expect(r.text).to.include('chỉ nhận một dòng');
    expect(await rows(motions)).to.equal(motionsBefore);
    const [after] = await database.db.select().from(meetings).where(eq(meetings.id, fx.meetingId));
    expect(after).to.deep.equal(before);
  });

  it('candidates are one per line; a line with a tab is refused and no motion is created', async () => {
    const fx = await meetingInSession(database, cid, 'HĐND', DAY, 20);
    const base = `/xa/${cid}/hop/${fx.meetingId}/bieu-quyet`;
    await sec.get(base);
    const n = await rows(motions);
    const refused = await sec.post(base, {
      agendaItemId: String(fx.agendaItemId), title: 'Bầu Phó Chủ tịch HĐND', kind: 'election', method: 'secret', electSeats: '1',
      nominatedBy: 'Thường trực HĐND', candidates: 'Lò Văn A\nLò\tVăn B', board: 'Nguyễn Văn C — Trưởng ban\nLò Thị D — Ủy viên',
    });
    expect(refused.status, refused.text.slice(0, 300)).to.equal(422);
    expect(refused.text).to.include('ký tự tab');
    expect(await rows(motions)).to.equal(n);
  });
});
