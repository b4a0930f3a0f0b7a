// npm run bench:votes — 500 members of one body vote electronically at once against a real PostgreSQL (a
// throwaway one through scripts/with-postgres.sh when DATABASE_URL is not set), through the real server in
// production mode in a second process. Prints the recorded count, p50/p99 latency of the acknowledged ballots and
// the time from the last acknowledgement until the live view (Server-Sent Events) shows the final count.
// BENCH_METHOD=electronic_secret runs the same burst as a secret vote: its ballots update the motion's running
// tallies one after another (they share the tally rows), and `recorded` is the 'ballots' tally, checked against
// the receipts. Ends with one line `BENCH {json}`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import { count, eq, sql } from 'drizzle-orm';
import { accountRoles, accounts, attendanceEvents, ballotReceipts, bodies, meetings, memberships, motions, namedBallots, people, terms } from '../models/schema.ts';
import { tallyKeysOf } from '../server/domain/ballots.ts';
import { createSecretTallies, secretTalliesOf } from '../server/repositories/votes.ts';
import { openDatabase } from '../server/db/database.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { hashPassword } from '../server/services/passwords.ts';
import { Client } from '../test/support/http.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS || 500);
const COST = { N: 2 ** 10, r: 8, p: 1 };
const DAY = '2026-11-22';
const METHOD = process.env.BENCH_METHOD === 'electronic_secret' ? 'electronic_secret' as const : 'electronic' as const;

