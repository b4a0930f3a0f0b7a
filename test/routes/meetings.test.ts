// Meetings over HTTP: every mutating route with and without permission, another commune's meeting is 404,
// bad input refused with nothing saved, two secretaries never overwrite each other (409 "reload"),
// attendance and the quorum, uploads checked by content, and the documents of a meeting.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { agendaItems, attachmentVersions, attendanceEvents, bodies, communes, meetings } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type Client, type TestServer } from '../support/http.ts';

const DAY = '2026-11-22'; // the test clock's today

describe('routes — meetings (agenda, attendance, quorum, uploads, documents)', function () {
  this.timeout(30000);
  let database: Database;
  let server: TestServer;
  let cid: number;
  const ids: Record<string, number> = {};
  const as: Record<string, Client> = {};

  const n = async (table: typeof meetings | typeof agendaItems | typeof attendanceEvents | typeof attachmentVersions) =>
    Number((await database.db.select({ n: count() }).from(table))[0]!.n);
  const bodyId = async (shortName: string) => (await database.db.select().from(bodies).where(eq(bodies.shortName, shortName)))[0]!.id;
  const version = async (id: number) => (await database.db.select().from(meetings).where(eq(meetings.id, id)))[0]!.version;

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    ids.hdnd = await bodyId('HĐND');
    ids.ubnd = await bodyId('UBND');
    ids.bch = await bodyId('BCH');
    for (const u of ['thuky', 'vanphong', 'daibieu', 'admin.tanuyen', 'thuky.dangu', 'chutich']) as[u] = await loggedIn(server.base, u);
    const chair = await database.db.execute(sql`SELECT id FROM people WHERE full_name = 'Lò Văn Thắng'`);
    ids.chair = Number((chair as any).rows[0].id);
  });
  after(async () => server.stop());

  const meetingForm = (extra: Record<string, string> = {}) => ({
    kind: 'regular', date: DAY, startTime: '07:30', days: '1', place: 'Hội trường UBND xã', chairPersonId: String(ids.chair), ...extra,
  });

  describe('preparing a meeting', () => {
    it('office staff create an HĐND meeting; its ordinal is computed (thứ Hai after the first session)', async () => {
      await as.vanphong.get(`/xa/${cid}/co-quan/${ids.hdnd}/hop/moi`);
      const r = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm());
      expect(r.status).to.equal(303);
      ids.m = Number(r.location!.split('/').pop());
      const page = await as.vanphong.get(r.location!);
      expect(page.text).to.include('Kỳ họp thứ Hai');
    });

    it('a member, a secretary of other bodies and another commune cannot create one', async () => {
      await as.daibieu.get('/');
      expect((await as.daibieu.post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm())).status).to.equal(403);
      await as['thuky.dangu'].get('/');
      expect((await as['thuky.dangu'].post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm())).status).to.equal(403);
      expect((await as.daibieu.get(`/xa/${cid}/co-quan/${ids.hdnd}/hop/moi`)).status).to.equal(403);
      const [c2] = await database.db.insert(communes).values({ name: 'Bình Lư', kind: 'xã', province: 'Lai Châu', code: '03601', placeName: 'Bình Lư' }).returning();
      expect((await as.vanphong.post(`/xa/${c2!.id}/co-quan/${ids.hdnd}/hop`, meetingForm())).status).to.equal(404);
      expect((await as.vanphong.get(`/xa/${c2!.id}/hop/${ids.m}`)).status).to.equal(404);
    });

    it('refuses a meeting without a chair or outside the body\'s term, keeping the typed values; nothing saved', async () => {
      const before = await n(meetings);
      const a = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm({ chairPersonId: '', place: 'Nhà văn hóa thôn Nà Ún' }));
      expect(a.status).to.equal(422);
      expect(a.text).to.include('Vui lòng chọn người chủ tọa').and.include('Nhà văn hóa thôn Nà Ún');
      const b = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm({ date: '2026-03-01' }));
      expect(b.status).to.equal(422);
      expect(b.text).to.include('nằm ngoài nhiệm kỳ');
      const c = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm({ kind: 'first' }));
      expect(c.status).to.equal(422);
      expect(c.text).to.include('Kỳ họp thứ nhất phải là kỳ họp đầu tiên');
      expect(await n(meetings)).to.equal(before);
    });

    it('agenda items: added and reordered with permission (no JavaScript), 403 without', async () => {
      const url = `/xa/${cid}/hop/${ids.m}/chuong-trinh`;
      await as.thuky.get(`/xa/${cid}/hop/${ids.m}`);
      for (const title of ['Báo cáo kinh tế - xã hội', 'Tờ trình dự toán ngân sách', 'Dự thảo nghị quyết dự toán']) {
        const r = await as.thuky.post(url, { title, kind: 'report', presenter: 'UBND xã', durationMinutes: '30', version: String(await version(ids.m)) });
        expect(r.status, title).to.equal(303);
      }
      const items = await database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, ids.m)).orderBy(agendaItems.position);
      ids.item = items[0]!.id;
      const r = await as.thuky.post(`${url}/thu-tu`, { itemId: String(items[2]!.id), direction: 'up', version: String(await version(ids.m)) });
      expect(r.status).to.equal(303);
      const after = await database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, ids.m)).orderBy(agendaItems.position);
      expect(after.map((x) => x.title)).to.deep.equal(['Báo cáo kinh tế - xã hội', 'Dự thảo nghị quyết dự toán', 'Tờ trình dự toán ngân sách']);
      expect((await as.daibieu.post(url, { title: 'X', kind: 'other', version: String(await version(ids.m)) })).status).to.equal(403);
      expect((await as.chutich.post(`${url}/thu-tu`, { itemId: String(ids.item), direction: 'down', version: String(await version(ids.m)) })).status).to.equal(403);
    });

    it('two secretaries editing one agenda: the second gets 409 "tải lại", nothing overwritten', async () => {
      const seen = String(await version(ids.m));
      const url = `/xa/${cid}/hop/${ids.m}/chuong-trinh`;
      const first = await as.thuky.post(`${url}/${ids.item}`, { title: 'Báo cáo (bản của thư ký 1)', kind: 'report', version: seen });
      expect(first.status).to.equal(303);
      const second = await as.vanphong.post(`${url}/${ids.item}`, { title: 'Báo cáo (bản của thư ký 2)', kind: 'report', version: seen });
      expect(second.status).to.equal(409);
      expect(second.text).to.include('vừa được người khác thay đổi').and.include('tải lại trang');
      const third = await as.vanphong.post(url, { title: 'Nội dung thêm', kind: 'other', version: seen });
      expect(third.status).to.equal(409);
      const [item] = await database.db.select().from(agendaItems).where(eq(agendaItems.id, ids.item));
      expect(item!.title).to.equal('Báo cáo (bản của thư ký 1)');
      expect(await database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, ids.m))).to.have.length(3);
    });

    it('guests: added with permission, 403 without', async () => {
      const url = `/xa/${cid}/hop/${ids.m}/khach-moi`;
      expect((await as.vanphong.post(url, { guestName: 'Đại diện Ủy ban MTTQ Việt Nam xã', guestRole: '', version: String(await version(ids.m)) })).status).to.equal(303);
      expect((await as.daibieu.post(url, { guestName: 'X', version: String(await version(ids.m)) })).status).to.equal(403);
    });
  });

  describe('uploads', () => {
    const multipart = async (c: Client, url: string, name: string, content: Buffer, fields: Record<string, string> = {}) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      fd.append('file', new Blob([new Uint8Array(content)]), name);
      const res = await fetch(`${server.base}${url}?_csrf=${encodeURIComponent(c.csrf)}`, {
        method: 'POST', body: fd, redirect: 'manual', headers: { cookie: (c as any).cookieHeader(), accept: 'text/html' },
      });
      return { status: res.status, text: await res.text(), location: res.headers.get('location') };
    };
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const url = () => `/xa/${cid}/hop/${ids.m}/chuong-trinh/${ids.item}/tai-lieu`;

    it('stores a PDF under a generated name; a new version keeps the old one; download by those who may see it', async () => {
      await as.thuky.get(`/xa/${cid}/hop/${ids.m}`);
      const r = await multipart(as.thuky, url(), 'Báo cáo KT-XH.pdf', pdf);
      expect(r.status).to.equal(303);
      const [v1] = await database.db.select().from(attachmentVersions);
      expect(v1!.storedName).to.match(/^[0-9a-f]{32}$/);
      const r2 = await multipart(as.thuky, url(), 'Báo cáo KT-XH (sửa).pdf', Buffer.concat([pdf, Buffer.from('%v2')]), { attachmentId: String(v1!.attachmentId) });
      expect(r2.status).to.equal(303);
      const versions = await database.db.select().from(attachmentVersions).orderBy(attachmentVersions.version);
      expect(versions.map((v) => v.version)).to.deep.equal([1, 2]);
      const dl = await fetch(`${server.base}/xa/${cid}/hop/${ids.m}/tai-lieu/${v1!.id}`, { headers: { cookie: (as.daibieu as any).cookieHeader() } });
      expect(dl.status).to.equal(200);
      expect(dl.headers.get('content-type')).to.include('application/pdf');
      expect(dl.headers.get('content-disposition')).to.include('attachment');
      expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).to.equal(true);
      // The Party secretary does not serve the HĐND: 404, not the file.
      expect((await as['thuky.dangu'].get(`/xa/${cid}/hop/${ids.m}/tai-lieu/${v1!.id}`)).status).to.equal(404);
      ids.version = v1!.id;
    });

    it('refuses a renamed executable, a DOCX named .pdf, an oversize file; no upload without permission', async () => {
      const before = await n(attachmentVersions);
      const exe = await multipart(as.thuky, url(), 'bao-cao.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode'));
      expect(exe.status).to.equal(422);
      expect(exe.text).to.include('không đúng định dạng cho phép');
      const big = await multipart(as.thuky, url(), 'lon.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024 + 10)]));
      expect(big.status).to.equal(413);
      expect(big.text).to.include('tối đa 20 MB');
      await as.daibieu.get(`/xa/${cid}/hop/${ids.m}`);
      expect((await multipart(as.daibieu, url(), 'a.pdf', pdf)).status).to.equal(403);
      const noToken = await fetch(`${server.base}${url()}`, { method: 'POST', body: new FormData(), redirect: 'manual', headers: { cookie: (as.thuky as any).cookieHeader() } });
      expect(noToken.status).to.equal(403);
      expect(await n(attachmentVersions)).to.equal(before);
    });

    it('a path-traversal name is cut to its last segment; the file stays in the upload folder', async () => {
      await as.thuky.get(`/xa/${cid}/hop/${ids.m}`);
      const r = await multipart(as.thuky, url(), '../../../../tmp/evil.pdf', pdf);
      expect(r.status).to.equal(303);
      const [v] = await database.db.select().from(attachmentVersions).orderBy(sql`id desc`).limit(1);
      expect(v!.originalName).to.equal('evil.pdf');
      const f = await server.services.attachments.download((await server.services.accounts.loadPrincipal(1))!, cid, ids.m, v!.id);
      expect(path.basename(f.path)).to.equal(v!.storedName);
      expect(fs.existsSync(f.path)).to.equal(true);
    });
  });

  describe('convening, attendance and the quorum', () => {
    it('convenes (403 for a member) and renders the notice, programme and minutes draft', async () => {
      await as.daibieu.get(`/xa/${cid}/hop/${ids.m}`);
      expect((await as.daibieu.post(`/xa/${cid}/hop/${ids.m}/trang-thai`, { action: 'convene', version: String(await version(ids.m)) })).status).to.equal(403);
      await as.vanphong.get('/');
      const r = await as.vanphong.post(`/xa/${cid}/hop/${ids.m}/trang-thai`, { action: 'convene', version: String(await version(ids.m)) });
      expect(r.status).to.equal(303);
      for (const k of ['trieu-tap.pdf', 'chuong-trinh.pdf', 'bien-ban.pdf', 'trieu-tap.docx']) {
        const res = await fetch(`${server.base}/xa/${cid}/hop/${ids.m}/van-ban/${k}`, { headers: { cookie: (as.thuky as any).cookieHeader() } });
        expect(res.status, k).to.equal(200);
        const buf = Buffer.from(await res.arrayBuffer());
        expect(buf.subarray(0, 4).toString(), k).to.match(k.endsWith('pdf') ? /%PDF/ : /PK/);
      }
      expect((await as.thuky.get(`/xa/${cid}/hop/${ids.m}/van-ban/giay-moi.pdf`)).status).to.equal(404); // no giấy mời for HĐND
    });

    it('the secretary checks people in; duplicates and stale forms are refused; the quorum follows', async () => {
      const url = `/xa/${cid}/hop/${ids.m}/diem-danh`;
      const page = await as.thuky.get(url);
      expect(page.status).to.equal(200);
      expect(page.text).to.include('0/26 đại biểu có mặt — không đủ điều kiện tiến hành (cần ≥ 18)');
      const pid = Number(/name="personId" value="(\d+)"/.exec(page.text)![1]);
      expect((await as.thuky.post(url, { personId: String(pid), status: 'present', seen: '0' })).status).to.equal(303);
      const dup = await as.thuky.post(url, { personId: String(pid), status: 'present', seen: '0' });
      expect(dup.status).to.equal(409);
      expect(dup.text).to.include('đã được ghi nhận &#34;Có mặt&#34; rồi');
      const stale = await as.thuky.post(url, { personId: String(pid), status: 'left', time: '09:00', seen: '0' });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.include('vừa được người khác cập nhật');
      const noReason = await as.thuky.post(url, { personId: String(pid + 1), status: 'absent_excused', seen: '0' });
      expect(noReason.status).to.equal(422);
      expect(noReason.text).to.include('Vui lòng ghi lý do');
      expect((await as.vanphong.post(url, { personId: String(pid + 1), status: 'present', seen: '0' })).status).to.equal(403);
      // "Tất cả có mặt" from a page seen before the last check-in: 409; from a fresh page: everybody else present.
      expect((await as.thuky.post(`${url}/tat-ca`, { seen: '0' })).status).to.equal(409);
      const fresh = await as.thuky.get(url);
      const seen = /name="seen" value="(\d+)"/.exec(fresh.text.slice(fresh.text.indexOf('tat-ca')))![1]!;
      expect((await as.thuky.post(`${url}/tat-ca`, { seen })).status).to.equal(303);
      const after = await as.thuky.get(url);
      expect(after.text).to.include('26/26 đại biểu có mặt — đủ điều kiện tiến hành (cần ≥ 18)');
    });

    it('a member checks themself in from their phone, once; a member of another body cannot see a closed session', async () => {
      // Reset: a new convened UBND meeting today, closed session; daibieu (HĐND deputy) is not a UBND member.
      await as.vanphong.get('/');
      const r = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.ubnd}/hop`, meetingForm({ closedSession: 'on', chairPersonId: String(ids.chair) }));
      const closedId = Number(r.location!.split('/').pop());
      expect((await as.daibieu.get(`/xa/${cid}/hop/${closedId}`)).status).to.equal(404);
      expect((await as.chutich.get(`/xa/${cid}/hop/${closedId}`)).status).to.equal(200);
      // daibieu is an HĐND deputy: self check-in on the HĐND meeting (everybody is present already → duplicate).
      await as.daibieu.get(`/xa/${cid}/hop/${ids.m}`);
      const dup = await as.daibieu.post(`/xa/${cid}/hop/${ids.m}/diem-danh/toi`, {});
      expect(dup.status).to.equal(409);
      expect(dup.text).to.include('Tẩn Thị Mẩy đã được ghi nhận');
      const me = (await database.db.execute(sql`SELECT id FROM people WHERE full_name = 'Tẩn Thị Mẩy'`) as any).rows[0].id;
      const last = (await database.db.select().from(attendanceEvents).where(eq(attendanceEvents.personId, Number(me)))).filter((e) => e.meetingId === ids.m).pop()!;
      await as.thuky.get(`/xa/${cid}/hop/${ids.m}/diem-danh`);
      expect((await as.thuky.post(`/xa/${cid}/hop/${ids.m}/diem-danh`, { personId: String(me), status: 'left', time: '10:30', seen: String(last.id) })).status).to.equal(303);
      await as.daibieu.get(`/xa/${cid}/hop/${ids.m}`);
      expect((await as.daibieu.post(`/xa/${cid}/hop/${ids.m}/diem-danh/toi`, {})).status).to.equal(303);
      const page = await as.thuky.get(`/xa/${cid}/hop/${ids.m}/diem-danh`);
      expect(page.text).to.include('26/26 đại biểu có mặt');
      expect(page.text).to.include('(tự điểm danh)');
    });

    it('reconstructs who was present at a moment (check-ins at 10:00 by the test clock; she left at 10:30)', async () => {
      const at = async (t: string) => (await as.thuky.get(`/xa/${cid}/hop/${ids.m}/diem-danh?ngay=${DAY}&luc=${t}`)).text;
      expect(await at('09:45')).to.include('0/26 đại biểu có mặt');
      expect(await at('10:15')).to.include('26/26 đại biểu có mặt');
      expect(await at('10:45')).to.include('25/26 đại biểu có mặt');
    });

    it('the body\'s quorum rule: the commune admin sets it from a date after the last convened meeting, never backwards; 403 for office, secretary and member', async () => {
      const url = `/xa/${cid}/co-quan/${ids.hdnd}/quy-tac-hop`;
      const rules = async () => Number((await database.db.execute(sql`SELECT count(*) AS n FROM body_rules`) as any).rows[0].n);
      const before = await rules();
      const form = (extra: Record<string, string>) => ({ effectiveFrom: '2026-11-23', quorumNumerator: '3', quorumDenominator: '4', quorumComparison: 'at_least', basis: 'Quy chế làm việc của HĐND xã, Điều 12', ...extra });
      await as['admin.tanuyen'].get(url);
      expect((await as['admin.tanuyen'].post(url, form({ quorumNumerator: '4', quorumDenominator: '3' }))).status).to.equal(422);
      const past = await as['admin.tanuyen'].post(url, form({ effectiveFrom: '2026-11-01' }));
      expect(past.status).to.equal(422);
      expect(past.text).to.include('không được trước hôm nay (22/11/2026)');
      // The HĐND meeting convened for today keeps the quorum its notice was sent under.
      const onMeeting = await as['admin.tanuyen'].post(url, form({ effectiveFrom: DAY }));
      expect(onMeeting.status).to.equal(422);
      expect(onMeeting.text).to.include('phải sau ngày 22/11/2026');
      for (const u of ['vanphong', 'thuky', 'daibieu']) {
        await as[u]!.get('/');
        expect((await as[u]!.post(url, form({}))).status, u).to.equal(403);
      }
      expect(await rules()).to.equal(before);
      const page = await as.vanphong.get(url);
      expect(page.text).to.not.include('Ghi quy định mới').and.not.include('name="quorumBase"');
      const ok = await as['admin.tanuyen'].post(url, form({}));
      expect(ok.status).to.equal(303);
      expect(await rules()).to.equal(before + 1);
      const [row] = (await database.db.execute(sql`SELECT quorum_base FROM body_rules ORDER BY id DESC LIMIT 1`) as any).rows;
      expect(row.quorum_base).to.equal('total');
      const today = await as.thuky.get(`/xa/${cid}/hop/${ids.m}/diem-danh`);
      expect(today.text).to.include('(cần ≥ 18)').and.not.include('Quy chế làm việc của HĐND xã, Điều 12');
      const listed = await as['admin.tanuyen'].get(url);
      expect(listed.text).to.include('23/11/2026').and.include('Quy chế làm việc của HĐND xã, Điều 12').and.include('vào ngày họp');
    });

    it('calendar and "my meetings" show what each person may see', async () => {
      const cal = await as.daibieu.get(`/xa/${cid}/hop?thang=2026-11`);
      expect(cal.status).to.equal(200);
      expect(cal.text).to.include('Kỳ họp thứ Hai').and.not.include('Phiên họp thường kỳ');
      const mine = await as.daibieu.get('/hop-cua-toi');
      expect(mine.text).to.include('Kỳ họp thứ Hai').and.include('Báo cáo KT-XH');
    });
  });
});
