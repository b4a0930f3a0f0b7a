// Votes over HTTP: every mutating route with and without permission (secretary of the body vs office staff vs
// member vs another commune), scenarios from real commune sessions entered as a secretary would, electronic and
// secret ballots from members' phones, and bad input refused with a clear message and nothing counted.
import { expect } from 'chai';
import { count, eq, sql } from 'drizzle-orm';
import { accounts, attendanceEvents, auditLog, ballotReceipts, communes, motions, namedBallots, regulations, regulationVersions, secretBallots, secretTallies, terms, officialDocuments, documentVersions } from '../../models/schema.ts';
import { defaultSettings } from '../../server/domain/regulations.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo, TEST_HASH_COST } from '../support/db.ts';
import { loggedIn, startServer, type Client, type TestServer } from '../support/http.ts';
import { hashPassword } from '../../server/services/passwords.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { meetingInSession, memberAccount, type VoteFixture } from '../services/votes-fixture.ts';

const DAY = '2026-11-22'; // after p27's release on 15 September: the HĐND has 26 deputies

describe('routes — votes', function () {
  let database: Database;
  let server: TestServer;
  let cid: number;
  let sec: Client;

  const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? '';
  const motionRow = async (id: number) => (await database.db.select().from(motions).where(eq(motions.id, id)))[0]!;
  const idFrom = (location: string | null) => Number(location!.split('/').pop());
  const tallyRows = async (motionId: number) =>
    (await database.db.execute(sql`SELECT key, count, xmin::text AS xmin FROM secret_tallies WHERE motion_id = ${motionId} ORDER BY key`) as unknown as { rows: { key: string; count: number; xmin: string }[] }).rows;
  /** Appends an attendance event after each person's latest one (the log is a chain: previous_id). */
  async function attend(meetingId: number, personIds: number[], status: 'left' | 'present') {
    for (const personId of personIds) {
      const [last] = await database.db.select({ id: attendanceEvents.id }).from(attendanceEvents)
        .where(sql`${attendanceEvents.meetingId} = ${meetingId} AND ${attendanceEvents.personId} = ${personId}`).orderBy(sql`${attendanceEvents.id} DESC`).limit(1);
      await database.db.insert(attendanceEvents).values({ meetingId, personId, status, at: new Date(), previousId: last?.id ?? 0 });
    }
  }
  async function castAs(personId: number, url: string, form: Record<string, string | string[]>) {
    const c = await loggedIn(server.base, await memberAccount(database, cid, personId));
    const r = await c.post(`${url}/phieu`, form);
    expect(r.status, r.text.slice(0, 300)).to.equal(303);
  }

  async function createAndOpen(c: Client, fx: VoteFixture, form: Record<string, string>) {
    const base = `/xa/${cid}/hop/${fx.meetingId}/bieu-quyet`;
    const r = await c.post(base, { agendaItemId: String(fx.agendaItemId), ...form });
    expect(r.status, r.text.slice(0, 400)).to.equal(303);
    const id = idFrom(r.location);
    const page = await c.get(`${base}/${id}`);
    const o = await c.post(`${base}/${id}/mo`, { version: versionOf(page.text) });
    expect(o.status).to.equal(303);
    return { id, url: `${base}/${id}` };
  }

  /** Sets the seats of a body's term (the demo has one term per body); returns a function restoring them. */
  async function seatsOf(shortName: string, seats: number | null) {
    const [row] = (await database.db.execute(sql`SELECT t.id, t.seats FROM terms t JOIN bodies b ON b.id = t.body_id WHERE b.short_name = ${shortName} AND b.commune_id = ${cid}`) as unknown as { rows: { id: number; seats: number | null }[] }).rows;
    await database.db.update(terms).set({ seats }).where(eq(terms.id, row!.id));
    return async () => { await database.db.update(terms).set({ seats: row!.seats }).where(eq(terms.id, row!.id)); };
  }

  /** Twelve present members vote 'for' a few ms apart while the secretary closes the motion; returns how many were acknowledged. */
  async function raceTheClose(url: string, fx: VoteFixture) {
    const voters = await Promise.all(fx.present.slice(6, 18).map(async (id) => loggedIn(server.base, await memberAccount(database, cid, id))));
    const page = await sec.get(url);
    const [close, ...ballots] = await Promise.all([
      new Promise((r) => setTimeout(r, 15)).then(() => sec.post(`${url}/ket-thuc`, { version: versionOf(page.text) })),
      ...voters.map((c, i) => new Promise((r) => setTimeout(r, i * 3)).then(() => c.post(`${url}/phieu`, { choice: 'for' }))),
    ]);
    expect(close!.status).to.equal(303);
    expect(ballots.every((r) => r.status === 303 || r.status === 409), ballots.map((r) => r.status).join()).to.equal(true);
    return ballots.filter((r) => r.status === 303).length;
  }

  async function closeWith(c: Client, url: string, form: Record<string, string>) {
    const page = await c.get(url);
    return c.post(`${url}/ket-thuc`, { version: versionOf(page.text), ...form });
  }

  before(async function () {
    this.timeout(90000); // the first suite of a run pays for the shared database's start
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    sec = await loggedIn(server.base, 'thuky');
  });
  after(async () => server.stop());

  describe('scenarios from real sessions, entered as a secretary would', () => {
    it('HĐND of 26 after a release: 14 of 26 passes, 13 of 26 fails — "more than half of the total", not of those present', async () => {
      const fx = await meetingInSession(database, cid, 'HĐND', DAY, 24);
      const a = await createAndOpen(sec, fx, { title: 'Nghị quyết phê chuẩn dự toán ngân sách xã năm 2027', kind: 'resolution', method: 'totals' });
      expect((await closeWith(sec, a.url, { for: '14', against: '6', abstain: '4' })).status).to.equal(303);
      const pass = await motionRow(a.id);
      expect(pass).to.include({ status: 'closed', total: 26, present: 24, votesFor: 14, required: 14, passed: true, notVoting: 0 });
      expect(pass.wording).to.equal('có 14/24 đại biểu có mặt biểu quyết tán thành, đạt 53,85 % tổng số đại biểu; có 6/24 đại biểu có mặt biểu quyết không tán thành, chiếm 23,08 % tổng số đại biểu; có 4/24 đại biểu có mặt không biểu quyết, chiếm 15,38 % tổng số đại biểu. Được thông qua (cần quá 1/2 tổng số đại biểu, tức ít nhất 14/26).');
      const b = await createAndOpen(sec, fx, { title: 'Nghị quyết điều chỉnh quy hoạch', kind: 'resolution', method: 'totals' });
      await closeWith(sec, b.url, { for: '13', against: '11', abstain: '0' });
      const fail = await motionRow(b.id);
      expect(fail).to.include({ votesFor: 13, required: 14, passed: false });
      expect(fail.wording).to.include('đạt 50,00 % tổng số đại biểu').and.include('Không được thông qua').and.include('còn thiếu 1');
    });

    it('a passed HĐND resolution becomes a draft nghị quyết with its subject, session, day and sentence from the record; refused for a failed one, for a member (403) and another commune (404)', async () => {
      const fx = await meetingInSession(database, cid, 'HĐND', DAY, 24);
      const a = await createAndOpen(sec, fx, { title: 'Nghị quyết về chủ trương đầu tư đường giao thông bản Nà Ún', kind: 'resolution', method: 'totals' });
      expect((await closeWith(sec, a.url, { for: '22', against: '2', abstain: '0' })).status).to.equal(303);
      const docsBefore = Number((await database.db.select({ n: count() }).from(officialDocuments))[0]!.n);
      await sec.get(a.url);
      const r = await sec.post(`${a.url}/du-thao-nghi-quyet`, {});
      expect(r.status, r.text.slice(0, 300)).to.equal(303);
      expect(r.location).to.match(new RegExp(`^/xa/${cid}/van-ban/\\d+$`));
      const docId = idFrom(r.location);
      const [doc] = await database.db.select().from(officialDocuments).where(eq(officialDocuments.id, docId));
      expect(doc!.templateKey).to.equal('hdnd-nghi-quyet-thong-qua');
      const [text] = await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, docId));
      expect(text!.text).to.include('trích yếu: Về chủ trương đầu tư đường giao thông bản Nà Ún');
      expect(text!.text).to.include('thông qua ngày 22 tháng 11 năm 2026 (có 22/24 đại biểu có mặt biểu quyết tán thành, đạt 84,62 % tổng số đại biểu)');
      expect(text!.text).to.match(/kỳ họp thứ \S+/);
      expect((await sec.get(a.url)).text).to.include('Soạn dự thảo nghị quyết');
      // a failed resolution is no basis for a draft
      const b = await createAndOpen(sec, fx, { title: 'Nghị quyết không đạt', kind: 'resolution', method: 'totals' });
      await closeWith(sec, b.url, { for: '13', against: '11', abstain: '0' });
      await sec.get(b.url);
      const refused = await sec.post(`${b.url}/du-thao-nghi-quyet`, {});
      expect(refused.status).to.equal(409);
      expect(refused.text).to.include('chưa được thông qua');
      const member = await loggedIn(server.base, 'daibieu');
      await member.get(a.url);
      expect((await member.post(`${a.url}/du-thao-nghi-quyet`, {})).status).to.equal(403);
      expect((await sec.post(`/xa/${cid + 1}/hop/${fx.meetingId}/bieu-quyet/${a.id}/du-thao-nghi-quyet`, {})).status).to.equal(404);
      expect(Number((await database.db.select({ n: count() }).from(officialDocuments))[0]!.n)).to.equal(docsBefore + 1);
    });

    it('UBND of 8: a 4–4 tie recorded by name passes with the Chairman\'s side (Điều 40.3)', async () => {
      const fx = await meetingInSession(database, cid, 'UBND', DAY, 'all');
      expect(fx.members).to.have.length(8);
      const a = await createAndOpen(sec, fx, { title: 'Kế hoạch phát triển kinh tế - xã hội năm 2027', kind: 'decision', method: 'named' });
      const chairman = fx.present[0]!; // the head
      const choices: Record<string, string> = {};
      fx.present.forEach((id, i) => { choices[`choice_${id}`] = id === chairman || i <= 3 ? 'for' : 'against'; });
      expect((await sec.post(`${a.url}/ghi`, choices)).status).to.equal(303);
      await closeWith(sec, a.url, {});
      const row = await motionRow(a.id);
      expect(row).to.include({ votesFor: 4, against: 4, passed: true, decidedByChairman: true, chairmanSide: 'for', required: 5 });
      expect(row.wording).to.include('có 4/8 thành viên có mặt biểu quyết tán thành, đạt 50,00 % tổng số thành viên').and.include('Chủ tịch Ủy ban nhân dân');
      expect(row.presentPersonIds).to.have.length(8);
    });

    it('UBND of 8 by secret electronic ballot: a 4–4 tie asks for the Chairman\'s declared side and accepts it (Điều 40.3)', async () => {
      const fx = await meetingInSession(database, cid, 'UBND', DAY, 'all');
      const a = await createAndOpen(sec, fx, { title: 'Quyết định tập thể bỏ phiếu kín', kind: 'decision', method: 'electronic_secret' });
      for (const [i, id] of fx.present.entries()) await castAs(id, a.url, { choice: i < 4 ? 'for' : 'against' });
      const form = await sec.get(a.url);
      expect(form.text).to.include('name="chairmanSide"');
      const noSide = await closeWith(sec, a.url, {});
      expect(noSide.status).to.equal(422);
      expect(noSide.text).to.include('bằng đúng một nửa tổng số thành viên');
      expect(await motionRow(a.id)).to.include({ status: 'open' });
      expect((await closeWith(sec, a.url, { chairmanSide: 'for' })).status).to.equal(303);
      expect(await motionRow(a.id)).to.include({ votesFor: 4, against: 4, passed: true, decidedByChairman: true, chairmanSide: 'for' });
      // With the Chairman against, the same 4–4 fails.
      const b = await createAndOpen(sec, fx, { title: 'Quyết định tập thể bỏ phiếu kín (2)', kind: 'decision', method: 'electronic_secret' });
      for (const [i, id] of fx.present.entries()) await castAs(id, b.url, { choice: i < 4 ? 'for' : 'against' });
      expect((await closeWith(sec, b.url, { chairmanSide: 'against' })).status).to.equal(303);
      expect(await motionRow(b.id)).to.include({ passed: false, decidedByChairman: false, chairmanSide: 'against' });
    });

    it('UBND of 8: 1 for, 1 against, 6 not voting with the Chairman for fails — a low turnout is no tie (Điều 40.3)', async () => {
      const fx = await meetingInSession(database, cid, 'UBND', DAY, 'all');
      const a = await createAndOpen(sec, fx, { title: 'Ít người biểu quyết', kind: 'decision', method: 'named' });
      const [chairman, other] = fx.present;
      expect((await sec.post(`${a.url}/ghi`, { [`choice_${chairman}`]: 'for', [`choice_${other}`]: 'against' })).status).to.equal(303);
      expect((await closeWith(sec, a.url, {})).status).to.equal(303);
      expect(await motionRow(a.id)).to.include({ votesFor: 1, against: 1, passed: false, decidedByChairman: false, required: 5 });
    });

    it('a Quy chế in force with a stricter pass rule (at least 2/3 of all members) makes 5 of 8 fail; a meeting before its effective date keeps the statute', async () => {
      const ubnd = await meetingInSession(database, cid, 'UBND', DAY, 'all');
      const settings = { ...defaultSettings('people_committee'), passRule: { numerator: 2, denominator: 3, comparison: 'at_least', base: 'total' } };
      const [reg] = await database.db.insert(regulations).values({ communeId: cid, bodyId: ubnd.bodyId, title: 'Quy chế làm việc của Ủy ban nhân dân xã Tân Uyên',
        status: 'in_force', currentVersion: 1, adoptedVersion: 1, effectiveFrom: '2027-01-01', basis: 'Quyết định số 01/QĐ-UBND' }).returning();
      await database.db.insert(regulationVersions).values({ regulationId: reg!.id, version: 1, text: 'Điều 1. Phạm vi\nNội dung.', settings });
      const named = async (fx: VoteFixture, title: string) => {
        const a = await createAndOpen(sec, fx, { title, kind: 'decision', method: 'named' });
        const choices = Object.fromEntries(fx.present.map((id, i) => [`choice_${id}`, i < 5 ? 'for' : 'against']));
        expect((await sec.post(`${a.url}/ghi`, choices)).status).to.equal(303);
        expect((await closeWith(sec, a.url, {})).status).to.equal(303);
        return motionRow(a.id);
      };
      const before = await named(ubnd, 'Trước ngày Quy chế có hiệu lực');
      expect(before).to.include({ votesFor: 5, required: 5, passed: true, baseCount: 8 });
      expect(before.article).to.match(/^Luật Tổ chức chính quyền địa phương/);
      const after = await named(await meetingInSession(database, cid, 'UBND', '2027-01-05', 'all'), 'Sau ngày Quy chế có hiệu lực');
      expect(after).to.include({ votesFor: 5, required: 6, passed: false, baseCount: 8 });
      expect(after.article).to.include('Quy chế làm việc của Ủy ban nhân dân xã Tân Uyên (Quyết định số 01/QĐ-UBND)').and.include('Điều 40 khoản 3');
      expect(after.wording).to.include('cần ít nhất 2/3 tổng số thành viên theo Quy chế làm việc, tức ít nhất 6/8');
    });

    it('Điều 49.2 by calendar months: a council under 2/3 filled with exactly 18 months left needs > 2/3 in office, one day more does not; no term → refused', async () => {
      // The term ends on 2031-06-30: from 2029-12-30 that is exactly 18 months, from 2029-12-29 18 months and a day.
      // The council's seats come from its term (recorded on the body page), not from the motion's form.
      const restore = await seatsOf('HĐND', 40);
      const close = async (day: string, votesFor: number) => {
        const fx = await meetingInSession(database, cid, 'HĐND', day, 'all');
        const a = await createAndOpen(sec, fx, { title: `Nghị quyết (${day})`, kind: 'resolution', method: 'totals', councilSeats: '27' });
        expect((await motionRow(a.id)).councilSeats, 'the term\'s seats win over the form').to.equal(40);
        const r = await closeWith(sec, a.url, { for: String(votesFor), against: String(fx.present.length - votesFor), abstain: '0' });
        return { r, row: await motionRow(a.id), members: fx.members.length };
      };
      const at = await close('2029-12-30', 17);
      expect(at.members).to.equal(26); // 26 of 40 seats: fewer than 2/3 filled
      expect(at.row).to.include({ rule: 'COUNCIL_UNDERFILLED_TWO_THIRDS_IN_OFFICE', required: 18, passed: false });
      const dayMore = await close('2029-12-29', 17);
      expect(dayMore.row).to.include({ rule: 'COUNCIL_MAJORITY_OF_TOTAL', required: 14, passed: true });
      const noTerm = await close('2031-07-05', 17);
      expect(noTerm.r.status).to.equal(422);
      expect(noTerm.r.text).to.include('Không tìm thấy nhiệm kỳ của Hội đồng nhân dân');
      expect(noTerm.row).to.include({ status: 'open', passed: null });
      await restore();
    });

    it('the CSV of results neutralises cells that a spreadsheet would run as a formula', async () => {
      const fx = await meetingInSession(database, cid, 'HĐND', DAY, 20);
      for (const title of ['=HYPERLINK("http://x.invalid","bấm")', '+1+2', '-2+3', '@SUM(A1)', 'Nghị quyết bình thường']) {
        const a = await createAndOpen(sec, fx, { title, kind: 'resolution', method: 'totals' });
        expect((await closeWith(sec, a.url, { for: '14', against: '6', abstain: '0' })).status).to.equal(303);
      }
      const r = await sec.get(`/xa/${cid}/hop/${fx.meetingId}/bieu-quyet.csv`);
      expect(r.status).to.equal(200);
      const titles = r.text.split('\r\n').slice(1, 6).map((line) => line.split(',')[1]);
      expect(titles.slice(1)).to.deep.equal(["'+1+2", "'-2+3", "'@SUM(A1)", 'Nghị quyết bình thường']);
      expect(r.text).to.include(`"'=HYPERLINK(""http://x.invalid"",""bấm"")"`);
      expect(r.text).not.to.match(/(^|,)[=+@-]/m);
    });

    it('Party BCH of 19 members in office: 10 passes; with the base set to the term\'s total of 21 seats, 10 fails', async () => {
      const restore = await seatsOf('BCH', 21);
      const dangu = await loggedIn(server.base, 'thuky.dangu');
      const fx = await meetingInSession(database, cid, 'BCH', DAY, 18);
      const a = await createAndOpen(dangu, fx, { title: 'Nghị quyết về nhiệm vụ trọng tâm năm 2027', kind: 'resolution', method: 'totals' });
      await closeWith(dangu, a.url, { for: '10', against: '8', abstain: '0' });
      // 21 seats of which 19 in office: the default base is the members in office
      expect(await motionRow(a.id)).to.include({ total: 21, baseCount: 19, required: 10, passed: true, base: 'in_office' });
      const b = await createAndOpen(dangu, fx, { title: 'Nghị quyết (tính trên tổng số)', kind: 'resolution', method: 'totals', partyBase: 'total', partyTotal: '25' });
      await closeWith(dangu, b.url, { for: '10', against: '8', abstain: '0' });
      const row = await motionRow(b.id);
      expect(row).to.include({ required: 11, passed: false, base: 'total', baseCount: 21 });
      expect(row.wording).to.include('đạt 47,62 % tổng số đồng chí');
      await restore();
      // Without recorded seats the committee's total is the one typed on the motion.
      const restoreNone = await seatsOf('BCH', null);
      const c = await createAndOpen(dangu, fx, { title: 'Nghị quyết (tổng số ghi tay)', kind: 'resolution', method: 'totals', partyBase: 'total', partyTotal: '21' });
      expect((await motionRow(c.id)).partyTotal).to.equal(21);
      await restoreNone();
    });

    it('candidates ticked in the people list are linked by id; a typed name shared by two people is refused (namesakes must be ticked)', async () => {
      const fx = await meetingInSession(database, cid, 'HĐND', DAY, 20);
      const base = `/xa/${cid}/hop/${fx.meetingId}/bieu-quyet`;
      const people = (await database.db.execute(sql`SELECT id, full_name FROM people WHERE commune_id = ${cid} ORDER BY id LIMIT 2`) as unknown as { rows: { id: number; full_name: string }[] }).rows;
      const [namesake] = (await database.db.execute(sql`INSERT INTO people (commune_id, full_name, gender) VALUES (${cid}, ${people[1]!.full_name}, 'nam') RETURNING id`) as unknown as { rows: { id: number }[] }).rows;
      const form = { agendaItemId: String(fx.agendaItemId), title: 'Bầu Ủy viên Ủy ban nhân dân xã', kind: 'election', method: 'secret', electSeats: '2', nominatedBy: 'Chủ tịch UBND xã giới thiệu' };
      const before = Number((await database.db.select({ n: count() }).from(motions))[0]!.n);
      const refused = await sec.post(base, { ...form, candidates: people[1]!.full_name });
      expect(refused.status).to.equal(422);
      expect(refused.text).to.include('Có nhiều người tên');
      const twice = await sec.post(base, { ...form, candidatePersonIds: [String(people[0]!.id)], candidates: people[0]!.full_name });
      expect(twice.status).to.equal(422);
      expect(twice.text).to.include('trùng nhau');
      expect(Number((await database.db.select({ n: count() }).from(motions))[0]!.n)).to.equal(before);
      const ok = await sec.post(base, { ...form, candidatePersonIds: [String(people[0]!.id), String(namesake!.id)], candidates: 'Người Ngoài Danh Sách' });
      expect(ok.status, ok.text.slice(0, 300)).to.equal(303);
      const cands = (await database.db.execute(sql`SELECT name, person_id FROM candidates WHERE motion_id = ${idFrom(ok.location)} ORDER BY position`) as unknown as { rows: { name: string; person_id: number | null }[] }).rows;
      expect(cands).to.deep.equal([
        { name: people[0]!.full_name, person_id: people[0]!.id }, { name: people[1]!.full_name, person_id: namesake!.id }, { name: 'Người Ngoài Danh Sách', person_id: null },
      ]);
      // A person id of another commune is not in the list: refused.
      const foreign = await sec.post(base, { ...form, candidatePersonIds: ['999999'] });
      expect(foreign.status).to.equal(422);
    });

    it('a secret-ballot election of the HĐND with 26 ballots, totals from the counting board, and its record as PDF', async () => {
      const fx = await meetingInSession(database, cid, 'HĐND', DAY, 'all');
      const a = await createAndOpen(sec, fx, { title: 'Bầu Phó Chủ tịch Hội đồng nhân dân xã', kind: 'election', method: 'secret', electSeats: '1',
        nominatedBy: 'Thường trực HĐND xã giới thiệu', candidates: 'Vàng A Sử\nLê Thị Thu Hà' });
      const cands = (await database.db.execute(sql`SELECT id, name FROM candidates WHERE motion_id = ${a.id} ORDER BY position`) as unknown as { rows: { id: number }[] }).rows;
      const r = await closeWith(sec, a.url, { issued: '26', collected: '26', invalid: '1', [`agree_${cands[0]!.id}`]: '24', [`agree_${cands[1]!.id}`]: '3',
        board: 'Lê Thị Thu Hà — Trưởng Ban kiểm phiếu\nLường Văn Ơn — Ủy viên\nLò Thị Ươm — Ủy viên' });
      expect(r.status, r.text.slice(0, 500)).to.equal(303);
      const row = await motionRow(a.id);
      expect(row).to.include({ passed: true, required: 14, baseCount: 26, ballotsIssued: 26, invalid: 1 });
      expect(row.wording).to.include('Vàng A Sử: 24/26 phiếu đồng ý, đạt 92,31 % tổng số đại biểu — trúng cử').and.include('Lê Thị Thu Hà: 3/26 phiếu đồng ý, đạt 11,54 % tổng số đại biểu — không trúng cử');
      const pdf = await fetch(server.base + `${a.url}/bien-ban-kiem-phieu.pdf`, { headers: { cookie: sec.cookieHeader() } });
      expect(pdf.status).to.equal(200);
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).to.equal('%PDF-');
      // The minutes take every closed vote's figures and sentence from the record.
      const minutes = await server.services.meetingDocuments.describeDocument((await server.services.accounts.loadPrincipal((await database.db.select().from(accounts).where(eq(accounts.username, 'thuky')))[0]!.id))!, cid, fx.meetingId, 'bien-ban');
      const text = JSON.stringify(minutes.desc);
      expect(text).to.include('Vàng A Sử: 24/26 phiếu đồng ý, đạt 92,31 % tổng số đại biểu');
    });
  });

  describe('electronic ballots from phones', () => {
    let fx: VoteFixture;
    before(async () => { fx = await meetingInSession(database, cid, 'HĐND', DAY, 20); });

    it('a secret electronic ballot is counted with no link to the voter, and nobody votes twice', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Bỏ phiếu kín điện tử', kind: 'resolution', method: 'electronic_secret' });
      const voters = fx.present.slice(0, 3);
      for (const [i, personId] of voters.entries()) {
        const c = await loggedIn(server.base, await memberAccount(database, cid, personId));
        const page = await c.get(`${a.url}/phieu`);
        expect(page.text).to.include('aria-label="Biểu quyết: Đồng ý"');
        const confirm = await c.get(`${a.url}/phieu?chon=${i === 2 ? 'against' : 'for'}`);
        expect(confirm.text).to.include('Xác nhận: bạn chọn');
        expect((await c.post(`${a.url}/phieu`, { choice: i === 2 ? 'against' : 'for' })).status).to.equal(303);
        const again = await c.post(`${a.url}/phieu`, { choice: 'for' });
        expect(again.status).to.equal(409);
        expect(again.text).to.include('Bạn đã biểu quyết nội dung này rồi');
      }
      // No per-ballot row holds a choice: running counts only, and receipts that say who voted, never how.
      expect(await database.db.select().from(secretBallots).where(eq(secretBallots.motionId, a.id))).to.deep.equal([]);
      const tallies = await tallyRows(a.id);
      expect(tallies.map((t) => [t.key, t.count])).to.deep.equal([['abstain', 0], ['against', 1], ['ballots', 3], ['for', 2]]);
      expect(new Set(tallies.map((t) => t.xmin)).size, 'every tally row of the motion carries the last ballot\'s xmin').to.equal(1);
      expect(await database.db.select({ n: count() }).from(ballotReceipts).where(eq(ballotReceipts.motionId, a.id))).to.deep.equal([{ n: 3 }]);
      expect(Object.keys((await database.db.select().from(ballotReceipts).where(eq(ballotReceipts.motionId, a.id)))[0]!).sort()).to.deep.equal(['motionId', 'personId']);
      const audits = await database.db.select().from(auditLog).where(sql`${auditLog.action} = 'ballot.cast' AND ${auditLog.entityId} = ${String(a.id)}`);
      expect(audits).to.have.length(3);
      expect(audits.every((x) => !JSON.stringify(x.after).includes('choice') && !/"(for|against|abstain)"/.test(JSON.stringify(x.after)))).to.equal(true);
      // The live view shows a count only.
      const live = await sec.get(`/xa/${cid}/hop/${fx.meetingId}/truc-tiep`);
      expect(live.text).to.include('data-cast="3"');
      await closeWith(sec, a.url, {});
      expect(await motionRow(a.id)).to.include({ votesFor: 2, against: 1, present: 20, notVoting: 17, passed: false });
    });

    it('secret tallies: every row of the motion shares one xmin after each ballot, \'ballots\' equals the receipts; an election counts agree marks', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Bầu kín điện tử', kind: 'election', method: 'electronic_secret', electSeats: '2',
        nominatedBy: 'Thường trực HĐND xã giới thiệu', candidates: 'Người A\nNgười B\nNgười C' });
      const cands = (await database.db.execute(sql`SELECT id FROM candidates WHERE motion_id = ${a.id} ORDER BY position`) as unknown as { rows: { id: number }[] }).rows.map((r) => r.id);
      expect((await tallyRows(a.id)).map((t) => [t.key, t.count])).to.deep.equal([['ballots', 0], ...cands.map((id) => [`candidate:${id}`, 0])]);
      const marks = [[cands[0]!, cands[1]!], [cands[0]!], [], [cands[2]!, cands[0]!], [cands[1]!]];
      for (const [i, m] of marks.entries()) {
        await castAs(fx.present[10 + i]!, a.url, { agree: m.map(String) });
        const rows = await tallyRows(a.id);
        expect(rows).to.have.length(cands.length + 1);
        expect(new Set(rows.map((t) => t.xmin)).size, `after ballot ${i + 1}`).to.equal(1);
      }
      const rows = new Map((await tallyRows(a.id)).map((t) => [t.key, t.count]));
      expect(rows.get('ballots')).to.equal(5);
      expect([cands[0], cands[1], cands[2]].map((id) => rows.get(`candidate:${id}`))).to.deep.equal([3, 2, 1]);
      expect(await database.db.select({ n: count() }).from(ballotReceipts).where(eq(ballotReceipts.motionId, a.id))).to.deep.equal([{ n: 5 }]);
      expect(await database.db.select({ n: count() }).from(secretBallots).where(eq(secretBallots.motionId, a.id))).to.deep.equal([{ n: 0 }]);
      // Too many marks is refused at cast time and counts nothing.
      const c = await loggedIn(server.base, await memberAccount(database, cid, fx.present[16]!));
      expect((await c.post(`${a.url}/phieu`, { agree: cands.map(String) })).status).to.equal(422);
      expect(new Map((await tallyRows(a.id)).map((t) => [t.key, t.count])).get('ballots')).to.equal(5);
      expect((await closeWith(sec, a.url, {})).status).to.equal(303);
      const row = await motionRow(a.id);
      expect(row).to.include({ ballotsCollected: 5, present: 20, notVoting: 15 });
      const agree = (await database.db.execute(sql`SELECT agree FROM candidates WHERE motion_id = ${a.id} ORDER BY position`) as unknown as { rows: { agree: number }[] }).rows.map((r) => r.agree);
      expect(agree).to.deep.equal([3, 2, 1]);
    });

    it('old per-ballot rows of a secret motion (before the tallies) are still counted at close, added to the tallies', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Bỏ phiếu kín (dữ liệu cũ)', kind: 'resolution', method: 'electronic_secret' });
      // A database written by the old version: its ballots as rows, their receipts, and no tallies yet.
      await database.db.delete(secretTallies).where(eq(secretTallies.motionId, a.id));
      await database.db.insert(ballotReceipts).values([{ motionId: a.id, personId: fx.present[0]! }, { motionId: a.id, personId: fx.present[1]! }]);
      await database.db.insert(secretBallots).values([{ id: 'a'.repeat(32), motionId: a.id, choice: 'for' }, { id: 'b'.repeat(32), motionId: a.id, choice: 'against' }]);
      await castAs(fx.present[2]!, a.url, { choice: 'for' });
      expect(new Map((await tallyRows(a.id)).map((t) => [t.key, t.count]))).to.deep.equal(new Map([['abstain', 0], ['against', 0], ['ballots', 1], ['for', 1]]));
      await closeWith(sec, a.url, {});
      expect(await motionRow(a.id)).to.include({ votesFor: 2, against: 1, abstain: 0, notVoting: 17 });
    });

    it('a member who voted and then left still counts as present: the vote closes (present = in the room now + those who voted)', async () => {
      const own = await meetingInSession(database, cid, 'HĐND', DAY, 15);
      for (const method of ['electronic', 'electronic_secret'] as const) {
        const a = await createAndOpen(sec, own, { title: `Rời phòng sau khi bỏ phiếu (${method})`, kind: 'resolution', method });
        const voters = own.present.slice(1, 15);
        for (const id of voters) await castAs(id, a.url, { choice: 'for' });
        // Three voters leave the room before the close.
        await attend(own.meetingId, voters.slice(0, 3), 'left');
        const r = await closeWith(sec, a.url, {});
        expect(r.status, r.text.slice(0, 400)).to.equal(303);
        expect(await motionRow(a.id)).to.include({ votesFor: 14, present: 15, notVoting: 1, passed: true });
        if (method === 'electronic') expect((await motionRow(a.id)).presentPersonIds).to.have.length(15);
        // Back in the room for the next round.
        await attend(own.meetingId, voters.slice(0, 3), 'present');
      }
    });

    it('refuses a member who is absent, a non-member, and another commune (404); nothing counted', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Biểu quyết điện tử công khai', kind: 'resolution', method: 'electronic' });
      const absent = fx.members.find((x) => !fx.present.includes(x.personId))!;
      const c1 = await loggedIn(server.base, await memberAccount(database, cid, absent.personId));
      await c1.get(`${a.url}/phieu`);
      const r1 = await c1.post(`${a.url}/phieu`, { choice: 'for' });
      expect(r1.status).to.equal(403);
      expect(r1.text).to.include('Chỉ thành viên đang có mặt');
      const nonMember = (await database.db.execute(sql`SELECT id FROM people WHERE commune_id = ${cid} AND full_name = 'Vũ Mạnh Cường'`) as unknown as { rows: { id: number }[] }).rows[0]!.id;
      const c2 = await loggedIn(server.base, await memberAccount(database, cid, nonMember));
      await c2.get(`/`);
      const r2 = await c2.post(`${a.url}/phieu`, { choice: 'for' });
      expect(r2.status).to.equal(404); // not of the HĐND: its meetings are invisible to them (the page is 404 as well)
      expect((await c2.get(a.url)).status).to.equal(404);
      const [c2row] = await database.db.insert(communes).values({ name: 'Bình Lư', kind: 'xã', province: 'Lai Châu', code: '03611', placeName: 'Bình Lư' }).returning();
      const [acc] = await database.db.insert(accounts).values({ username: 'tv.binhlu', displayName: 'TV Bình Lư', passwordHash: await hashPassword(DEMO_PASSWORD, TEST_HASH_COST), communeId: c2row!.id }).returning();
      await database.db.execute(sql`INSERT INTO account_roles (account_id, role) VALUES (${acc!.id}, 'member')`);
      const c3 = await loggedIn(server.base, 'tv.binhlu');
      expect((await c3.post(`${a.url}/phieu`, { choice: 'for' })).status).to.equal(404);
      expect((await c3.get(`${a.url}`)).status).to.equal(404);
      expect(await database.db.select({ n: count() }).from(namedBallots).where(eq(namedBallots.motionId, a.id))).to.deep.equal([{ n: 0 }]);
    });

    it('refuses concurrent double votes: ten requests at once, one ballot', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Đồng thời', kind: 'resolution', method: 'electronic' });
      const c = await loggedIn(server.base, await memberAccount(database, cid, fx.present[5]!));
      const results = await Promise.all(Array.from({ length: 10 }, () => c.post(`${a.url}/phieu`, { choice: 'for' })));
      expect(results.filter((r) => r.status === 303)).to.have.length(1);
      expect(results.filter((r) => r.status === 409)).to.have.length(9);
      expect(await database.db.select({ n: count() }).from(namedBallots).where(eq(namedBallots.motionId, a.id))).to.deep.equal([{ n: 1 }]);
    });

    it('secret ballots at once: many members and double votes together — each acknowledged ballot counted once, \'ballots\' == receipts', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Kín đồng thời', kind: 'resolution', method: 'electronic_secret' });
      const voters = await Promise.all(fx.present.slice(4, 16).map(async (id) => loggedIn(server.base, await memberAccount(database, cid, id))));
      const results = await Promise.all(voters.flatMap((c, i) => [0, 1, 2].map(() => c.post(`${a.url}/phieu`, { choice: i % 3 === 0 ? 'against' : 'for' }))));
      expect(results.filter((r) => r.status === 303)).to.have.length(voters.length);
      expect(results.filter((r) => r.status === 409)).to.have.length(2 * voters.length);
      const tallies = new Map((await tallyRows(a.id)).map((t) => [t.key, t.count]));
      const receipts = (await database.db.select({ n: count() }).from(ballotReceipts).where(eq(ballotReceipts.motionId, a.id)))[0]!.n;
      expect(receipts).to.equal(voters.length);
      expect(tallies.get('ballots')).to.equal(receipts);
      expect([tallies.get('for'), tallies.get('against'), tallies.get('abstain')]).to.deep.equal([8, 4, 0]);
      expect(new Set((await tallyRows(a.id)).map((t) => t.xmin)).size).to.equal(1);
    });

    it('secret ballots racing the close: the frozen count equals the acknowledged ballots and the receipts', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Kín đóng giữa chừng', kind: 'resolution', method: 'electronic_secret' });
      const acked = await raceTheClose(a.url, fx);
      const receipts = (await database.db.select({ n: count() }).from(ballotReceipts).where(eq(ballotReceipts.motionId, a.id)))[0]!.n;
      expect((await motionRow(a.id)).votesFor).to.equal(acked);
      expect(receipts).to.equal(acked);
      expect(new Map((await tallyRows(a.id)).map((t) => [t.key, t.count])).get('ballots')).to.equal(acked);
    });

    it('ballots racing the close: every acknowledged ballot is in the frozen count, every other one refused, none after the close', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Đóng giữa chừng', kind: 'resolution', method: 'electronic' });
      const acked = await raceTheClose(a.url, fx);
      const row = await motionRow(a.id);
      const stored = (await database.db.select({ n: count() }).from(namedBallots).where(eq(namedBallots.motionId, a.id)))[0]!.n;
      expect(row.votesFor).to.equal(acked);
      expect(stored).to.equal(acked);
    });
  });

  describe('bad input and closed votes', () => {
    let fx: VoteFixture;
    before(async () => { fx = await meetingInSession(database, cid, 'HĐND', DAY, 22); });

    it('more ballots than members present: refused with 422 and a clear message, nothing frozen', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Quá số người', kind: 'resolution', method: 'totals' });
      const r = await closeWith(sec, a.url, { for: '20', against: '3', abstain: '0' });
      expect(r.status).to.equal(422);
      expect(r.text).to.include('Tổng số phiếu (23) nhiều hơn số thành viên có mặt (22)').and.include('value="20"');
      expect(await motionRow(a.id)).to.include({ status: 'open', votesFor: null });
    });

    it('a closed vote never changes: closing again, a ballot after close and a direct UPDATE are all refused; a re-vote is a new round', async () => {
      const a = await createAndOpen(sec, fx, { title: 'Đã đóng', kind: 'resolution', method: 'electronic' });
      await closeWith(sec, a.url, {});
      const frozen = await motionRow(a.id);
      expect((await sec.post(`${a.url}/ket-thuc`, { version: String(frozen.version), for: '22', against: '0' })).status).to.equal(409);
      const c = await loggedIn(server.base, await memberAccount(database, cid, fx.present[1]!));
      const late = await c.post(`${a.url}/phieu`, { choice: 'for' });
      expect(late.status).to.equal(409);
      expect(late.text).to.include('chưa mở hoặc đã kết thúc');
      let refused = false;
      try { await database.db.update(motions).set({ votesFor: 99 }).where(eq(motions.id, a.id)); } catch { refused = true; }
      expect(refused).to.equal(true);
      try { await database.db.insert(namedBallots).values({ motionId: a.id, personId: fx.present[1]!, choice: 'for', source: 'secretary' }); refused = false; } catch { refused = true; }
      expect(refused).to.equal(true);
      expect(await motionRow(a.id)).to.deep.equal(frozen);
      const re = await sec.post(`${a.url}/bieu-quyet-lai`, {});
      expect(re.status).to.equal(303);
      const next = await motionRow(idFrom(re.location));
      expect(next).to.include({ round: 2, supersedesId: a.id, status: 'pending' });
      expect((await sec.post(`${a.url}/bieu-quyet-lai`, {})).status).to.equal(409);
    });
  });

  describe('permissions of every mutating route', () => {
    let fx: VoteFixture;
    let motionUrl: string;
    before(async () => {
      fx = await meetingInSession(database, cid, 'HĐND', DAY, 10);
      motionUrl = (await createAndOpen(sec, fx, { title: 'Quyền', kind: 'resolution', method: 'named' })).url;
    });

    for (const [who, expected] of [['vanphong', 403], ['daibieu', 403], ['thuky.dangu', 404], ['admin.tanuyen', 404]] as const) {
      it(`${who}: create, open, record, close and re-vote are refused (${expected})`, async () => {
        const c = await loggedIn(server.base, who);
        const base = `/xa/${cid}/hop/${fx.meetingId}/bieu-quyet`;
        const n = (await database.db.select({ n: count() }).from(motions))[0]!.n;
        // A closed-session HĐND meeting is not private: staff and members see it, so the refusal is 403; other
        // bodies' secretaries and the commune admin do not see it (404) — unless the body is public to them.
        const statuses = [
          (await c.post(base, { title: 'x', kind: 'resolution', method: 'totals' })).status,
          (await c.post(`${motionUrl}/mo`, { version: '1' })).status,
          (await c.post(`${motionUrl}/ghi`, { [`choice_${fx.present[0]}`]: 'for' })).status,
          (await c.post(`${motionUrl}/ket-thuc`, { version: '2' })).status,
          (await c.post(`${motionUrl}/bieu-quyet-lai`, {})).status,
        ];
        expect(statuses.every((s) => s === 403 || s === 404), String(statuses)).to.equal(true);
        if (expected === 403) expect(statuses[0]).to.equal(403);
        expect((await database.db.select({ n: count() }).from(motions))[0]!.n).to.equal(n);
      });
    }

    it('the secretary of the body may: record by name, then close', async () => {
      expect((await sec.post(`${motionUrl}/ghi`, { [`choice_${fx.present[0]}`]: 'for' })).status).to.equal(303);
      expect((await closeWith(sec, motionUrl, {})).status).to.equal(303);
    });
  });
});
