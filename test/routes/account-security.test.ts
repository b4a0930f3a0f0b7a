// The account's own security pages over HTTP: change the password (other sessions end), see and end sessions,
// two-factor sign-in (enrol, log in with a code, no replay, recovery codes, throttled second step, disable), TOTP
// required for admins by configuration, a reset by the commune admin ending sessions, and the security log's lines.
import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import { accounts, accountTotp, auditLog, totpRecoveryCodes } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { base32Decode, hotp, totpStep } from '../../server/domain/totp.ts';
import { sealedKeyId } from '../../server/signing/index.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';
import { Client, fixedClock, loggedIn, startServer, type TestServer } from '../support/http.ts';
import { captureLog } from '../support/log.ts';

const NOW_S = Math.floor(fixedClock().now().getTime() / 1000);
const codeAt = (secret: Buffer, stepOffset = 0) => hotp(secret, totpStep(NOW_S) + stepOffset);
const auditActions = async (database: Database) => (await database.db.select().from(auditLog)).map((a) => a.action);

/** Enrols two-factor sign-in through the pages; returns the secret read from the page's text and the recovery codes. */
async function enrol(c: Client): Promise<{ secret: Buffer; codes: string[] }> {
  await c.get('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
  expect((await c.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/bat-dau', {})).status).to.equal(303);
  const page = await c.get('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
  expect(page.text).to.include('<svg'); // the QR code
  const text = page.text.match(/<code class="secret" id="totp-secret">([A-Z2-7 ]+)<\/code>/)![1];
  const secret = base32Decode(text)!;
  expect(secret).to.have.length(20);
  const done = await c.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/xac-nhan', { code: codeAt(secret) });
  expect(done.status).to.equal(200);
  const codes = [...done.text.matchAll(/<li><code>([a-z2-7-]{19})<\/code><\/li>/g)].map((m) => m[1]);
  expect(codes).to.have.length(10);
  await c.get('/');
  return { secret, codes };
}

describe('routes — own password, sessions and two-factor sign-in', function () {
  let database: Database;
  let server: TestServer;
  let cid: number;
  const log = captureLog();

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database, undefined, { services: { logger: log.logger } });
  });
  after(async () => server.stop());
  beforeEach(async () => { await database.db.execute(sql`DELETE FROM login_throttle`); });

  describe('change password', () => {
    it('needs a log-in (GET redirects, POST 401) and the CSRF token (403, nothing changed)', async () => {
      const anon = new Client(server.base);
      const r = await anon.get('/tai-khoan-cua-toi/mat-khau');
      expect(r.status).to.equal(303);
      expect(r.location).to.match(/^\/dang-nhap\?tiep=/);
      const c = await loggedIn(server.base, 'vanphong');
      const before = (await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong')))[0];
      const forged = await c.post('/tai-khoan-cua-toi/mat-khau', { currentPassword: DEMO_PASSWORD, password: 'mat-khau-moi-rat-dai', passwordConfirm: 'mat-khau-moi-rat-dai' }, { csrf: false });
      expect(forged.status).to.equal(403);
      const after = (await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong')))[0];
      expect(after.passwordHash).to.equal(before.passwordHash);
    });

    it('refuses a wrong current password, a short one, a mismatch, and the same one — 422, nothing changed', async () => {
      const c = await loggedIn(server.base, 'vanphong');
      const cases: [Record<string, string>, string][] = [
        [{ currentPassword: 'khong-dung-dau', password: 'mat-khau-moi-rat-dai', passwordConfirm: 'mat-khau-moi-rat-dai' }, 'Mật khẩu hiện tại không đúng.'],
        [{ currentPassword: DEMO_PASSWORD, password: 'ngan', passwordConfirm: 'ngan' }, 'Mật khẩu cần ít nhất 10 ký tự.'],
        [{ currentPassword: DEMO_PASSWORD, password: 'mat-khau-moi-rat-dai', passwordConfirm: 'mat-khau-khac-han' }, 'Hai lần nhập mật khẩu không khớp.'],
        [{ currentPassword: DEMO_PASSWORD, password: DEMO_PASSWORD, passwordConfirm: DEMO_PASSWORD }, 'Mật khẩu mới phải khác mật khẩu hiện tại.'],
        [{ currentPassword: '', password: 'mat-khau-moi-rat-dai', passwordConfirm: 'mat-khau-moi-rat-dai' }, 'Vui lòng nhập thông tin này.'],
      ];
      const before = (await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong')))[0];
      for (const [form, message] of cases) {
        const r = await c.post('/tai-khoan-cua-toi/mat-khau', form);
        expect(r.status, message).to.equal(422);
        expect(r.text, message).to.include(message);
        expect(r.text).to.not.include(form.currentPassword || 'x-no-value-x'); // typed passwords are never echoed
      }
      const after = (await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong')))[0];
      expect(after.passwordHash).to.equal(before.passwordHash);
    });

    it('changes it: this session carries on, every other session of the account ends, the old password no longer works', async () => {
      const phone = await loggedIn(server.base, 'thuky');
      const desk = await loggedIn(server.base, 'thuky');
      const other = await loggedIn(server.base, 'vanphong');
      const r = await desk.post('/tai-khoan-cua-toi/mat-khau', { currentPassword: DEMO_PASSWORD, password: 'mat-khau-moi-cua-thu-ky', passwordConfirm: 'mat-khau-moi-cua-thu-ky' });
      expect(r.status).to.equal(303);
      const home = await desk.get('/tai-khoan-cua-toi');
      expect(home.status).to.equal(200);
      expect(home.text).to.include('Đã đổi mật khẩu');
      expect((await phone.get('/')).status, 'the other session of thuky').to.equal(303);
      expect((await other.get('/')).status, 'another account is untouched').to.equal(200);
      expect((await new Client(server.base).login('thuky')).status).to.equal(422);
      expect((await new Client(server.base).login('thuky', 'mat-khau-moi-cua-thu-ky')).status).to.equal(303);
      const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'account.password_change'));
      expect(audit.after).to.deep.equal({ sessionsEnded: 1 });
    });

    it('a session saved back by a request in flight after the change is still refused (session epoch)', async () => {
      const a = await loggedIn(server.base, 'chutich');
      const b = await loggedIn(server.base, 'chutich');
      const sid = decodeURIComponent(b.cookie('hop.sid')!).slice(2).split('.')[0];
      const [{ sess }] = (await database.db.execute(sql`SELECT sess FROM session WHERE sid = ${sid}`) as any).rows;
      await a.post('/tai-khoan-cua-toi/mat-khau', { currentPassword: DEMO_PASSWORD, password: 'mat-khau-moi-chu-tich', passwordConfirm: 'mat-khau-moi-chu-tich' });
      // b's request was in flight: its store write lands after the change and brings the row back.
      await database.db.execute(sql`INSERT INTO session (sid, sess, expire) VALUES (${sid}, ${JSON.stringify(sess)}::json, now() + interval '1 hour')`);
      expect((await b.get('/')).status).to.equal(303);
    });
  });

  describe('sessions', () => {
    it('lists the own sessions with when, where and which browser; never a session id', async () => {
      const a = await loggedIn(server.base, 'bithu');
      const b = await loggedIn(server.base, 'bithu');
      const page = await a.get('/tai-khoan-cua-toi/phien');
      expect(page.status).to.equal(200);
      expect(page.text.match(/class="card session/g)).to.have.length(2);
      expect(page.text).to.include('Phiên này').and.include('127.0.0.1').and.include('Đăng nhập lúc');
      for (const c of [a, b]) {
        const sid = decodeURIComponent(c.cookie('hop.sid')!).slice(2).split('.')[0];
        expect(page.text).to.not.include(sid);
      }
    });

    it('ends one other session (audited); a handle that is not the user\'s own is 404 and ends nothing', async () => {
      const a = await loggedIn(server.base, 'daibieu');
      const b = await loggedIn(server.base, 'daibieu');
      const stranger = await loggedIn(server.base, 'vanphong');
      const page = await a.get('/tai-khoan-cua-toi/phien');
      const handles = [...page.text.matchAll(/\/tai-khoan-cua-toi\/phien\/([0-9a-f]{20})\/ket-thuc/g)].map((m) => m[1]);
      const current = page.text.match(/session current[\s\S]*?\/phien\/([0-9a-f]{20})\/ket-thuc/)![1];
      const otherHandle = handles.find((h) => h !== current)!;
      await stranger.get('/');
      expect((await stranger.post(`/tai-khoan-cua-toi/phien/${otherHandle}/ket-thuc`, {})).status).to.equal(404);
      expect((await b.get('/')).status).to.equal(200);
      expect((await a.post(`/tai-khoan-cua-toi/phien/${otherHandle}/ket-thuc`, {})).status).to.equal(303);
      expect((await b.get('/')).status).to.equal(303);
      expect((await a.get('/')).status).to.equal(200);
      expect(await auditActions(database)).to.include('account.session_end');
      expect((await a.post('/tai-khoan-cua-toi/phien/ket-thuc', {})).status).to.equal(404);
    });

    it('ends all other sessions at once; ending the current one logs out', async () => {
      const a = await loggedIn(server.base, 'admin.tanuyen');
      const b = await loggedIn(server.base, 'admin.tanuyen');
      const c = await loggedIn(server.base, 'admin.tanuyen');
      await a.get('/tai-khoan-cua-toi/phien');
      const r = await a.post('/tai-khoan-cua-toi/phien/ket-thuc-cac-phien-khac', {});
      expect(r.status).to.equal(303);
      expect((await a.get('/tai-khoan-cua-toi/phien')).text).to.include('Đã kết thúc 2 phiên đăng nhập khác.');
      expect((await b.get('/')).status).to.equal(303);
      expect((await c.get('/')).status).to.equal(303);
      const page = await a.get('/tai-khoan-cua-toi/phien');
      const own = page.text.match(/\/tai-khoan-cua-toi\/phien\/([0-9a-f]{20})\/ket-thuc/)![1];
      const out = await a.post(`/tai-khoan-cua-toi/phien/${own}/ket-thuc`, {});
      expect(out.location).to.equal('/dang-nhap');
      expect((await a.get('/')).status).to.equal(303);
    });

    it("the commune admin's password reset ends every session of that account", async () => {
      const user = await loggedIn(server.base, 'thuky.dangu');
      const admin = await loggedIn(server.base, 'admin.tanuyen');
      const [acc] = await database.db.select().from(accounts).where(eq(accounts.username, 'thuky.dangu'));
      const form = await admin.get(`/xa/${cid}/tai-khoan/${acc.id}`);
      expect(form.text).to.include('kết thúc mọi phiên đăng nhập');
      const r = await admin.post(`/xa/${cid}/tai-khoan/${acc.id}`, {
        displayName: acc.displayName, active: 'on', version: String(acc.version), roles: 'secretary',
        secretaryBodies: form.text.match(/name="secretaryBodies" value="(\d+)" checked/)![1], password: 'mat-khau-dat-lai-moi', passwordConfirm: 'mat-khau-dat-lai-moi',
      });
      expect(r.status).to.equal(303);
      expect((await user.get('/')).status).to.equal(303);
      expect((await admin.get('/')).status).to.equal(200);
      const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'account.update')).orderBy(sql`id desc`).limit(1);
      expect(row.after).to.include({ passwordChanged: true, sessionsEnded: 1 });
    });
  });

  describe('two-factor sign-in (TOTP)', () => {
    it('enrols with a QR code and the secret as text, sealed under SIGNING_KEY; recovery codes are stored hashed', async () => {
      const c = await loggedIn(server.base, 'vanphong');
      const { codes } = await enrol(c);
      const [acc] = await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong'));
      const [row] = await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, acc.id));
      expect(row.confirmedAt).to.not.equal(null);
      expect(sealedKeyId(row.secretSealed)).to.equal(server.services.keys.current.id);
      const stored = await database.db.select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.accountId, acc.id));
      expect(stored).to.have.length(10);
      for (const code of codes) expect(JSON.stringify(stored)).to.not.include(code.replace(/-/g, ''));
      expect(await auditActions(database)).to.include.members(['account.totp_start', 'account.totp_enable']);
      expect((await c.get('/tai-khoan-cua-toi')).text).to.include('Đang bật');
    });

    it('refuses a wrong confirmation code (422) and keeps two-factor sign-in off', async () => {
      const c = await loggedIn(server.base, 'daibieu');
      await c.get('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
      await c.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/bat-dau', {});
      await c.get('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
      for (const code of ['000000', '12345', 'abcdef', '']) {
        const r = await c.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/xac-nhan', { code });
        expect(r.status, code).to.equal(422);
      }
      const [acc] = await database.db.select().from(accounts).where(eq(accounts.username, 'daibieu'));
      const [row] = await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, acc.id));
      expect(row.confirmedAt).to.equal(null);
      // Not confirmed: the log-in stays one step.
      expect((await new Client(server.base).login('daibieu')).location).to.equal('/');
    });

    it('log-in becomes two steps; a code works once; an old code, a wrong one, or no pending step are refused', async () => {
      const c = await loggedIn(server.base, 'bithu');
      const { secret } = await enrol(c);
      await c.post('/dang-xuat', {});
      const u = new Client(server.base);
      const first = await u.login('bithu');
      expect(first.status).to.equal(303);
      expect(first.location).to.equal('/dang-nhap/xac-thuc');
      expect((await u.get('/')).status, 'not logged in before the code').to.equal(303);
      const step = await u.get('/dang-nhap/xac-thuc');
      expect(step.text).to.include('Mã xác thực');
      expect((await u.post('/dang-nhap/xac-thuc', { code: codeAt(secret, -2) })).status).to.equal(422);
      // The enrolment used the current step: the same code cannot be used again; the next step's code can.
      const replay = await u.post('/dang-nhap/xac-thuc', { code: codeAt(secret) });
      expect(replay.status).to.equal(422);
      expect(replay.text).to.include('Mã xác thực không đúng hoặc đã được dùng');
      const ok = await u.post('/dang-nhap/xac-thuc', { code: codeAt(secret, 1) });
      expect(ok.status).to.equal(303);
      expect((await u.get('/')).status).to.equal(200);
      // Someone else with the password, in the same 30 seconds, cannot reuse that code.
      const v = new Client(server.base);
      await v.login('bithu');
      await v.get('/dang-nhap/xac-thuc');
      expect((await v.post('/dang-nhap/xac-thuc', { code: codeAt(secret, 1) })).status).to.equal(422);
      // No pending step: the code form sends back to the password.
      const w = new Client(server.base);
      await w.get('/dang-nhap');
      const lost = await w.post('/dang-nhap/xac-thuc', { code: codeAt(secret) });
      expect(lost.location).to.equal('/dang-nhap');
    });

    it('a recovery code works once, in either case and with or without hyphens', async () => {
      const c = new Client(server.base);
      expect((await c.login('thuky.dangu', 'mat-khau-dat-lai-moi')).status).to.equal(303); // reset by the admin above
      await c.get('/');
      const { codes } = await enrol(c);
      const u = new Client(server.base);
      await u.login('thuky.dangu', 'mat-khau-dat-lai-moi');
      await u.get('/dang-nhap/xac-thuc');
      const r = await u.post('/dang-nhap/xac-thuc', { code: codes[3].toUpperCase().replace(/-/g, '') });
      expect(r.status).to.equal(303);
      expect((await u.get('/')).text).to.include('còn 9 mã chưa dùng');
      const again = new Client(server.base);
      await again.login('thuky.dangu', 'mat-khau-dat-lai-moi');
      await again.get('/dang-nhap/xac-thuc');
      expect((await again.post('/dang-nhap/xac-thuc', { code: codes[3] })).status).to.equal(422);
      expect(await auditActions(database)).to.include('account.recovery_code_use');
    });

    it('the second step is throttled too: after 5 wrong codes even the right one waits', async () => {
      const [acc] = await database.db.select().from(accounts).where(eq(accounts.username, 'bithu'));
      const [row] = await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, acc.id));
      expect(row).to.not.equal(undefined);
      const u = new Client(server.base);
      await u.login('bithu');
      await u.get('/dang-nhap/xac-thuc');
      for (let i = 0; i < 5; i++) expect((await u.post('/dang-nhap/xac-thuc', { code: String(100000 + i) })).status).to.equal(422);
      const r = await u.post('/dang-nhap/xac-thuc', { code: '123456' });
      expect(r.status).to.equal(429);
      expect(r.text).to.include('Nhập sai mã quá nhiều lần. Vui lòng thử lại sau 30 giây');
    });

    it('disables only with the password and a code (422 otherwise); then the log-in is one step again', async () => {
      await database.db.execute(sql`DELETE FROM login_throttle`);
      // vanphong has two-factor sign-in: log in with a code.
      const u = new Client(server.base);
      const [acc] = await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong'));
      const r1 = await u.login('vanphong');
      expect(r1.location).to.equal('/dang-nhap/xac-thuc');
      // The enrolment took the current step; log in with the next one and keep the one after for disabling.
      const secret = await readSecret(database, server, acc.id);
      await u.get('/dang-nhap/xac-thuc');
      expect((await u.post('/dang-nhap/xac-thuc', { code: codeAt(secret, 1) })).status).to.equal(303);
      await u.get('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
      expect((await u.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/tat', { password: 'sai-mat-khau-roi', code: codeAt(secret, -1) })).status).to.equal(422);
      expect((await u.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/tat', { password: DEMO_PASSWORD, code: '000000' })).status).to.equal(422);
      expect((await u.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/tat', { password: DEMO_PASSWORD, code: '' })).status).to.equal(422);
      expect((await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, acc.id)))).to.have.length(1);
      // A step before the one last used is a replay: refused. (Codes of later steps are not known yet in a fixed clock.)
      const old = await u.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/tat', { password: DEMO_PASSWORD, code: codeAt(secret) });
      expect(old.status).to.equal(422);
      // A recovery code is accepted for disabling (the phone is lost).
      const codes = await database.db.select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.accountId, acc.id));
      expect(codes.length).to.equal(10);
      await database.db.execute(sql`DELETE FROM login_throttle`);
      // Use the step still unused within the window (+1 was used for log-in; none left): reset last_step to test the code path.
      await database.db.update(accountTotp).set({ lastStep: totpStep(NOW_S) - 5 }).where(eq(accountTotp.accountId, acc.id));
      const ok = await u.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/tat', { password: DEMO_PASSWORD, code: codeAt(secret) });
      expect(ok.status).to.equal(303);
      expect((await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, acc.id)))).to.have.length(0);
      expect((await database.db.select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.accountId, acc.id)))).to.have.length(0);
      expect(await auditActions(database)).to.include('account.totp_disable');
      expect((await new Client(server.base).login('vanphong')).location).to.equal('/');
    });

    it("the commune admin can turn off a user's two-factor sign-in (lost phone), which ends their sessions", async () => {
      const [acc] = await database.db.select().from(accounts).where(eq(accounts.username, 'bithu'));
      await database.db.execute(sql`DELETE FROM login_throttle`);
      const admin = await loggedIn(server.base, 'admin.tanuyen');
      const form = await admin.get(`/xa/${cid}/tai-khoan/${acc.id}`);
      expect(form.text).to.include('name="resetTotp"');
      const roles = [...form.text.matchAll(/name="roles" value="(\w+)" checked/g)].map((m) => m[1]);
      const signer = [...form.text.matchAll(/name="signerBodies" value="(\d+)" checked/g)].map((m) => m[1]);
      const r = await admin.post(`/xa/${cid}/tai-khoan/${acc.id}`, {
        displayName: acc.displayName, active: 'on', version: String((await database.db.select().from(accounts).where(eq(accounts.id, acc.id)))[0].version),
        roles, signerBodies: signer, personId: String(acc.personId ?? ''), resetTotp: 'on',
      });
      expect(r.status).to.equal(303);
      expect((await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, acc.id)))).to.have.length(0);
      expect((await new Client(server.base).login('bithu')).location).to.equal('/');
    });
  });

  describe('the security log', () => {
    it('has failed log-ins, refusals (403, CSRF) and lock-outs as JSON lines with the right fields and no secret', async () => {
      const c = new Client(server.base);
      await c.login('quantri', 'mot-mat-khau-sai-123');
      const office = await loggedIn(server.base, 'vanphong');
      await office.post(`/xa/${cid}`, { name: 'X', kind: 'xã', province: 'Y', code: '03562', placeName: 'X', version: '1' }); // 403
      await office.post('/tai-khoan-cua-toi/mat-khau', { currentPassword: 'a', password: 'b', passwordConfirm: 'b', _csrf: 'forged-token' }, { csrf: false }); // CSRF
      const failed = log.lines.find((l) => l.event === 'login.failed' && l.username === 'quantri')!;
      expect(failed).to.include({ level: 40, step: 'password', address: '127.0.0.1', reason: 'bad_password' });
      expect(failed.time).to.be.a('number');
      const forbidden = log.lines.find((l) => l.event === 'access.forbidden')!;
      expect(forbidden).to.include({ method: 'POST', path: `/xa/${cid}`, address: '127.0.0.1' });
      expect(forbidden.accountId).to.be.a('number');
      const csrf = log.lines.find((l) => l.event === 'csrf.refused')!;
      expect(csrf).to.include({ method: 'POST', path: '/tai-khoan-cua-toi/mat-khau' });
      expect(log.lines.some((l) => l.event === 'login.lockout' && l.step === 'totp')).to.equal(true);
      expect(log.lines.some((l) => l.event === 'login.refused')).to.equal(true);
      // Nothing secret: no password typed in this file, no code, no session id, no CSRF token.
      const all = JSON.stringify(log.lines);
      for (const secret of [DEMO_PASSWORD, 'mot-mat-khau-sai-123', 'mat-khau-moi-cua-thu-ky', 'sai-mat-khau-roi', 'forged-token', office.csrf,
        decodeURIComponent(office.cookie('hop.sid')!).slice(2).split('.')[0]]) {
        expect(all, secret).to.not.include(secret);
      }
      for (const l of log.lines) expect(Object.keys(l)).to.not.include.members(['password', 'code', 'sid', 'csrf', '_csrf', 'cookie']);
    });
  });
});

