// The secretary's meeting journey in Chromium: a UBND monthly meeting from nothing to a quorate roll-call
// (agenda of three reordered without JavaScript, a real PDF uploaded, convened, the invitation opened), and a
// deputy checking herself in from a phone at a council session in progress while the secretary watches the quorum.
import { expect } from 'chai';
import PDFDocument from 'pdfkit';
import { eq, sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bodies } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type TestServer } from '../support/http.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { readPdf } from '../documents/helpers.ts';

const TODAY = '2026-11-22'; // the test server's clock (10:00 in Vietnam)
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'vi-VN', hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };

/** A small, valid one-page PDF, as an engineer's report would be. */
function samplePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Bao cao' } });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.fontSize(14).text('Bao cao tinh hinh thuc hien nhiem vu nam 2026');
    doc.end();
  });
}

describe('e2e — the secretary prepares a UBND meeting, takes the roll; a deputy checks in from her phone (Chromium)', function () {
  this.timeout(180000);
  let database: Database;
  let server: TestServer;
  let browser: Browser;
  let cid: number;
  let meetingPath = '';
  const contexts: BrowserContext[] = [];

  before(async function () {
    if (!hasChromium()) this.skip();
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function open(options: Parameters<Browser['newContext']>[0], username: string): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.base + '/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(server.base + '/');
    return page;
  }

  /** The same page on a phone, for the screenshot a person looks at. */
  async function shootBoth(desk: Page, phone: Page, path: string, name: string) {
    await desk.goto(server.base + path);
    await desk.screenshot({ path: screenshotPath(`${name}-desktop`), fullPage: true });
    await phone.goto(server.base + path);
    await phone.screenshot({ path: screenshotPath(`${name}-phone`), fullPage: true });
    // Nothing wider than the phone's screen (tables, long names, button rows).
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: horizontal overflow on a phone`).to.be.at.most(0);
  }

  /** Every visible button and button-like link is at least 44 px tall on a phone. */
  async function tapTargets(phone: Page): Promise<string[]> {
    return phone.evaluate(() => [...document.querySelectorAll('main button, main a.button, main summary')]
      .filter((e) => e.checkVisibility())
      .map((e) => ({ t: (e.textContent || '').trim().slice(0, 40), h: e.getBoundingClientRect().height }))
      .filter((x) => x.h < 44).map((x) => `${x.t} (${Math.round(x.h)} px)`));
  }

  it('creates the meeting, builds and reorders the agenda without JavaScript, uploads a PDF, convenes and opens the invitation', async () => {
    const page = await open({ ...DESKTOP, javaScriptEnabled: false }, 'thuky');
    const phone = await open(PHONE, 'thuky');
    await page.getByRole('link', { name: 'Lịch họp của xã' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Lịch họp tháng 11/2026');
    await shootBoth(page, phone, `/xa/${cid}/hop?thang=2026-12`, 'meetings-calendar');
    await page.goto(`${server.base}/xa/${cid}/hop`);

    await page.getByRole('link', { name: 'Ủy ban nhân dân xã Tân Uyên', exact: true }).click();
    expect(await page.locator('h1').textContent()).to.equal('Cuộc họp mới');
    await page.getByLabel('Loại cuộc họp').selectOption({ label: 'Phiên họp thường kỳ' });
    expect(await page.locator('#f-date').inputValue()).to.equal(TODAY);
    await page.locator('#f-startTime').fill('14:00');
    await page.locator('#f-place').fill('Phòng họp Ủy ban nhân dân xã');
    await page.getByLabel('Thư ký cuộc họp').selectOption({ label: 'Lương Thị Ngân' });
    await page.getByRole('button', { name: 'Tạo cuộc họp' }).click();
    expect(await page.locator('.flash-ok').textContent()).to.include('Đã tạo cuộc họp');
    expect(await page.locator('h1').textContent()).to.equal('Phiên họp thường kỳ tháng 11/2026');
    meetingPath = new URL(page.url()).pathname;
    expect(await page.locator('.facts').textContent()).to.include('Trần Đức Minh').and.include('Lương Thị Ngân');

    const items = [
      ['Báo cáo tình hình kinh tế - xã hội tháng 11/2026', 'report', 'Chánh Văn phòng', '30'],
      ['Tờ trình phương án phòng, chống rét cho cây trồng, vật nuôi', 'proposal', 'Trưởng phòng Kinh tế', '20'],
      ['Dự thảo Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân xã', 'draft_resolution', 'Chủ tịch UBND', '40'],
    ];
    for (const [title, kind, presenter, minutes] of items) {
      if (!(await page.locator('#new-title').isVisible())) await page.locator('summary', { hasText: 'Thêm nội dung vào chương trình' }).click();
      await page.locator('#new-title').fill(title!);
      await page.locator('#new-kind').selectOption(kind!);
      await page.locator('#new-presenter').fill(presenter!);
      await page.locator('#new-durationMinutes').fill(minutes!);
      await page.getByRole('button', { name: 'Thêm vào chương trình' }).click();
      expect(await page.locator('.flash-ok').textContent()).to.include('Đã thêm nội dung');
    }
    const titles = () => page.locator('ol.agenda .agenda-title').allTextContents();
    expect((await titles()).map((t) => t.trim())).to.deep.equal(items.map((i) => i[0]));
    // The Quy chế goes first: two taps on ↑, with JavaScript off.
    await page.getByRole('button', { name: `Đưa lên: ${items[2]![0]}` }).click();
    await page.getByRole('button', { name: `Đưa lên: ${items[2]![0]}` }).click();
    expect((await titles()).map((t) => t.trim())).to.deep.equal([items[2]![0], items[0]![0], items[1]![0]]);

    // A real PDF on the report (now second).
    const report = page.locator('li.agenda-item', { hasText: items[0]![0]! });
    await report.locator('summary', { hasText: 'Sửa, tải tài liệu' }).click();
    await report.locator('input[type=file]').setInputFiles({ name: 'Báo cáo tháng 11.pdf', mimeType: 'application/pdf', buffer: await samplePdf() });
    await report.getByRole('button', { name: 'Tải lên' }).click();
    expect(await page.locator('.flash-ok').textContent()).to.include('Đã tải tài liệu lên');
    const paper = page.locator('li.agenda-item', { hasText: items[0]![0]! }).getByRole('link', { name: 'Báo cáo tháng 11' });
    const download = await page.request.get(server.base + (await paper.getAttribute('href')));
    expect(download.status()).to.equal(200);
    expect((await download.body()).subarray(0, 5).toString()).to.equal('%PDF-');

    await page.getByRole('button', { name: 'Triệu tập' }).click();
    expect(await page.locator('.flash-ok').textContent()).to.include('Đã triệu tập cuộc họp');
    expect(await page.locator('.tag.status-convened').first().textContent()).to.include('Đã triệu tập');
    for (const name of ['Giấy mời', 'Chương trình']) {
      const link = page.locator('#van-ban li', { hasText: name }).getByRole('link', { name: 'xem PDF' });
      const res = await page.request.get(server.base + (await link.getAttribute('href')));
      expect(res.status(), name).to.equal(200);
      expect(res.headers()['content-type'], name).to.equal('application/pdf');
      expect((await res.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    }
    await shootBoth(page, phone, meetingPath, 'meeting-page');
    expect(await tapTargets(phone), 'small tap targets on the meeting page').to.deep.equal([]);
  });

  it('takes the roll one tap at a time, marks one absent with a reason, then "Tất cả có mặt": 7/8 and quorate', async () => {
    expect(meetingPath, 'the first test made the meeting').to.not.equal('');
    const page = await open({ ...DESKTOP, javaScriptEnabled: false }, 'thuky');
    const phone = await open(PHONE, 'thuky');
    await page.goto(server.base + meetingPath);
    await page.getByRole('link', { name: 'Điểm danh', exact: true }).click();
    expect(await page.locator('h1').textContent()).to.equal('Điểm danh');
    const sentence = () => page.locator('.quorum-sentence').textContent();
    expect(await sentence()).to.include('0/8 thành viên có mặt — không đủ điều kiện tiến hành (cần ≥ 6)');

    for (const name of ['Trần Đức Minh', 'Phạm Quốc Khánh']) {
      await page.getByRole('button', { name: `Có mặt: ${name}` }).click();
      expect(await page.locator('.flash-ok').textContent()).to.include('Đã ghi điểm danh');
    }
    expect(await sentence()).to.include('2/8 thành viên có mặt — không đủ điều kiện tiến hành (cần ≥ 6)');

    const police = page.locator('li.roster-row', { hasText: 'Nguyễn Văn Đức' });
    await police.locator('summary', { hasText: 'Khác' }).click();
    await police.getByLabel('Trạng thái').selectOption({ label: 'Vắng có lý do' });
    await police.getByLabel('Lý do').fill('đi tập huấn tại tỉnh');
    await police.getByRole('button', { name: 'Ghi' }).click();
    expect(await page.locator('li.roster-row', { hasText: 'Nguyễn Văn Đức' }).textContent()).to.include('đi tập huấn tại tỉnh');

    await page.getByRole('button', { name: 'Tất cả có mặt' }).click();
    expect(await page.locator('.flash-ok').textContent()).to.include('Đã ghi có mặt cho tất cả');
    expect(await sentence()).to.include('7/8 thành viên có mặt — đủ điều kiện tiến hành (cần ≥ 6)');
    expect(await page.locator('#so-nguoi').getAttribute('class')).to.include('quorate');
    await shootBoth(page, phone, `${meetingPath}/diem-danh`, 'meeting-attendance');
    expect(await tapTargets(phone), 'small tap targets on the attendance page').to.deep.equal([]);

    // The minutes draft lists the absent member with the reason.
    const minutes = await page.request.get(`${server.base}${meetingPath}/van-ban/bien-ban.pdf`);
    expect(minutes.status()).to.equal(200);
    expect(minutes.headers()['content-type']).to.equal('application/pdf');
    const text = (await readPdf(await minutes.body())).flatMap((pg) => pg.items.map((i) => i.text)).join(' ').replace(/\s+/g, ' ');
    expect(text).to.include('có mặt').and.include('Ông Nguyễn Văn Đức: vắng có lý do (đi tập huấn tại tỉnh)');
    expect(text).to.include('Thư ký: Bà Lương Thị Ngân').and.include('Chủ trì: Ông Trần Đức Minh');
  });

  it('a deputy checks herself in from her phone at a council session in progress; the secretary sees the quorum change', async () => {
    // The council's thematic session today, opened (set up over HTTP: the UI of these steps is covered above).
    const hdnd = (await database.db.select().from(bodies).where(eq(bodies.shortName, 'HĐND')))[0]!.id;
    const chair = Number(((await database.db.execute(sql`SELECT id FROM people WHERE full_name = 'Lò Văn Thắng'`)) as any).rows[0].id);
    const api = await loggedIn(server.base, 'thuky');
    await api.get(`/xa/${cid}/co-quan/${hdnd}/hop/moi`);
    const created = await api.post(`/xa/${cid}/co-quan/${hdnd}/hop`, { kind: 'thematic', subject: 'Quyết định chủ trương đầu tư đường nội đồng', date: TODAY, startTime: '07:30', days: '1', place: 'Hội trường Ủy ban nhân dân xã', chairPersonId: String(chair) });
    expect(created.status).to.equal(303);
    const session = created.location!;
    await api.get(session);
    expect((await api.post(`${session}/chuong-trinh`, { version: '1', title: 'Tờ trình về chủ trương đầu tư đường nội đồng thôn Nà Ún', kind: 'proposal' })).status).to.equal(303);
    for (const [v, action] of [['2', 'convene'], ['3', 'open']] as const) {
      await api.get(session);
      expect((await api.post(`${session}/trang-thai`, { version: v, action })).status, action).to.equal(303);
    }

    const secretary = await open(DESKTOP, 'thuky');
    await secretary.goto(`${server.base}${session}/diem-danh`);
    const before = await secretary.locator('.quorum-sentence').textContent();
    expect(before).to.include('0/26 đại biểu có mặt');

    const deputy = await open(PHONE, 'daibieu');
    await deputy.screenshot({ path: screenshotPath('member-home-phone'), fullPage: true });
    await deputy.getByRole('link', { name: /^Điểm danh: Kỳ họp thứ Hai \(chuyên đề\)/ }).click();
    await deputy.screenshot({ path: screenshotPath('member-check-in-phone'), fullPage: false });
    const button = deputy.getByRole('button', { name: 'Tôi có mặt' });
    expect((await button.boundingBox())!.height).to.be.at.least(44);
    await button.click();
    expect(await deputy.locator('.flash-ok').textContent()).to.include('Đã ghi nhận bạn có mặt');
    expect(await deputy.locator('#toi').textContent()).to.include('Đến muộn'); // 10:00, the session opened at 07:30
    await deputy.screenshot({ path: screenshotPath('member-checked-in-phone'), fullPage: false });
    const overflow = await deputy.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow on the member\'s phone').to.be.at.most(0);

    await secretary.reload();
    const after = await secretary.locator('.quorum-sentence').textContent();
    expect(after).to.not.equal(before);
    expect(after).to.include('1/26 đại biểu có mặt — không đủ điều kiện tiến hành (cần ≥ 18)');
    expect(await secretary.locator('li.roster-row', { hasText: 'Tẩn Thị Mẩy' }).textContent()).to.include('tự điểm danh');
  });
});
