// The template screen: list, PDF preview, save with validation (a template that does not render is refused),
// versions kept and readable as text, with and without permission. Injection attempts: template-injection.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import { auditLog, templateVersions } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { fillTemplate, loadTemplateSource, sampleDataFor } from '../../server/documents/index.ts';
import { templateMsg } from '../../server/i18n/vi.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { fixedClock, loggedIn, startServer, type TestServer } from '../support/http.ts';
import { bodyIdOf, principalOf } from '../services/issuance-fixture.ts';
import { meetingInSession } from '../services/votes-fixture.ts';

describe('routes — document templates', () => {
  let database: Database;
  let server: TestServer;
  let cid: number;
  const key = 'hdnd-nghi-quyet';
  const original = () => loadTemplateSource(key);

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
  });
  after(async () => server.stop());

  it('lists every template for office staff; a secretary gets 403', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    const r = await office.get(`/xa/${cid}/mau-van-ban`);
    expect(r.status).to.equal(200);
    expect(r.text).to.include('HĐND — Nghị quyết (chung)').and.include('Đảng ủy — Thông báo kết luận');
    const sec = await loggedIn(server.base, 'thuky');
    expect((await sec.get(`/xa/${cid}/mau-van-ban`)).status).to.equal(403);
  });

  it('previews the built-in template as a PDF', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    const res = await fetch(`${server.base}/xa/${cid}/mau-van-ban/${key}/xem-truoc.pdf`, { headers: { cookie: (office as any).cookieHeader() } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).to.equal('%PDF-');
  });

  it('saves a reworded template as version 1; the built-in text stays as version 0', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    await office.get(`/xa/${cid}/mau-van-ban/${key}`);
    const edited = original().replace('Tổ chức thực hiện', 'Tổ chức thực hiện và giám sát');
    const r = await office.post(`/xa/${cid}/mau-van-ban/${key}`, { source: edited, baseVersion: '0', note: 'Sửa tên Điều 3' });
    expect(r.status).to.equal(303);
    const rows = await database.db.select().from(templateVersions).where(eq(templateVersions.templateKey, key));
    expect(rows.map((x) => x.version)).to.deep.equal([1]);
    const page = await office.get(`/xa/${cid}/mau-van-ban/${key}`);
    expect(page.text).to.include('Phiên bản 1').and.include('Mẫu gốc').and.include('giám sát');
  });

  it('refuses a template with a missing field (422), naming the field; nothing saved', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    await office.get(`/xa/${cid}/mau-van-ban/${key}`);
    const broken = original() + '\n{{ d.signer.nickname }}';
    const r = await office.post(`/xa/${cid}/mau-van-ban/${key}`, { source: broken, baseVersion: '1' });
    expect(r.status).to.equal(422);
    expect(r.text).to.include('thiếu trường dữ liệu &#34;d.signer.nickname&#34;');
    expect((await database.db.select().from(templateVersions)).length).to.equal(1);
  });

  it('a code tag of the former EJS syntax is text, and process.env stays out of reach (422 naming the field)', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    await office.get(`/xa/${cid}/mau-van-ban/${key}`);
    const ejs = original().replace('[nội dung]\n', '[nội dung]\n<%= process.env.SESSION_SECRET %>\n');
    const preview = await fetch(`${server.base}/xa/${cid}/mau-van-ban/${key}/xem-truoc`, {
      method: 'POST', headers: { cookie: (office as any).cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: office.csrf, source: ejs }),
    });
    expect(preview.status).to.equal(200);
    expect(preview.headers.get('content-type')).to.equal('application/pdf');
    const liquid = original() + '\n{{ process.env.SESSION_SECRET }}';
    const r = await office.post(`/xa/${cid}/mau-van-ban/${key}`, { source: liquid, baseVersion: '1' });
    expect(r.status).to.equal(422);
    expect(r.text).to.include('dùng tên &#34;process&#34; không có trong dữ liệu');
    expect(r.text).to.not.include('test-secret');
  });

  it('refuses a save based on an older version (409: someone saved first)', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    await office.get(`/xa/${cid}/mau-van-ban/${key}`);
    const r = await office.post(`/xa/${cid}/mau-van-ban/${key}`, { source: original(), baseVersion: '0' });
    expect(r.status).to.equal(409);
    expect(r.text).to.include('tải lại trang');
  });

  it('a secretary may not save (403); an unknown template is 404; another commune is 404', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    expect((await sec.post(`/xa/${cid}/mau-van-ban/${key}`, { source: original(), baseVersion: '1' })).status).to.equal(403);
    const office = await loggedIn(server.base, 'vanphong');
    expect((await office.get(`/xa/${cid}/mau-van-ban/khong-co`)).status).to.equal(404);
    expect((await office.get(`/xa/${cid + 1000}/mau-van-ban`)).status).to.equal(404);
  });
});

