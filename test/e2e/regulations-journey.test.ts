// The issue 7 journey in Chromium: the UBND's secretary writes a Quy chế from the outline (opening quorum "more than
// half"), sends it for adoption; the decision is approved, signed and issued; the next UBND meeting's quorum follows
// it. Then an HĐND election result for Chủ tịch UBND becomes a nghị quyết bầu, is issued, waits for the province,
// and once the approval is recorded the body page shows the new Chairman from the effective date, not the day before.
// The closed election itself is set up in the database (the voting journey has its own test).
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type TestServer } from '../support/http.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { bodyIdOf } from '../services/issuance-fixture.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';

describe('e2e — adopt a Quy chế, the quorum follows; elect a Chủ tịch UBND, the post changes (Chromium)', function () {
  this.timeout(180000);
  let database: Database;
  let server: TestServer;
  let browser: Browser;
  let cid: number;
  const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN', deviceScaleFactor: 1 };
  const phone = { ...desktop, viewport: { width: 390, height: 844 } };

  before(async function () {
    if (!hasChromium()) this.skip();
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database); // today: 2026-11-22
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function as(username: string, ctx = desktop): Promise<Page> {
    const page = await (await browser.newContext(ctx)).newPage();
    await page.goto(server.base + '/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(server.base + '/');
    return page;
  }

  /** Văn phòng approves, the signer signs, the Văn phòng issues. */
  async function signAndIssue(docUrl: string, signer: string) {
    const office = await as('vanphong');
    await office.goto(docUrl);
    await office.getByRole('button', { name: 'Duyệt, chuyển lãnh đạo ký' }).click();
    const leader = await as(signer, phone);
    await leader.goto(docUrl);
    await leader.getByRole('button', { name: /^Ký phiên bản/ }).click();
    await leader.context().close();
    await office.goto(docUrl);
    await office.getByRole('button', { name: 'Cấp số và ban hành' }).click();
    expect(await office.locator('.flash-ok').textContent()).to.include('ban hành');
    return office;
  }

  it('adopts a Quy chế for the UBND and the next meeting follows its quorum; an elected Chủ tịch UBND takes the post on the effective date', async () => {
    const ubnd = await bodyIdOf(database, cid, 'UBND');
    const hdnd = await bodyIdOf(database, cid, 'HĐND');

    // 1. The secretary writes the Quy chế from the outline: opening quorum "more than 1/2 of all members".
    const sec = await as('thuky');
    await sec.goto(`${server.base}/xa/${cid}/co-quan/${ubnd}`);
    await sec.getByRole('link', { name: 'Quy chế làm việc' }).click();
    await sec.getByRole('button', { name: 'Soạn Quy chế mới từ Quy chế mẫu' }).click();
    await sec.waitForURL(/\/quy-che\/\d+$/);
    await sec.getByLabel('Khai mạc khi có').selectOption('more_than');
    await sec.locator('#f-quorumNumerator').fill('1');
    await sec.locator('#f-quorumDenominator').fill('2');
    const text = await sec.getByLabel('Nội dung Quy chế').inputValue();
    // A duplicate article number is refused first, with the reason.
    await sec.getByLabel('Nội dung Quy chế').fill(`${text}\nĐiều 8. Điều trùng\nNội dung.`);
    await sec.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    expect(await sec.locator('.error-summary').textContent()).to.include('Điều 8 bị trùng số');
    await sec.getByLabel('Nội dung Quy chế').fill(text.replace('có ít nhất hai phần ba tổng số thành viên tham dự', 'có quá nửa tổng số thành viên tham dự'));
    await sec.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    expect(await sec.locator('.diff .d-add').first().textContent()).to.include('quá nửa');
    await sec.screenshot({ path: screenshotPath('regulation-editor-desktop'), fullPage: true });
    await sec.getByLabel('Quy chế có hiệu lực từ ngày').fill('2026-12-01');
    await sec.getByRole('button', { name: 'Tạo văn bản ban hành Quy chế' }).click();
    await sec.waitForURL(/\/van-ban\/\d+$/);
    const regDoc = sec.url();
    await sec.getByRole('button', { name: 'Trình ký phiên bản 1' }).click();
    await (await signAndIssue(regDoc, 'chutich')).context().close();

    // 2. The next UBND meeting (4 December) needs 5 of 8 members (more than half), no longer 6 (two thirds).
    const office = await loggedIn(server.base, 'vanphong');
    const chair = Number(((await database.db.execute(sql`SELECT id FROM people WHERE full_name = 'Trần Đức Minh'`)) as any).rows[0].id);
    await office.get(`/xa/${cid}/co-quan/${ubnd}/hop/moi`);
    const made = await office.post(`/xa/${cid}/co-quan/${ubnd}/hop`, { kind: 'regular', date: '2026-12-04', startTime: '08:00', days: '1', place: 'Phòng họp UBND', chairPersonId: String(chair) });
    expect(made.status).to.equal(303);
    const meetingPage = await as('thuky', phone);
    await meetingPage.goto(server.base + made.location! + '/diem-danh');
    expect(await meetingPage.locator('#so-nguoi').textContent()).to.include('cần ≥ 5');
    await meetingPage.screenshot({ path: screenshotPath('regulation-meeting-quorum-phone'), fullPage: true });
    await meetingPage.context().close();

    // 3. An HĐND session elected deputy Phạm (p05) Chủ tịch UBND (closed secret ballot, 24 of 26).
    const [m] = ((await database.db.execute(sql`SELECT id FROM meetings WHERE body_id = ${hdnd} ORDER BY date LIMIT 1`)) as any).rows;
    const elected = ((await database.db.execute(sql`SELECT p.id, p.full_name FROM people p JOIN memberships ms ON ms.person_id = p.id
      WHERE ms.body_id = ${hdnd} AND ms.role = 'member' AND ms.end_date IS NULL ORDER BY p.id LIMIT 1`)) as any).rows[0] as { id: number; full_name: string };
    const motion = ((await database.db.execute(sql`INSERT INTO motions (commune_id, body_id, meeting_id, title, kind, method, status, total, present, ballots_issued, ballots_collected, invalid)
      VALUES (${cid}, ${hdnd}, ${m.id}, 'Bầu Chủ tịch Ủy ban nhân dân xã', 'election', 'secret', 'pending', 26, 25, 25, 25, 0) RETURNING id`)) as any).rows[0].id;
    await database.db.execute(sql`INSERT INTO candidates (motion_id, person_id, name, nominated_by, position, agree, elected) VALUES (${motion}, ${elected.id}, ${elected.full_name}, 'Chủ tịch HĐND xã', 1, 24, true)`);
    await database.db.execute(sql`UPDATE motions SET status = 'closed' WHERE id = ${motion}`);

    // 4. The secretary drafts the nghị quyết bầu from the result; the Chủ tịch HĐND signs; the Văn phòng issues.
    await sec.goto(server.base + '/');
    await sec.getByRole('link', { name: 'Bầu, bổ nhiệm, chỉ định' }).click();
    await sec.getByLabel('Người trúng cử').selectOption({ index: 0 });
    await sec.locator('#f-e-bodyId').selectOption(String(ubnd));
    await sec.locator('#f-position').fill('Chủ tịch UBND');
    await sec.locator('#f-effectiveFrom').fill('2026-11-25');
    await sec.getByRole('button', { name: 'Tạo dự thảo nghị quyết bầu' }).click();
    // The Chairman in office has not been relieved: refused with his name, until the box says he leaves the post.
    expect(await sec.locator('.error-summary').textContent()).to.include('đang do Trần Đức Minh giữ vào ngày 25/11/2026');
    await sec.screenshot({ path: screenshotPath('appointment-held-refused'), fullPage: true });
    await sec.getByLabel('Người đang giữ chức vụ thôi giữ chức vụ từ ngày có hiệu lực').first().check();
    await sec.getByRole('button', { name: 'Tạo dự thảo nghị quyết bầu' }).click();
    await sec.waitForURL(/\/van-ban\/\d+$/);
    const nqDoc = sec.url();
    await sec.getByRole('button', { name: 'Trình ký phiên bản 1' }).click();
    const officePage = await signAndIssue(nqDoc, 'bithu');

    // 5. Issued, but the post waits for the province's approval; recording it changes the post from 25/11.
    await officePage.goto(`${server.base}/xa/${cid}/bo-nhiem`);
    expect(await officePage.locator('.appointments').textContent()).to.include('Chờ cấp tỉnh phê chuẩn');
    await officePage.goto(`${server.base}/xa/${cid}/co-quan/${ubnd}?ngay=2026-11-25`);
    expect(await officePage.locator('.roster').textContent()).to.include('Trần Đức Minh — Chủ tịch UBND');
    await officePage.goto(`${server.base}/xa/${cid}/bo-nhiem`);
    await officePage.getByText('Ghi nhận cấp tỉnh đã phê chuẩn').click();
    await officePage.getByLabel('Văn bản phê chuẩn').fill('Quyết định số 1234/QĐ-UBND của UBND tỉnh Lai Châu');
    await officePage.getByLabel('Ngày phê chuẩn').fill('2026-11-27');
    await officePage.getByRole('button', { name: 'Ghi nhận phê chuẩn' }).click();
    expect(await officePage.locator('.flash-ok').textContent()).to.include('phê chuẩn');
    await officePage.goto(`${server.base}/xa/${cid}/co-quan/${ubnd}?ngay=2026-11-24`);
    expect(await officePage.locator('.roster').textContent()).to.include('Trần Đức Minh — Chủ tịch UBND');
    await officePage.goto(`${server.base}/xa/${cid}/co-quan/${ubnd}?ngay=2026-11-25`);
    const roster = await officePage.locator('.roster').textContent();
    expect(roster).to.include(`${elected.full_name} — Chủ tịch UBND`);
    expect(roster).to.not.include('Trần Đức Minh — Chủ tịch UBND');
    await officePage.getByRole('link', { name: 'Lịch sử chức vụ' }).click();
    expect(await officePage.locator('table').textContent()).to.include('/NQ-HĐND');
    await officePage.screenshot({ path: screenshotPath('appointment-history-desktop'), fullPage: true });
    const width = await (await as('thuky', phone)).evaluate(() => document.documentElement.scrollWidth);
    expect(width).to.be.at.most(390);
  });
});
