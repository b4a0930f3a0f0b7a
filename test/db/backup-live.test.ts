// `npm run backup` while the real app runs and writes (PGlite: the app writes the backup itself, asked through
// DATA_DIR/control.sock; PostgreSQL: the command reads one REPEATABLE READ snapshot), then `npm run restore` into
// a new place, a backup of that, and byte-identical manifests. The backup is consistent: every write made a row
// and its audit row in one transaction, and the backup has as many of one as of the other.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import { agendaItems, bodies, meetings } from '../../models/schema.ts';
import { openDatabase } from '../../server/db/database.ts';
import { seedDemo } from '../../server/seed/seed.ts';
import { TEST_HASH_COST } from '../support/db.ts';
import { Client, loggedIn } from '../support/http.ts';
import { runScript, startApp, type AppProcess } from '../support/processes.ts';
import { backupRows, readManifestFile, throwawayPostgres } from '../support/backup.ts';

const WRITER_NAME = 'Người ghi thử';

/** Seeds the demo into a database and names the draft UBND meeting's first agenda item (uploads go there). */
async function prepare(open: { dataDir?: string; databaseUrl?: string }) {
  const database = await openDatabase(open);
  try {
    const { communeId } = await seedDemo(database, { hashCost: TEST_HASH_COST });
    const [row] = await database.db.select({ meetingId: meetings.id, itemId: agendaItems.id }).from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId)).innerJoin(agendaItems, eq(agendaItems.meetingId, meetings.id))
      .where(and(eq(bodies.shortName, 'UBND'), eq(meetings.status, 'draft'))).orderBy(agendaItems.position).limit(1);
    return { communeId, meetingId: row!.meetingId, itemId: row!.itemId };
  } finally {
    await database.close();
  }
}

/** Adds people and uploads through the app, one after another, until stopped; counts what was acknowledged. */
function startWriter(app: AppProcess, place: { communeId: number; meetingId: number; itemId: number }) {
  const state = { acked: 0, stop: false, errors: [] as string[], done: Promise.resolve() };
  state.done = (async () => {
    const admin = await loggedIn(app.base, 'admin.tanuyen');
    const office = await loggedIn(app.base, 'vanphong');
    for (let i = 1; !state.stop; i++) {
      await admin.get(`/xa/${place.communeId}/nhan-su/moi`);
      const r = await admin.post(`/xa/${place.communeId}/nhan-su`, { fullName: `${WRITER_NAME} ${i}`, gender: i % 2 ? 'nam' : 'nữ', birthYear: '1980' });
      if (r.status !== 303) state.errors.push(`person ${i}: ${r.status}`);
      else state.acked++;
      const u = await upload(app.base, office, `/xa/${place.communeId}/hop/${place.meetingId}/chuong-trinh/${place.itemId}/tai-lieu`, Buffer.from(`%PDF-1.4\n% ${i}\n%%EOF\n`));
      if (u !== 303) state.errors.push(`upload ${i}: ${u}`);
      else state.acked++;
    }
  })().catch((err) => { state.errors.push(String(err)); });
  return state;
}

async function upload(base: string, c: Client, url: string, content: Buffer): Promise<number> {
  await c.get(url.replace(/\/chuong-trinh\/.*$/, ''));
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(content)]), 'Tờ trình.pdf');
  const res = await fetch(`${base}${url}?_csrf=${encodeURIComponent(c.csrf)}`, {
    method: 'POST', body: fd, redirect: 'manual', headers: { cookie: c.cookieHeader(), accept: 'text/html' },
  });
  await res.text();
  return res.status;
}

/** Writes go on before, during and after the backup; returns the backup command's run. */
async function backupWhileWriting(app: AppProcess, place: Awaited<ReturnType<typeof prepare>>, out: string, env: Record<string, string>) {
  const writer = startWriter(app, place);
  try {
    while (writer.acked < 4 && !writer.errors.length) await sleep(20);
    const run = await runScript('server/cli/backup.ts', ['--out', out], env);
    const after = writer.acked;
    while (writer.acked < after + 4 && !writer.errors.length) await sleep(20); // the app goes on answering
    return { run, ackedDuringRun: after };
  } finally {
    writer.stop = true;
    await writer.done;
    expect(writer.errors, 'every write acknowledged').to.deep.equal([]);
  }
}

/** The backup is one consistent state: each person and upload of the writer comes with its audit row, and its file. */
function expectConsistent(dir: string) {
  const people = backupRows(dir, 'people').filter((p) => p.full_name!.startsWith(WRITER_NAME));
  const audit = backupRows(dir, 'audit_log');
  const versions = backupRows(dir, 'attachment_versions');
  expect(people.length, 'some writes are in the backup').to.be.greaterThan(0);
  expect(audit.filter((a) => a.action === 'person.create').length).to.equal(people.length);
  expect(audit.filter((a) => a.action === 'attachment.upload').length).to.equal(versions.length);
  const uploads = readManifestFile(dir).uploads;
  for (const v of versions) expect(uploads[v.stored_name!]?.sha256, v.stored_name!).to.equal(v.sha256);
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'backup-info.json'), 'utf8')).warnings).to.deep.equal([]);
}

