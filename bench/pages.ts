// npm run bench:pages — the meeting page (≈ 30 members, 20 agenda items) as a logged-in secretary, in
// production mode against PostgreSQL, beside a bare Express + EJS page sending the same HTML from memory;
// then again after `seedScale` added 100 communes × 10 years. Without DATABASE_URL a throwaway
// PostgreSQL is started through scripts/with-postgres.sh (and stopped). Ends with one line `BENCH {json}`.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import { sql, eq, and } from 'drizzle-orm';
import express from 'express';
import ejs from 'ejs';
import { openDatabase } from '../server/db/database.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { createServices } from '../server/services/index.ts';
import { createApp } from '../server/app.ts';
import { agendaItems, attendanceEvents, bodies, meetings, memberships, terms } from '../models/schema.ts';
import { DEMO_PASSWORD } from '../server/seed/demo-data.ts';
import { seedScale } from './seed-scale.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS || 10);

async function serve(mode: 'app' | 'bare') {
  // Child process: the server under load, in production mode; prints its port.
  const url = process.env.DATABASE_URL!;
  if (mode === 'bare') {
    const html = process.env.BENCH_HTML_FILE ? (await import('node:fs')).readFileSync(process.env.BENCH_HTML_FILE, 'utf8') : '';
    const app = express();
    app.set('view cache', true);
    const page = ejs.compile('<%- html %>', { cache: true, filename: 'bare.ejs' });
    app.get('/page', (_req, res) => { res.type('html').send(page({ html })); });
    const s = app.listen(0, '127.0.0.1', () => console.log(`PORT ${(s.address() as any).port}`));
    return;
  }
  const database = await openDatabase({ databaseUrl: url, migrate: false, poolSize: 20 });
  const services = createServices(database);
  const { app } = createApp(services, { sessionSecret: 'bench-secret-bench-secret-bench-secret', secureCookies: false, production: true, log: () => {} });
  const s = app.listen(0, '127.0.0.1', () => console.log(`PORT ${(s.address() as any).port}`));
  process.on('SIGTERM', () => process.exit(0)); // lets --cpu-prof (BENCH_PROF=dir) write its profile
}

