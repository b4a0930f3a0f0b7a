// The sign-off journey in Chromium: a secretary drafts and submits a decision, the Văn phòng approves, the
// Chủ tịch signs it from a phone-sized screen, the Văn phòng issues it, and the public page verifies the issued
// file and rejects a changed copy. Screenshots go to test-output/.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { startServer, type TestServer } from '../support/http.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';

describe('e2e — draft, approve, sign on a phone, issue, verify (Chromium)', function () {
  this.timeout(120000);
  let server: TestServer;
  let browser: Browser;
  let communeId: number;
  const phone = { viewport: { width: 390, height: 844 }, locale: 'vi-VN', deviceScaleFactor: 1 };

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

  async function as(username: string, viewport = phone): Promise<Page> {
    const context = await browser.newContext(viewport);
    const page = await context.newPage();
    await page.goto(server.base + '/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(server.base + '/');
    return page;
  }

  it('goes from draft to a verified issued document', async () => {
    // 1. The secretary drafts a UBND decision from its template, rewrites a line, and submits it.
    const sec = await as('thuky', { ...phone, viewport: { width: 1280, height: 900 } });
    await sec.getByRole('link', { name: 'Soạn thảo, trình ký và ban hành văn bản' }).click();
    await sec.getByLabel('Cơ quan ban hành').selectOption({ label: 'Ủy ban nhân dân xã Tân Uyên' });
    await sec.getByLabel('Mẫu văn bản').selectOption('ubnd-quyet-dinh-phan-cong');
    await sec.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await sec.waitForURL(/\/van-ban\/\d+$/);
    const docUrl = sec.url();
    const text = await sec.getByLabel('Văn bản (định dạng của mẫu)').inputValue();
    await sec.getByLabel('Văn bản (định dạng của mẫu)').fill(text.replace('Điều 1. Nguyên tắc phân công', 'Điều 1. Nguyên tắc phân công, phối hợp'));
    await sec.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await sec.getByRole('button', { name: 'Trình ký phiên bản 2' }).click();
    expect(await sec.locator('.flash-ok').textContent()).to.include('Đã trình ký');
    await sec.context().close();

    // 2. The Văn phòng approves.
    const office = await as('vanphong');
    await office.goto(docUrl);
    await office.getByRole('button', { name: 'Duyệt, chuyển lãnh đạo ký' }).click();
    expect(await office.locator('.flash-ok').textContent()).to.include('Chờ ký');

    // 3. The Chủ tịch signs from the phone: the inbox, the document with what changed, one button.
    const leader = await as('chutich');
    await leader.getByRole('link', { name: 'Chờ ký' }).first().click();
    await leader.waitForURL('**/cho-ky');
    await leader.screenshot({ path: screenshotPath('signoff-inbox-phone'), fullPage: true });
    await leader.locator('.inbox-link').first().click();
    await leader.waitForURL(docUrl);
    expect(await leader.locator('.diff .d-add').first().textContent()).to.include('phối hợp');
    await leader.screenshot({ path: screenshotPath('signoff-document-phone'), fullPage: true });
    const width = await leader.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no sideways scrolling on a phone').to.be.at.most(390);
    await leader.getByRole('button', { name: 'Ký phiên bản 2' }).click();
    await leader.waitForURL('**/cho-ky');
    expect(await leader.locator('.flash-ok').textContent()).to.include('Đã ký');

    // 4. The Văn phòng issues it: number, date, signed PDF.
    await office.goto(docUrl);
    await office.getByRole('button', { name: 'Cấp số và ban hành' }).click();
    expect(await office.locator('.flash-ok').textContent()).to.include('ban hành');
    expect(await office.locator('p.lead').textContent()).to.include('01/QĐ-UBND');
    const code = (await office.locator('p.lead a').textContent())!.trim();
    const pdfResponse = await office.request.get(docUrl + '/ban-chinh.pdf');
    const pdf = Buffer.from(await pdfResponse.body());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-'));
    fs.writeFileSync(path.join(dir, 'original.pdf'), pdf);
    const changed = Buffer.from(pdf);
    changed[Math.floor(changed.length / 3)] = changed[Math.floor(changed.length / 3)]! ^ 1;
    fs.writeFileSync(path.join(dir, 'changed.pdf'), changed);
    try {
      execFileSync('pdftoppm', ['-r', '80', '-png', path.join(dir, 'original.pdf'), screenshotPath('signoff-issued').replace(/\.png$/, '')]);
    } catch { /* poppler-utils absent: the picture is only for people */ }

    // 5. Anyone checks it on the public page: the original matches, the changed copy does not.
    const citizen = await browser.newContext(phone);
    const pub = await citizen.newPage();
    await pub.goto(server.base + '/tra-cuu');
    await pub.getByLabel('Mã xác minh').fill(code.toLowerCase());
    await pub.getByRole('button', { name: 'Tra cứu' }).click();
    await pub.waitForURL(`**/tra-cuu/${code}`);
    expect(await pub.locator('h1').textContent()).to.include('01/QĐ-UBND');
    await pub.getByLabel('Chọn tệp (PDF hoặc DOCX)').setInputFiles(path.join(dir, 'original.pdf'));
    await pub.getByRole('button', { name: 'Kiểm tra' }).click();
    expect(await pub.locator('.verify-result').textContent()).to.include('Khớp bản gốc.');
    await pub.screenshot({ path: screenshotPath('signoff-verify-phone'), fullPage: true });
    await pub.getByLabel('Chọn tệp (PDF hoặc DOCX)').setInputFiles(path.join(dir, 'changed.pdf'));
    await pub.getByRole('button', { name: 'Kiểm tra' }).click();
    expect(await pub.locator('.verify-result').textContent()).to.include('Không khớp bản gốc.');
    await pub.screenshot({ path: screenshotPath('signoff-verify-rejected-phone'), fullPage: true });
    await citizen.close();
    await office.context().close();
    await leader.context().close();
    expect(communeId).to.be.a('number');
  });
});
