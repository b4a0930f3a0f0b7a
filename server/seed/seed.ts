// Writes the demo commune (demo-data.ts) into an empty database, in one transaction with audit rows.
import { count } from 'drizzle-orm';
import { accountRoles, accounts, agendaItems, attendanceEvents, bodies, communes, meetingGuests, meetings, memberships, people, terms } from '../../models/schema.ts';
import type { Tx } from '../db/database.ts';
import type { Database } from '../db/database.ts';
import { writeAudit } from '../repositories/audit.ts';
import { hashPassword, type HashCost } from '../services/passwords.ts';
import { DEMO_PASSWORD, demoAccounts, demoBodies, demoCommune, demoMemberships, demoPeople } from './demo-data.ts';

export async function isEmpty(database: Database): Promise<boolean> {
  const [{ n }] = await database.db.select({ n: count() }).from(accounts);
  return Number(n) === 0;
}

export async function seedDemo(database: Database, opts: { hashCost?: HashCost } = {}): Promise<{ communeId: number }> {
  // Hash before the transaction: a long transaction blocks every other query on PGlite.
  const hash = await hashPassword(DEMO_PASSWORD, opts.hashCost);
  return database.transaction(async (tx) => {
    const [c] = await tx.insert(communes).values({
      name: demoCommune.name, kind: demoCommune.kind, province: demoCommune.province, code: demoCommune.code, placeName: demoCommune.placeName,
    }).returning();
    const audit = (action: string, entity: string, entityId: number, after: unknown) =>
      writeAudit(tx, { accountId: null, communeId: c.id, action, entity, entityId, after });
    await audit('commune.create', 'commune', c.id, { ...c, source: 'demo seed' });
    const bodyIds = new Map<string, number>();
    for (const b of demoBodies) {
      const [row] = await tx.insert(bodies).values({
        communeId: c.id, parentId: b.parentKey ? bodyIds.get(b.parentKey)! : null, kind: b.kind, name: b.name, shortName: b.shortName,
        issuerCode: b.issuerCode, issuerName: b.issuerName, parentHeader: b.parentHeader,
      }).returning();
      bodyIds.set(b.key, row.id);
      await tx.insert(terms).values({ bodyId: row.id, name: b.termName, startDate: b.termStart, endDate: b.termEnd, seats: b.seats ?? null });
      await audit('body.create', 'body', row.id, row);
    }
    const personIds = new Map<string, number>();
    const personRows = await tx.insert(people).values(demoPeople.map((p) => ({
      communeId: c.id, fullName: p.fullName, gender: p.gender, birthYear: p.birthYear, ethnicity: p.ethnicity,
    }))).returning();
    demoPeople.forEach((p, i) => personIds.set(p.key, personRows[i].id));
    const membershipRows = await tx.insert(memberships).values(demoMemberships.map((m) => ({
      bodyId: bodyIds.get(m.body)!, personId: personIds.get(m.person)!, position: m.position, role: m.role, votingRight: m.voting,
      startDate: m.start, endDate: m.end ?? null, endReason: m.endReason ?? null,
    }))).returning();
    await writeAudit(tx, { accountId: null, communeId: c.id, action: 'seed.demo', entity: 'commune', entityId: c.id,
      after: { people: personRows.length, memberships: membershipRows.length } });
    for (const a of demoAccounts) {
      const [row] = await tx.insert(accounts).values({
        username: a.username, displayName: a.displayName, passwordHash: hash, isSystemAdmin: a.role === 'system_admin',
        communeId: a.role === 'system_admin' ? null : c.id, personId: a.person ? personIds.get(a.person)! : null,
      }).returning();
      if (a.role !== 'system_admin') {
        const rows = a.bodies.length ? a.bodies.map((k) => ({ accountId: row.id, role: a.role as any, bodyId: bodyIds.get(k)! }))
          : [{ accountId: row.id, role: a.role as any, bodyId: null }];
        await tx.insert(accountRoles).values(rows);
      }
      await audit('account.create', 'account', row.id, { username: a.username, role: a.role });
    }
    await seedDemoMeetings(tx, c.id, bodyIds, personIds);
    return { communeId: c.id };
  });
}

/** The first system administrator of a production installation (npm run create-admin). */
export async function createSystemAdmin(database: Database, username: string, displayName: string, password: string, cost?: HashCost) {
  const passwordHash = await hashPassword(password, cost);
  return database.transaction(async (tx) => {
    const [row] = await tx.insert(accounts).values({ username, displayName, passwordHash, isSystemAdmin: true }).returning();
    await writeAudit(tx, { accountId: null, communeId: null, action: 'account.create', entity: 'account', entityId: row.id,
      after: { username, displayName, isSystemAdmin: true, source: 'create-admin' } });
    return row;
  });
}

