// Sign-off routes through the whole app: every mutating route with and without permission, another body's or
// commune's documents are 404, the inbox, issuance, the public verification page and the register.
import { expect } from 'chai';
import { and, eq, sql } from 'drizzle-orm';
import { accountRoles, accounts, documentVersions, officialDocuments, people, registerEntries } from '../../models/schema.ts';
import type { Role } from '../../server/domain/permissions.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { Client, loggedIn, startServer, type TestServer } from '../support/http.ts';
import { generateSelfSignedP12 } from '../../server/signing/index.ts';
import { bodyIdOf } from '../services/issuance-fixture.ts';
import { readPdf } from '../documents/helpers.ts';

describe('routes — documents, sign-off, register, verification', function () {
  this.timeout(120000);
  let database: Database;
  let server: TestServer;
  let cid: number;
  let ubnd: number;
  let docId: number;
  const url = (path = '') => `/xa/${cid}/van-ban${path}`;

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    ubnd = await bodyIdOf(database, cid, 'UBND');
  });
  after(async () => server.stop());

  const status = async (d: number) => (await database.db.select().from(officialDocuments).where(eq(officialDocuments.id, d)))[0]!.status;

  it('create: a secretary drafts for her body (303); for a body she does not serve it is 403; a member gets 403', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    const page = await sec.get(url());
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Soạn văn bản mới').and.include('UBND — Quyết định phân công nhiệm vụ');
    const r = await sec.post(url(), { bodyId: String(ubnd), templateKey: 'ubnd-quyet-dinh-phan-cong' });
    expect(r.status).to.equal(303);
    docId = Number(/van-ban\/(\d+)$/.exec(r.location!)![1]);
    const bch = await bodyIdOf(database, cid, 'BCH');
    expect((await sec.post(url(), { bodyId: String(bch), templateKey: 'dang-uy-nghi-quyet' })).status).to.equal(403);
    const bad = await sec.post(url(), { bodyId: String(ubnd), templateKey: 'dang-uy-nghi-quyet' });
    expect(bad.status).to.equal(422);
    const member = await loggedIn(server.base, 'daibieu');
    await member.get('/');
    expect((await member.post(url(), { bodyId: String(ubnd), templateKey: 'ubnd-quyet-dinh-phan-cong' })).status).to.equal(403);
  });

  it('edit: the drafter saves a new version (303); a signer cannot (403); bad markup is 422 and saves nothing', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    const page = await sec.get(url(`/${docId}`));
    expect(page.text).to.include('Nội dung văn bản').and.include('Trình ký phiên bản 1');
    const text = (await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, docId)))[0]!.text;
    const edited = text.replace('Điều 1. Nguyên tắc phân công', 'Điều 1. Nguyên tắc phân công công việc');
    const signer = await loggedIn(server.base, 'chutich');
    await signer.get(url(`/${docId}`));
    expect((await signer.post(url(`/${docId}/sua`), { text: edited, version: '1' })).status).to.equal(403);
    expect((await sec.post(url(`/${docId}/sua`), { text: 'không có mục nào', version: '1' })).status).to.equal(422);
    const ok = await sec.post(url(`/${docId}/sua`), { text: edited, version: '1' });
    expect(ok.status).to.equal(303);
    const again = await sec.post(url(`/${docId}/sua`), { text: edited + '\n', version: '1' });
    expect(again.status).to.equal(409);
  });

  it('submit / approve / return / sign: each refused without permission, then done by the right person; the diff shows', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    const office = await loggedIn(server.base, 'vanphong');
    const chutich = await loggedIn(server.base, 'chutich');
    await office.get(url(`/${docId}`));
    await chutich.get(url(`/${docId}`));
    await sec.get(url(`/${docId}`));
    expect((await chutich.post(url(`/${docId}/trinh-ky`), { version: '2' })).status).to.equal(403);
    expect((await sec.post(url(`/${docId}/trinh-ky`), { version: '2' })).status).to.equal(303);
    expect((await sec.post(url(`/${docId}/duyet`), { version: '2' })).status).to.equal(403);
    expect((await chutich.post(url(`/${docId}/ky`), { version: '2' })).status).to.equal(409); // not approved yet
    expect((await office.post(url(`/${docId}/tra-lai`), { version: '2', comment: '' })).status).to.equal(422);
    expect((await sec.post(url(`/${docId}/tra-lai`), { version: '2', comment: 'x' })).status).to.equal(403);
    expect((await office.post(url(`/${docId}/tra-lai`), { version: '2', comment: 'Bổ sung căn cứ' })).status).to.equal(303);
    expect(await status(docId)).to.equal('returned');
    expect((await sec.get(url(`/${docId}`))).text).to.include('Bổ sung căn cứ');
    expect((await sec.post(url(`/${docId}/trinh-ky`), { version: '2' })).status).to.equal(303);
    expect((await office.post(url(`/${docId}/duyet`), { version: '2' })).status).to.equal(303);
    expect(await status(docId)).to.equal('approved');
    const inbox = await chutich.get('/cho-ky');
    expect(inbox.text).to.include('QUYẾT ĐỊNH').and.include(`/van-ban/${docId}`);
    const page = await chutich.get(url(`/${docId}`));
    expect(page.text).to.include('Thay đổi so với phiên bản 1').and.include('Nguyên tắc phân công công việc').and.include('Ký phiên bản 2');
    expect((await chutich.get(url(`/${docId}?so-voi=1`))).text).to.include('1 dòng thêm, 1 dòng bỏ.');
    const bithu = await loggedIn(server.base, 'bithu');
    expect((await bithu.get(url(`/${docId}`))).status).to.equal(404);
    expect((await bithu.post(url(`/${docId}/ky`), { version: '2' })).status).to.equal(404);
    expect((await chutich.post(url(`/${docId}/ky`), { version: '1' })).status).to.equal(409);
    const signed = await chutich.post(url(`/${docId}/ky`), { version: '2' });
    expect(signed.status).to.equal(303);
    expect(signed.location).to.equal('/cho-ky');
    expect(await status(docId)).to.equal('signed');
  });

  it('issue: a signer or secretary cannot (403); office staff issues once (303), a second time is 409', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    const office = await loggedIn(server.base, 'vanphong');
    expect((await sec.post(url(`/${docId}/ban-hanh`), {})).status).to.equal(403);
    const r = await office.post(url(`/${docId}/ban-hanh`), { copies: '3' });
    expect(r.status).to.equal(303);
    expect((await office.post(url(`/${docId}/ban-hanh`), {})).status).to.equal(409);
    const page = await office.get(url(`/${docId}`));
    expect(page.text).to.include('Số <strong>01/QĐ-UBND</strong>').and.include('PDF đã ký số');
    expect((await office.get(url('?trang-thai=issued'))).text).to.include(`/van-ban/${docId}"`);
    expect((await office.get(url('?trang-thai=draft'))).text).to.not.include(`/van-ban/${docId}"`);
    const pdf = await fetch(server.base + url(`/${docId}/ban-chinh.pdf`), { headers: { cookie: office.cookieHeader() } });
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
  });

  it('another commune or another body: 404 on every page and step', async () => {
    const party = await loggedIn(server.base, 'thuky.dangu');
    expect((await party.get(url(`/${docId}`))).status).to.equal(404);
    expect((await party.post(url(`/${docId}/sua`), { text: 'x', version: '2' })).status).to.equal(404);
    const office = await loggedIn(server.base, 'vanphong');
    expect((await office.get(`/xa/${cid + 1}/van-ban/${docId}`)).status).to.equal(404);
    expect((await office.post(`/xa/${cid + 1}/van-ban/${docId}/ban-hanh`, {})).status).to.equal(404);
    expect((await office.get(`/xa/${cid}/van-ban/999999`)).status).to.equal(404);
  });

  it('public verification: no login; details of a State document; a matching file and a changed copy', async () => {
    const [entry] = await database.db.select().from(registerEntries).where(eq(registerEntries.documentId, docId));
    const office = await loggedIn(server.base, 'vanphong');
    const code = /tra-cuu\/([0-9A-Z]{10})/.exec((await office.get(url(`/${docId}`))).text)![1]!;
    const anon = new Client(server.base);
    const page = await anon.get(`/tra-cuu/${code}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include(entry!.numberSymbol).and.include('22/11/2026').and.include('Ủy ban nhân dân xã Tân Uyên').and.include('phân công');
    expect((await anon.get(`/tra-cuu?ma=${code.toLowerCase()}`)).location).to.equal(`/tra-cuu/${code}`);
    expect((await anon.get('/tra-cuu/ZZZZZZZZZZ')).status).to.equal(404);
    const file = Buffer.from(await (await fetch(`${server.base}/tra-cuu/${code}/van-ban.pdf`)).arrayBuffer());
    const token = decodeURIComponent(/_csrf=([^"&]+)/.exec(page.text)![1]!);
    const check = async (data: Buffer, csrf = token) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), 'van-ban.pdf');
      const res = await fetch(`${server.base}/tra-cuu/${code}?_csrf=${encodeURIComponent(csrf)}`, { method: 'POST', body: form, headers: { cookie: anon.cookieHeader() } });
      return { status: res.status, text: await res.text() };
    };
    const good = await check(file);
    expect(good.status).to.equal(200);
    expect(good.text).to.include('Khớp bản gốc.');
    const changed = Buffer.from(file);
    changed[changed.length - 200] = changed[changed.length - 200]! ^ 1;
    const bad = await check(changed);
    expect(bad.text).to.include('Không khớp bản gốc.');
    expect((await check(file, 'wrong-token-wrong-token-wrong-tok')).status).to.equal(403);
  });

  it('register: screen, CSV with BOM, PDF for office staff and admin; 403 for a secretary', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    const page = await office.get(`/xa/${cid}/so-van-ban-di?nam=2026`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('01/QĐ-UBND').and.include('Trần Đức Minh').and.include('VT, VP');
    const csv = await fetch(`${server.base}/xa/${cid}/so-van-ban-di.csv`, { headers: { cookie: office.cookieHeader() } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).to.include('Số, ký hiệu văn bản').and.include('01/QĐ-UBND');
    const pdf = await fetch(`${server.base}/xa/${cid}/so-van-ban-di.pdf`, { headers: { cookie: office.cookieHeader() } });
    const bytesPdf = Buffer.from(await pdf.arrayBuffer());
    expect(bytesPdf.subarray(0, 5).toString()).to.equal('%PDF-');
    // The ten fields of NĐ 30/2020 Phụ lục IV, "Ngày chuyển" and "Ký nhận" among them, inside the page.
    const [sheet] = await readPdf(bytesPdf);
    const text = sheet!.items.map((i) => i.text).join(' ');
    for (const h of ['Số, ký hiệu', 'Ngày', 'Tên loại và trích yếu', 'Người ký', 'Nơi nhận', 'Bản lưu', 'Số bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú']) {
      expect(text.replace(/\s+/g, ' ')).to.include(h);
    }
    for (const i of sheet!.items) expect(i.x + i.width, i.text).to.be.at.most(sheet!.width - 15 * 72 / 25.4 + 0.5);
    expect(text).to.include('01/QĐ-UBND').and.include('22/11/2026');
    const sec = await loggedIn(server.base, 'thuky');
    expect((await sec.get(`/xa/${cid}/so-van-ban-di`)).status).to.equal(403);
  });

  it('revoke and correction: refused without permission; recorded; the public page says revoked', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    const office = await loggedIn(server.base, 'vanphong');
    await sec.get(url(`/${docId}`));
    expect((await sec.post(url(`/${docId}/thu-hoi`), { reason: 'x' })).status).to.equal(403);
    const chutich = await loggedIn(server.base, 'chutich');
    expect((await chutich.post(url(`/${docId}/thay-the`), {})).status).to.equal(403);
    const corr = await sec.post(url(`/${docId}/thay-the`), {});
    expect(corr.status).to.equal(303);
    expect(corr.location).to.not.equal(url(`/${docId}`));
    expect((await office.post(url(`/${docId}/thu-hoi`), { reason: '' })).status).to.equal(422);
    expect((await office.post(url(`/${docId}/thu-hoi`), { reason: 'Sai thẩm quyền' })).status).to.equal(303);
    const code = /tra-cuu\/([0-9A-Z]{10})/.exec((await office.get(url(`/${docId}`))).text)![1]!;
    expect((await new Client(server.base).get(`/tra-cuu/${code}`)).text).to.include('đã bị thu hồi');
  });

  it('certificates: the admin uploads a P12 (multipart); a wrong password is 422 in Vietnamese; office staff 403', async () => {
    const admin = await loggedIn(server.base, 'admin.tanuyen');
    const page = await admin.get(`/xa/${cid}/chung-thu-so`);
    expect(page.status).to.equal(200);
    const p12 = generateSelfSignedP12({ commonName: 'Ủy ban nhân dân xã Tân Uyên', organization: 'UBND', password: 'mat-khau', validFrom: new Date('2026-01-01'), validTo: new Date('2028-01-01') });
    const send = async (c: Client, password: string) => {
      const form = new FormData();
      form.append('target', `body:${ubnd}`);
      form.append('password', password);
      form.append('file', new Blob([new Uint8Array(p12)]), 'ubnd.p12');
      const res = await fetch(`${server.base}/xa/${cid}/chung-thu-so?_csrf=${encodeURIComponent(c.csrf)}`, { method: 'POST', body: form, headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
      return { status: res.status, text: await res.text() };
    };
    const wrong = await send(admin, 'sai');
    expect(wrong.status).to.equal(422);
    expect(wrong.text).to.include('Mật khẩu của tệp chữ ký số không đúng.');
    expect((await send(admin, 'mat-khau')).status).to.equal(303);
    const office = await loggedIn(server.base, 'vanphong');
    expect((await send(office, 'mat-khau')).status).to.equal(403);
  });

  /** An extra demo account (same password as the seeded ones) for a person, with one role. */
  async function addAccount(username: string, personName: string | null, role: Role, bodyId: number | null) {
    const [model] = await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong'));
    const personId = personName === null ? null
      : (await database.db.select().from(people).where(and(eq(people.fullName, personName), eq(people.communeId, cid))))[0]!.id;
    const [a] = await database.db.insert(accounts).values({ username, displayName: username, passwordHash: model!.passwordHash, communeId: cid, personId }).returning();
    await database.db.insert(accountRoles).values({ accountId: a!.id, role, bodyId });
    return loggedIn(server.base, username);
  }

  /** The drafter submits version `version`, the office clerk approves it; returns the clerk's session. */
  async function submitAndApprove(drafter: Client, id: number, version: string) {
    await drafter.get(url(`/${id}`));
    expect((await drafter.post(url(`/${id}/trinh-ky`), { version })).status).to.equal(303);
    const office = await loggedIn(server.base, 'vanphong');
    await office.get(url(`/${id}`));
    expect((await office.post(url(`/${id}/duyet`), { version })).status).to.equal(303);
    return office;
  }

  it('review: the office clerk who drafted and submitted a version cannot approve it (403, said on the page); another clerk can', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    const r = await office.post(url(), { bodyId: String(ubnd), templateKey: 'ubnd-quyet-dinh-giao-nhiem-vu' });
    expect(r.status).to.equal(303);
    const id = Number(/van-ban\/(\d+)$/.exec(r.location!)![1]);
    await office.get(url(`/${id}`));
    expect((await office.post(url(`/${id}/trinh-ky`), { version: '1' })).status).to.equal(303);
    const page = await office.get(url(`/${id}`));
    expect(page.text).to.include('Người soạn thảo không tự duyệt').and.not.include(`${id}/duyet"`);
    const own = await office.post(url(`/${id}/duyet`), { version: '1' });
    expect(own.status).to.equal(403);
    expect(own.text).to.include('Người soạn thảo không tự duyệt');
    expect(await status(id)).to.equal('submitted');
    // Returning it for changes stays open to the drafter.
    const other = await addAccount('vanphong2', null, 'office_staff', null);
    await other.get(url(`/${id}`));
    expect((await other.post(url(`/${id}/duyet`), { version: '1' })).status).to.equal(303);
    expect(await status(id)).to.equal('approved');
  });

  it('TL.: a giấy mời "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG" is refused to the Chủ tịch (403, why) and signed by the Chánh Văn phòng', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    const r = await sec.post(url(), { bodyId: String(ubnd), templateKey: 'giay-moi' });
    expect(r.status).to.equal(303);
    const id = Number(/van-ban\/(\d+)$/.exec(r.location!)![1]);
    const text = (await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, id)))[0]!.text;
    expect(text).to.include('TL. Chủ tịch').and.include('Vũ Mạnh Cường'); // the Chánh Văn phòng holding the post today
    await submitAndApprove(sec, id, '1');
    const chutich = await loggedIn(server.base, 'chutich');
    await chutich.get(url(`/${id}`));
    const refused = await chutich.post(url(`/${id}/ky`), { version: '1' });
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('Chánh văn phòng');
    const cvp = await addAccount('chanhvanphong', 'Vũ Mạnh Cường', 'signer', ubnd);
    await cvp.get(url(`/${id}`));
    const signed = await cvp.post(url(`/${id}/ky`), { version: '1' });
    expect(signed.status).to.equal(303);
    const [doc] = await database.db.select().from(officialDocuments).where(eq(officialDocuments.id, id));
    expect(doc!).to.include({ status: 'signed', signMode: 'TL' });
  });

  it('TM. + KT.: the three-line block is signed by a Phó Chủ tịch, refused to the Chủ tịch', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    const r = await sec.post(url(), { bodyId: String(ubnd), templateKey: 'ubnd-quyet-dinh-phan-cong' });
    const id = Number(/van-ban\/(\d+)$/.exec(r.location!)![1]);
    const text = (await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, id)))[0]!.text;
    const edited = text.replace(/\[chữ ký\]\n[^\n]*\n[^\n]*\n[^\n]*\n/u, '[chữ ký]\nTM. Ủy ban nhân dân\nKT. Chủ tịch\nPhó Chủ tịch\nPhạm Quốc Khánh\n');
    expect(edited).to.not.equal(text);
    await sec.get(url(`/${id}`));
    expect((await sec.post(url(`/${id}/sua`), { text: edited, version: '1' })).status).to.equal(303);
    await submitAndApprove(sec, id, '2');
    const chutich = await loggedIn(server.base, 'chutich');
    await chutich.get(url(`/${id}`));
    const refused = await chutich.post(url(`/${id}/ky`), { version: '2' });
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('cấp phó');
    const pho = await addAccount('phochutich', 'Phạm Quốc Khánh', 'signer', ubnd);
    await pho.get(url(`/${id}`));
    expect((await pho.post(url(`/${id}/ky`), { version: '2' })).status).to.equal(303);
    expect((await database.db.select().from(officialDocuments).where(eq(officialDocuments.id, id)))[0]!.signMode).to.equal('TM_KT');
  });

  it('closed session: a nghị quyết bầu from a closed HĐND session is issued; its public page shows existence and integrity only', async () => {
    const hdnd = await bodyIdOf(database, cid, 'HĐND');
    const tthdnd = await bodyIdOf(database, cid, 'TTHĐND');
    const [m] = (await database.db.execute(sql`SELECT id FROM meetings WHERE body_id = ${hdnd} ORDER BY date LIMIT 1`) as any).rows;
    await database.db.execute(sql`UPDATE meetings SET closed_session = true WHERE id = ${m.id}`);
    const person = (await database.db.select().from(people).where(and(eq(people.fullName, 'Lê Thị Thu Hà'), eq(people.communeId, cid))))[0]!;
    const motion = (await database.db.execute(sql`INSERT INTO motions (commune_id, body_id, meeting_id, title, kind, method, status, total, present, ballots_issued, ballots_collected, invalid)
      VALUES (${cid}, ${hdnd}, ${m.id}, 'Bầu Phó Chủ tịch HĐND xã', 'election', 'secret', 'pending', 26, 25, 25, 25, 0) RETURNING id`) as any).rows[0].id;
    const cand = (await database.db.execute(sql`INSERT INTO candidates (motion_id, person_id, name, nominated_by, position, agree, elected)
      VALUES (${motion}, ${person.id}, ${person.fullName}, 'Chủ tịch HĐND', 1, 24, true) RETURNING id`) as any).rows[0].id;
    await database.db.execute(sql`UPDATE motions SET status = 'closed' WHERE id = ${motion}`);
    const sec = await loggedIn(server.base, 'thuky');
    await sec.get(`/xa/${cid}/bo-nhiem`);
    const r = await sec.post(`/xa/${cid}/bo-nhiem/bau`, { candidateId: String(cand), bodyId: String(tthdnd), position: 'Phó Chủ tịch HĐND', role: 'deputy', effectiveFrom: '2026-11-22' });
    expect(r.status, r.text).to.equal(303);
    const id = Number(r.location!.split('/').pop());
    const office = await submitAndApprove(sec, id, '1');
    const bithu = await loggedIn(server.base, 'bithu');
    await bithu.get(url(`/${id}`));
    expect((await bithu.post(url(`/${id}/ky`), { version: '1' })).status).to.equal(303);
    await office.get(url(`/${id}`));
    expect((await office.post(url(`/${id}/ban-hanh`), {})).status).to.equal(303);
    expect((await database.db.select().from(officialDocuments).where(eq(officialDocuments.id, id)))[0]!.closedSession).to.equal(true);
    const [entry] = await database.db.select().from(registerEntries).where(eq(registerEntries.documentId, id));
    const code = /tra-cuu\/([0-9A-Z]{10})/.exec((await office.get(url(`/${id}`))).text)![1]!;
    const anon = new Client(server.base);
    const pub = await anon.get(`/tra-cuu/${code}`);
    expect(pub.status).to.equal(200);
    expect(pub.text).to.include('Văn bản đã được ban hành').and.include('chỉ xác nhận văn bản tồn tại');
    expect(pub.text).to.not.include(entry!.numberSymbol).and.not.include('Lê Thị Thu Hà').and.not.include('van-ban.pdf"');
    expect((await fetch(`${server.base}/tra-cuu/${code}/van-ban.pdf`)).status).to.equal(404);
  });
});