describe('routes — REQUIRE_2FA_ADMINS', () => {
  let database: Database;
  let server: TestServer;
  let cid: number;
  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database, undefined, { services: { require2faAdmins: true } });
  });
  after(async () => server.stop());

  it('a commune admin without TOTP is sent to enrol before anything else; once enrolled, the app opens; disabling is refused', async () => {
    const admin = new Client(server.base);
    expect((await admin.login('admin.tanuyen')).status).to.equal(303);
    const home = await admin.get('/');
    expect(home.status).to.equal(303);
    expect(home.location).to.equal('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
    const page = await admin.get('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Tài khoản quản trị phải bật xác thực hai bước');
    expect((await admin.get(`/xa/${cid}/tai-khoan`)).status).to.equal(303);
    const post = await admin.post(`/xa/${cid}/nhan-su`, { fullName: 'Không Được Thêm', gender: 'nam' });
    expect(post.status).to.equal(403);
    const { secret } = await enrol(admin);
    expect((await admin.get(`/xa/${cid}/tai-khoan`)).status).to.equal(200);
    await admin.get('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
    const off = await admin.post('/tai-khoan-cua-toi/xac-thuc-hai-buoc/tat', { password: DEMO_PASSWORD, code: codeAt(secret, 1) });
    expect(off.status).to.equal(422);
    expect(off.text).to.include('bắt buộc dùng xác thực hai bước');
    expect((await database.db.select().from(accountTotp))).to.have.length(1);
  });

  it('the system admin too; other roles are not asked', async () => {
    const sys = new Client(server.base);
    await sys.login('quantri');
    expect((await sys.get('/xa')).location).to.equal('/tai-khoan-cua-toi/xac-thuc-hai-buoc');
    const office = await loggedIn(server.base, 'vanphong');
    expect((await office.get('/')).status).to.equal(200);
  });
});

