// The log-in throttle over HTTP against the real app: the count is taken in the database before the password is
// hashed, so a burst of wrong passwords gets at most the free attempts checked, and the right password sent while
// they are in flight is refused. Unknown names answer exactly like real ones; the limit holds per address (a forged
// X-Forwarded-For changes nothing without TRUST_PROXY) and per account; the owner's own browser is never kept out.
import { expect } from 'chai';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { verifyPassword } from '../../server/services/passwords.ts';
import { THROTTLE_RULES } from '../../server/domain/login-throttle.ts';
import type { Clock } from '../../server/services/index.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';
import { Client, startServer, type TestServer } from '../support/http.ts';
import { captureLog } from '../support/log.ts';

/** A clock the test moves by hand. */
function handClock(start = Date.parse('2026-11-22T03:00:00Z')) {
  let t = start;
  const clock: Clock = { now: () => new Date(t), today: () => new Date(t + 7 * 3600_000).toISOString().slice(0, 10) };
  return { clock, advance: (seconds: number) => { t += seconds * 1000; } };
}

async function loginPage(base: string, headers: Record<string, string> = {}) {
  const c = new Client(base);
  c.headers = headers;
  await c.get('/dang-nhap');
  return c;
}

describe('routes — log-in throttle', function () {
  let database: Database;
  before(async () => { database = await testDatabase(); });

  describe('a burst of wrong passwords', () => {
    let server: TestServer;
    let checks = 0;
    const hashesChecked: string[] = [];
    let held: Promise<void> = Promise.resolve();
    let release = () => {};
    let onChecks: { n: number; resolve: () => void } | null = null;
    const log = captureLog();

    before(async () => {
      await resetWithDemo(database);
      server = await startServer(database, undefined, { services: {
        logger: log.logger,
        // Counts every real password check and holds it until the test releases it: the attempts stay in flight.
        verifyPassword: async (password, stored) => {
          checks++;
          hashesChecked.push(stored);
          if (onChecks && checks >= onChecks.n) onChecks.resolve();
          await held;
          return verifyPassword(password, stored);
        },
      } });
    });
    after(async () => server.stop());
    beforeEach(async () => {
      await database.db.execute(sql`DELETE FROM login_throttle`);
      checks = 0;
      hashesChecked.length = 0;
    });

    it('40 wrong passwords in parallel get at most 5 real checks; the right one sent while they are in flight is refused', async () => {
      const free = THROTTLE_RULES.pair.free;
      held = new Promise((r) => { release = r; });
      const reached = new Promise<void>((resolve) => { onChecks = { n: free, resolve }; });
      const attacker = await loginPage(server.base);
      let answered = 0;
      const wrong = Array.from({ length: 40 }, (_, i) => attacker.post('/dang-nhap', { username: 'thuky', password: `sai-mat-khau-${i}` })
        .then((r) => { answered++; return r; }));
      await reached; // five attempts are inside the password check, held there
      while (answered < 40 - free) await new Promise((r) => setImmediate(r)); // every other one was refused without a check
      const right = await attacker.post('/dang-nhap', { username: 'thuky', password: DEMO_PASSWORD });
      expect(right.status).to.equal(429);
      expect(right.text).to.include('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau');
      expect(right.headers.get('retry-after')).to.match(/^\d+$/);
      release();
      const results = await Promise.all(wrong);
      onChecks = null;
      expect(results.filter((r) => r.status === 422)).to.have.length(free);
      expect(results.filter((r) => r.status === 429)).to.have.length(40 - free);
      expect(checks, 'real password checks').to.equal(free);
      // Afterwards the right password still waits: the five failures started the back-off.
      const again = await attacker.post('/dang-nhap', { username: 'thuky', password: DEMO_PASSWORD });
      expect(again.status).to.equal(429);
      expect(again.text).to.include('Vui lòng thử lại sau 30 giây');
      expect(checks).to.equal(free);
      // The lock-out is audited for the account and logged as a structured line.
      const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'login.lockout'));
      expect(audits.map((a) => (a.after as any).scope)).to.include('pair');
      const lockout = log.lines.find((l) => l.event === 'login.lockout' && l.scope === 'pair');
      expect(lockout).to.include({ username: 'thuky', address: '127.0.0.1', step: 'password', level: 40 });
    });

    it('an unknown name gets the same answers, in the same order, after the same number of checks of the same cost', async () => {
      held = Promise.resolve();
      const answers = async (username: string) => {
        const c = await loginPage(server.base);
        const out: string[] = [];
        for (let i = 0; i < 7; i++) {
          const r = await c.post('/dang-nhap', { username, password: `sai-mat-khau-${i}` });
          out.push(`${r.status} ${r.text.match(/<p class="error-summary" role="alert">([^<]*)<\/p>/)?.[1]}`);
        }
        await database.db.execute(sql`DELETE FROM login_throttle`);
        return out;
      };
      const real = await answers('thuky');
      const realChecks = checks;
      const unknown = await answers('khong.co.ai');
      expect(unknown).to.deep.equal(real);
      expect(real.slice(0, 5).every((a) => a.startsWith('422 Tên đăng nhập hoặc mật khẩu không đúng.'))).to.equal(true);
      expect(real.slice(5).every((a) => a.startsWith('429 Đăng nhập sai quá nhiều lần.'))).to.equal(true);
      expect(checks - realChecks).to.equal(realChecks);
      // The same scrypt parameters for the made-up name as for the real account: the same time per check.
      const params = (h: string) => h.split('$').slice(0, 4).join('$');
      expect(new Set(hashesChecked.map(params)).size).to.equal(1);
    });

    it('the wait grows: after it passes one more attempt is let through, then the wait doubles; the right password then logs in', async () => {
      // A server of its own with a clock the test moves.
      const { clock, advance } = handClock();
      const s = await startServer(database, clock);
      try {
        const c = await loginPage(s.base);
        for (let i = 0; i < 5; i++) expect((await c.post('/dang-nhap', { username: 'vanphong', password: 'sai-' + i })).status).to.equal(422);
        expect((await c.post('/dang-nhap', { username: 'vanphong', password: DEMO_PASSWORD })).status).to.equal(429);
        advance(29);
        expect((await c.post('/dang-nhap', { username: 'vanphong', password: DEMO_PASSWORD })).status).to.equal(429);
        advance(1);
        expect((await c.post('/dang-nhap', { username: 'vanphong', password: 'sai-lan-nua' })).status).to.equal(422);
        const r = await c.post('/dang-nhap', { username: 'vanphong', password: DEMO_PASSWORD });
        expect(r.status).to.equal(429);
        expect(r.text).to.include('thử lại sau 60 giây');
        advance(60);
        expect((await c.post('/dang-nhap', { username: 'vanphong', password: DEMO_PASSWORD })).status).to.equal(303);
        // Success clears the pair: a typo next time is not already in back-off.
        const [row] = (await database.db.execute(sql`SELECT count(*)::int AS n FROM login_throttle WHERE key = 'p:vanphong|127.0.0.1'`) as any).rows;
        expect(row.n).to.equal(0);
      } finally {
        await s.stop();
      }
    });

    it('one address trying many names is stopped after 20 failures, whatever the name', async () => {
      held = Promise.resolve();
      const c = await loginPage(server.base);
      for (let i = 0; i < THROTTLE_RULES.address.free; i++) {
        expect((await c.post('/dang-nhap', { username: `ten${i}`, password: 'sai-mat-khau' })).status, `name ${i}`).to.equal(422);
      }
      const next = await c.post('/dang-nhap', { username: 'thuky', password: DEMO_PASSWORD });
      expect(next.status).to.equal(429);
      expect(next.text).to.include('Vui lòng thử lại sau 60 giây');
      const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'login.lockout'), eq(auditLog.entity, 'address')));
      expect(audits).to.have.length(1);
      expect(audits[0].entityId).to.equal('127.0.0.1');
    });

    it('without TRUST_PROXY a forged X-Forwarded-For is ignored: a new header per attempt does not reset the count', async () => {
      held = Promise.resolve();
      for (let i = 0; i < 5; i++) {
        const c = await loginPage(server.base, { 'x-forwarded-for': `203.0.113.${i}` });
        expect((await c.post('/dang-nhap', { username: 'chutich', password: 'sai-' + i })).status).to.equal(422);
      }
      const c = await loginPage(server.base, { 'x-forwarded-for': '198.51.100.77' });
      expect((await c.post('/dang-nhap', { username: 'chutich', password: DEMO_PASSWORD })).status).to.equal(429);
      const failed = log.lines.filter((l) => l.event === 'login.failed' && l.username === 'chutich');
      expect(failed.map((l) => l.address)).to.deep.equal(Array(5).fill('127.0.0.1'));
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=1)', () => {
    let server: TestServer;
    before(async () => {
      await resetWithDemo(database);
      server = await startServer(database, undefined, { app: { trustProxy: 1 } });
    });
    after(async () => server.stop());

    it('the address is the one the proxy reports: another client address has its own count', async () => {
      for (let i = 0; i < 5; i++) {
        const c = await loginPage(server.base, { 'x-forwarded-for': '203.0.113.1' });
        expect((await c.post('/dang-nhap', { username: 'bithu', password: 'sai-' + i })).status).to.equal(422);
      }
      const same = await loginPage(server.base, { 'x-forwarded-for': '203.0.113.1' });
      expect((await same.post('/dang-nhap', { username: 'bithu', password: DEMO_PASSWORD })).status).to.equal(429);
      const other = await loginPage(server.base, { 'x-forwarded-for': '203.0.113.2' });
      expect((await other.post('/dang-nhap', { username: 'bithu', password: DEMO_PASSWORD })).status).to.equal(303);
    });

    it('guessing spread over many addresses is stopped by the account limit, but the owner at a browser used before still gets in', async () => {
      const owner = await loginPage(server.base, { 'x-forwarded-for': '192.0.2.10' });
      expect((await owner.post('/dang-nhap', { username: 'thuky.dangu', password: DEMO_PASSWORD })).status).to.equal(303);
      expect(owner.cookie('hop.dev')).to.match(/^\d+\./);
      await owner.get('/'); // the new session's CSRF token
      expect((await owner.post('/dang-xuat', {})).status).to.equal(303);
      for (let i = 0; i < THROTTLE_RULES.account.free; i++) {
        const c = await loginPage(server.base, { 'x-forwarded-for': `198.51.100.${i + 1}` });
        expect((await c.post('/dang-nhap', { username: 'thuky.dangu', password: 'sai-' + i })).status).to.equal(422);
      }
      // A new address, with the right password but no device cookie: the account is in back-off.
      const stranger = await loginPage(server.base, { 'x-forwarded-for': '198.51.100.200' });
      expect((await stranger.post('/dang-nhap', { username: 'thuky.dangu', password: DEMO_PASSWORD })).status).to.equal(429);
      // The owner's own browser (its device cookie), even from a new address, is not held back by the attacker.
      owner.headers = { 'x-forwarded-for': '192.0.2.99' };
      await owner.get('/dang-nhap');
      expect((await owner.post('/dang-nhap', { username: 'thuky.dangu', password: DEMO_PASSWORD })).status).to.equal(303);
      // A forged or foreign device cookie is just no device cookie.
      const forger = await loginPage(server.base, { 'x-forwarded-for': '198.51.100.201' });
      const forged = owner.cookie('hop.dev')!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
      const res = await fetch(server.base + '/dang-nhap', {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.201', cookie: `${forger.cookieHeader()}; hop.dev=${forged}` },
        body: new URLSearchParams({ _csrf: forger.csrf, username: 'thuky.dangu', password: DEMO_PASSWORD }),
      });
      expect(res.status).to.equal(429);
    });
  });
});
