// The append-only audit trail: who, when, what, before/after. Always written with the transaction handle.
import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../models/schema.ts';
import type { Executor } from '../db/database.ts';

export interface AuditEntry {
  accountId: number | null;
  communeId: number | null;
  action: string; // verb-first, e.g. 'person.create'
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(tx: Executor, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    accountId: e.accountId,
    communeId: e.communeId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId === null ? null : String(e.entityId),
    before: e.before === undefined ? null : e.before,
    after: e.after === undefined ? null : e.after,
  });
}

export async function listAudit(db: Executor, communeId: number | null, limit = 200) {
  const q = db.select().from(auditLog);
  const rows = communeId === null ? await q.orderBy(desc(auditLog.id)).limit(limit)
    : await q.where(eq(auditLog.communeId, communeId)).orderBy(desc(auditLog.id)).limit(limit);
  return rows;
}

export async function auditFor(db: Executor, entity: string, entityId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId))).orderBy(desc(auditLog.id));
}
