// What each person sees first: the bodies they serve, their own posts today, their meetings of the next
// 30 days, and — for a member — the meeting of their body being held today, to check in from the phone.
import type { Database } from '../db/database.ts';
import { can, type Principal } from '../domain/permissions.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { canRecordAttendance, isInRoom, latestByPerson, meetingName, ordinalsOf, type MeetingKind, type MeetingStatus } from '../domain/meetings.ts';
import { meetingStatusLabels } from '../i18n/vi.ts';
import * as orgRepo from '../repositories/org.ts';
import * as meetingRepo from '../repositories/meetings.ts';
import * as votesRepo from '../repositories/votes.ts';

const UPCOMING_DAYS = 30;
const MAX_MEETING_DAYS = 10; // the meeting form's limit on "số ngày họp"
const addDays = (iso: string, n: number) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

export function createHomeService(database: Database, clock: { today(): string; now(): Date }) {
  const { db } = database;

  /** Meetings of the commune from today to 30 days on (and those still running today) this person serves or sits in. */
  async function meetingsFor(p: Principal, communeId: number, today: string) {
    const rows = await meetingRepo.meetingsOfCommune(db, communeId, addDays(today, -(MAX_MEETING_DAYS - 1)), addDays(today, UPCOMING_DAYS + 1));
    const posts = p.personId === null ? [] : await orgRepo.membershipsOfPerson(db, communeId, p.personId);
    const memberOn = (bodyId: number, day: string) => posts.some((x) => x.bodyId === bodyId && x.startDate <= day && (x.endDate === null || day < x.endDate));
    const staffOf = (bodyId: number) => {
      const scope = { communeId, bodyId };
      return can(p, 'meeting.prepare', scope) || can(p, 'meeting.record', scope) || can(p, 'document.sign', scope);
    };
    const lastDay = (m: meetingRepo.MeetingRow) => addDays(m.date, m.days - 1);
    const mine = rows.filter(({ meeting: m }) => lastDay(m) >= today && (staffOf(m.bodyId) || memberOn(m.bodyId, m.date)));
    const series = await meetingRepo.seriesOfMany(db, mine.map(({ meeting: m }) => ({ bodyId: m.bodyId, termId: m.termId })));
    const ordinals = new Map<number, number>();
    const bySeries = new Map<string, typeof series>();
    for (const s of series) bySeries.set(`${s.bodyId}:${s.termId}`, [...(bySeries.get(`${s.bodyId}:${s.termId}`) ?? []), s]);
    for (const list of bySeries.values()) for (const [id, n] of ordinalsOf(list)) ordinals.set(id, n);
    const named = mine.map((r) => ({
      ...r, name: meetingName(r.bodyKind as BodyKind, r.meeting.kind as MeetingKind, ordinals.get(r.meeting.id) ?? 1, r.meeting.date),
      isMember: memberOn(r.meeting.bodyId, r.meeting.date), statusLabel: meetingStatusLabels[r.meeting.status] ?? r.meeting.status,
    }));
    // Self check-in: a member, on a day of the meeting, while attendance is open (convened or in session).
    const checkIn = [];
    for (const r of named) {
      const m = r.meeting;
      if (!r.isMember || p.personId === null || today < m.date || !canRecordAttendance(m.status as MeetingStatus)) continue;
      const mineLatest = latestByPerson(await meetingRepo.eventsOf(db, m.id)).get(p.personId);
      checkIn.push({ ...r, checkedIn: !!mineLatest && isInRoom(mineLatest.status) });
    }
    return { upcoming: named.filter((r) => r.meeting.date >= today), checkIn };
  }

  return {
    async forPrincipal(p: Principal) {
      const today = clock.today();
      const communes = p.isSystemAdmin ? await orgRepo.listCommunes(db)
        : p.communeId !== null ? [await orgRepo.findCommune(db, p.communeId)].filter((c) => c !== undefined) : [];
      const commune = p.communeId !== null ? communes.find((c) => c.id === p.communeId) ?? null : null;
      const allBodies = commune ? await orgRepo.listBodies(db, commune.id) : [];
      const served = commune ? allBodies.filter((b) => can(p, 'body.read', { communeId: commune.id, bodyId: b.id })) : [];
      const secretaryOf = commune ? allBodies.filter((b) => can(p, 'meeting.record', { communeId: commune.id, bodyId: b.id })) : [];
      const signerOf = commune ? allBodies.filter((b) => can(p, 'document.sign', { communeId: commune.id, bodyId: b.id })) : [];
      const myPosts = p.personId !== null ? await orgRepo.activeMembershipsOfPerson(db, p.personId, today) : [];
      const isAdmin = commune ? can(p, 'account.manage', { communeId: commune.id }) : false;
      const { upcoming, checkIn } = commune ? await meetingsFor(p, commune.id, today) : { upcoming: [], checkIn: [] };
      // Written opinions (phiếu lấy ý kiến) still open that this member has not answered.
      const writtenToAnswer = commune && p.personId !== null ? await votesRepo.openWrittenToAnswer(db, commune.id, p.personId, clock.now()) : [];
      return { today, communes, commune, served, secretaryOf, signerOf, myPosts, isAdmin, upcoming, checkIn, writtenToAnswer };
    },
  };
}
