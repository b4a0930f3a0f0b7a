// The meeting page reads everything in one query (repo.meetingPage, JSON aggregates mapped back to rows).
// It must return exactly what the separate queries return — same rows, same order, same types (Dates for
// timestamps, strings for dates, numbers for bigserial ids) — on PGlite and on PostgreSQL.
import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import {
  agendaItems, attachments, attachmentVersions, attendanceEvents, bodies, bodyRules, meetingGuests, meetings, memberships, regulations, regulationVersions, terms,
} from '../../models/schema.ts';
import * as regulationRepo from '../../server/repositories/regulations.ts';
import { defaultSettings } from '../../server/domain/regulations.ts';
import * as repo from '../../server/repositories/meetings.ts';
import * as orgRepo from '../../server/repositories/org.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';

describe('db — the meeting page in one query', () => {
  it('returns the same rows as the separate queries, and nothing for another commune or an unknown id', async () => {
    const database = await testDatabase();
    const { communeId } = await resetWithDemo(database);
    const { db } = database;
    const [hdnd] = await db.select().from(bodies).where(and(eq(bodies.communeId, communeId), eq(bodies.shortName, 'HĐND')));
    const [term] = await db.select().from(terms).where(eq(terms.bodyId, hdnd!.id));
    const members = await db.select().from(memberships).where(eq(memberships.bodyId, hdnd!.id));
    const [m] = await db.insert(meetings).values({ communeId, bodyId: hdnd!.id, termId: term!.id, kind: 'regular', date: '2026-07-10', startTime: '07:30', place: 'Hội trường', chairPersonId: members[0]!.personId, status: 'in_session', ordinal: 2 }).returning();
    await db.insert(meetings).values({ communeId, bodyId: hdnd!.id, termId: term!.id, kind: 'regular', date: '2026-06-10', startTime: '07:30', place: 'Hội trường', chairPersonId: members[0]!.personId, status: 'draft' });
    // Two regulations in force (one later), one still a draft: the page carries those in force with their adopted settings.
    for (const [i, status] of (['in_force', 'in_force', 'draft'] as const).entries()) {
      const [r] = await db.insert(regulations).values({ communeId, bodyId: hdnd!.id, title: `Quy chế ${i}`, status, adoptedVersion: status === 'draft' ? null : 1, effectiveFrom: status === 'draft' ? null : `2026-0${5 - i}-01`, basis: `0${i}/NQ-HĐND` }).returning();
      await db.insert(regulationVersions).values({ regulationId: r!.id, version: 1, text: 'Chương I', settings: { ...defaultSettings('people_council'), presides: i ? 'deputy' : 'head' } });
    }
    // Positions out of insertion order, so the order clauses matter.
    await db.insert(agendaItems).values([3, 1, 2].map((position) => ({ meetingId: m!.id, position, title: `Nội dung ${position}`, kind: 'report' as const, presenter: 'UBND xã', durationMinutes: 15 })));
    const items = await repo.agendaOf(db, m!.id);
    for (const item of items.slice(0, 2)) {
      const [a] = await db.insert(attachments).values({ meetingId: m!.id, agendaItemId: item.id, title: `Tài liệu ${item.position}` }).returning();
      await db.insert(attachmentVersions).values([1, 2].map((version) => ({ attachmentId: a!.id, version, originalName: `tl-${version}.pdf`, storedName: `x${a!.id}${version}`, fileType: 'pdf', size: 1000 + version, sha256: 'ab'.repeat(32), uploadedAt: new Date(`2026-07-0${version}T01:02:03.456Z`) })));
    }
    await db.insert(meetingGuests).values([{ meetingId: m!.id, name: 'Khách B', role: 'Đại diện', position: 2 }, { meetingId: m!.id, name: 'Khách A', role: null, position: 1 }]);
    await db.insert(attendanceEvents).values(members.slice(0, 5).map((x, i) => ({ meetingId: m!.id, personId: x.personId, status: i === 4 ? 'absent_excused' as const : 'present' as const, reason: i === 4 ? 'Ốm' : null, at: new Date(`2026-07-10T00:4${i}:00.123Z`) })));
    await db.insert(bodyRules).values({ bodyId: hdnd!.id, effectiveFrom: '2026-05-01', quorumNumerator: 1, quorumDenominator: 2, quorumComparison: 'more_than', quorumBase: 'total', basis: 'Quy chế làm việc' });

    const page = await repo.meetingPage(database, communeId, m!.id);
    expect(page).to.not.equal(undefined);
    expect(page!.meeting).to.deep.equal(await repo.findMeeting(db, communeId, m!.id));
    expect(page!.commune).to.deep.equal(await orgRepo.findCommune(db, communeId));
    expect(page!.body).to.deep.equal(await orgRepo.findBody(db, communeId, hdnd!.id));
    expect(page!.agenda).to.deep.equal(items);
    expect(page!.agenda.map((x) => x.position)).to.deep.equal([1, 2, 3]);
    expect(page!.files).to.deep.equal(await repo.attachmentsOf(db, m!.id));
    expect(page!.files[0]!.versions[0]!.uploadedAt).to.be.instanceOf(Date);
    expect(page!.guests).to.deep.equal(await repo.guestsOf(db, m!.id));
    const sortSeries = (s: { id: number }[]) => [...s].sort((a, b) => a.id - b.id);
    expect(sortSeries(page!.series)).to.deep.equal(sortSeries(await repo.seriesOf(db, hdnd!.id, term!.id)));
    expect(page!.memberships).to.deep.equal(await orgRepo.membershipsOfBody(db, communeId, hdnd!.id));
    expect(page!.events).to.deep.equal(await repo.eventsOf(db, m!.id));
    expect(page!.events[0]!.at.toISOString()).to.equal('2026-07-10T00:40:00.123Z');
    expect(page!.rules).to.deep.equal(await repo.rulesOf(db, hdnd!.id));
    expect(page!.regulations).to.deep.equal(await regulationRepo.inForceOf(db, hdnd!.id));
    expect(page!.regulations.map((x) => x.effectiveFrom)).to.deep.equal(['2026-04-01', '2026-05-01']);
    expect(page!.series.find((x) => x.id === m!.id)).to.deep.include({ status: 'in_session', ordinal: 2 });

    expect(await repo.meetingPage(database, communeId + 1, m!.id)).to.equal(undefined);
    expect(await repo.meetingPage(database, communeId, m!.id + 1000)).to.equal(undefined);
  });
});
