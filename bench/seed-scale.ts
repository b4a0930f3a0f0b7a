// A large dataset for the page benchmark: N communes × Y years of bodies, people, memberships, meetings,
// agendas and attendance, written with multi-row inserts into DATABASE_URL (PostgreSQL).
//   npm run seed:scale -- --communes 100 --years 10
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { agendaItems, attendanceEvents, bodies, communes, meetings, memberships, people, terms } from '../models/schema.ts';
import { openDatabase, type Database } from '../server/db/database.ts';

const KINDS = ['report', 'proposal', 'draft_resolution', 'election', 'personnel', 'other'] as const;

/** Inserts rows in chunks so one statement stays under PostgreSQL's 65,535 parameters. */
async function insertMany<T extends Record<string, unknown>>(database: Database, table: any, rows: T[], returning = false): Promise<any[]> {
  if (rows.length === 0) return [];
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(60000 / perRow));
  const out: any[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (returning) out.push(...(await database.db.insert(table).values(chunk).returning({ id: table.id })));
    else await database.db.insert(table).values(chunk);
  }
  return out;
}

export async function seedScale(database: Database, opts: { communes: number; years: number; log?: (s: string) => void }) {
  const log = opts.log ?? (() => {});
  const t0 = Date.now();
  const firstYear = 2026 - opts.years + 1;
  const communeRows = await insertMany(database, communes, Array.from({ length: opts.communes }, (_, i) => ({
    name: `Thử Nghiệm ${i + 1}`, kind: 'xã' as const, province: 'Tỉnh Thử Nghiệm', code: String(90000 + i).padStart(5, '0'), placeName: `Thử Nghiệm ${i + 1}`,
  })), true);
  const bodyDefs = [
    { kind: 'people_council' as const, name: 'Hội đồng nhân dân xã', shortName: 'HĐND', size: 30 },
    { kind: 'people_committee' as const, name: 'Ủy ban nhân dân xã', shortName: 'UBND', size: 9 },
    { kind: 'party_committee' as const, name: 'Ban Chấp hành Đảng bộ xã', shortName: 'BCH', size: 19 },
  ];
  const bodyRows = await insertMany(database, bodies, communeRows.flatMap((c) => bodyDefs.map((b) => ({
    communeId: c.id, kind: b.kind, name: b.name, shortName: b.shortName, issuerCode: b.shortName, issuerName: b.name.toUpperCase(),
  }))), true);
  // One term per body covering the whole period (older terms would only split the series).
  const termRows = await insertMany(database, terms, bodyRows.map((b) => ({ bodyId: b.id, name: 'Khóa I, nhiệm kỳ thử nghiệm', startDate: `${firstYear}-01-01`, endDate: '2031-06-30' })), true);
  const personRows = await insertMany(database, people, communeRows.flatMap((c) => Array.from({ length: 40 }, (_, i) => ({
    communeId: c.id, fullName: `Người Thử ${c.id}-${i + 1}`, gender: i % 2 ? 'nữ' : 'nam', birthYear: 1970 + (i % 25),
  }))), true);
  log(`  ${communeRows.length} xã, ${bodyRows.length} cơ quan, ${personRows.length} người (${Date.now() - t0} ms)`);

  const membershipRows: any[] = [];
  const meetingRows: any[] = [];
  const rosterOf = new Map<number, number[]>(); // body → people
  communeRows.forEach((c, ci) => {
    const ppl = personRows.slice(ci * 40, ci * 40 + 40).map((p) => p.id);
    bodyDefs.forEach((b, bi) => {
      const body = bodyRows[ci * bodyDefs.length + bi]!;
      const term = termRows[ci * bodyDefs.length + bi]!;
      const members = ppl.slice(bi * 5, bi * 5 + b.size);
      rosterOf.set(body.id, members);
      members.forEach((pid, i) => membershipRows.push({ bodyId: body.id, personId: pid, position: i === 0 ? 'Chủ tịch' : 'Thành viên', role: i === 0 ? 'head' : 'member', votingRight: true, startDate: `${firstYear}-01-01` }));
      const perYear = b.kind === 'people_committee' ? 12 : 4;
      for (let y = firstYear; y <= 2026; y++) {
        for (let k = 0; k < perYear; k++) {
          const month = b.kind === 'people_committee' ? k + 1 : 3 * k + 2;
          meetingRows.push({
            communeId: c.id, bodyId: body.id, termId: term.id, kind: 'regular', date: `${y}-${String(month).padStart(2, '0')}-${String(10 + bi).padStart(2, '0')}`,
            startTime: '08:00', place: 'Hội trường xã', chairPersonId: members[0], status: y < 2026 ? 'closed' : 'convened',
          });
        }
      }
    });
  });
  await insertMany(database, memberships, membershipRows);
  const mids = await insertMany(database, meetings, meetingRows, true);
  log(`  ${membershipRows.length} chức vụ, ${mids.length} cuộc họp (${Date.now() - t0} ms)`);

  const items: any[] = [];
  const events: any[] = [];
  mids.forEach((m, i) => {
    const row = meetingRows[i];
    for (let k = 0; k < 10; k++) items.push({ meetingId: m.id, position: k + 1, title: `Nội dung ${k + 1} của cuộc họp`, kind: KINDS[k % KINDS.length], presenter: 'Văn phòng', durationMinutes: 30 });
    const at = new Date(`${row.date}T07:50:00+07:00`);
    for (const pid of rosterOf.get(row.bodyId)!) events.push({ meetingId: m.id, personId: pid, status: pid % 13 === 0 ? 'absent_excused' : 'present', at, reason: pid % 13 === 0 ? 'đi công tác' : null });
  });
  await insertMany(database, agendaItems, items);
  log(`  ${items.length} nội dung chương trình (${Date.now() - t0} ms)`);
  await insertMany(database, attendanceEvents, events);
  log(`  ${events.length} lượt điểm danh (${Date.now() - t0} ms)`);
  await database.db.execute(sql.raw('ANALYZE'));
  return { communes: communeRows.length, meetings: mids.length, agendaItems: items.length, attendance: events.length, ms: Date.now() - t0 };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} phải là số nguyên dương`);
  return v;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Cần DATABASE_URL (PostgreSQL), ví dụ: scripts/with-postgres.sh npm run seed:scale -- --communes 100 --years 10');
    process.exit(2);
  }
  const database = await openDatabase({ databaseUrl: url });
  const r = await seedScale(database, { communes: arg('communes', 100), years: arg('years', 10), log: console.log });
  console.log(`Xong: ${JSON.stringify(r)}`);
  await database.close();
}
