// Use cases for communes, bodies, terms, people and positions: load → permission → rule → write + audit,
// each write in one transaction.
import { and, eq, isNull } from 'drizzle-orm';
import { bodies, communes, memberships, people, terms } from '../../models/schema.ts';
import type { Database } from '../db/database.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { checkNewMembership, membersOn, votingMembersOn } from '../domain/membership.ts';
import { can, canSeeCommune, type Action, type Principal } from '../domain/permissions.ts';
import { standardBodies, type BodyKind } from '../domain/bodies.ts';
import { communeKinds, msg } from '../i18n/vi.ts';
import * as repo from '../repositories/org.ts';
import { writeAudit } from '../repositories/audit.ts';
import { Form, type Input } from './form.ts';

export const BODY_KINDS: readonly BodyKind[] = [
  'party_committee', 'party_standing_committee', 'party_standing_board', 'people_council', 'council_standing_board',
  'council_committee', 'people_committee', 'department', 'fatherland_front',
];
const MEMBERSHIP_ROLES = ['head', 'deputy', 'member'] as const;

function requireCommuneVisible(p: Principal, communeId: number): void {
  if (!canSeeCommune(p, communeId)) throw notFound();
}

function requirePermission(p: Principal, action: Action, communeId: number, bodyId?: number): void {
  requireCommuneVisible(p, communeId);
  if (!can(p, action, { communeId, bodyId })) throw forbidden();
}

/** Optimistic lock: the form carries the version it was loaded at. */
function expectVersion(form: Form): number {
  const v = form.int('version', { required: true, min: 1 });
  if (v === null) throw new AppError('BAD_REQUEST', msg.staleVersion);
  return v;
}

