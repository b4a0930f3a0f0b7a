// An acknowledged vote is never lost: the real server (tsx server/index.ts) takes a burst of electronic ballots,
// is killed with SIGKILL in the middle of it, restarts on the same data, and every ballot it acknowledged (HTTP 303,
// sent only after COMMIT) is there. The same for a secret electronic vote at the same time: every acknowledged
// voter has a receipt and the 'ballots' tally equals the number of receipts (counted once, none half-written).
// PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (in a database of its own, so the shared test
// database is untouched).
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import { ballotReceipts, motions } from '../../models/schema.ts';
import { tallyKeysOf } from '../../server/domain/ballots.ts';
import { createSecretTallies, secretTalliesOf } from '../../server/repositories/votes.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { seedDemo } from '../../server/seed/seed.ts';
import { Client } from '../support/http.ts';
import { TEST_HASH_COST } from '../support/db.ts';
import { meetingInSession, memberAccount } from '../services/votes-fixture.ts';

const VOTERS = 26;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const port = (s.address() as net.AddressInfo).port; s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  return freePort().then((port) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', NODE_ENV: 'development' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('server did not start: ' + out)); }, 30000);
    child.stdout!.on('data', (d) => { out += d; if (out.includes('đang chạy')) { clearTimeout(timer); resolve({ child, base: `http://127.0.0.1:${port}` }); } });
    child.stderr!.on('data', (d) => { out += d; });
    child.on('exit', () => { clearTimeout(timer); reject(new Error('server exited: ' + out)); });
  }));
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

async function prepare(database: Database) {
  const { communeId } = await seedDemo(database, { hashCost: TEST_HASH_COST });
  const fx = await meetingInSession(database, communeId, 'HĐND', '2026-11-22', 'all');
  const [v] = await database.db.insert(motions).values({ communeId, bodyId: fx.bodyId, meetingId: fx.meetingId, title: 'Biểu quyết chịu lỗi', kind: 'resolution', method: 'electronic', status: 'open', openedAt: new Date() }).returning();
  const [k] = await database.db.insert(motions).values({ communeId, bodyId: fx.bodyId, meetingId: fx.meetingId, title: 'Bỏ phiếu kín chịu lỗi', kind: 'resolution', method: 'electronic_secret', status: 'open', openedAt: new Date() }).returning();
  await createSecretTallies(database.db, k!.id, tallyKeysOf(null));
  const users = [];
  for (const personId of fx.present.slice(0, VOTERS)) users.push({ personId, username: await memberAccount(database, communeId, personId) });
  return {
    url: `/xa/${communeId}/hop/${fx.meetingId}/bieu-quyet/${v!.id}/phieu`, motionId: v!.id, users, names: new Map(fx.members.map((x) => [x.personId, x.name])),
    secretUrl: `/xa/${communeId}/hop/${fx.meetingId}/bieu-quyet/${k!.id}/phieu`, secretMotionId: k!.id,
  };
}

async function burstAndKill(env: Record<string, string>, setup: { url: string; secretUrl: string; users: { personId: number; username: string }[] }) {
  const first = await startServer(env);
  const clients = [];
  for (const u of setup.users) {
    const c = new Client(first.base);
    const r = await c.login(u.username);
    if (r.status !== 303) throw new Error('login failed ' + u.username);
    await c.get(setup.url);
    clients.push({ ...u, c });
  }
  const acked: number[] = [];
  const ackedSecret: number[] = [];
  let killed = false;
  const killAfter = Math.floor(setup.users.length / 2);
  await Promise.all(clients.map(async ({ personId, c }, i) => {
    await new Promise((r) => setTimeout(r, i * 3)); // a burst, not one packet
    try {
      // The secret ballot first, the named one right after: the kill lands while both kinds are in flight.
      const secret = c.post(setup.secretUrl, { choice: i % 2 ? 'for' : 'against' }).then((r) => { if (r.status === 303) ackedSecret.push(personId); }, () => {});
      const r = await c.post(setup.url, { choice: 'for' });
      if (r.status === 303) acked.push(personId);
      if (acked.length >= killAfter && !killed) { killed = true; first.child.kill('SIGKILL'); }
      await secret;
    } catch { /* the server died under this request: not acknowledged */ }
  }));
  if (!killed) first.child.kill('SIGKILL');
  await exited(first.child);
  return { acked, ackedSecret };
}

