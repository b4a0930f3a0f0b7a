// What an issued document changes, inside the issuance transaction (issuance.ts): a regulation's procedural
// settings take effect from its date as an effective-dated body rule, and an appointment changes who holds the
// post from its date (or waits for the province's approval). A refusal here rolls the issuance back: no number.
import { and, eq, isNull } from 'drizzle-orm';
import { appointments, bodyRules, memberships, regulations } from '../../models/schema.ts';
import type { Executor, Tx } from '../db/database.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { conflict, validation } from '../domain/errors.ts';
import { planAppointment, requiresDeputy, type PostRole } from '../domain/appointments.ts';
import { checkEffectiveDate, type RegulationSettings } from '../domain/regulations.ts';
import type { Principal } from '../domain/permissions.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/regulations.ts';

export interface IssuedDoc { id: number; communeId: number; typeName: string }

export async function applyIssuedEffects(tx: Tx, p: Principal, doc: IssuedDoc, issued: { numberSymbol: string; date: string }): Promise<void> {
  const reg = await repo.regulationOfDocument(tx, doc.id);
  if (reg) await bringRegulationIntoForce(tx, p, reg, doc, issued);
  const appt = await repo.appointmentOfDocument(tx, doc.id);
  if (appt && appt.status === 'draft') {
    if (appt.needsApproval) {
      await tx.update(appointments).set({ status: 'awaiting_approval', basis: issued.numberSymbol, version: appt.version + 1 }).where(eq(appointments.id, appt.id));
      await writeAudit(tx, { accountId: p.accountId, communeId: doc.communeId, action: 'appointment.await_approval', entity: 'appointment', entityId: appt.id,
        after: { documentId: doc.id, numberSymbol: issued.numberSymbol } });
    } else {
      await applyAppointment(tx, p, { ...appt, basis: issued.numberSymbol });
    }
  }
}

async function bringRegulationIntoForce(tx: Tx, p: Principal, reg: repo.RegulationRow, doc: IssuedDoc, issued: { numberSymbol: string; date: string }) {
  if (reg.status !== 'adopting' || !reg.effectiveFrom || !reg.adoptedVersion) return;
  const dated = checkEffectiveDate(reg.effectiveFrom, issued.date);
  if (!dated.ok) throw validation({}, `${dated.message} Văn bản chưa được cấp số; hãy trình lại Quy chế với ngày có hiệu lực mới.`);
  const version = (await repo.versionOf(tx, reg.id, reg.adoptedVersion))!;
  const s = version.settings as RegulationSettings;
  const basis = `${reg.title}, ban hành kèm theo ${doc.typeName.toLowerCase()} số ${issued.numberSymbol}`;
  await tx.update(regulations).set({ status: 'in_force', basis: issued.numberSymbol, version: reg.version + 1 }).where(eq(regulations.id, reg.id));
  const [rule] = await tx.insert(bodyRules).values({
    bodyId: reg.bodyId, effectiveFrom: reg.effectiveFrom, quorumNumerator: s.quorum.numerator, quorumDenominator: s.quorum.denominator,
    quorumComparison: s.quorum.comparison, quorumBase: s.quorum.base, basis, createdBy: p.accountId,
  }).returning();
  await writeAudit(tx, { accountId: p.accountId, communeId: reg.communeId, action: 'regulation.in_force', entity: 'regulation', entityId: reg.id,
    after: { documentId: doc.id, numberSymbol: issued.numberSymbol, effectiveFrom: reg.effectiveFrom, settings: s } });
  await writeAudit(tx, { accountId: p.accountId, communeId: reg.communeId, action: 'body_rule.add', entity: 'body', entityId: reg.bodyId, after: rule });
}

/**
 * The posts an appointment to `target` is planned against (planAppointment): the body's membership history, and the
 * council's when the post must go to a deputy. One query at a time: inside a transaction there is one connection.
 */
export async function postsToPlanAgainst(ex: Executor, communeId: number, target: orgRepo.BodyRow) {
  const posts = await orgRepo.membershipsOfBody(ex, communeId, target.id);
  const needsDeputy = requiresDeputy(target.kind as BodyKind);
  const council = needsDeputy ? (await orgRepo.listBodies(ex, communeId)).find((b) => b.kind === 'people_council') : undefined;
  const deputyPosts = council ? await orgRepo.membershipsOfBody(ex, communeId, council.id) : [];
  return { posts, requiresDeputy: needsDeputy, deputyPosts };
}

/** Starts the new post from the effective date, ending the predecessor's when the document said so; refuses a post already held. */
export async function applyAppointment(tx: Tx, p: Principal, appt: repo.AppointmentRow & { basis: string | null }) {
  const basis = appt.basis ?? `văn bản ${appt.documentId}`;
  // One query at a time: a transaction has one connection.
  const target = await orgRepo.findBody(tx, appt.communeId, appt.bodyId);
  const person = await orgRepo.findPerson(tx, appt.communeId, appt.personId);
  if (!target || !person) throw conflict('Không tìm thấy cơ quan hoặc người được bổ nhiệm.');
  const against = await postsToPlanAgainst(tx, appt.communeId, target);
  const { posts } = against;
  const plan = planAppointment({
    personId: person.id, personName: person.fullName, position: appt.position, role: appt.role as PostRole, day: appt.effectiveFrom,
    basis, ...against, replaceIncumbent: appt.replacesIncumbent,
  });
  if (!plan.ok) throw validation({}, plan.message);
  for (const e of plan.end) {
    const before = posts.find((m) => m.id === e.id)!;
    const [row] = await tx.update(memberships).set({ endDate: appt.effectiveFrom, endReason: e.reason })
      .where(and(eq(memberships.id, e.id), isNull(memberships.endDate))).returning();
    if (!row) throw conflict('Chức vụ của người tiền nhiệm vừa được người khác cập nhật. Vui lòng thử lại.');
    await writeAudit(tx, { accountId: p.accountId, communeId: appt.communeId, action: 'membership.end', entity: 'membership', entityId: e.id, before, after: row });
  }
  const [created] = await tx.insert(memberships).values({
    bodyId: appt.bodyId, personId: person.id, position: appt.position, role: appt.role as PostRole, votingRight: appt.votingRight,
    startDate: appt.effectiveFrom, basis,
  }).returning();
  await writeAudit(tx, { accountId: p.accountId, communeId: appt.communeId, action: 'membership.create', entity: 'membership', entityId: created!.id, after: created });
  const [done] = await tx.update(appointments).set({
    status: 'applied', basis, membershipId: created!.id, endedMembershipIds: plan.end.map((e) => e.id), version: appt.version + 1,
  }).where(and(eq(appointments.id, appt.id), eq(appointments.version, appt.version))).returning();
  if (!done) throw conflict('Việc bổ nhiệm vừa được người khác xử lý. Vui lòng tải lại trang.');
  await writeAudit(tx, { accountId: p.accountId, communeId: appt.communeId, action: 'appointment.apply', entity: 'appointment', entityId: appt.id,
    after: { membershipId: created!.id, ended: plan.end, basis, effectiveFrom: appt.effectiveFrom } });
  return done;
}