export function createOrgService(database: Database, clock: { today(): string }) {
  const { db } = database;

  async function loadCommune(p: Principal, communeId: number) {
    requireCommuneVisible(p, communeId);
    const c = await repo.findCommune(db, communeId);
    if (!c) throw notFound();
    return c;
  }

  async function loadBody(p: Principal, communeId: number, bodyId: number) {
    requireCommuneVisible(p, communeId);
    const body = await repo.findBody(db, communeId, bodyId);
    if (!body || !can(p, 'body.read', { communeId, bodyId })) throw notFound();
    return body;
  }

  function readCommune(input: Input) {
    const f = new Form(input);
    const value = {
      name: f.text('name', { required: true, max: 120 }),
      kind: f.choice('kind', communeKinds),
      province: f.text('province', { required: true, max: 120 }),
      code: f.text('code', { required: true, pattern: /^\d{5}$/, patternMessage: msg.communeCode }),
      placeName: f.text('placeName', { required: true, max: 120 }),
    };
    return { f, value };
  }

  return {
    async listCommunes(p: Principal) {
      const all = await repo.listCommunes(db);
      return all.filter((c) => canSeeCommune(p, c.id));
    },

    getCommune: loadCommune,

    async createCommune(p: Principal, input: Input) {
      if (!can(p, 'commune.create')) throw forbidden();
      const { f, value } = readCommune(input);
      const termStart = f.date('termStart');
      const termEnd = f.date('termEnd');
      const partyTermStart = f.date('partyTermStart');
      const partyTermEnd = f.date('partyTermEnd');
      f.check();
      if (termEnd <= termStart) throw validation({ termEnd: msg.endBeforeStart });
      if (partyTermEnd <= partyTermStart) throw validation({ partyTermEnd: msg.endBeforeStart });
      return database.transaction(async (tx) => {
        if (await repo.findCommuneByCode(tx, value.code)) throw validation({ code: msg.communeCodeTaken });
        const [c] = await tx.insert(communes).values(value).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId: c.id, action: 'commune.create', entity: 'commune', entityId: c.id, after: c });
        const ids = new Map<string, number>();
        for (const b of standardBodies({ ...value, kind: value.kind })) {
          const [row] = await tx.insert(bodies).values({
            communeId: c.id, parentId: b.parentKey ? ids.get(b.parentKey) ?? null : null, kind: b.kind, name: b.name,
            shortName: b.shortName, issuerCode: b.issuerCode, issuerName: b.issuerName, parentHeader: b.parentHeader,
          }).returning();
          ids.set(b.key, row.id);
          const family = b.family === 'party' ? { startDate: partyTermStart, endDate: partyTermEnd, name: 'Nhiệm kỳ ' + partyTermStart.slice(0, 4) + ' - ' + partyTermEnd.slice(0, 4) }
            : { startDate: termStart, endDate: termEnd, name: 'Nhiệm kỳ ' + termStart.slice(0, 4) + ' - ' + termEnd.slice(0, 4) };
          await tx.insert(terms).values({ bodyId: row.id, ...family });
          await writeAudit(tx, { accountId: p.accountId, communeId: c.id, action: 'body.create', entity: 'body', entityId: row.id, after: row });
        }
        return c;
      });
    },

    async updateCommune(p: Principal, communeId: number, input: Input) {
      const current = await loadCommune(p, communeId);
      requirePermission(p, 'commune.edit', communeId);
      const { f, value } = readCommune(input);
      const version = expectVersion(f);
      f.check();
      return database.transaction(async (tx) => {
        const other = await repo.findCommuneByCode(tx, value.code);
        if (other && other.id !== communeId) throw validation({ code: msg.communeCodeTaken });
        const [row] = await tx.update(communes).set({ ...value, version: version + 1 })
          .where(and(eq(communes.id, communeId), eq(communes.version, version))).returning();
        if (!row) throw conflict(msg.staleVersion);
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'commune.update', entity: 'commune', entityId: communeId, before: current, after: row });
        return row;
      });
    },

    async listBodies(p: Principal, communeId: number) {
      await loadCommune(p, communeId);
      const rows = await repo.listBodies(db, communeId);
      return rows.filter((b) => can(p, 'body.read', { communeId, bodyId: b.id }));
    },

    getBody: loadBody,

    /** The body, its terms, every post ever held, and who sat in it on `day`. */
    async bodyOnDate(p: Principal, communeId: number, bodyId: number, day: string) {
      const body = await loadBody(p, communeId, bodyId);
      const [bodyTerms, history] = await Promise.all([repo.listTerms(db, bodyId), repo.membershipsOfBody(db, communeId, bodyId)]);
      const members = membersOn(history, day);
      return { body, terms: bodyTerms, history, members, votingCount: votingMembersOn(history, day).length, day };
    },

    async createBody(p: Principal, communeId: number, input: Input) {
      await loadCommune(p, communeId);
      requirePermission(p, 'body.manage', communeId);
      const f = new Form(input);
      const value = {
        kind: f.choice('kind', BODY_KINDS),
        name: f.text('name', { required: true, max: 200 }),
        shortName: f.text('shortName', { required: true, max: 40 }),
        issuerCode: f.optionalText('issuerCode', 40),
        issuerName: f.optionalText('issuerName', 200)?.toLocaleUpperCase('vi') ?? null,
        parentHeader: f.optionalText('parentHeader', 200)?.toLocaleUpperCase('vi') ?? null,
        parentId: f.int('parentId', { min: 1 }),
      };
      f.check();
      return database.transaction(async (tx) => {
        if (value.parentId !== null && !(await repo.findBody(tx, communeId, value.parentId))) throw validation({ parentId: msg.invalidChoice });
        const [row] = await tx.insert(bodies).values({ communeId, ...value }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'body.create', entity: 'body', entityId: row.id, after: row });
        return row;
      });
    },

    async updateBody(p: Principal, communeId: number, bodyId: number, input: Input) {
      const current = await loadBody(p, communeId, bodyId);
      requirePermission(p, 'body.manage', communeId, bodyId);
      const f = new Form(input);
      const value = {
        name: f.text('name', { required: true, max: 200 }),
        shortName: f.text('shortName', { required: true, max: 40 }),
        issuerCode: f.optionalText('issuerCode', 40),
        issuerName: f.optionalText('issuerName', 200)?.toLocaleUpperCase('vi') ?? null,
        parentHeader: f.optionalText('parentHeader', 200)?.toLocaleUpperCase('vi') ?? null,
        active: f.bool('active'),
      };
      const version = expectVersion(f);
      f.check();
      return database.transaction(async (tx) => {
        const [row] = await tx.update(bodies).set({ ...value, version: version + 1 })
          .where(and(eq(bodies.id, bodyId), eq(bodies.communeId, communeId), eq(bodies.version, version))).returning();
        if (!row) throw conflict(msg.staleVersion);
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'body.update', entity: 'body', entityId: bodyId, before: current, after: row });
        return row;
      });
    },

    async addTerm(p: Principal, communeId: number, bodyId: number, input: Input) {
      await loadBody(p, communeId, bodyId);
      requirePermission(p, 'body.manage', communeId, bodyId);
      const f = new Form(input);
      const value = { name: f.text('name', { required: true, max: 120 }), startDate: f.date('startDate'), endDate: f.date('endDate'), seats: f.int('seats', { min: 1, max: 999 }) };
      f.check();
      if (value.endDate <= value.startDate) throw validation({ endDate: msg.endBeforeStart });
      return database.transaction(async (tx) => {
        const existing = await repo.listTerms(tx, bodyId);
        if (existing.some((t) => t.startDate <= value.endDate && value.startDate <= t.endDate)) throw validation({ startDate: msg.termOverlap });
        const [row] = await tx.insert(terms).values({ bodyId, ...value }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'term.create', entity: 'term', entityId: row.id, after: row });
        return row;
      });
    },

    /** Records the seats of a term (deputies to elect, committee size); the change is audited with both values. */
    async setTermSeats(p: Principal, communeId: number, bodyId: number, termId: number, input: Input) {
      await loadBody(p, communeId, bodyId);
      requirePermission(p, 'body.manage', communeId, bodyId);
      const term = (await repo.listTerms(db, bodyId)).find((t) => t.id === termId);
      if (!term) throw notFound();
      const f = new Form(input);
      const seats = f.int('seats', { required: true, min: 1, max: 999 });
      f.check();
      return database.transaction(async (tx) => {
        const [row] = await tx.update(terms).set({ seats }).where(and(eq(terms.id, termId), eq(terms.bodyId, bodyId))).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'term.seats', entity: 'term', entityId: termId, before: { seats: term.seats }, after: { seats } });
        return row!;
      });
    },

    async listPeople(p: Principal, communeId: number) {
      await loadCommune(p, communeId);
      requirePermission(p, 'person.manage', communeId);
      return repo.listPeople(db, communeId);
    },

    async getPerson(p: Principal, communeId: number, personId: number) {
      requirePermission(p, 'person.manage', communeId);
      const person = await repo.findPerson(db, communeId, personId);
      if (!person) throw notFound();
      const posts = await repo.membershipsOfPerson(db, communeId, personId);
      return { person, posts };
    },

    async savePerson(p: Principal, communeId: number, personId: number | null, input: Input) {
      await loadCommune(p, communeId);
      requirePermission(p, 'person.manage', communeId);
      const current = personId === null ? null : await repo.findPerson(db, communeId, personId);
      if (personId !== null && !current) throw notFound();
      const f = new Form(input);
      const value = {
        fullName: f.text('fullName', { required: true, max: 120 }),
        gender: f.choice('gender', ['nam', 'nữ'] as const),
        birthYear: f.int('birthYear', { min: 1900, max: 2100 }),
        ethnicity: f.optionalText('ethnicity', 60),
      };
      const version = current ? expectVersion(f) : 0;
      f.check();
      return database.transaction(async (tx) => {
        if (!current) {
          const [row] = await tx.insert(people).values({ communeId, ...value }).returning();
          await writeAudit(tx, { accountId: p.accountId, communeId, action: 'person.create', entity: 'person', entityId: row.id, after: row });
          return row;
        }
        const [row] = await tx.update(people).set({ ...value, version: version + 1 })
          .where(and(eq(people.id, current.id), eq(people.communeId, communeId), eq(people.version, version))).returning();
        if (!row) throw conflict(msg.staleVersion);
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'person.update', entity: 'person', entityId: row.id, before: current, after: row });
        return row;
      });
    },

    async addMembership(p: Principal, communeId: number, personId: number, input: Input) {
      requirePermission(p, 'person.manage', communeId);
      const person = await repo.findPerson(db, communeId, personId);
      if (!person) throw notFound();
      const f = new Form(input);
      const bodyId = f.int('bodyId', { required: true, min: 1 });
      const value = {
        position: f.text('position', { required: true, max: 160 }),
        role: f.choice('role', MEMBERSHIP_ROLES),
        votingRight: f.bool('votingRight'),
        startDate: f.date('startDate'),
        endDate: f.optionalDate('endDate'),
        basis: f.optionalText('basis', 300),
      };
      f.check();
      return database.transaction(async (tx) => {
        const body = bodyId === null ? undefined : await repo.findBody(tx, communeId, bodyId);
        if (!body) throw validation({ bodyId: msg.invalidChoice });
        const existing = await repo.membershipsOfBody(tx, communeId, body.id); // in turn: one connection
        const bodyTerms = await repo.listTerms(tx, body.id);
        const term = bodyTerms.find((t) => t.startDate <= value.startDate && value.startDate <= t.endDate);
        const check = checkNewMembership(existing, { personId, startDate: value.startDate, endDate: value.endDate },
          bodyTerms.length > 0 ? term ?? { startDate: '9999-12-31', endDate: '9999-12-31' } : undefined);
        if (!check.ok) {
          const field = check.reason === 'END_BEFORE_START' ? 'endDate' : 'startDate';
          const text = check.reason === 'END_BEFORE_START' ? msg.endBeforeStart
            : check.reason === 'OUTSIDE_TERM' ? msg.membershipOutsideTerm : msg.membershipOverlap;
          throw validation({ [field]: text });
        }
        const [row] = await tx.insert(memberships).values({ bodyId: body.id, personId, ...value }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'membership.create', entity: 'membership', entityId: row.id, after: row });
        return row;
      });
    },

    /** Ends a post once: sets the end date and reason. The row stays as history. */
    async endMembership(p: Principal, communeId: number, membershipId: number, input: Input) {
      requirePermission(p, 'person.manage', communeId);
      const current = await repo.findMembership(db, communeId, membershipId);
      if (!current) throw notFound();
      const f = new Form(input);
      const endDate = f.date('endDate');
      const endReason = f.text('endReason', { required: true, max: 300 });
      f.check();
      if (current.endDate !== null) throw conflict(msg.membershipAlreadyEnded);
      if (endDate <= current.startDate) throw validation({ endDate: msg.endBeforeStart });
      return database.transaction(async (tx) => {
        const [row] = await tx.update(memberships).set({ endDate, endReason })
          .where(and(eq(memberships.id, membershipId), eq(memberships.bodyId, current.bodyId), isNull(memberships.endDate))).returning();
        if (!row) throw conflict(msg.membershipAlreadyEnded); // another admin ended it first

        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'membership.end', entity: 'membership', entityId: membershipId, before: current, after: row });
        return row;
      });
    },

    today: () => clock.today(),
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
