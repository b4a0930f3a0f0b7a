// Meetings over HTTP: every mutating route with and without permission, another commune's meeting is 404,
// bad input refused with nothing saved, two secretaries never overwrite each other (409 "reload"),
// attendance and the quorum, uploads checked by content, and the documents of a meeting.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import { agendaItems, attachments, attachmentVersions, attendanceEvents, auditLog, bodies, communes, meetingGuests, meetings, regulations, regulationVersions, terms } from '../../models/schema.ts';
import { defaultSettings } from '../../server/domain/regulations.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type Client, type TestServer } from '../support/http.ts';
import { buildZip, DOCX_SKELETON, zipBomb } from '../support/zip.ts';

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

    it('a member cannot create one (403); a secretary of other bodies and another commune do not see the body (404)', async () => {
      await as.daibieu.get('/');
      expect((await as.daibieu.post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm())).status).to.equal(403);
      await as['thuky.dangu'].get('/');
      expect((await as['thuky.dangu'].post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm())).status).to.equal(404);
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
      // refused before the body is read: an oversize file from someone who may not upload is a 403, not a 413
      expect((await multipart(as.daibieu, url(), 'lon.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024 + 10)]))).status).to.equal(403);
      expect((await multipart(as.thuky, `/xa/${cid + 1}/hop/${ids.m}/chuong-trinh/${ids.item}/tai-lieu`, 'a.pdf', pdf)).status).to.equal(404);
      const noToken = await fetch(`${server.base}${url()}`, { method: 'POST', body: new FormData(), redirect: 'manual', headers: { cookie: (as.thuky as any).cookieHeader() } });
      expect(noToken.status).to.equal(403);
      expect(await n(attachmentVersions)).to.equal(before);
    });

    /** Where the test services keep uploads (createServices without uploadDir). */
    const uploadDirOf = () => path.join(os.tmpdir(), `commune-uploads-${process.pid}`);

    it('refuses a DOCX zip bomb (1 GiB behind 1 MB) and a DOCX with overlapping entries with a clear message; nothing stored', async function () {
      this.timeout(30000);
      const before = await n(attachmentVersions);
      const files = fs.existsSync(uploadDirOf()) ? fs.readdirSync(uploadDirOf()).length : 0;
      await as.thuky.get(`/xa/${cid}/hop/${ids.m}`);
      const bomb = await multipart(as.thuky, url(), 'bao-cao.docx', zipBomb(10, 100));
      expect(bomb.status, bomb.text.slice(0, 300)).to.equal(422);
      expect(bomb.text).to.match(/khi giải nén sẽ lớn hơn|nén bất thường/);
      const overlap = await multipart(as.thuky, url(), 'to-trinh.docx', buildZip([...DOCX_SKELETON, { name: 'word/x.xml', sameOffsetAs: 1 }]));
      expect(overlap.status).to.equal(422);
      expect(overlap.text).to.include('chồng lên nhau');
      expect(await n(attachmentVersions)).to.equal(before);
      expect(fs.existsSync(uploadDirOf()) ? fs.readdirSync(uploadDirOf()).length : 0).to.equal(files);
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
      for (const [u, status] of [['vanphong', 403], ['thuky', 403], ['daibieu', 404]] as const) { // a deputy does not see the body's rules
        await as[u]!.get('/');
        expect((await as[u]!.post(url, form({}))).status, u).to.equal(status);
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

  describe('numbers fixed on convening (the audit\'s scenario)', () => {
    const pageOf = async (id: number) => (await as.vanphong.get(`/xa/${cid}/hop/${id}`)).text;
    const row = async (id: number) => (await database.db.select().from(meetings).where(eq(meetings.id, id)))[0]!;
    const act = (id: number, action: string) => as.vanphong.get('/').then(async () => as.vanphong.post(`/xa/${cid}/hop/${id}/trang-thai`, { action, version: String(await version(id)) }));

    it('a back-dated draft renames neither the closed first session nor the convened second; convening gives the next number', async () => {
      const first = (await database.db.select().from(meetings).where(eq(meetings.kind, 'first')))[0]!;
      expect(first.ordinal).to.equal(1); // the seed stores it
      expect((await row(ids.m)).ordinal).to.equal(2); // stored when convened earlier in this file
      await as.vanphong.get('/');
      const r = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.hdnd}/hop`, meetingForm({ date: '2026-03-25', startTime: '07:00' })); // before the first session (08:00)
      expect(r.status).to.equal(303);
      ids.backdated = Number(r.location!.split('/').pop());
      expect(await pageOf(ids.backdated)).to.include('Kỳ họp thứ Ba');
      expect(await pageOf(first.id)).to.include('Kỳ họp thứ Nhất');
      expect(await pageOf(ids.m)).to.include('Kỳ họp thứ Hai');
      await as.vanphong.post(`/xa/${cid}/hop/${ids.backdated}/chuong-trinh`, { title: 'Nội dung', kind: 'other', version: String(await version(ids.backdated)) });
      expect((await act(ids.backdated, 'convene')).status).to.equal(303);
      expect((await row(ids.backdated)).ordinal).to.equal(3);
      const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'meeting.convene'), eq(auditLog.entityId, String(ids.backdated))));
      expect(audit).to.have.length(1);
      expect(await pageOf(ids.m)).to.include('Kỳ họp thứ Hai');
      const cal = await as.vanphong.get(`/xa/${cid}/hop?thang=2026-03`); // both on 25/3: the earlier one keeps its number
      expect(cal.text).to.include('Kỳ họp thứ Nhất').and.include('Kỳ họp thứ Ba');
    });

    it('reopening keeps a number a later meeting follows, releases the last one; "first" cannot be convened as number 4', async () => {
      expect((await act(ids.m, 'reopen_draft')).status).to.equal(303);
      expect((await row(ids.m))).to.deep.include({ status: 'draft', ordinal: 2 });
      expect(await pageOf(ids.m)).to.include('Kỳ họp thứ Hai');
      expect((await act(ids.m, 'convene')).status).to.equal(303);
      expect((await row(ids.m))).to.deep.include({ status: 'convened', ordinal: 2 });
      expect((await act(ids.backdated, 'reopen_draft')).status).to.equal(303);
      expect((await row(ids.backdated)).ordinal).to.equal(null);
      expect(await pageOf(ids.backdated)).to.include('Kỳ họp thứ Ba'); // provisional again: after the highest given
      // A "first" session slipped in as a draft (e.g. before this rule) cannot be convened once others are numbered.
      const m0 = await row(ids.m);
      const [f] = await database.db.insert(meetings).values({ ...m0, id: undefined, kind: 'first', status: 'draft', ordinal: null, version: 1, convenedAt: null, date: '2026-03-24' } as any).returning();
      await database.db.insert(agendaItems).values({ meetingId: f!.id, position: 1, title: 'Bầu Chủ tịch', kind: 'election' });
      const refused = await act(f!.id, 'convene');
      expect(refused.status).to.equal(409);
      expect(refused.text).to.include('Không triệu tập được kỳ họp thứ nhất');
      expect((await row(f!.id))).to.deep.include({ status: 'draft', ordinal: null });
      await database.db.delete(agendaItems).where(eq(agendaItems.meetingId, f!.id));
      await database.db.delete(meetings).where(eq(meetings.id, f!.id));
    });
  });

  describe('convening papers of every body (PDF and DOCX)', () => {
    const SHORT = ['BCH', 'BTV', 'TTĐU', 'HĐND', 'TTHĐND', 'Ban KT-NS', 'Ban VH-XH', 'UBND', 'MTTQ'];
    it('each body has a convening notice or giấy mời, a programme and minutes; Party bodies in the Party format', async () => {
      const admin = (await server.services.accounts.loadPrincipal(1))!;
      for (const short of SHORT) {
        const b = (await database.db.select().from(bodies).where(and(eq(bodies.shortName, short), eq(bodies.communeId, cid))))[0]!;
        const [t] = await database.db.select().from(terms).where(eq(terms.bodyId, b.id));
        const [m] = await database.db.insert(meetings).values({ communeId: cid, bodyId: b.id, termId: t!.id, kind: 'regular', date: '2026-12-01', startTime: '08:00', place: 'Hội trường xã', chairPersonId: ids.chair, status: 'draft' }).returning();
        await database.db.insert(agendaItems).values({ meetingId: m!.id, position: 1, title: 'Báo cáo quý IV', kind: 'report', presenter: 'Văn phòng', durationMinutes: 30 });
        await database.db.insert(meetingGuests).values({ meetingId: m!.id, name: 'Ông Vàng A Khách', role: 'Trưởng Công an xã', position: 1 });
        const kinds = server.services.meetingDocuments.documentsFor(b.kind as any);
        expect(kinds, short).to.include('giay-moi').and.include('chuong-trinh').and.include('bien-ban');
        for (const k of kinds) for (const format of ['pdf', 'docx']) {
          const res = await fetch(`${server.base}/xa/${cid}/hop/${m!.id}/van-ban/${k}.${format}`, { headers: { cookie: (as.vanphong as any).cookieHeader() } });
          expect(res.status, `${short} ${k}.${format}`).to.equal(200);
          expect(res.headers.get('content-type'), `${short} ${k}.${format}`).to.include(format === 'pdf' ? 'application/pdf' : 'wordprocessingml');
          const buf = Buffer.from(await res.arrayBuffer());
          expect(buf.subarray(0, 4).toString(), `${short} ${k}.${format}`).to.match(format === 'pdf' ? /%PDF/ : /PK/);
        }
        const { desc } = await server.services.meetingDocuments.describeDocument(admin, cid, m!.id, 'giay-moi');
        const text = JSON.stringify(desc);
        expect(text, short).to.include('Ông Vàng A Khách');
        if (['BCH', 'BTV', 'TTĐU'].includes(short)) {
          expect(desc.family, short).to.equal('party');
          expect(desc.header.numberLine, short).to.match(/^Số .*-GM\/ĐU$/);
          expect(desc.signatures.at(-1)!.lines[0], short).to.equal(short === 'BCH' ? 'T/M BAN CHẤP HÀNH' : 'T/M BAN THƯỜNG VỤ');
          expect(text).to.include('Lưu Văn phòng Đảng ủy');
        } else {
          expect(desc.family, short).to.equal('state');
          expect(desc.header.numberLine, short).to.match(/^Số: .*\/GM-/);
        }
        if (short === 'HĐND') expect(text).to.include('Thường trực Hội đồng nhân dân xã Tân Uyên trân trọng kính mời').and.not.include('Các thành viên');
      }
    });

    it('the minutes of a meeting not closed leave its end time blank for hand completion', async () => {
      const admin = (await server.services.accounts.loadPrincipal(1))!;
      const { desc } = await server.services.meetingDocuments.describeDocument(admin, cid, ids.m, 'bien-ban');
      const text = JSON.stringify(desc);
      expect(text).to.include('kết thúc vào hồi … giờ … phút').and.not.include('kết thúc vào hồi 07 giờ 30 phút');
    });
  });

  describe('regular meetings due per the frequency (the calendar)', () => {
    it('says for each body whether its regular meeting of the period is on the calendar, under the law without a Quy chế', async () => {
      const before = await as.vanphong.get(`/xa/${cid}/hop?thang=2026-11`);
      expect(before.status).to.equal(200);
      const ubndLine = () => before.text.split('<li>').find((li) => li.includes(`/co-quan/${ids.ubnd}/hop/moi`))!;
      // the UBND meets monthly (Luật 72/2025/QH15 Điều 40); the test clock's today is 22/11/2026
      const ubndRegular = (await database.db.select().from(meetings).where(and(eq(meetings.bodyId, ids.ubnd), eq(meetings.kind, 'regular'))))
        .map((m) => m.date).filter((d) => d >= '2026-11-01' && d < '2026-12-01').sort();
      expect(ubndLine()).to.include('Họp thường kỳ mỗi tháng một lần (theo luật, chưa có Quy chế) — tháng 11/2026');
      if (ubndRegular.length === 0) expect(ubndLine()).to.include('chưa có cuộc họp thường kỳ nào');
      else expect(ubndLine()).to.include(`đã có lịch ${ubndRegular.map((d) => d.split('-').reverse().join('/')).join(', ')}`);
      // a regular UBND meeting on 27/11 puts it on the calendar
      await as.vanphong.get(`/xa/${cid}/co-quan/${ids.ubnd}/hop/moi`);
      const chair = Number(((await database.db.execute(sql`SELECT id FROM people WHERE full_name = 'Trần Đức Minh'`)) as any).rows[0].id);
      expect((await as.vanphong.post(`/xa/${cid}/co-quan/${ids.ubnd}/hop`, meetingForm({ date: '2026-11-27', chairPersonId: String(chair) }))).status).to.equal(303);
      const after = await as.vanphong.get(`/xa/${cid}/hop?thang=2026-11`);
      const line = after.text.split('<li>').find((li) => li.includes(`/co-quan/${ids.ubnd}/hop/moi`))!;
      expect(line).to.include('đã có lịch').and.include('27/11/2026');
      // the HĐND twice a year: the second half of 2026
      expect(after.text.split('<li>').find((li) => li.includes(`/co-quan/${ids.hdnd}/hop/moi`))).to.include('6 tháng cuối năm 2026');
    });
  });

  describe('the chair per the Quy chế in force', () => {
    it('the new-meeting form pre-selects who presides on the date (regulation: the deputy), the page notes a different chair', async () => {
      const admin = (await database.db.select().from(bodies).where(eq(bodies.id, ids.ubnd)))[0]!;
      const hist = await database.db.execute(sql`SELECT person_id, role FROM memberships WHERE body_id = ${ids.ubnd} AND end_date IS NULL ORDER BY id`);
      const deputy = Number(((hist as any).rows as any[]).find((x) => x.role === 'deputy').person_id);
      const head = Number(((hist as any).rows as any[]).find((x) => x.role === 'head').person_id);
      // Without a regulation: the head, pre-selected for today's date.
      const before = await as.vanphong.get(`/xa/${cid}/co-quan/${ids.ubnd}/hop/moi`);
      expect(before.text).to.match(new RegExp(`<option value="${head}" selected`));
      const [r] = await database.db.insert(regulations).values({ communeId: admin.communeId, bodyId: ids.ubnd, title: 'Quy chế làm việc của UBND xã', status: 'in_force', adoptedVersion: 1, effectiveFrom: '2026-12-01' }).returning();
      await database.db.insert(regulationVersions).values({ regulationId: r!.id, version: 1, text: 'Chương I', settings: { ...defaultSettings('people_committee'), presides: 'deputy', standIn: 'head' } });
      const today = await as.vanphong.get(`/xa/${cid}/co-quan/${ids.ubnd}/hop/moi`);
      expect(today.text).to.match(new RegExp(`<option value="${head}" selected`)); // not in force yet today
      const dec = await as.vanphong.get(`/xa/${cid}/co-quan/${ids.ubnd}/hop/moi?ngay=2026-12-02`);
      expect(dec.text).to.match(new RegExp(`<option value="${deputy}" selected`)).and.include('Theo Quy chế làm việc của UBND xã');
      // Re-rendered with the date typed (422: no place), the chair follows that date.
      const bad = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.ubnd}/hop`, meetingForm({ date: '2026-12-02', chairPersonId: '', place: '' }));
      expect(bad.status).to.equal(422);
      expect(bad.text).to.match(new RegExp(`<option value="${deputy}" selected`));
      const ok = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.ubnd}/hop`, meetingForm({ date: '2026-12-02', chairPersonId: String(head) }));
      expect(ok.status).to.equal(303);
      const page = await as.vanphong.get(ok.location!);
      const name = (await database.db.execute(sql`SELECT full_name FROM people WHERE id = ${deputy}`) as any).rows[0].full_name;
      expect(page.text).to.include(`Theo Quy chế, chủ trì là ${name}.`);
      await database.db.delete(regulationVersions).where(eq(regulationVersions.regulationId, r!.id));
      await database.db.delete(regulations).where(eq(regulations.id, r!.id));
    });
  });

  describe('two uploads of a new version at once', () => {
    it('both are stored, as versions n+1 and n+2 (no 500 from attachment_versions_uq)', async () => {
      const [a] = await database.db.select().from(attachments).where(eq(attachments.meetingId, ids.m)).limit(1);
      const before = (await database.db.select().from(attachmentVersions).where(eq(attachmentVersions.attachmentId, a!.id))).length;
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      await as.thuky.get(`/xa/${cid}/hop/${ids.m}`);
      const post = (i: number) => {
        const fd = new FormData();
        fd.append('attachmentId', String(a!.id));
        fd.append('file', new Blob([new Uint8Array(Buffer.concat([pdf, Buffer.from(`%${i}`)]))]), `v${i}.pdf`);
        return fetch(`${server.base}/xa/${cid}/hop/${ids.m}/chuong-trinh/${a!.agendaItemId}/tai-lieu?_csrf=${encodeURIComponent(as.thuky.csrf)}`, {
          method: 'POST', body: fd, redirect: 'manual', headers: { cookie: (as.thuky as any).cookieHeader(), accept: 'text/html' },
        }).then((r) => r.status);
      };
      expect(await Promise.all([post(1), post(2), post(3)])).to.deep.equal([303, 303, 303]);
      const versions = (await database.db.select().from(attachmentVersions).where(eq(attachmentVersions.attachmentId, a!.id))).map((v) => v.version).sort((x, y) => x - y);
      expect(versions).to.deep.equal(Array.from({ length: before + 3 }, (_, i) => i + 1));
    });
  });

  describe('routes not covered before: with and without permission, another commune → 404', () => {
    let other: number;
    before(async () => {
      const [c2] = await database.db.select().from(communes).where(eq(communes.code, '03601'));
      other = c2!.id;
    });

    it('POST /xa/:c/hop/:m (edit): saved with permission; 403 for a member; 404 for another commune', async () => {
      await as.vanphong.get('/');
      const v = String(await version(ids.m));
      expect((await as.daibieu.post(`/xa/${cid}/hop/${ids.m}`, meetingForm({ place: 'X', version: v }))).status).to.equal(403);
      expect((await as.vanphong.post(`/xa/${other}/hop/${ids.m}`, meetingForm({ place: 'X', version: v }))).status).to.equal(404);
      const ok = await as.vanphong.post(`/xa/${cid}/hop/${ids.m}`, meetingForm({ place: 'Hội trường mới', version: v }));
      expect(ok.status).to.equal(303);
      expect((await database.db.select().from(meetings).where(eq(meetings.id, ids.m)))[0]!.place).to.equal('Hội trường mới');
    });

    it('agenda item edit and delete: with permission; 403 without; another commune 404', async () => {
      const url = `/xa/${cid}/hop/${ids.m}/chuong-trinh`;
      await as.thuky.post(url, { title: 'Sẽ xóa', kind: 'other', version: String(await version(ids.m)) });
      const item = (await database.db.select().from(agendaItems).where(and(eq(agendaItems.meetingId, ids.m), eq(agendaItems.title, 'Sẽ xóa'))))[0]!;
      expect((await as.daibieu.post(`${url}/${item.id}`, { title: 'Y', kind: 'other', version: String(await version(ids.m)) })).status).to.equal(403);
      expect((await as.thuky.post(`/xa/${other}/hop/${ids.m}/chuong-trinh/${item.id}`, { title: 'Y', kind: 'other', version: String(await version(ids.m)) })).status).to.equal(404);
      expect((await as.thuky.post(`${url}/${item.id}`, { title: 'Sẽ xóa (sửa)', kind: 'other', version: String(await version(ids.m)) })).status).to.equal(303);
      expect((await as.daibieu.post(`${url}/${item.id}/xoa`, { version: String(await version(ids.m)) })).status).to.equal(403);
      expect((await as.thuky.post(`/xa/${other}/hop/${ids.m}/chuong-trinh/${item.id}/xoa`, { version: String(await version(ids.m)) })).status).to.equal(404);
      expect((await as.thuky.post(`${url}/${item.id}/xoa`, { version: String(await version(ids.m)) })).status).to.equal(303);
      expect(await database.db.select().from(agendaItems).where(eq(agendaItems.id, item.id))).to.have.length(0);
    });

    it('guest removal: with permission; 403 without; another commune 404', async () => {
      const g = (await database.db.select().from(meetingGuests).where(eq(meetingGuests.meetingId, ids.m)))[0]!;
      const url = `/xa/${cid}/hop/${ids.m}/khach-moi/${g.id}/xoa`;
      expect((await as.daibieu.post(url, { version: String(await version(ids.m)) })).status).to.equal(403);
      expect((await as.vanphong.post(`/xa/${other}/hop/${ids.m}/khach-moi/${g.id}/xoa`, { version: String(await version(ids.m)) })).status).to.equal(404);
      expect((await as.vanphong.post(url, { version: String(await version(ids.m)) })).status).to.equal(303);
      expect(await database.db.select().from(meetingGuests).where(eq(meetingGuests.id, g.id))).to.have.length(0);
    });

    it('attendance: not on a day before the meeting; tất cả 403 without permission; self check-in 403 for a non-member', async () => {
      // A UBND meeting tomorrow, convened: the secretary cannot record attendance today.
      await as.vanphong.get('/');
      const r = await as.vanphong.post(`/xa/${cid}/co-quan/${ids.ubnd}/hop`, meetingForm({ date: '2026-11-23' }));
      const tomorrow = Number(r.location!.split('/').pop());
      await as.vanphong.post(`/xa/${cid}/hop/${tomorrow}/chuong-trinh`, { title: 'Nội dung', kind: 'other', version: String(await version(tomorrow)) });
      expect((await as.vanphong.post(`/xa/${cid}/hop/${tomorrow}/trang-thai`, { action: 'convene', version: String(await version(tomorrow)) })).status).to.equal(303);
      const page = await as.thuky.get(`/xa/${cid}/hop/${tomorrow}/diem-danh`);
      const pid = Number(/name="personId" value="(\d+)"/.exec(page.text)![1]);
      const events = await n(attendanceEvents);
      const early = await as.thuky.post(`/xa/${cid}/hop/${tomorrow}/diem-danh`, { personId: String(pid), status: 'present', seen: '0' });
      expect(early.status).to.equal(409);
      expect(early.text).to.include('Chỉ điểm danh được trong các ngày họp');
      expect((await as.thuky.post(`/xa/${cid}/hop/${tomorrow}/diem-danh/tat-ca`, { seen: '0' })).status).to.equal(409);
      expect(await n(attendanceEvents)).to.equal(events);
      // tất cả: 403 for office staff (not the body's secretary) and a member; another commune 404.
      expect((await as.vanphong.post(`/xa/${cid}/hop/${ids.m}/diem-danh/tat-ca`, { seen: '0' })).status).to.equal(403);
      await as.daibieu.get('/');
      expect((await as.daibieu.post(`/xa/${cid}/hop/${ids.m}/diem-danh/tat-ca`, { seen: '0' })).status).to.equal(403);
      expect((await as.thuky.post(`/xa/${other}/hop/${ids.m}/diem-danh/tat-ca`, { seen: '0' })).status).to.equal(404);
      // Self check-in by someone who sees the meeting but holds no HĐND post (the secretary, person p32).
      const stranger = await as.thuky.post(`/xa/${cid}/hop/${ids.m}/diem-danh/toi`, {});
      expect(stranger.status).to.equal(403);
      expect(await n(attendanceEvents)).to.equal(events);
    });

    it('trạng thái: open and close with permission, 403 for a member, 404 for another commune', async () => {
      const url = `/xa/${cid}/hop/${ids.m}/trang-thai`;
      await as.thuky.get('/');
      expect((await as.daibieu.post(url, { action: 'open', version: String(await version(ids.m)) })).status).to.equal(403);
      expect((await as.thuky.post(`/xa/${other}/hop/${ids.m}/trang-thai`, { action: 'open', version: String(await version(ids.m)) })).status).to.equal(404);
      expect((await as.thuky.post(url, { action: 'open', version: String(await version(ids.m)) })).status).to.equal(303);
      expect((await as.daibieu.post(url, { action: 'close', version: String(await version(ids.m)) })).status).to.equal(403);
      expect((await as.thuky.post(url, { action: 'reopen_draft', version: String(await version(ids.m)) })).status).to.equal(409); // only from convened
      expect((await as.thuky.post(url, { action: 'close', version: String(await version(ids.m)) })).status).to.equal(303);
      const [row] = await database.db.select().from(meetings).where(eq(meetings.id, ids.m));
      expect(row).to.deep.include({ status: 'closed', ordinal: 2 });
    });
  });
});