/** After the restarted server stopped: every acknowledged secret voter has a receipt, and the tallies count each receipt once. */
async function checkSecretCounts(open: () => Promise<Database>, motionId: number, ackedSecret: number[]) {
  const database = await open();
  try {
    const receipts = (await database.db.select().from(ballotReceipts).where(eq(ballotReceipts.motionId, motionId))).map((r) => r.personId);
    expect(ackedSecret.length, 'some secret ballots acknowledged before the kill').to.be.greaterThan(0);
    expect(ackedSecret.filter((id) => !receipts.includes(id)), 'acknowledged secret ballots lost').to.deep.equal([]);
    const tallies = await secretTalliesOf(database.db, motionId);
    expect(tallies.get('ballots'), "'ballots' tally == receipts").to.equal(receipts.length);
    expect((tallies.get('for') ?? 0) + (tallies.get('against') ?? 0) + (tallies.get('abstain') ?? 0)).to.equal(receipts.length);
  } finally {
    await database.close();
  }
}

async function checkAfterRestart(env: Record<string, string>, setup: { url: string; names: Map<number, string> }, acked: number[]) {
  // Restart on the same data: it must come up (the dead process's lock released, recovery done) and show every
  // acknowledged ballot on the motion's page, each person once (read through the app: no second open of the data).
  const again = await startServer(env);
  try {
    const sec = new Client(again.base);
    expect((await sec.login('thuky')).status).to.equal(303);
    const page = await sec.get(setup.url.replace(/\/phieu$/, ''));
    expect(page.status).to.equal(200);
    const listed = [...page.text.matchAll(/<li>([^<:]+): <strong>Tán thành<\/strong><\/li>/g)].map((m) => m[1]!.trim());
    expect(acked.length).to.be.greaterThan(0);
    expect(acked.map((id) => setup.names.get(id)).filter((n) => !listed.includes(n!)), 'acknowledged ballots lost').to.deep.equal([]);
    expect(new Set(listed).size).to.equal(listed.length);
  } finally {
    again.child.kill('SIGTERM');
    await exited(again.child);
  }
}

describe('reliability — SIGKILL in the middle of a burst of votes', function () {
  this.timeout(150000); // two server starts (tsx + PGlite recovery) and a setup; ~20 s on an idle machine

  it('PGlite: every acknowledged ballot is there after restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'votes-kill-'));
    try {
      const setupDb = await openDatabase({ dataDir: dir });
      const setup = await prepare(setupDb);
      await setupDb.close();
      const env = { DATA_DIR: dir, DATABASE_URL: '' };
      const { acked, ackedSecret } = await burstAndKill(env, setup);
      await checkAfterRestart(env, setup, acked);
      await checkSecretCounts(() => openDatabase({ dataDir: dir }), setup.secretMotionId, ackedSecret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: every acknowledged ballot is there after restart', async function () {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return this.skip();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS commune_sigkill');
    await admin.query('CREATE DATABASE commune_sigkill');
    const own = url.replace(/\/[^/]*$/, '/commune_sigkill');
    try {
      const setupDb = await openDatabase({ databaseUrl: own });
      const setup = await prepare(setupDb);
      await setupDb.close();
      const env = { DATABASE_URL: own };
      const { acked, ackedSecret } = await burstAndKill(env, setup);
      await checkAfterRestart(env, setup, acked);
      await checkSecretCounts(() => openDatabase({ databaseUrl: own }), setup.secretMotionId, ackedSecret);
    } finally {
      await admin.query('DROP DATABASE IF EXISTS commune_sigkill WITH (FORCE)').catch(() => {});
      await admin.end();
    }
  });
});