if (!process.env.DATABASE_URL) {
  const child = spawn('scripts/with-postgres.sh', [process.execPath, '--import', 'tsx', 'bench/votes.ts'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  main().catch((err) => { console.error(err); process.exit(1); });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
}

async function setup(url: string) {
  const database = await openDatabase({ databaseUrl: url, migrate: false });
  await database.db.execute(sql.raw('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;'));
  await database.close();
  const db2 = await openDatabase({ databaseUrl: url });
  const { communeId } = await seedDemo(db2, { hashCost: COST });
  const hash = await hashPassword('bench-password', COST);
  const ids = await db2.transaction(async (tx) => {
    // A merged council keeps every old deputy: a body of 500 members (DOMAIN.md §1).
    const [body] = await tx.insert(bodies).values({ communeId, kind: 'people_council', name: 'Hội đồng nhân dân xã (hợp nhất)', shortName: 'HĐND-HN' }).returning();
    const [term] = await tx.insert(terms).values({ bodyId: body!.id, name: 'Khóa I, nhiệm kỳ 2026 - 2031', startDate: '2026-03-25', endDate: '2031-06-30' }).returning();
    const ppl = await tx.insert(people).values(Array.from({ length: MEMBERS }, (_, i) => ({ communeId, fullName: `Đại biểu số ${i + 1}`, gender: i % 2 ? 'nữ' : 'nam' }))).returning();
    await tx.insert(memberships).values(ppl.map((p, i) => ({ bodyId: body!.id, personId: p.id, position: 'Đại biểu HĐND', role: i === 0 ? 'head' as const : 'member' as const, startDate: '2026-03-25' })));
    const accs = await tx.insert(accounts).values(ppl.map((p, i) => ({ username: `db${i + 1}`, displayName: p.fullName, passwordHash: hash, communeId, personId: p.id }))).returning();
    await tx.insert(accountRoles).values(accs.map((a) => ({ accountId: a.id, role: 'member' as const, bodyId: null })));
    const [sec] = await tx.insert(accounts).values({ username: 'thuky.bench', displayName: 'Thư ký', passwordHash: hash, communeId }).returning();
    await tx.insert(accountRoles).values({ accountId: sec!.id, role: 'secretary', bodyId: body!.id });
    const [m] = await tx.insert(meetings).values({ communeId, bodyId: body!.id, termId: term!.id, kind: 'regular', date: DAY, startTime: '08:00', place: 'Hội trường', chairPersonId: ppl[0]!.id, status: 'in_session' }).returning();
    await tx.insert(attendanceEvents).values(ppl.map((p) => ({ meetingId: m!.id, personId: p.id, status: 'present' as const, at: new Date(`${DAY}T00:50:00Z`) })));
    const [v] = await tx.insert(motions).values({ communeId, bodyId: body!.id, meetingId: m!.id, title: 'Nghị quyết (bench)', kind: 'resolution', method: METHOD, status: 'open', openedAt: new Date() }).returning();
    if (METHOD === 'electronic_secret') await createSecretTallies(tx, v!.id, tallyKeysOf(null));
    return { communeId, meetingId: m!.id, motionId: v!.id };
  });
  return { db: db2, ...ids };
}

function startServer(url: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []; // a CPU profile of the server
    const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', SEED_DEMO: '0', SECURE_COOKIES: '0', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d) => { if (String(d).includes('đang chạy')) resolve(child); });
    child.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
}

async function main() {
  const url = process.env.DATABASE_URL!;
  const s = await setup(url);
  const port = await freePort();
  const server = await startServer(url, port);
  const base = `http://127.0.0.1:${port}`;
  const path = `/xa/${s.communeId}/hop/${s.meetingId}/bieu-quyet/${s.motionId}/phieu`;
  try {
    // Every member logs in and opens the ballot page (cookie + CSRF token), as they would before the vote.
    const users: { cookie: string; csrf: string }[] = [];
    for (let i = 0; i < MEMBERS; i += 50) {
      users.push(...await Promise.all(Array.from({ length: Math.min(50, MEMBERS - i) }, async (_, j) => {
        const c = new Client(base);
        const r = await c.login(`db${i + j + 1}`, 'bench-password');
        if (r.status !== 303) throw new Error('login failed');
        await c.get(path);
        return { cookie: c.cookieHeader(), csrf: c.csrf };
      })));
    }
    // The projector's stream, as the secretary.
    const sec = new Client(base);
    await sec.login('thuky.bench', 'bench-password');
    const ctrl = new AbortController();
    let liveAt = 0;
    let lastAck = 0;
    const stream = await fetch(`${base}/xa/${s.communeId}/hop/${s.meetingId}/su-kien`, { headers: { cookie: sec.cookieHeader() }, signal: ctrl.signal });
    const reader = stream.body!.getReader();
    const seenFinal = (async () => {
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buf += dec.decode(value, { stream: true });
        for (const m of buf.matchAll(/data: (\{"cast":(\d+)[^\n]*)/g)) if (Number(m[2]) >= MEMBERS && !liveAt) liveAt = performance.now();
        if (liveAt) return;
        buf = buf.slice(-400);
      }
    })();

    // The server's CPU time (user + system, from /proc) over the burst: a figure that machine load distorts less than latency.
    const cpuTicks = () => { try { const f = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); } catch { return NaN; } };
    const cpu0 = cpuTicks();
    let next = 0;
    const result: any = await new Promise((resolve, reject) => {
      const inst = autocannon({
        url: base, connections: MEMBERS, amount: MEMBERS, timeout: 30,
        requests: [{
          method: 'POST', path,
          setupRequest: (req: any) => {
            const u = users[next++ % MEMBERS]!;
            return { ...req, headers: { cookie: u.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(u.csrf)}&choice=for` };
          },
        }],
      }, (err: unknown, res: unknown) => (err ? reject(err) : resolve(res)));
      inst.on('response', () => { lastAck = performance.now(); });
    });
    const serverCpuMs = (cpuTicks() - cpu0) * 10; // USER_HZ = 100
    await Promise.race([seenFinal, new Promise((r) => setTimeout(r, 10000))]);
    ctrl.abort();
    let recorded: number;
    let receipts: number | null = null;
    if (METHOD === 'electronic_secret') {
      recorded = (await secretTalliesOf(s.db.db, s.motionId)).get('ballots') ?? 0;
      receipts = Number((await s.db.db.select({ n: count() }).from(ballotReceipts).where(eq(ballotReceipts.motionId, s.motionId)))[0]!.n);
    } else {
      recorded = Number((await s.db.db.select({ n: count() }).from(namedBallots).where(eq(namedBallots.motionId, s.motionId)))[0]!.n);
    }
    const out = {
      expected: MEMBERS, recorded, acknowledged: result['3xx'] ?? 0, errors: result.errors + (result['4xx'] ?? 0) + (result['5xx'] ?? 0),
      p50_ms: result.latency.p50, p99_ms: result.latency.p99, max_ms: result.latency.max,
      live_view_ms: liveAt ? Math.max(0, Math.round(liveAt - lastAck)) : null, server_cpu_ms_per_vote: Number.isFinite(serverCpuMs) ? Math.round((serverCpuMs / MEMBERS) * 10) / 10 : null, load_average: Number((await import("node:os")).loadavg()[0].toFixed(1)), connections: MEMBERS, database: 'postgresql', method: METHOD, ...(receipts !== null ? { receipts } : {}),
    };
    console.log(`Đã ghi nhận ${recorded}/${MEMBERS} phiếu; độ trễ p50 ${out.p50_ms} ms, p99 ${out.p99_ms} ms; màn hình trực tiếp hiện số cuối sau ${out.live_view_ms} ms.`);
    console.log('BENCH ' + JSON.stringify(out));
  } finally {
    server.kill('SIGTERM');
    await s.db.close();
  }
}