function startChild(mode: 'app' | 'bare', env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const prof = process.env.BENCH_PROF && mode === 'app' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
    const child = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(ROOT, 'bench/pages.ts'), '--serve', mode], {
      env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret', ...env }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d: Buffer) => { const m = /PORT (\d+)/.exec(d.toString()); if (m) resolve({ child, port: Number(m[1]) }); });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

async function login(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => { for (const c of r.headers.getSetCookie()) { const [p] = c.split(';'); const i = p!.indexOf('='); jar.set(p!.slice(0, i), p!.slice(i + 1)); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${base}/dang-nhap`); keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const r = await fetch(`${base}/dang-nhap`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, username: 'thuky', password: DEMO_PASSWORD }) });
  keep(r);
  if (r.status !== 303) throw new Error(`log-in failed: ${r.status}`);
  return cookie();
}

/** CPU time (user + system, ms) a process has used, from /proc: a figure that machine load distorts less than latency. */
function cpuMs(pid: number | undefined): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100
  } catch {
    return NaN;
  }
}

async function load(url: string, headers: Record<string, string> = {}, pid?: number) {
  await autocannon({ url, connections: 10, duration: 2, headers }); // warm-up
  const c0 = cpuMs(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const cpu = cpuMs(pid) - c0;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, cpuPerReq: Number.isFinite(cpu) && r.requests.total ? Math.round((cpu / r.requests.total) * 100) / 100 : null };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // A throwaway PostgreSQL 15 for the run, stopped afterwards by the script.
    const child = spawn(path.join(ROOT, 'scripts/with-postgres.sh'), [process.execPath, '--import', 'tsx', path.join(ROOT, 'bench/pages.ts')], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  const t0 = Date.now();
  const setup = await openDatabase({ databaseUrl: url, migrate: false });
  await setup.db.execute(sql.raw('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;'));
  await setup.close();
  const database = await openDatabase({ databaseUrl: url });
  if (process.env.BENCH_PG_LOG_MS) await database.db.execute(sql.raw(`ALTER DATABASE commune SET log_min_duration_statement = ${Number(process.env.BENCH_PG_LOG_MS)}`));
  const { communeId } = await seedDemo(database);
  // The benchmarked meeting: an HĐND session with the whole council checked in and 20 agenda items.
  const [hdnd] = await database.db.select().from(bodies).where(and(eq(bodies.communeId, communeId), eq(bodies.shortName, 'HĐND')));
  const [term] = await database.db.select().from(terms).where(eq(terms.bodyId, hdnd!.id));
  const members = await database.db.select().from(memberships).where(eq(memberships.bodyId, hdnd!.id));
  const [m] = await database.db.insert(meetings).values({ communeId, bodyId: hdnd!.id, termId: term!.id, kind: 'regular', date: '2026-07-10', startTime: '07:30', place: 'Hội trường UBND xã', chairPersonId: members[0]!.personId, status: 'in_session' }).returning();
  await database.db.insert(agendaItems).values(Array.from({ length: 20 }, (_, i) => ({ meetingId: m!.id, position: i + 1, title: `Nội dung số ${i + 1}: báo cáo, tờ trình và dự thảo nghị quyết về kinh tế - xã hội`, kind: 'report' as const, presenter: 'UBND xã', durationMinutes: 30 })));
  await database.db.insert(attendanceEvents).values(members.map((x) => ({ meetingId: m!.id, personId: x.personId, status: 'present' as const, at: new Date('2026-07-10T00:45:00Z') })));
  const pagePath = `/xa/${communeId}/hop/${m!.id}`;
  console.log(`Dữ liệu mẫu sẵn sàng (${Date.now() - t0} ms); trang: ${pagePath} (${members.length} đại biểu, 20 nội dung)`);

  const app1 = await startChild('app');
  const base = `http://127.0.0.1:${app1.port}`;
  const cookie = await login(base);
  const html = await (await fetch(base + pagePath, { headers: { cookie } })).text();
  if (!html.includes('đại biểu có mặt')) throw new Error('meeting page did not render');
  const htmlFile = path.join((await import('node:os')).tmpdir(), `bench-page-${process.pid}.html`);
  (await import('node:fs')).writeFileSync(htmlFile, html);
  const demo = await load(base + pagePath, { cookie }, app1.child.pid);
  console.log(`Trang cuộc họp (dữ liệu mẫu):   ${demo.rps} req/s, p50 ${demo.p50} ms, p99 ${demo.p99} ms, CPU máy chủ ${demo.cpuPerReq} ms/yêu cầu`);
  const bareSrv = await startChild('bare', { BENCH_HTML_FILE: htmlFile });
  const bare = await load(`http://127.0.0.1:${bareSrv.port}/page`, {}, bareSrv.child.pid);
  bareSrv.child.kill();
  console.log(`Trang Express + EJS trần:       ${bare.rps} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms, CPU ${bare.cpuPerReq} ms/yêu cầu (${html.length} byte)`);
  app1.child.kill();
  if (process.env.BENCH_PROF || process.env.BENCH_DEMO_ONLY) { await new Promise((r) => setTimeout(r, 1500)); process.exit(0); } // profiling: the demo data only

  console.log('Tạo dữ liệu lớn (100 xã × 10 năm)...');
  const big = await seedScale(database, { communes: 100, years: 10, log: console.log });
  await database.close();
  const app2 = await startChild('app');
  const base2 = `http://127.0.0.1:${app2.port}`;
  const cookie2 = await login(base2);
  const large = await load(base2 + pagePath, { cookie: cookie2 }, app2.child.pid);
  app2.child.kill();
  console.log(`Trang cuộc họp (dữ liệu lớn):   ${large.rps} req/s, p50 ${large.p50} ms, p99 ${large.p99} ms`);
  const ratio = Math.round((demo.rps / bare.rps) * 1000) / 1000;
  const growth = Math.round((large.p99 / Math.max(1, demo.p99)) * 100) / 100;
  console.log(`Tỷ lệ so với trang trần: ${(ratio * 100).toFixed(1)} % (mục tiêu ≥ 35 %); p99 ${demo.p99} ms (mục tiêu ≤ 50 ms); dữ liệu lớn/mẫu: ${growth}× (mục tiêu ≤ 1,2×)`);
  console.log('BENCH ' + JSON.stringify({
    connections: CONNECTIONS, seconds: DURATION, page_rps: demo.rps, page_p50_ms: demo.p50, page_p99_ms: demo.p99, bare_rps: bare.rps, bare_p99_ms: bare.p99,
    ratio_to_bare: ratio, large_page_rps: large.rps, large_page_p99_ms: large.p99, growth_p99: growth,
    page_server_cpu_ms: demo.cpuPerReq, bare_server_cpu_ms: bare.cpuPerReq, large_page_server_cpu_ms: large.cpuPerReq, load_average: Number(os.loadavg()[0]!.toFixed(1)), large_meetings: big.meetings, large_seed_ms: big.ms,
  }));
  process.exit(0);
}

if (process.argv[2] === '--serve') await serve(process.argv[3] as 'app' | 'bare');
else await main();