describe('routes — SESSION_SECRET rotation', () => {
  it('a session signed with the previous secret stays logged in while SESSION_SECRET_PREVIOUS lists it; without it, it ends', async () => {
    const database = await testDatabase();
    await resetWithDemo(database);
    const old = await startServer(database, undefined, { app: { sessionSecret: 'the-old-session-secret-0123456789abcdef' } });
    const c = await loggedIn(old.base, 'vanphong');
    await old.stop();
    const rotated = await startServer(database, undefined, { app: { sessionSecret: 'the-new-session-secret-0123456789abcdef', previousSessionSecrets: ['the-old-session-secret-0123456789abcdef'] } });
    const moved = new Client(rotated.base);
    (moved as any).cookies = (c as any).cookies;
    expect((await moved.get('/')).status).to.equal(200);
    await rotated.stop();
    const dropped = await startServer(database, undefined, { app: { sessionSecret: 'the-new-session-secret-0123456789abcdef' } });
    const after = new Client(dropped.base);
    (after as any).cookies = (c as any).cookies;
    expect((await after.get('/')).status).to.equal(303);
    await dropped.stop();
  });
});

async function readSecret(database: Database, server: TestServer, accountId: number): Promise<Buffer> {
  const { openSecret } = await import('../../server/signing/index.ts');
  const [row] = await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, accountId));
  return openSecret(server.services.keys, 'totp-secret', row.secretSealed, `totp:account:${accountId}`);
}
