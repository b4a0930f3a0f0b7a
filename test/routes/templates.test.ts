// The template screen: list, PDF preview, save with validation (a template that does not render is refused),
// versions kept and readable as text, with and without permission. Injection attempts: template-injection.test.ts.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { templateVersions } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { loadTemplateSource } from '../../server/documents/index.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type TestServer } from '../support/http.ts';

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
