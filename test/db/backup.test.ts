// Backup and restore in one process: the exact round trip of every kind of value (PGlite ↔ PostgreSQL when
// TEST_DATABASE_URL is set), identical manifests, sequences and triggers after a restore, and every refusal — a
// non-empty target, a tampered or incomplete backup, a failure half-way — leaving the target as it was.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { agendaItems, attachmentVersions, attachments } from '../../models/schema.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { writeBackup } from '../../server/db/backup.ts';
import { restoreBackup, type RestoreTarget } from '../../server/db/restore.ts';
import { BackupError, loadOrder, type TableInfo } from '../../server/db/backup-format.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';
import { backupRows, pgQuery, readManifestFile, resealTable, throwawayPostgres } from '../support/backup.ts';

/** Values that break naive dumps: Unicode beyond the BMP, NFD, bidi controls, quotes, backslashes, newlines. */
const WEIRD_NAME = 'Nguyễn Thị Ánh — "trích" \\ \u202eđảo\u202c 😀 \u2028 tab\tline\ncrlf\r\n + Nguye\u0302\u0303n (NFD)';
const WEIRD_JSON = '{"n": 1.0, "big": 123456789012345678901234567890, "e": 1e-7, "s": "é 😀 \\u0001", "arr": [1, null, true], "nested": {"b": 2, "a": 1}}';
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const BIG_ID = '9007199254740993'; // 2^53 + 1: not a JavaScript number

const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

async function addAwkwardValues(database: Database, communeId: number, uploads: string): Promise<void> {
  const db = database.db;
  await db.execute(sql`INSERT INTO people (commune_id, full_name, gender, birth_year, ethnicity) VALUES (${communeId}, ${WEIRD_NAME}, 'nữ', NULL, '')`);
  await db.execute(sql`INSERT INTO audit_log (at, commune_id, action, entity, entity_id, before, after)
    VALUES ('2026-03-01 12:34:56.123456+07', ${communeId}, 'test.awkward', 'test', 'x', ${WEIRD_JSON}::jsonb, NULL)`);
  await db.execute(sql`INSERT INTO signing_certificates (commune_id, label, subject, issuer, serial, fingerprint_sha256, not_before, not_after, p12_sealed, password_sealed)
    VALUES (${communeId}, 'thử', 'CN=Thử', 'CN=Thử', '01', 'ab', '-infinity', 'infinity', decode(${ALL_BYTES.toString('hex')}, 'hex'), '\\x')`);
  const [event] = rowsOf(await db.execute(sql`SELECT id, meeting_id, person_id FROM attendance_events ORDER BY id LIMIT 1`));
  await db.execute(sql`INSERT INTO attendance_events (id, meeting_id, person_id, status, at, reason, previous_id)
    VALUES (${BIG_ID}::bigint, ${event!.meeting_id}, ${event!.person_id}, 'present', '0001-01-01 00:00:00+00', NULL, ${event!.id})`);
  // An upload with its row, as the app writes them (file first), and a second file nobody references.
  const [item] = await db.select().from(agendaItems).limit(1);
  const [a] = await db.insert(attachments).values({ meetingId: item!.meetingId, agendaItemId: item!.id, title: 'Tờ trình' }).returning();
  const content = Buffer.from('%PDF-1.4\n% thử nghiệm\n%%EOF\n');
  fs.mkdirSync(uploads, { recursive: true });
  fs.writeFileSync(path.join(uploads, '0123456789abcdef0123456789abcdef'), content);
  fs.writeFileSync(path.join(uploads, 'fedcba9876543210fedcba9876543210'), ALL_BYTES);
  await db.insert(attachmentVersions).values({
    attachmentId: a!.id, version: 1, originalName: 'Tờ trình.pdf', storedName: '0123456789abcdef0123456789abcdef', fileType: 'pdf',
    size: content.length, sha256: createHash('sha256').update(content).digest('hex'),
  });
}

