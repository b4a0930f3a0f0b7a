// Working regulations and appointments through the whole app: every state-changing route with and without
// permission, bad input refused with a Vietnamese message and nothing saved, another commune's records 404;
// an adopted regulation changes the quorum of later meetings only; an issued appointment changes the roster
// from its effective date; an election result waits for the province's approval.
import { expect } from 'chai';
import { and, count, eq, sql } from 'drizzle-orm';
import { appointments, bodies, bodyRules, memberships, officialDocuments, regulations, regulationVersions } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { Client, loggedIn, startServer, type TestServer } from '../support/http.ts';
import { principalOf } from '../services/issuance-fixture.ts';

describe('routes — Quy chế làm việc and appointments', function () {
  this.timeout(180000);
  let database: Database;
  let server: TestServer;
  let cid: number;
  const ids: Record<string, number> = {};
  const as: Record<string, Client> = {};
  let regId = 0;

  const bodyId = async (shortName: string) => (await database.db.select().from(bodies).where(and(eq(bodies.shortName, shortName), eq(bodies.communeId, cid))))[0]!.id;
  const personId = async (name: string) => Number(((await database.db.execute(sql`SELECT id FROM people WHERE full_name = ${name}`)) as any).rows[0].id);
  const n = async (table: typeof regulationVersions | typeof appointments | typeof officialDocuments | typeof bodyRules) => Number((await database.db.select({ n: count() }).from(table))[0]!.n);
  const reg = async () => (await database.db.select().from(regulations).where(eq(regulations.id, regId)))[0]!;
  const docStatus = async (id: number) => (await database.db.select().from(officialDocuments).where(eq(officialDocuments.id, id)))[0]!.status;

  /** Submit, approve, sign and issue a draft document through the routes. */
  async function pushThrough(docId: number, drafter: Client, signer: Client) {
    const url = (s: string) => `/xa/${cid}/van-ban/${docId}${s}`;
    await drafter.get(url(''));
    expect((await drafter.post(url('/trinh-ky'), { version: '1' })).status).to.equal(303);
    await as.vanphong.get(url(''));
    expect((await as.vanphong.post(url('/duyet'), { version: '1' })).status).to.equal(303);
    await signer.get(url(''));
    expect((await signer.post(url('/ky'), { version: '1' })).status).to.equal(303);
    await as.vanphong.get(url(''));
    return as.vanphong.post(url('/ban-hanh'), {});
  }

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database); // today is 2026-11-22
    ids.ubnd = await bodyId('UBND');
    ids.hdnd = await bodyId('HĐND');
    ids.pkt = (await database.db.select().from(bodies).where(and(eq(bodies.communeId, cid), eq(bodies.issuerCode, 'PKT'))))[0]!.id;
    for (const u of ['thuky', 'vanphong', 'daibieu', 'chutich', 'bithu', 'admin.tanuyen', 'thuky.dangu']) as[u] = await loggedIn(server.base, u);
  });
  after(async () => server.stop());

  describe('the regulation', () => {
    it('a member cannot see it (404); a signer sees it but cannot start one (403); the secretary starts one from the outline (303)', async () => {
      await as.daibieu.get('/');
      expect((await as.daibieu.get(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`)).status).to.equal(404);
      expect((await as.daibieu.post(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`, {})).status).to.equal(404);
      expect((await as.chutich.get(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`)).status).to.equal(200);
      expect((await as.chutich.post(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`, {})).status).to.equal(403);
      const page = await as.thuky.get(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`);
      expect(page.text).to.include('Soạn Quy chế mới từ Quy chế mẫu').and.include('Chưa có Quy chế được ban hành');
      const r = await as.thuky.post(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`, {});
      expect(r.status).to.equal(303);
      regId = Number(r.location!.split('/').pop());
      const show = await as.thuky.get(r.location!);
      expect(show.text).to.include('Quy chế làm việc của Ủy ban nhân dân xã Tân Uyên').and.include('Điều 6. Phiên họp Ủy ban nhân dân xã').and.include('Mục lục (8 điều)');
    });

    const form = async (extra: Record<string, string> = {}) => ({
      version: String((await reg()).currentVersion), text: (await database.db.select().from(regulationVersions).where(eq(regulationVersions.regulationId, regId)))[0]!.text,
      quorumComparison: 'more_than', quorumNumerator: '1', quorumDenominator: '2', quorumBase: 'total', presides: 'head', standIn: 'deputy',
      frequency: 'monthly', defaultMethod: 'totals', ...extra,
    });

    it('bad input is refused with a Vietnamese message and nothing saved: duplicate article, a pass rule below the law, meeting less often than the law', async () => {
      const before = await n(regulationVersions);
      const f = await form();
      const dup = await as.thuky.post(`/xa/${cid}/quy-che/${regId}`, { ...f, text: `${f.text}\nĐiều 3. Điều trùng số\nNội dung.` });
      expect(dup.status).to.equal(422);
      expect(dup.text).to.include('Điều 3 bị trùng số');
      const low = await as.thuky.post(`/xa/${cid}/quy-che/${regId}`, { ...f, passComparison: 'at_least', passNumerator: '1', passDenominator: '2', passBase: 'total' });
      expect(low.status).to.equal(422);
      expect(low.text).to.include('không được đặt ngưỡng thông qua thấp hơn luật').and.include('Điều 40');
      const rare = await as.thuky.post(`/xa/${cid}/quy-che/${regId}`, { ...f, frequency: 'quarterly' });
      expect(rare.status).to.equal(422);
      expect(rare.text).to.include('ít nhất 12 lần mỗi năm');
      expect(await n(regulationVersions)).to.equal(before);
    });

    it('saves a new version (303) with its settings; the page shows the difference; a stale version is 409; a signer cannot save (403)', async () => {
      const f = await form();
      const text = f.text.replace('2. Phiên họp được tiến hành khi có ít nhất hai phần ba tổng số thành viên tham dự.', '2. Phiên họp được tiến hành khi có quá nửa tổng số thành viên tham dự.');
      await as.chutich.get(`/xa/${cid}/quy-che/${regId}`);
      expect((await as.chutich.post(`/xa/${cid}/quy-che/${regId}`, { ...f, text })).status).to.equal(403);
      const ok = await as.thuky.post(`/xa/${cid}/quy-che/${regId}`, { ...f, text, note: 'Khai mạc khi quá nửa' });
      expect(ok.status).to.equal(303);
      const page = await as.thuky.get(`/xa/${cid}/quy-che/${regId}`);
      expect(page.text).to.include('Thay đổi so với phiên bản 1').and.include('1 dòng thêm, 1 dòng bỏ.').and.include('quá nửa tổng số thành viên tham dự');
      expect((await as.thuky.post(`/xa/${cid}/quy-che/${regId}`, { ...f, text: `${text}\n` })).status).to.equal(409);
    });

    it('adoption: an effective date before the document is refused (422, nothing saved); a signer cannot (403); the secretary creates the draft decision (303)', async () => {
      const docs = await n(officialDocuments);
      const v = String((await reg()).currentVersion);
      const early = await as.thuky.post(`/xa/${cid}/quy-che/${regId}/ban-hanh`, { version: v, effectiveFrom: '2026-11-01' });
      expect(early.status).to.equal(422);
      expect(early.text).to.include('không được trước ngày ban hành văn bản');
      expect((await as.chutich.post(`/xa/${cid}/quy-che/${regId}/ban-hanh`, { version: v, effectiveFrom: '2026-12-01' })).status).to.equal(403);
      expect(await n(officialDocuments)).to.equal(docs);
      const r = await as.thuky.post(`/xa/${cid}/quy-che/${regId}/ban-hanh`, { version: v, effectiveFrom: '2026-12-01' });
      expect(r.status).to.equal(303);
      ids.regDoc = Number(r.location!.split('/').pop());
      const doc = await as.thuky.get(r.location!);
      expect(doc.text).to.include('Ban hành Quy chế làm việc của Ủy ban nhân dân xã Tân Uyên');
      expect((await reg()).status).to.equal('adopting');
      // Frozen once sent: no more edits.
      expect((await as.thuky.post(`/xa/${cid}/quy-che/${regId}`, await form())).status).to.equal(409);
    });

    it('issuing the decision puts it in force: meetings from 01/12 need more than half, earlier ones keep two thirds', async () => {
      const issued = await pushThrough(ids.regDoc!, as.thuky, as.chutich);
      expect(issued.status).to.equal(303);
      expect(await docStatus(ids.regDoc!)).to.equal('issued');
      const r = await reg();
      expect(r.status).to.equal('in_force');
      expect(r.basis).to.match(/\/QĐ-UBND$/);
      const chair = String(await personId('Trần Đức Minh'));
      const meetingOn = async (date: string) => {
        const res = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.ubnd}/hop`, { kind: 'regular', date, startTime: '08:00', days: '1', place: 'Phòng họp UBND', chairPersonId: chair });
        expect(res.status).to.equal(303);
        const id = Number(res.location!.split('/').pop());
        const m = await server.services.meetings.loadMeeting(await principalOf(server.services, database, 'vanphong'), cid, id);
        return server.services.meetings.attendanceState(database.db, m, 'people_committee');
      };
      const before = await meetingOn('2026-11-28');
      const after = await meetingOn('2026-12-04');
      // UBND: 8 members. Before: at least 2/3 → 6. After: more than 1/2 → 5.
      expect(before.quorum.ok && before.quorum.required).to.equal(6);
      expect(after.quorum.ok && after.quorum.required).to.equal(5);
      expect(after.rule.basis).to.include('Quy chế làm việc của Ủy ban nhân dân xã Tân Uyên');
      const list = await as.thuky.get(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`);
      expect(list.text).to.include('Đã ban hành');
    });

    it('an amendment starts from the adopted text and settings as its version 1 (later versions differ from the regulation in force)', async () => {
      const adopted = await reg();
      const adoptedText = (await database.db.select().from(regulationVersions)
        .where(and(eq(regulationVersions.regulationId, regId), eq(regulationVersions.version, adopted.adoptedVersion!))))[0]!;
      const list = await as.thuky.get(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`);
      expect(list.text).to.include('Soạn Quy chế sửa đổi, thay thế');
      const r = await as.thuky.post(`/xa/${cid}/co-quan/${ids.ubnd}/quy-che`, {});
      expect(r.status).to.equal(303);
      const amendId = Number(r.location!.split('/').pop());
      expect(amendId).to.not.equal(regId);
      const [v1] = await database.db.select().from(regulationVersions).where(eq(regulationVersions.regulationId, amendId));
      expect(v1!.text).to.equal(adoptedText.text);
      expect(v1!.settings).to.deep.equal(adoptedText.settings);
      expect(v1!.note).to.include('Khởi tạo từ Quy chế đang có hiệu lực').and.include(adopted.basis!);
      // The adopted regulation itself is unchanged and still in force.
      expect((await reg()).status).to.equal('in_force');
    });

    it("another commune's URL is 404; an unknown regulation is 404", async () => {
      expect((await as.thuky.get(`/xa/${cid + 1}/quy-che/${regId}`)).status).to.equal(404);
      expect((await as.thuky.post(`/xa/${cid + 1}/quy-che/${regId}`, {})).status).to.equal(404);
      expect((await as.thuky.post(`/xa/${cid + 1}/quy-che/${regId}/ban-hanh`, {})).status).to.equal(404);
      expect((await as.thuky.post(`/xa/${cid + 1}/co-quan/${ids.ubnd}/quy-che`, {})).status).to.equal(404);
      expect((await as.thuky.get(`/xa/${cid}/quy-che/999999`)).status).to.equal(404);
      // The Party secretary does not serve the UBND: its regulation is not found for them.
      expect((await as['thuky.dangu'].get(`/xa/${cid}/quy-che/${regId}`)).status).to.equal(404);
    });
  });

  describe('appointments', () => {
    it('bổ nhiệm: a post already held is refused (422, nothing saved); a member cannot (403); the secretary drafts the decision (303)', async () => {
      const holder = (await database.db.select().from(memberships).where(and(eq(memberships.bodyId, ids.pkt), eq(memberships.role, 'head'))))[0]!;
      const deputy = (await database.db.select().from(memberships).where(and(eq(memberships.bodyId, ids.pkt), eq(memberships.role, 'deputy'))))[0]!;
      ids.oldHead = holder.personId;
      ids.newHead = deputy.personId;
      const before = await n(appointments);
      const base = { source: 'appointment', issuerBodyId: String(ids.ubnd), bodyId: String(ids.pkt), position: 'Trưởng phòng', role: 'head', effectiveFrom: '2026-12-10' };
      await as.thuky.get(`/xa/${cid}/bo-nhiem`);
      const held = await as.thuky.post(`/xa/${cid}/bo-nhiem`, { ...base, personId: String(holder.personId) });
      expect(held.status).to.equal(422);
      expect(held.text, /error-summary[\s\S]{0,400}/.exec(held.text)?.[0]).to.include('đã giữ chức vụ &#34;Trưởng phòng&#34;');
      // a decision that would print "sinh năm ," is refused until the person's profile has the year
      const [bare] = (await database.db.execute(sql`INSERT INTO people (commune_id, full_name, gender) VALUES (${cid}, 'Vi Văn Thiếu', 'nam') RETURNING id`) as any).rows;
      const blank = await as.thuky.post(`/xa/${cid}/bo-nhiem`, { ...base, position: 'Phó Trưởng phòng', role: 'deputy', personId: String(bare.id) });
      expect(blank.status).to.equal(422);
      expect(blank.text).to.include('Hồ sơ của Vi Văn Thiếu chưa có năm sinh');
      await as.daibieu.get('/');
      expect((await as.daibieu.post(`/xa/${cid}/bo-nhiem`, { ...base, personId: String(deputy.personId) })).status).to.equal(403);
      expect(await n(appointments)).to.equal(before);
      // The head's post is held by someone else: refused, naming the holder, until the secretary states they leave it.
      const holderName = (await database.db.execute(sql`SELECT full_name FROM people WHERE id = ${holder.personId}`) as any).rows[0].full_name as string;
      const occupied = await as.thuky.post(`/xa/${cid}/bo-nhiem`, { ...base, personId: String(deputy.personId) });
      expect(occupied.status).to.equal(422);
      expect(occupied.text).to.include(`Chức vụ &#34;Trưởng phòng&#34; đang do ${holderName} giữ vào ngày 10/12/2026`)
        .and.include('Người đang giữ chức vụ thôi giữ chức vụ từ ngày có hiệu lực');
      expect(await n(appointments)).to.equal(before);
      const r = await as.thuky.post(`/xa/${cid}/bo-nhiem`, { ...base, personId: String(deputy.personId), replaceIncumbent: 'on' });
      expect(r.status).to.equal(303);
      expect((await database.db.select().from(appointments).where(eq(appointments.personId, deputy.personId)))[0]!.replacesIncumbent).to.equal(true);
      ids.apptDoc = Number(r.location!.split('/').pop());
      expect((await as.thuky.get(r.location!)).text).to.include('Về việc bổ nhiệm Trưởng phòng');
    });

    it('issuing it changes the roster from the effective date: the predecessor ends on 10/12, the new head starts that day, with the number as basis', async () => {
      const issued = await pushThrough(ids.apptDoc!, as.thuky, as.chutich);
      expect(issued.status).to.equal(303);
      const rows = await database.db.select().from(memberships).where(eq(memberships.bodyId, ids.pkt));
      const old = rows.find((m) => m.personId === ids.oldHead && m.role === 'head')!;
      expect(old.endDate).to.equal('2026-12-10');
      expect(old.endReason).to.include('/QĐ-UBND');
      const fresh = rows.find((m) => m.personId === ids.newHead && m.role === 'head')!;
      expect(fresh.startDate).to.equal('2026-12-10');
      expect(fresh.basis).to.match(/\/QĐ-UBND$/);
      const dayBefore = await as.vanphong.get(`/xa/${cid}/co-quan/${ids.pkt}?ngay=2026-12-09`);
      const dayOf = await as.vanphong.get(`/xa/${cid}/co-quan/${ids.pkt}?ngay=2026-12-10`);
      const name = (await database.db.execute(sql`SELECT full_name FROM people WHERE id = ${ids.newHead}`) as any).rows[0].full_name as string;
      expect(dayBefore.text).to.include(`${name} — Phó Trưởng phòng`);
      expect(dayOf.text).to.include(`${name} — Trưởng phòng`);
      const history = await as.vanphong.get(`/xa/${cid}/co-quan/${ids.pkt}/chuc-vu`);
      expect((await as.thuky.get(`/xa/${cid}/co-quan/${ids.pkt}/chuc-vu`)).status).to.equal(404);
      expect(history.status).to.equal(200);
      expect(history.text).to.include(fresh.basis!);
      const person = await as.vanphong.get(`/xa/${cid}/nhan-su/${ids.newHead}/qua-trinh`);
      expect(person.text).to.include('Trưởng phòng').and.include(fresh.basis!);
    });

    it('an election: a non-deputy elected to a council post is refused; a Chủ tịch UBND result waits for the province, then changes the post', async () => {
      // A closed HĐND election with the UBND Vice-Chairman Nguyễn … (p06, not a deputy) and p08 elected.
      const [m] = (await database.db.execute(sql`SELECT id, term_id FROM meetings WHERE body_id = ${ids.hdnd} ORDER BY date LIMIT 1`) as any).rows;
      const vice = (await database.db.select().from(memberships).where(and(eq(memberships.bodyId, ids.ubnd), eq(memberships.role, 'deputy'))));
      const nonDeputy = vice[0]!.personId;
      const deputies = (await database.db.select().from(memberships).where(eq(memberships.bodyId, ids.hdnd))).map((x) => x.personId);
      expect(deputies).to.not.include(nonDeputy);
      const motion = (await database.db.execute(sql`INSERT INTO motions (commune_id, body_id, meeting_id, title, kind, method, status, total, present, ballots_issued, ballots_collected, invalid)
        VALUES (${cid}, ${ids.hdnd}, ${m.id}, 'Bầu Chủ tịch UBND xã', 'election', 'secret', 'pending', 26, 25, 25, 25, 0) RETURNING id`) as any).rows[0].id;
      const name = (await database.db.execute(sql`SELECT full_name FROM people WHERE id = ${nonDeputy}`) as any).rows[0].full_name as string;
      const cand = (await database.db.execute(sql`INSERT INTO candidates (motion_id, person_id, name, nominated_by, position, agree, elected)
        VALUES (${motion}, ${nonDeputy}, ${name}, 'Chủ tịch HĐND', 1, 24, true) RETURNING id`) as any).rows[0].id;
      await database.db.execute(sql`UPDATE motions SET status = 'closed' WHERE id = ${motion}`);
      const tthdnd = await bodyId('TTHĐND');
      const before = await n(appointments);
      await as.thuky.get(`/xa/${cid}/bo-nhiem`);
      const refused = await as.thuky.post(`/xa/${cid}/bo-nhiem/bau`, { candidateId: String(cand), bodyId: String(tthdnd), position: 'Phó Chủ tịch HĐND', role: 'deputy', effectiveFrom: '2026-11-22' });
      expect(refused.status).to.equal(422);
      expect(refused.text).to.include('không phải là đại biểu Hội đồng nhân dân');
      expect(await n(appointments)).to.equal(before);
      expect((await as.chutich.post(`/xa/${cid}/bo-nhiem/bau`, { candidateId: String(cand), bodyId: String(ids.ubnd), position: 'Chủ tịch UBND', role: 'head', effectiveFrom: '2026-11-25' })).status).to.equal(403);
      const chair = { candidateId: String(cand), bodyId: String(ids.ubnd), position: 'Chủ tịch UBND', role: 'head', effectiveFrom: '2026-11-25' };
      const held = await as.thuky.post(`/xa/${cid}/bo-nhiem/bau`, chair);
      expect(held.status, 'the Chairman in office has not been relieved').to.equal(422);
      expect(held.text).to.include('đang do Trần Đức Minh giữ vào ngày 25/11/2026');
      expect(await n(appointments)).to.equal(before);
      const r = await as.thuky.post(`/xa/${cid}/bo-nhiem/bau`, { ...chair, replaceIncumbent: 'on' });
      expect(r.status).to.equal(303);
      const docId = Number(r.location!.split('/').pop());
      expect((await as.thuky.get(r.location!)).text).to.include('Về việc bầu Chủ tịch UBND');
      expect((await pushThrough(docId, as.thuky, as.bithu)).status).to.equal(303);
      const [a] = await database.db.select().from(appointments).where(eq(appointments.documentId, docId));
      expect(a!.status).to.equal('awaiting_approval');
      const page = await as.vanphong.get(`/xa/${cid}/bo-nhiem`);
      expect(page.text).to.include('Chờ cấp tỉnh phê chuẩn');
      const chairNow = async () => (await database.db.select().from(memberships).where(and(eq(memberships.bodyId, ids.ubnd), eq(memberships.role, 'head')))).filter((x) => x.endDate === null).map((x) => x.personId);
      expect(await chairNow()).to.not.include(nonDeputy);
      // Recording the approval: a secretary cannot (403), an empty basis is 422, office staff records it (303).
      expect((await as.thuky.post(`/xa/${cid}/bo-nhiem/${a!.id}/phe-chuan`, { version: String(a!.version), approvedOn: '2026-11-27', approvalBasis: 'QĐ 1/QĐ-UBND tỉnh' })).status).to.equal(403);
      expect((await as.vanphong.post(`/xa/${cid}/bo-nhiem/${a!.id}/phe-chuan`, { version: String(a!.version), approvedOn: '2026-11-27', approvalBasis: '' })).status).to.equal(422);
      expect((await as.vanphong.post(`/xa/${cid + 1}/bo-nhiem/${a!.id}/phe-chuan`, { version: String(a!.version), approvedOn: '2026-11-27', approvalBasis: 'x' })).status).to.equal(404);
      const ok = await as.vanphong.post(`/xa/${cid}/bo-nhiem/${a!.id}/phe-chuan`, { version: String(a!.version), approvedOn: '2026-11-27', approvalBasis: 'Quyết định số 1234/QĐ-UBND của UBND tỉnh Lai Châu' });
      expect(ok.status).to.equal(303);
      expect(await chairNow()).to.deep.equal([nonDeputy]);
      const post = (await database.db.select().from(memberships).where(and(eq(memberships.bodyId, ids.ubnd), eq(memberships.personId, nonDeputy), eq(memberships.role, 'head'))))[0]!;
      expect(post.startDate).to.equal('2026-11-25');
      expect((await as.vanphong.post(`/xa/${cid}/bo-nhiem/${a!.id}/phe-chuan`, { version: String(a!.version + 1), approvedOn: '2026-11-27', approvalBasis: 'x' })).status).to.equal(409);
    });
  });
});