// Versions saved before issue 11 are EJS. They are never evaluated again: the start-up converts those that use only
// what the former editor allowed (verified with the sample data) into a new Liquid version with an audit row; the
// others stay as history, shown as text, and the commune's documents use the built-in template, with a notice.
describe('routes — template versions saved in the former EJS syntax', function () {
  this.timeout(120000);
  let database: Database;
  let server: TestServer;
  let cid: number;
  const dir = mkdtempSync(join(tmpdir(), 'mau-cu-'));
  const marker = join(dir, 'ran');
  const legacy = (key: string) => readFileSync(new URL(`../documents/legacy-ejs/${key}.ejs`, import.meta.url), 'utf8');
  const rows = (key: string) => database.db.select().from(templateVersions).where(and(eq(templateVersions.communeId, cid), eq(templateVersions.templateKey, key)))
    .orderBy(templateVersions.version);
  const page = (key: string, path = '') => loggedIn(server.base, 'vanphong').then((c) => c.get(`/xa/${cid}/mau-van-ban/${key}${path}`));

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database, fixedClock('2026-11-22'));
    // Rows as the former editor saved them: no syntax column given, so the migration's default marks them EJS.
    await database.db.insert(templateVersions).values([
      { communeId: cid, templateKey: 'giay-moi', version: 1, source: legacy('giay-moi').replace('Tới dự', 'Trân trọng kính mời tới dự') },
      { communeId: cid, templateKey: 'giay-moi', version: 2, source: legacy('giay-moi').replace('Tới dự', 'Kính mời tới dự') },
      { communeId: cid, templateKey: 'bien-ban-ky-hop', version: 1, source: legacy('bien-ban-ky-hop').replace('Khách mời:', 'Khách mời dự kỳ họp tại <%= d.commune.name %>:') },
      { communeId: cid, templateKey: 'to-trinh', version: 1, source: `${legacy('to-trinh')}\n<%% <%= process.getBuiltinModule('fs').writeFileSync('${marker}', 'x') %>` },
      { communeId: cid, templateKey: 'chuong-trinh', version: 1, source: legacy('chuong-trinh').replace('Địa điểm:', 'Địa điểm (<%= d.items.length * 2 %>):') },
    ] as never);
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a row saved without a syntax is EJS, and is never run: documents use the built-in template until it is converted', async () => {
    expect((await rows('to-trinh')).map((r) => r.syntax)).to.deep.equal(['ejs']);
    expect(await server.services.templates.sourceFor(cid, 'to-trinh')).to.equal(loadTemplateSource('to-trinh'));
    expect(await server.services.templates.sourceFor(cid, 'giay-moi')).to.equal(loadTemplateSource('giay-moi'));
    const office = await loggedIn(server.base, 'vanphong');
    const pdf = await office.get(`/xa/${cid}/mau-van-ban/to-trinh/xem-truoc.pdf?phien-ban=1`);
    expect(pdf.status).to.equal(422);
    expect(pdf.text).to.include(templateMsg.legacyVersion);
    expect(existsSync(marker)).to.equal(false);
  });

  it('the start-up conversion appends a Liquid version for each convertible template, with an audit row, and keeps the rest', async () => {
    const result = await server.services.templates.convertLegacyTemplates();
    expect(result.converted.map((c) => `${c.key} ${c.from}→${c.to}`).sort()).to.deep.equal(['bien-ban-ky-hop 1→2', 'giay-moi 2→3']);
    expect(result.kept.map((k) => `${k.key} ${k.version}`).sort()).to.deep.equal(['chuong-trinh 1', 'to-trinh 1']);
    const giay = await rows('giay-moi');
    expect(giay.map((r) => `${r.version} ${r.syntax}`)).to.deep.equal(['1 ejs', '2 ejs', '3 liquid']);
    expect(giay[2]!.note).to.equal(templateMsg.convertedNote(2));
    expect(giay[2]!.createdBy).to.equal(null);
    expect(fillTemplate('giay-moi', giay[2]!.source, sampleDataFor('giay-moi'))).to.include('Kính mời tới dự phiên họp');
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'template.convert'));
    expect(audits.map((a) => [a.communeId, a.entity, a.entityId, a.accountId]).sort()).to.deep.equal([[cid, 'template', 'bien-ban-ky-hop#2', null], [cid, 'template', 'giay-moi#3', null]]);
    expect(audits.find((a) => a.entityId === 'giay-moi#3')!.before).to.deep.equal({ version: 2, syntax: 'ejs' });
    // once is enough: a second start converts nothing and writes nothing
    expect(await server.services.templates.convertLegacyTemplates()).to.deep.include({ converted: [] });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'template.convert'))).to.have.length(2);
    expect(existsSync(marker)).to.equal(false);
  });

  it("the converted edits are in the commune's papers; the unconverted ones are not, and nothing of them runs", async () => {
    const hdnd = await meetingInSession(database, cid, 'HĐND', '2026-11-22', 0);
    const ubnd = await meetingInSession(database, cid, 'UBND', '2026-11-22', 0);
    const office = await principalOf(server.services, database, 'vanphong');
    const text = async (fx: { meetingId: number }, kind: 'giay-moi' | 'bien-ban' | 'chuong-trinh') =>
      JSON.stringify((await server.services.meetingDocuments.describeDocument(office, cid, fx.meetingId, kind)).desc);
    expect(await text(ubnd, 'giay-moi')).to.include('Kính mời tới dự');
    expect(await text(hdnd, 'bien-ban')).to.include('Khách mời dự kỳ họp tại Tân Uyên:');
    expect(await text(ubnd, 'chuong-trinh')).to.include('Địa điểm:').and.not.include('Địa điểm (');
    const web = await loggedIn(server.base, 'vanphong');
    await web.get(`/xa/${cid}/van-ban`);
    const ubndId = await bodyIdOf(database, cid, 'UBND');
    const draft = await web.post(`/xa/${cid}/van-ban`, { bodyId: String(ubndId), templateKey: 'to-trinh' });
    expect(draft.status).to.equal(303);
    expect(existsSync(marker)).to.equal(false);
  });

  it('the template page says the built-in template is in use and why; the EJS version is shown as text only', async () => {
    const edit = await page('to-trinh');
    expect(edit.status).to.equal(200);
    expect(edit.text).to.include('Mẫu của xã đang tạm dùng mẫu gốc.').and.include('không chuyển được tự động sang cú pháp mới (Liquid)');
    expect(edit.text).to.include('name="baseVersion" value="1"');
    expect(edit.text).to.include('cú pháp cũ (EJS)').and.include(`/xa/${cid}/mau-van-ban/to-trinh/phien-ban/1`);
    expect(edit.text).to.not.include('xem-truoc.pdf?phien-ban=1'); // no PDF of an EJS version is offered
    const shown = await page('to-trinh', '/phien-ban/1');
    expect(shown.status).to.equal(200);
    expect(shown.text).to.include('&lt;%% &lt;%= process.getBuiltinModule').and.include(templateMsg.legacyVersion);
    const list = await page('');
    expect(list.text).to.include(`(${templateMsg.legacyListNote(1)})`);
    expect((await page('giay-moi')).text).to.not.include('Mẫu của xã đang tạm dùng mẫu gốc.');
    expect(existsSync(marker)).to.equal(false);
  });

  it('saving a Liquid version over an EJS one makes it the version in use; the EJS one stays in the history', async () => {
    const office = await loggedIn(server.base, 'vanphong');
    await office.get(`/xa/${cid}/mau-van-ban/to-trinh`);
    const source = loadTemplateSource('to-trinh').replace('Sự cần thiết ban hành', 'Sự cần thiết phải ban hành');
    const r = await office.post(`/xa/${cid}/mau-van-ban/to-trinh`, { source, baseVersion: '1', note: 'chép lại phần đã sửa' });
    expect(r.status).to.equal(303);
    expect((await rows('to-trinh')).map((x) => `${x.version} ${x.syntax}`)).to.deep.equal(['1 ejs', '2 liquid']);
    expect(await server.services.templates.sourceFor(cid, 'to-trinh')).to.equal(source);
    const edit = await page('to-trinh');
    expect(edit.text).to.not.include('Mẫu của xã đang tạm dùng mẫu gốc.');
    expect((await page('to-trinh', '/phien-ban/1')).status).to.equal(200);
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'template.save'), eq(auditLog.entityId, 'to-trinh#2')));
    expect(audit).to.have.length(1);
  });

  it('version pages: a secretary gets 403, an unknown version or template 404, another commune 404', async () => {
    const sec = await loggedIn(server.base, 'thuky');
    expect((await sec.get(`/xa/${cid}/mau-van-ban/to-trinh/phien-ban/1`)).status).to.equal(403);
    expect((await page('to-trinh', '/phien-ban/9')).status).to.equal(404);
    expect((await page('to-trinh', '/phien-ban/abc')).status).to.equal(404);
    expect((await page('khong-co', '/phien-ban/0')).status).to.equal(404);
    const office = await loggedIn(server.base, 'vanphong');
    expect((await office.get(`/xa/${cid + 1000}/mau-van-ban/to-trinh/phien-ban/1`)).status).to.equal(404);
    expect((await page('to-trinh', '/phien-ban/0')).text).to.include('Mẫu gốc');
  });
});
