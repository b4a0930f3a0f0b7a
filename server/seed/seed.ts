// Writes the demo commune (demo-data.ts) into an empty database, in one transaction with audit rows.
import { count } from 'drizzle-orm';
import { accountRoles, accounts, bodies, communes, memberships, people, terms } from '../../models/schema.ts';
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
      await tx.insert(terms).values({ bodyId: row.id, name: b.termName, startDate: b.termStart, endDate: b.termEnd });
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
