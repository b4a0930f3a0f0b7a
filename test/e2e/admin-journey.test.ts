// Browser journeys in Chromium: log-in for every role, and the commune admin's flow
// (add a person → give them a post → see the roster on a date → create their account), on a phone-sized screen.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { startServer, type TestServer } from '../support/http.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';

describe('e2e — log-in and the commune admin journey (Chromium)', function () {
  this.timeout(60000);
  let server: TestServer;
  let browser: Browser;
  let communeId: number;

  before(async function () {
    if (!hasChromium()) this.skip();
    const database = await testDatabase();
    communeId = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function login(page: Page, username: string, password = DEMO_PASSWORD) {
    await page.goto(server.base + '/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  it('every role logs in and lands on its home page; a wrong password shows the Vietnamese error', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await login(page, 'thuky', 'sai-mat-khau');
    await expect(await page.getByRole('alert').textContent()).to.include('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.screenshot({ path: screenshotPath('login-error-phone'), fullPage: true });
    for (const u of ['quantri', 'admin.tanuyen', 'vanphong', 'thuky', 'chutich', 'bithu', 'daibieu']) {
      await login(page, u);
      expect(await page.locator('h1').textContent(), u).to.include('Xin chào');
      if (u === 'daibieu') await page.screenshot({ path: screenshotPath('home-member-phone'), fullPage: true });
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL('**/dang-nhap');
    }
    await context.close();
  });

  it('the admin adds a person, gives them a post, sees the roster change, and creates their account', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, 'admin.tanuyen');
    await page.getByRole('link', { name: 'Nhân sự và chức vụ' }).click();
    await page.getByRole('link', { name: 'Thêm người' }).click();
    await page.getByRole('button', { name: 'Thêm' }).click(); // empty form
    expect(await page.locator('.error-summary').textContent()).to.include('Vui lòng nhập thông tin này');
    await page.getByLabel('Họ và tên').fill('Vì Văn Thành');
    await page.getByLabel('Nam', { exact: true }).check();
    await page.getByLabel('Năm sinh').fill('1990');
    await page.getByLabel('Dân tộc').fill('Thái');
    await page.getByRole('button', { name: 'Thêm' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Vì Văn Thành');

    await page.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Hội đồng nhân dân xã Tân Uyên' });
    await page.getByLabel(/^Chức vụ/).fill('Đại biểu HĐND');
    await page.getByLabel('Từ ngày').fill('2026-10-01');
    await page.getByRole('button', { name: 'Thêm chức vụ' }).click();
    expect(await page.locator('.flash-ok').textContent()).to.include('Đã thêm chức vụ');
    await page.screenshot({ path: screenshotPath('person-phone'), fullPage: true });

    await page.goto(`${server.base}/xa/${communeId}`);
    await page.getByRole('link', { name: 'Hội đồng nhân dân xã Tân Uyên', exact: true }).click();
    await page.getByLabel('Xem thành phần vào ngày').fill('2026-09-30');
    await page.getByRole('button', { name: 'Xem' }).click();
    expect(await page.locator('.figure').textContent()).to.include('26 thành viên');
    await page.getByLabel('Xem thành phần vào ngày').fill('2026-10-01');
    await page.getByRole('button', { name: 'Xem' }).click();
    expect(await page.locator('.figure').textContent()).to.include('27 thành viên');
    await page.screenshot({ path: screenshotPath('body-roster-phone'), fullPage: true });

    await page.goto(`${server.base}/xa/${communeId}/tai-khoan/moi`);
    await page.getByLabel('Tên đăng nhập').fill('vivanthanh');
    await page.getByLabel('Họ tên hiển thị').fill('Vì Văn Thành');
    await page.getByLabel('Gắn với người').selectOption({ label: 'Vì Văn Thành' });
    await page.getByLabel('Thành viên (đại biểu)').check();
    await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('mat-khau-moi-2026');
    await page.getByLabel('Nhập lại mật khẩu').fill('mat-khau-moi-2026');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    expect(await page.locator('.flash-ok').textContent()).to.include('Đã tạo tài khoản');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await login(page, 'vivanthanh', 'mat-khau-moi-2026');
    expect(await page.locator('.posts').textContent()).to.include('Đại biểu HĐND');
    await context.close();
  });
});
