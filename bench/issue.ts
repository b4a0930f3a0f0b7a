// bench:issue — 1,000 concurrent issuances through the issuance service (not HTTP), then the register is
// checked for duplicate and missing numbers. PGlite in memory by default; `--postgres` runs on a throwaway
// PostgreSQL through scripts/with-postgres.sh (or on DATABASE_URL when it is set and empty). The numbering
// transaction is the real one; rendering and signing are replaced by a stand-in unless `--full`, and a
// small sample of full issuances (render + QR + PAdES signature) is timed separately. Ends with
// `BENCH {json}`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { accounts, bodies, documentVersions, officialDocuments, registerEntries } from '../models/schema.ts';
import { openDatabase, type Database } from '../server/db/database.ts';
import { checkRegisterSequence } from '../server/domain/numbering.ts';
import { isEmpty, seedDemo } from '../server/seed/seed.ts';
import { createServices, type Clock } from '../server/services/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const N = opt('n', 1000);
const SAMPLE = opt('sample', 10);
const FULL = flag('full');

if (flag('postgres') && !process.env.DATABASE_URL) {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/with-postgres.sh'), process.execPath, '--import', 'tsx', path.join(ROOT, 'bench/issue.ts'), ...args],
    { stdio: 'inherit', env: { ...process.env, BENCH_THROWAWAY_DB: '1' } });
  process.exit(r.status ?? 1);
}

const clock: Clock = { now: () => new Date(), today: () => '2026-11-22' };

async function open(): Promise<Database> {
  const url = process.env.DATABASE_URL || null;
  if (!url) return openDatabase({ dataDir: 'memory' });
  if (process.env.BENCH_THROWAWAY_DB === '1') {
    const bare = await openDatabase({ databaseUrl: url, migrate: false });
    await bare.db.execute(sql.raw('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;'));
    await bare.close();
  }
  return openDatabase({ databaseUrl: url, poolSize: 10 });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

async function main() {
  const database = await open();
  if (!(await isEmpty(database))) throw new Error('La base de données doit être vide — use an empty database or --postgres for a throwaway one.');
  const { communeId } = await seedDemo(database, { hashCost: { N: 1024, r: 8, p: 1 } });
  const [office] = await database.db.select().from(accounts).where(eq(accounts.username, 'vanphong'));
  const ubnd = (await database.db.select().from(bodies).where(eq(bodies.communeId, communeId))).find((b) => b.shortName === 'UBND')!;
  const full = createServices(database, { clock, signoff: { signingSecret: 'bench-secret-bench-secret-0123' } });
  const light = createServices(database, {
    clock,
    signoff: {
      signingSecret: 'bench-secret-bench-secret-0123',
      issuance: FULL ? {} : { withoutCertificate: true, render: async (c) => { const b = Buffer.from(`%PDF-stand-in ${c.numberSymbol}`); return { pdf: b, signedPdf: b, docx: b }; } },
    },
  });
  const p = (await full.accounts.loadPrincipal(office!.id))!;

  // A real document text from the template, then N + SAMPLE signed documents inserted in bulk.
  const chutich = (await database.db.select().from(accounts).where(eq(accounts.username, 'chutich')))[0]!;
  const draft = await full.documents.create(p, communeId, { bodyId: String(ubnd.id), templateKey: 'ubnd-quyet-dinh-phan-cong' });
  const text = (await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, draft.id)))[0]!.text;
  const make = async (count: number) => {
    const ids: number[] = [];
    for (let start = 0; start < count; start += 500) {
      const rows = await database.db.insert(officialDocuments).values(Array.from({ length: Math.min(500, count - start) }, () => ({
        communeId, bodyId: ubnd.id, templateKey: 'ubnd-quyet-dinh-phan-cong', family: 'state', typeCode: 'QĐ', typeName: 'QUYẾT ĐỊNH',
        subject: draft.subject, status: 'signed' as const, currentVersion: 1, signedVersion: 1, signedBy: chutich.id, createdBy: office!.id,
      }))).returning({ id: officialDocuments.id });
      await database.db.insert(documentVersions).values(rows.map((r) => ({ documentId: r.id, version: 1, text, createdBy: office!.id })));
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  };
  const ids = await make(N);
  const sampleIds = await make(SAMPLE);

  const latencies: number[] = [];
  const t0 = performance.now();
  const results = await Promise.allSettled(ids.map(async (id) => {
    const t = performance.now();
    await light.issuance.issue(p, communeId, id, {});
    latencies.push(performance.now() - t);
  }));
  const seconds = (performance.now() - t0) / 1000;
  const failed = results.filter((r) => r.status === 'rejected');

  // The full path (render, QR, signature and seal, PAdES), sequentially, for the time one issuance takes.
  const fullTimes: number[] = [];
  for (const id of sampleIds) {
    const t = performance.now();
    await full.issuance.issue(p, communeId, id, {});
    fullTimes.push(performance.now() - t);
  }

  const rows = await database.db.select({ n: registerEntries.number, key: registerEntries.seriesKey }).from(registerEntries).where(eq(registerEntries.communeId, communeId));
  const check = checkRegisterSequence(rows.map((r) => r.n));
  const seriesKeys = new Set(rows.map((r) => r.key));
  latencies.sort((a, b) => a - b);
  fullTimes.sort((a, b) => a - b);
  const result = {
    database: database.kind,
    issued: N - failed.length,
    failed: failed.length,
    register_rows: rows.length,
    series: seriesKeys.size,
    duplicates: check.duplicates.length,
    gaps: check.gaps.length,
    highest: Math.max(...rows.map((r) => r.n)),
    seconds: Number(seconds.toFixed(2)),
    per_second: Math.round((N - failed.length) / seconds),
    p50_ms: Math.round(percentile(latencies, 50)),
    p99_ms: Math.round(percentile(latencies, 99)),
    render: FULL ? 'full' : 'stand-in',
    full_issue_ms_p50: Math.round(percentile(fullTimes, 50)),
    full_samples: fullTimes.length,
  };
  console.log('');
  console.log('bench:issue — concurrent issuances through the service');
  for (const [k, v] of Object.entries(result)) console.log(`  ${k.padEnd(20)} ${v}`);
  if (failed.length) console.log('  first failure:', String((failed[0] as PromiseRejectedResult).reason));
  console.log(`BENCH ${JSON.stringify(result)}`);
  await database.close();
  if (result.duplicates || result.gaps || failed.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