/** The awkward values as a database gives them back, in text form (the same on both engines). */
async function awkwardValues(database: Database) {
  const one = async (q: ReturnType<typeof sql>) => rowsOf(await database.db.execute(q))[0];
  return {
    name: (await one(sql`SELECT full_name FROM people WHERE full_name LIKE 'Nguyễn Thị Ánh%'`))?.full_name,
    json: (await one(sql`SELECT before::text AS j FROM audit_log WHERE action = 'test.awkward'`))?.j,
    at: (await one(sql`SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS t FROM audit_log WHERE action = 'test.awkward'`))?.t,
    bytes: (await one(sql`SELECT encode(p12_sealed, 'hex') AS b, not_before::text AS nb, not_after::text AS na FROM signing_certificates WHERE label = 'thử'`)),
    big: (await one(sql`SELECT id::text AS id, at::text AS at FROM attendance_events WHERE id = ${BIG_ID}::bigint`)),
  };
}

describe('db — backup and restore', function () {
  this.timeout(300000); // every restore into PGlite creates a database (initdb, 3–20 s on a shared machine)
  let source: Database;
  let tmp: string;
  let sourceUploads: string;
  let b0: string;
  let expected: Awaited<ReturnType<typeof awkwardValues>>;

  before(async () => {
    source = await testDatabase();
    const { communeId } = await resetWithDemo(source);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-backup-'));
    sourceUploads = path.join(tmp, 'source-uploads');
    await addAwkwardValues(source, communeId, sourceUploads);
    expected = await awkwardValues(source);
    b0 = (await writeBackup(source, { outDir: path.join(tmp, 'b0'), uploadDir: sourceUploads })).dir;
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes the manifest: every table with its rows and hash, the uploads, the migration level; no sessions', () => {
    const m = readManifestFile(b0);
    expect(m.format).to.equal('hop-backup');
    expect(m.migrations.count).to.be.greaterThan(10);
    expect(m.tables).not.to.have.property('session');
    expect(m.excludedTables).to.deep.equal(['session', 'login_throttle']);
    expect(m.tables.people!.rows).to.equal(33);
    expect(m.tables.people!.key).to.deep.equal(['id']);
    expect(m.tables.secret_tallies!.key).to.deep.equal(['motion_id', 'key']);
    for (const [name, t] of Object.entries(m.tables)) {
      const text = fs.readFileSync(path.join(b0, 'tables', `${name}.jsonl`));
      expect(createHash('sha256').update(text).digest('hex'), name).to.equal(t.sha256);
    }
    expect(Object.keys(m.uploads)).to.deep.equal(['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210']);
    expect(m.uploads.fedcba9876543210fedcba9876543210).to.deep.equal({ size: 256, sha256: createHash('sha256').update(ALL_BYTES).digest('hex') });
    const info = JSON.parse(fs.readFileSync(path.join(b0, 'backup-info.json'), 'utf8'));
    expect(info.database.kind).to.equal(source.kind);
    expect(info.warnings).to.deep.equal([]);
    // Text forms under fixed settings: UTC timestamps, hex bytea, jsonb as PostgreSQL prints it, bigint as text.
    const big = backupRows(b0, 'attendance_events').find((r) => r.id === BIG_ID)!;
    expect(big.at).to.equal('0001-01-01 00:00:00+00');
    const cert = backupRows(b0, 'signing_certificates').find((r) => r.label === 'thử')!;
    expect(cert.p12_sealed).to.equal(`\\x${ALL_BYTES.toString('hex')}`);
    expect(cert.not_after).to.equal('infinity');
    expect(backupRows(b0, 'people').find((r) => r.full_name?.startsWith('Nguyễn Thị Ánh'))!.full_name).to.equal(WEIRD_NAME);
  });

  it('restores into a new PGlite folder; the copy holds the same values, and its backup has the same manifest', async () => {
    const dataDir = path.join(tmp, 'restored');
    const r = await restoreBackup({ from: b0, target: { kind: 'pglite', dataDir }, uploadDir: path.join(dataDir, 'uploads') });
    expect(r.rows).to.equal(Object.values(readManifestFile(b0).tables).reduce((n, t) => n + t.rows, 0));
    expect(r.uploads).to.equal(2);
    const copy = await openDatabase({ dataDir });
    try {
      expect(await awkwardValues(copy)).to.deep.equal(expected);
      const b1 = await writeBackup(copy, { outDir: path.join(tmp, 'b1'), uploadDir: path.join(dataDir, 'uploads') });
      expect(fs.readFileSync(path.join(b1.dir, 'manifest.json'), 'utf8')).to.equal(fs.readFileSync(path.join(b0, 'manifest.json'), 'utf8'));
      // Sequences continue after the restored rows; the append-only triggers are on again.
      const next = rowsOf(await copy.db.execute(sql`SELECT nextval(pg_get_serial_sequence('attendance_events', 'id'))::text AS a,
        nextval(pg_get_serial_sequence('people', 'id'))::text AS p, (SELECT max(id) + 1 FROM people)::text AS want`))[0]!;
      expect(next.a).to.equal('9007199254740994');
      expect(next.p).to.equal(next.want);
      let refused = '';
      await copy.db.execute(sql`UPDATE audit_log SET action = 'sửa' WHERE action = 'test.awkward'`).catch((e: Error) => { refused = `${e.message} ${(e.cause as Error)?.message}`; });
      expect(refused).to.include('append-only');
    } finally {
      await copy.close();
    }
    expect(fs.readdirSync(path.join(dataDir, 'uploads')).sort()).to.deep.equal(Object.keys(readManifestFile(b0).uploads));
    expect(fs.readdirSync(tmp).filter((f) => f.includes('.restoring-') || f.includes('.partial-')), 'no staging left').to.deep.equal([]);
  });

  it('PostgreSQL: a PGlite backup restores into PostgreSQL and back with the same manifest', async function () {
    const target = await throwawayPostgres('commune_restore_rt');
    if (!target) return this.skip();
    try {
      await restoreBackup({ from: path.join(tmp, 'b1'), target: { kind: 'postgres', url: target.url }, uploadDir: path.join(tmp, 'pg-uploads') });
      const copy = await openDatabase({ databaseUrl: target.url });
      try {
        expect(await awkwardValues(copy)).to.deep.equal(expected);
        const b2 = await writeBackup(copy, { outDir: path.join(tmp, 'b2'), uploadDir: path.join(tmp, 'pg-uploads') });
        expect(JSON.parse(fs.readFileSync(path.join(tmp, 'b1', 'backup-info.json'), 'utf8')).database.kind).to.equal('pglite');
        expect(b2.info.database.kind).to.equal('postgres');
        expect(fs.readFileSync(path.join(b2.dir, 'manifest.json'), 'utf8')).to.equal(fs.readFileSync(path.join(b0, 'manifest.json'), 'utf8'));
      } finally {
        await copy.close();
      }
      // Not twice: the database now has data.
      let error: unknown = null;
      await restoreBackup({ from: b0, target: { kind: 'postgres', url: target.url }, uploadDir: path.join(tmp, 'pg-uploads-2') }).catch((e) => { error = e; });
      expect(error).to.be.instanceOf(BackupError);
      expect((error as Error).message).to.include('không trống').and.include('Chỉ phục hồi vào nơi trống');
      expect(fs.existsSync(path.join(tmp, 'pg-uploads-2'))).to.equal(false);
    } finally {
      await target.drop();
    }
  });

  it('refuses a non-empty PGlite folder and a non-empty upload folder, changing nothing', async () => {
    const dataDir = path.join(tmp, 'restored');
    const before = fs.readFileSync(path.join(tmp, 'b1', 'manifest.json'), 'utf8');
    let error: unknown = null;
    await restoreBackup({ from: b0, target: { kind: 'pglite', dataDir }, uploadDir: path.join(tmp, 'elsewhere') }).catch((e) => { error = e; });
    expect(error).to.be.instanceOf(BackupError);
    expect((error as Error).message).to.include(`Thư mục dữ liệu ${dataDir} không trống`);
    const copy = await openDatabase({ dataDir });
    try {
      const again = await writeBackup(copy, { outDir: path.join(tmp, 'b1-again'), uploadDir: path.join(dataDir, 'uploads') });
      expect(fs.readFileSync(path.join(again.dir, 'manifest.json'), 'utf8')).to.equal(before);
    } finally {
      await copy.close();
    }
    // An upload folder with files in it is refused before any database is made.
    const fresh = path.join(tmp, 'fresh');
    error = null;
    await restoreBackup({ from: b0, target: { kind: 'pglite', dataDir: fresh }, uploadDir: path.join(dataDir, 'uploads') }).catch((e) => { error = e; });
    expect((error as Error).message).to.include('Thư mục tệp đính kèm').and.include('không trống');
    expect(fs.existsSync(fresh)).to.equal(false);
  });

  it('a backup is written only into a new or empty folder', async () => {
    fs.mkdirSync(path.join(tmp, 'full'));
    fs.writeFileSync(path.join(tmp, 'full', 'x'), 'x');
    let error: unknown = null;
    await writeBackup(source, { outDir: path.join(tmp, 'full'), uploadDir: sourceUploads }).catch((e) => { error = e; });
    expect(error).to.be.instanceOf(BackupError);
    expect((error as Error).message).to.include('không trống');
    fs.mkdirSync(path.join(tmp, 'empty'));
    const ok = await writeBackup(source, { outDir: path.join(tmp, 'empty'), uploadDir: sourceUploads });
    expect(fs.readFileSync(path.join(ok.dir, 'manifest.json'), 'utf8')).to.equal(fs.readFileSync(path.join(b0, 'manifest.json'), 'utf8'));
  });

  it('loads parents before children; a self-reference needs no order; a cycle between tables is reported', () => {
    const t = (name: string, parents: string[]): TableInfo => ({ name, parents, columns: [], key: [], collatable: new Set() });
    const order = loadOrder([t('votes', ['motions', 'people']), t('motions', ['meetings']), t('people', []), t('meetings', ['people']), t('bodies', ['bodies'])]).map((x) => x.name);
    expect(order).to.deep.equal(['people', 'bodies', 'meetings', 'motions', 'votes']);
    expect(() => loadOrder([t('a', ['b']), t('b', ['a']), t('c', [])])).to.throw('cycle among a, b');
  });

  describe('a tampered or incomplete backup is refused before anything is written', () => {
    const cases: [string, (dir: string) => void, string][] = [
      ['a changed row', (dir) => {
        const f = path.join(dir, 'tables', 'people.jsonl');
        fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('Nguyễn Thị Ánh', 'Nguyễn Thị Anh'));
      }, 'Dữ liệu bảng people trong bản sao lưu không khớp manifest.json'],
      ['a removed row', (dir) => {
        const f = path.join(dir, 'tables', 'accounts.jsonl');
        fs.writeFileSync(f, fs.readFileSync(f, 'utf8').split('\n').slice(1).join('\n'));
      }, 'Dữ liệu bảng accounts'],
      ['a missing table file', (dir) => fs.rmSync(path.join(dir, 'tables', 'terms.jsonl')), 'Thiếu dữ liệu bảng terms'],
      ['a missing upload', (dir) => fs.rmSync(path.join(dir, 'uploads', '0123456789abcdef0123456789abcdef')), 'Thiếu tệp đính kèm 0123456789abcdef0123456789abcdef'],
      ['a changed upload', (dir) => fs.appendFileSync(path.join(dir, 'uploads', 'fedcba9876543210fedcba9876543210'), 'x'), 'Tệp đính kèm fedcba9876543210fedcba9876543210'],
      ['an added file', (dir) => fs.writeFileSync(path.join(dir, 'uploads', 'extra'), 'x'), 'uploads/extra không ghi trong manifest.json'],
      ['an unreadable manifest', (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{'), 'không phải bản sao lưu'],
      ['a newer migration level', (dir) => {
        const m = readManifestFile(dir);
        m.migrations.count += 1;
        fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
      }, 'phiên bản phần mềm khác'],
    ];
    for (const [what, tamper, message] of cases) {
      it(what, async () => {
        const dir = path.join(tmp, `tampered-${what.replace(/\W+/g, '-')}`);
        fs.cpSync(b0, dir, { recursive: true });
        tamper(dir);
        const dataDir = path.join(tmp, `target-${what.replace(/\W+/g, '-')}`);
        let error: unknown = null;
        await restoreBackup({ from: dir, target: { kind: 'pglite', dataDir }, uploadDir: path.join(dataDir, 'uploads') }).catch((e) => { error = e; });
        expect(error).to.be.instanceOf(BackupError);
        expect((error as Error).message).to.include(message);
        expect(fs.existsSync(dataDir), 'target not created').to.equal(false);
      });
    }
  });

  describe('a restore that fails half-way leaves the target empty', () => {
    const failures: [string, (dir: string) => void, string][] = [
      // A row that passes the manifest check (re-sealed) but breaks a foreign key: refused while loading.
      ['a row naming a missing account', (dir) => resealTable(dir, 'account_roles', (rows, cols) => { rows[0]![cols.indexOf('account_id')] = '999999'; }),
        'Không nạp được bảng account_roles'],
      // A value in a non-canonical text form loads, but reads back differently: refused by the check after loading.
      ['a timestamp in another text form', (dir) => resealTable(dir, 'attendance_events', (rows, cols) => { rows[0]![cols.indexOf('at')] = '2026-03-25T00:50:00Z'; }),
        'Sau khi nạp, bảng attendance_events không khớp manifest.json'],
    ];
    const targets: [string, () => Promise<{ target: RestoreTarget; isEmpty: () => Promise<boolean>; done: () => Promise<void> } | null>][] = [
      ['PGlite', async () => {
        const dataDir = path.join(tmp, 'half');
        return { target: { kind: 'pglite', dataDir }, isEmpty: async () => !fs.existsSync(dataDir), done: async () => {} };
      }],
      ['PostgreSQL', async () => {
        const db = await throwawayPostgres('commune_restore_half');
        if (!db) return null;
        const isEmpty = async () => (await pgQuery(db.url, `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')
          + (SELECT count(*) FROM pg_namespace WHERE nspname = 'drizzle') AS n`))[0].n === '0';
        return { target: { kind: 'postgres', url: db.url }, isEmpty, done: db.drop };
      }],
    ];
    for (const [engine, makeTarget] of targets) {
      for (const [what, change, message] of failures) {
        it(`${engine}: ${what}`, async function () {
          const t = await makeTarget();
          if (!t) return this.skip();
          try {
            const dir = path.join(tmp, `half-${engine}-${what.replace(/\W+/g, '-')}`);
            fs.cpSync(b0, dir, { recursive: true });
            change(dir);
            const uploadDir = path.join(tmp, `half-uploads-${engine}`);
            let error: unknown = null;
            await restoreBackup({ from: dir, target: t.target, uploadDir }).catch((e) => { error = e; });
            expect(error).to.be.instanceOf(BackupError);
            expect((error as Error).message).to.include(message).and.include('nơi nhận vẫn trống');
            expect(await t.isEmpty(), 'no table, no row, no migration record left').to.equal(true);
            expect(fs.existsSync(uploadDir), 'no upload folder').to.equal(false);
            expect(fs.readdirSync(tmp).filter((f) => f.includes('.restoring-')), 'no staging left').to.deep.equal([]);
          } finally {
            await t.done();
          }
        });
      }
    }
  });
});