/**
 * Demo meetings so a fresh start shows the calendar: the HĐND's first session (closed, with attendance),
 * a UBND monthly meeting in preparation, and a BCH conference already convened. Multi-row inserts only. The
 * convened and closed ones carry the number fixed on convening (meetings.ordinal); the draft has none yet.
 */
async function seedDemoMeetings(tx: Tx, communeId: number, bodyIds: Map<string, number>, personIds: Map<string, number>) {
  const termOf = async (bodyKey: string) => (await tx.select().from(terms)).find((t) => t.bodyId === bodyIds.get(bodyKey))!.id;
  const pid = (k: string) => personIds.get(k)!;
  const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
  const [hdnd, ubnd, bch] = await tx.insert(meetings).values([
    { communeId, bodyId: bodyIds.get('hdnd')!, termId: await termOf('hdnd'), kind: 'first', date: '2026-03-25', startTime: '08:00', place: 'Hội trường Ủy ban nhân dân xã Tân Uyên',
      chairPersonId: pid('p01'), secretaryPersonId: pid('p09'), status: 'closed', ordinal: 1, convenedAt: at('2026-03-18', '09:00'), openedAt: at('2026-03-25', '08:05'), closedAt: at('2026-03-25', '16:30') },
    { communeId, bodyId: bodyIds.get('ubnd')!, termId: await termOf('ubnd'), kind: 'regular', date: '2026-12-28', startTime: '08:00', place: 'Phòng họp Ủy ban nhân dân xã',
      chairPersonId: pid('p03'), secretaryPersonId: pid('p32'), status: 'draft' },
    { communeId, bodyId: bodyIds.get('bch')!, termId: await termOf('bch'), kind: 'regular', date: '2026-12-15', startTime: '07:30', place: 'Hội trường Đảng ủy xã',
      chairPersonId: pid('p01'), secretaryPersonId: pid('p13'), status: 'convened', ordinal: 1, convenedAt: at('2026-12-05', '10:00') },
  ]).returning();
  const item = (meetingId: number, position: number, title: string, kind: typeof agendaItems.$inferInsert['kind'], presenter: string, durationMinutes: number) =>
    ({ meetingId, position, title, kind, presenter, durationMinutes });
  await tx.insert(agendaItems).values([
    item(hdnd!.id, 1, 'Khai mạc kỳ họp; thông qua chương trình kỳ họp', 'other', 'Người triệu tập kỳ họp', 15),
    item(hdnd!.id, 2, 'Bầu Chủ tịch Hội đồng nhân dân xã', 'election', 'Thường trực HĐND tỉnh giới thiệu', 60),
    item(hdnd!.id, 3, 'Nghị quyết thành lập các Ban của Hội đồng nhân dân xã', 'draft_resolution', 'Chủ tịch HĐND xã', 45),
    item(ubnd!.id, 1, 'Báo cáo tình hình thực hiện nhiệm vụ năm 2026, nhiệm vụ năm 2027', 'report', 'Chánh Văn phòng', 40),
    item(ubnd!.id, 2, 'Tờ trình dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027', 'proposal', 'Trưởng phòng Kinh tế', 45),
    item(ubnd!.id, 3, 'Dự toán thu, chi ngân sách xã năm 2027', 'draft_resolution', 'Trưởng phòng Kinh tế', 30),
    item(bch!.id, 1, 'Báo cáo kết quả lãnh đạo thực hiện nhiệm vụ năm 2026, phương hướng năm 2027', 'report', 'Phó Bí thư Thường trực', 60),
    item(bch!.id, 2, 'Công tác cán bộ', 'personnel', 'Bí thư', 30),
  ]);
  await tx.insert(meetingGuests).values([
    { meetingId: hdnd!.id, name: 'Đại diện Thường trực HĐND tỉnh Lai Châu', role: null, position: 1 },
    { meetingId: hdnd!.id, name: 'Đại diện Ủy ban MTTQ Việt Nam xã', role: null, position: 2 },
  ]);
  // The first session: 26 of 27 deputies present (one arrived late), p27 absent with a reason.
  const deputies = (await tx.select().from(memberships)).filter((m) => m.bodyId === bodyIds.get('hdnd') && m.startDate <= '2026-03-25');
  await tx.insert(attendanceEvents).values(deputies.map((d) => {
    const key = [...personIds].find(([, id]) => id === d.personId)![0];
    if (key === 'p27') return { meetingId: hdnd!.id, personId: d.personId, status: 'absent_excused' as const, at: at('2026-03-25', '07:50'), reason: 'đi công tác' };
    if (key === 'p19') return { meetingId: hdnd!.id, personId: d.personId, status: 'late' as const, at: at('2026-03-25', '08:40'), reason: null };
    return { meetingId: hdnd!.id, personId: d.personId, status: 'present' as const, at: at('2026-03-25', '07:50'), reason: null };
  }));
}
