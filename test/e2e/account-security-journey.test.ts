// Browser journeys of the account menu in Chromium: change the password, see and end another session, enrol
// two-factor sign-in by the secret shown as text and log in with a code — on a phone (390×844) and a desktop.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { resetWithDemo, testDatabase } from '../support/db.ts';
import { fixedClock, startServer, type TestServer } from '../support/http.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { base32Decode, hotp, totpStep } from '../../server/domain/totp.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const STEP = totpStep(Math.floor(fixedClock().now().getTime() / 1000));

describe('e2e — account menu: password, sessions, two-factor sign-in (Chromium)', function () {
  this.timeout(90000);
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async function () {
    if (!hasChromium()) this.skip();
    const database = await testDatabase();
    await resetWithDemo(database);
    server = await startServer(database);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function open(viewport: { width: number; height: number }, userAgent?: string): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', ...(userAgent ? { userAgent } : {}) });
    contexts.push(context);
    return context.newPage();
  }

  async function login(page: Page, username: string, password = DEMO_PASSWORD) {
    await page.goto(server.base + '/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  it('changes the password from the account menu; the other browser is logged out', async () => {
    const other = await open(DESKTOP);
    await login(other, 'thuky');
    const page = await open(PHONE);
    await login(page, 'thuky');
    await page.locator('header a.who').click();
    expect(await page.locator('h1').textContent()).to.equal('Tài khoản của tôi');
    await page.screenshot({ path: screenshotPath('account-menu-phone'), fullPage: true });
    await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
    await page.getByLabel(/^Mật khẩu mới/).fill('mat-khau-moi-dai-du');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-dai-du');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    expect(await page.locator('.error-summary').textContent()).to.include('Mật khẩu hiện tại không đúng');
    await page.screenshot({ path: screenshotPath('password-error-phone'), fullPage: true });
    await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await page.getByLabel(/^Mật khẩu mới/).fill('mat-khau-moi-dai-du');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-dai-du');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    expect(await page.locator('.flash-ok').textContent()).to.include('Đã đổi mật khẩu');
    await other.reload();
    expect(other.url()).to.include('/dang-nhap');
    await login(other, 'thuky', 'mat-khau-moi-dai-du');
    expect(await other.locator('h1').textContent()).to.include('Xin chào');
  });

  it('sees the sessions with their browser and ends the other one', async () => {
    const android = 'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
    const phone = await open(PHONE, android);
    await login(phone, 'vanphong');
    const desk = await open(DESKTOP, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0');
    await login(desk, 'vanphong');
    await desk.goto(server.base + '/tai-khoan-cua-toi');
    await desk.getByRole('link', { name: 'Phiên đăng nhập' }).click();
    const cards = desk.locator('.session');
    expect(await cards.count()).to.equal(2);
    expect(await desk.locator('.session.current').textContent()).to.include('Edge trên Windows');
    const other = desk.locator('.session:not(.current)');
    expect(await other.textContent()).to.include('Chrome trên Android').and.include('127.0.0.1');
    await desk.screenshot({ path: screenshotPath('sessions-desktop'), fullPage: true });
    await other.getByRole('button', { name: 'Kết thúc phiên' }).click();
    expect(await desk.locator('.flash-ok').textContent()).to.include('Đã kết thúc phiên đăng nhập');
    expect(await desk.locator('.session').count()).to.equal(1);
    await phone.goto(server.base + '/tai-khoan-cua-toi/phien');
    expect(phone.url()).to.include('/dang-nhap');
    await login(phone, 'vanphong');
    await phone.goto(server.base + '/tai-khoan-cua-toi/phien');
    await phone.screenshot({ path: screenshotPath('sessions-phone'), fullPage: true });
  });

  it('enrols two-factor sign-in with the secret shown as text, keeps the recovery codes, and logs in with a code', async () => {
    const page = await open(PHONE);
    await login(page, 'chutich');
    await page.goto(server.base + '/tai-khoan-cua-toi');
    await page.getByRole('link', { name: 'Xác thực hai bước' }).click();
    await page.screenshot({ path: screenshotPath('two-factor-off-phone'), fullPage: true });
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    expect(await page.locator('figure.qr svg').count()).to.equal(1);
    await page.screenshot({ path: screenshotPath('two-factor-enrol-phone'), fullPage: true });
    const secret = base32Decode((await page.locator('#totp-secret').textContent())!)!;
    await page.getByLabel('Mã xác thực').fill('000000');
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    expect(await page.locator('.error-summary').textContent()).to.include('Mã xác thực không đúng');
    await page.getByLabel('Mã xác thực').fill(hotp(secret, STEP));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Đã bật xác thực hai bước');
    expect(await page.locator('.recovery-codes li').count()).to.equal(10);
    await page.screenshot({ path: screenshotPath('recovery-codes-phone'), fullPage: true });
    await page.getByRole('link', { name: 'Tôi đã lưu các mã' }).click();
    expect(await page.locator('.tag.ok').first().textContent()).to.equal('Đang bật');
    await page.screenshot({ path: screenshotPath('two-factor-on-phone'), fullPage: true });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await login(page, 'chutich');
    expect(page.url()).to.include('/dang-nhap/xac-thuc');
    await page.screenshot({ path: screenshotPath('second-step-phone'), fullPage: true });
    await page.getByLabel('Mã xác thực').fill(hotp(secret, STEP + 1));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    expect(await page.locator('h1').textContent()).to.include('Xin chào');

    const desk = await open(DESKTOP);
    await login(desk, 'chutich');
    await desk.screenshot({ path: screenshotPath('second-step-desktop'), fullPage: true });
    await desk.getByLabel('Mã xác thực').fill(hotp(secret, STEP + 1)); // already used
    await desk.getByRole('button', { name: 'Xác nhận' }).click();
    expect(await desk.getByRole('alert').textContent()).to.include('đã được dùng');
    await desk.goto(server.base + '/tai-khoan-cua-toi/xac-thuc-hai-buoc');
    expect(desk.url()).to.include('/dang-nhap');
  });
});