const manifestOf = (dir: string) => fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');

describe('db — backup while the app runs, restore, backup again (real processes)', function () {
  this.timeout(600000); // several app and command starts, each creating or recovering a database
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-backup-live-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('PGlite: the running app writes the backup; restore into a new folder; the same manifest; the copy runs', async () => {
    const dataDir = path.join(tmp, 'data');
    const place = await prepare({ dataDir });
    const app = await startApp({ DATA_DIR: dataDir });
    let b1: string;
    try {
      b1 = path.join(tmp, 'b1');
      const { run } = await backupWhileWriting(app, place, b1, { DATA_DIR: dataDir });
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.include(`Đã sao lưu vào ${b1} (ghi bởi ứng dụng đang chạy)`).and.include('SIGNING_KEY');
      expect(app.output()).to.include(`Đã sao lưu vào ${b1}`);
      expect(fs.statSync(path.join(dataDir, 'control.sock')).mode & 0o777, 'control socket 0600').to.equal(0o600);
    } finally {
      await app.stop();
    }
    expect(fs.existsSync(path.join(dataDir, 'control.sock')), 'socket removed at exit').to.equal(false);
    expectConsistent(b1);

    const copyDir = path.join(tmp, 'copy');
    const restored = await runScript('server/cli/restore.ts', ['--from', b1], { DATA_DIR: copyDir });
    expect(restored.code, restored.stdout + restored.stderr).to.equal(0);
    expect(restored.stdout).to.include(`Đã phục hồi vào thư mục dữ liệu ${copyDir}`);
    // No app on the copy: the command takes the folder's lock and reads it itself.
    const b2 = path.join(tmp, 'b2');
    const again = await runScript('server/cli/backup.ts', ['--out', b2], { DATA_DIR: copyDir });
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    expect(again.stdout).to.include('ứng dụng không chạy');
    expect(manifestOf(b2)).to.equal(manifestOf(b1));

    const refused = await runScript('server/cli/restore.ts', ['--from', b1], { DATA_DIR: copyDir });
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('Không phục hồi được').and.include('không trống');

    // The restored copy is a working installation: log in and find what the writer added.
    const copyApp = await startApp({ DATA_DIR: copyDir });
    try {
      const admin = await loggedIn(copyApp.base, 'admin.tanuyen');
      expect((await admin.get(`/xa/${place.communeId}/nhan-su`)).text).to.include(`${WRITER_NAME} 1<`);
    } finally {
      await copyApp.stop();
    }
  });

  it('PostgreSQL: the command reads one snapshot while the app writes; restore into PostgreSQL and into PGlite; the same manifest', async function () {
    const source = await throwawayPostgres('commune_backup_live');
    if (!source) return this.skip();
    const target = (await throwawayPostgres('commune_backup_live_copy'))!;
    try {
      const place = await prepare({ databaseUrl: source.url });
      const env = { DATABASE_URL: source.url, DATA_DIR: path.join(tmp, 'unused'), UPLOAD_DIR: path.join(tmp, 'uploads') };
      const app = await startApp(env);
      const b1 = path.join(tmp, 'b1');
      try {
        const { run } = await backupWhileWriting(app, place, b1, env);
        expect(run.code, run.stdout + run.stderr).to.equal(0);
        expect(run.stdout).to.include('ghi bởi lệnh sao lưu (PostgreSQL)');
      } finally {
        await app.stop();
      }
      expectConsistent(b1);

      const restored = await runScript('server/cli/restore.ts', ['--from', b1], { DATABASE_URL: target.url, UPLOAD_DIR: path.join(tmp, 'copy-uploads') });
      expect(restored.code, restored.stdout + restored.stderr).to.equal(0);
      const b2 = path.join(tmp, 'b2');
      const again = await runScript('server/cli/backup.ts', ['--out', b2], { DATABASE_URL: target.url, UPLOAD_DIR: path.join(tmp, 'copy-uploads') });
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      expect(manifestOf(b2)).to.equal(manifestOf(b1));

      // The same PostgreSQL backup into PGlite, and backed up from there.
      const pgliteDir = path.join(tmp, 'pglite-copy');
      const intoPglite = await runScript('server/cli/restore.ts', ['--from', b1], { DATA_DIR: pgliteDir });
      expect(intoPglite.code, intoPglite.stdout + intoPglite.stderr).to.equal(0);
      const b3 = path.join(tmp, 'b3');
      const fromPglite = await runScript('server/cli/backup.ts', ['--out', b3], { DATA_DIR: pgliteDir });
      expect(fromPglite.code, fromPglite.stdout + fromPglite.stderr).to.equal(0);
      expect(manifestOf(b3)).to.equal(manifestOf(b1));
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
