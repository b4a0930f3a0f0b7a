// Browser journey of an electronic vote in Chromium: the HĐND's secretary (thuky) opens a vote on an agenda item of a
// session in progress, two deputies vote from phone-sized screens (choose, then confirm), the secretary closes it,
// the result page shows the verdict and the minutes' sentence, and the projector (/truc-tiep) shows the final count.
// The demo state (a thematic session in progress, 20 deputies present) is set up through the services, as the
// secretary would through the screens. Screenshots go to test-output/; so does a counting board's record (PDF).
import { openMotion } from '../../server/services/votes/open-motion.ts';
import { expect } from 'chai';
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accounts, bodies } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { votingMembersOn } from '../../server/domain/membership.ts';
import { membershipsOfBody } from '../../server/repositories/org.ts';
import type { Principal } from '../../server/domain/permissions.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { startServer, type TestServer } from '../support/http.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { memberAccount } from '../services/votes-fixture.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';

const DAY = '2026-11-22'; // the test server's clock: 10:00 in Vietnam on this day
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'vi-VN', deviceScaleFactor: 1, isMobile: true, hasTouch: true };

describe('e2e — an electronic vote from phones to the projector (Chromium)', function () {
  this.timeout(120000);
  let database: Database;
  let server: TestServer;
  let browser: Browser;
  let cid: number;
  let meetingId: number;
  let itemTitle: string;
  let voters: { personId: number; name: string }[];
  let present: number[];
  const contexts: BrowserContext[] = [];

  const principalOf = async (username: string): Promise<Principal> => {
    const [a] = await database.db.select().from(accounts).where(eq(accounts.username, username));
    return (await server.services.accounts.loadPrincipal(a!.id))!;
  };

  async function login(page: Page, username: string) {
    await page.goto(server.base + '/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(server.base + '/');
  }

  async function newPage(opts: Parameters<Browser['newContext']>[0]) {
    const ctx = await browser.newContext(opts);
    contexts.push(ctx);
    return ctx.newPage();
  }

  before(async function () {
    if (!hasChromium()) this.skip();
    this.timeout(120000);
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    browser = await launchBrowser();

    // A thematic session of the HĐND today, in session, with 20 of its 26 deputies present — through the services.
    const sec = await principalOf('thuky');
    const [hdnd] = await database.db.select().from(bodies).where(and(eq(bodies.communeId, cid), eq(bodies.shortName, 'HĐND')));
    const history = await membershipsOfBody(database.db, cid, hdnd!.id);
    voters = votingMembersOn(history, DAY).map((m) => ({ personId: m.personId, name: m.personName }));
    const chair = history.find((x) => x.role === 'head')!.personId;
    const m = await server.services.meetings.createMeeting(sec, cid, hdnd!.id, {
      kind: 'thematic', subject: 'Quyết định chủ trương đầu tư', date: DAY, startTime: '08:00', days: '1', place: 'Hội trường UBND xã Tân Uyên', chairPersonId: String(chair),
    });
    meetingId = m.id;
    itemTitle = 'Dự thảo Nghị quyết về chủ trương đầu tư công trình đường giao thông nông thôn bản Nà Ún';
    await server.services.meetings.addAgendaItem(sec, cid, m.id, { title: itemTitle, kind: 'draft_resolution', version: String(m.version) });
    let cur = await server.services.meetings.loadMeeting(sec, cid, m.id);
    cur = await server.services.meetings.transition(sec, cid, m.id, { action: 'convene', version: String(cur.version) });
    await server.services.meetings.transition(sec, cid, m.id, { action: 'open', version: String(cur.version) });
    const daibieu = await principalOf('daibieu');
    const second = voters.find((v) => v.personId !== daibieu.personId && v.personId !== voters[0]!.personId)!;
    present = [daibieu.personId!, second.personId, ...voters.map((v) => v.personId).filter((id) => id !== daibieu.personId && id !== second.personId)].slice(0, 20);
    for (const personId of present) await server.services.meetings.recordAttendance(sec, cid, m.id, { personId: String(personId), status: 'present' });
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it('secretary opens the vote, two deputies vote from phones, the secretary closes it; the verdict, the sentence and the projector agree', async () => {
    // The secretary's panel: a new electronic vote on the agenda item, opened.
    const sec = await newPage({ viewport: { width: 1024, height: 900 }, locale: 'vi-VN' });
    await login(sec, 'thuky');
    await sec.goto(`${server.base}/xa/${cid}/hop/${meetingId}/bieu-quyet`);
    await sec.getByLabel('Nội dung biểu quyết').fill('Nghị quyết về chủ trương đầu tư đường giao thông bản Nà Ún');
    await sec.getByLabel('Thuộc nội dung chương trình').selectOption({ label: `1. ${itemTitle}` });
    await sec.getByLabel('Loại').selectOption('resolution');
    await sec.getByLabel('Hình thức').selectOption('electronic');
    await sec.getByRole('button', { name: 'Tạo nội dung biểu quyết' }).click();
    await sec.getByRole('button', { name: 'Mở biểu quyết' }).click();
    expect(await sec.locator('.flash-ok').textContent()).to.include('Đã mở biểu quyết');
    const motionUrl = sec.url().replace(/[?#].*$/, '');
    const ballotUrl = `${motionUrl}/phieu`;

    // The projector, open before the votes come in.
    const projector = await newPage({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
    await login(projector, 'thuky');
    await projector.goto(`${server.base}/xa/${cid}/hop/${meetingId}/truc-tiep`);
    expect(await projector.locator('.live-progress').textContent()).to.include('đã nhận 0/20');

    // Two deputies vote from their phones: choose, then confirm.
    const second = voters.find((v) => v.personId === present[1])!;
    for (const [who, choice] of [['daibieu', 'for'], [await memberAccount(database, cid, second.personId), 'against']] as const) {
      const phone = await newPage(PHONE);
      await login(phone, who);
      await phone.goto(ballotUrl);
      const label = choice === 'for' ? 'Tán thành' : 'Không tán thành';
      const first = who === 'daibieu';
      if (first) await phone.screenshot({ path: screenshotPath('votes-phone-ballot'), fullPage: true });
      await phone.getByRole('button', { name: `Biểu quyết: ${label}`, exact: true }).click();
      expect(await phone.locator('.confirm-q').textContent()).to.include(`bạn chọn ${label}`);
      if (first) await phone.screenshot({ path: screenshotPath('votes-phone-confirm'), fullPage: true });
      await phone.getByRole('button', { name: `Xác nhận: ${label}` }).click();
      expect(await phone.locator('.flash-ok').textContent()).to.include('Phiếu của bạn đã được ghi nhận');
      expect(await phone.locator('.ballot-done').textContent()).to.include('Bạn đã biểu quyết');
      if (first) await phone.screenshot({ path: screenshotPath('votes-phone-done'), fullPage: true });
    }
    // Twelve more deputies in the room vote "for" from their phones (through the service, no browser needed).
    const motionId = Number(motionUrl.split('/').pop());
    for (const personId of present.slice(2, 14)) {
      const p = await principalOf(await memberAccount(database, cid, personId));
      await server.services.votes.castElectronic(p, cid, meetingId, motionId, { choice: 'for' });
    }
    await projector.waitForFunction(() => document.querySelector('[data-cast]')?.getAttribute('data-cast') === '14', null, { timeout: 20000 });

    // The secretary closes the vote: 13 for of 26 deputies.
    await sec.reload();
    expect(await sec.locator('.live-count').textContent()).to.include('Đã nhận 14 phiếu');
    await sec.screenshot({ path: screenshotPath('votes-secretary-open'), fullPage: true });
    await sec.getByRole('button', { name: 'Kết thúc và công bố kết quả' }).click();
    expect(await sec.locator('.verdict').textContent()).to.include('KHÔNG ĐƯỢC THÔNG QUA');
    const wording = (await sec.locator('.wording').textContent())!;
    expect(wording).to.include('có 13/20 đại biểu có mặt biểu quyết tán thành, đạt 50,00 % tổng số đại biểu')
      .and.include('có 1/20 đại biểu có mặt biểu quyết không tán thành, chiếm 3,85 % tổng số đại biểu')
      .and.include('Không được thông qua (cần quá 1/2 tổng số đại biểu, tức ít nhất 14/26; còn thiếu 1)');
    await sec.screenshot({ path: screenshotPath('votes-secretary-result'), fullPage: true });

    // The projector shows the final count and verdict (pushed by the live stream).
    await projector.waitForSelector('.verdict', { timeout: 20000 });
    const live = (await projector.locator('#live').textContent())!;
    expect(live).to.include('KHÔNG ĐƯỢC THÔNG QUA').and.include('đạt 50,00 % tổng số đại biểu');
    expect(await projector.locator('.facts').textContent()).to.match(/Tán thành\s*13/);
    await projector.screenshot({ path: screenshotPath('votes-projector'), fullPage: true });
  });

  it('a counting board\'s record (biên bản kiểm phiếu) of a secret election renders as a PDF', async () => {
    const sec = await principalOf('thuky');
    const v = await server.services.votes.createMotion(sec, cid, meetingId, {
      title: 'Bầu Phó Chủ tịch Hội đồng nhân dân xã', kind: 'election', method: 'secret', electSeats: '1',
      nominatedBy: 'Thường trực HĐND xã giới thiệu', candidates: 'Vàng A Sử\nLê Thị Thu Hà',
    });
    const opened = await server.services.run(openMotion, sec, { communeId: cid, meetingId, motionId: v.id }, { version: String(v.version) });
    const cands = (await server.services.votes.motion(sec, cid, meetingId, v.id)).candidates;
    await server.services.votes.closeMotion(sec, cid, meetingId, v.id, {
      version: String(opened.version), issued: '20', collected: '20', invalid: '1', [`agree_${cands[0]!.id}`]: '17', [`agree_${cands[1]!.id}`]: '2',
      board: 'Lê Thị Thu Hà — Trưởng Ban kiểm phiếu\nLường Văn Ơn — Ủy viên\nLò Thị Ươm — Ủy viên',
    });
    const page = await newPage({ viewport: { width: 1024, height: 900 }, locale: 'vi-VN' });
    await login(page, 'thuky');
    const res = await page.request.get(`${server.base}/xa/${cid}/hop/${meetingId}/bieu-quyet/${v.id}/bien-ban-kiem-phieu.pdf`);
    expect(res.status()).to.equal(200);
    const pdf = await res.body();
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    fs.writeFileSync(screenshotPath('votes-bien-ban-kiem-phieu').replace(/\.png$/, '.pdf'), pdf);
  });
});
