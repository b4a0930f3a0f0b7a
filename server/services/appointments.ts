// Use cases for appointments: from an HĐND election result (nghị quyết bầu), the Chairman's own decision (quyết
// định bổ nhiệm) or a Party decision (quyết định chỉ định) — each prepares its document as a draft in the
// workflow; issuing it changes the posts (issued-effects.ts), or, for results the province must approve
// (Luật 72/2025/QH15 Điều 36), recording that approval does. Each write: one transaction with its audit rows.
import { and, eq } from 'drizzle-orm';
import { appointments } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import {
  checkSourceAndBodies, needsProvinceApproval, planAppointment, SOURCE_LABELS, type AppointmentSource, type PostRole,
} from '../domain/appointments.ts';
import { formatPercent } from '../domain/percent.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import * as meetingRepo from '../repositories/meetings.ts';
import * as repo from '../repositories/regulations.ts';
import type { DocumentService } from './documents-workflow.ts';
import { applyAppointment, postsToPlanAgainst } from './issued-effects.ts';
import { Form, type Input } from './form.ts';
import type { Clock } from './clock.ts';
import type { MeetingService } from './meetings.ts';
import { councilOf } from '../domain/terms.ts';

export const APPOINTMENT_STATUS_LABELS = {
  draft: 'Đang soạn văn bản', awaiting_approval: 'Chờ cấp tỉnh phê chuẩn', applied: 'Đã có hiệu lực', cancelled: 'Đã hủy',
} as const;
export { SOURCE_LABELS };

const TEMPLATE: Record<AppointmentSource, string> = {
  election: 'hdnd-nghi-quyet-bau-chuc-danh', appointment: 'ubnd-quyet-dinh-bo-nhiem', designation: 'dang-uy-quyet-dinh-chi-dinh',
};
const ROLES: readonly PostRole[] = ['head', 'deputy', 'member'];
const honorific = (gender: string) => (gender === 'nữ' ? 'Bà' : 'Ông');

export function createAppointmentService(database: Database, clock: Clock, deps: { documents: DocumentService; meetings: MeetingService }) {
  const { db } = database;

  function requireCommune(p: Principal, communeId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
  }

  /** Permission before the form: who may prepare appointments for no body of the commune is refused at once (403). */
  async function requirePrepareSomewhere(p: Principal, communeId: number) {
    requireCommune(p, communeId);
    const bodies = await orgRepo.listBodies(db, communeId);
    if (!bodies.some((b) => can(p, 'appointment.prepare', { communeId, bodyId: b.id }))) throw forbidden();
  }

  /** Refuses, before anything is written, an appointment the issuance would refuse (same rule, same message). */
  async function precheck(ex: Executor, communeId: number, target: orgRepo.BodyRow, person: orgRepo.PersonRow, position: string, role: PostRole, day: string, replaceIncumbent: boolean) {
    const against = await postsToPlanAgainst(ex, communeId, target);
    const plan = planAppointment({ personId: person.id, personName: person.fullName, position, role, day, basis: '', ...against, replaceIncumbent });
    if (!plan.ok) {
      // The summary says who holds the post; the field says what the box is for.
      const field: Record<string, string> = plan.reason === 'HELD_BY_OTHER'
        ? { replaceIncumbent: 'Chức vụ đang có người giữ: đánh dấu ô này nếu người đó thôi giữ chức vụ từ ngày có hiệu lực.' }
        : { personId: plan.message };
      throw validation(field, plan.message);
    }
    // A second pending appointment of the same person to the same post would be applied twice.
    const pending = (await repo.appointmentsOfCommune(ex, communeId)).find((a) => a.appointment.personId === person.id && a.appointment.bodyId === target.id
      && a.appointment.position === position && (a.appointment.status === 'draft' || a.appointment.status === 'awaiting_approval'));
    if (pending) throw validation({ personId: `Đã có văn bản đang xử lý giao chức vụ "${position}" cho ${person.fullName}.` }, `Đã có văn bản đang xử lý giao chức vụ "${position}" cho ${person.fullName}.`);
  }

  function readPost(f: Form) {
    return {
      bodyId: f.int('bodyId', { required: true, min: 1 }),
      position: f.text('position', { required: true, max: 200 }),
      role: f.choice('role', ROLES),
      effectiveFrom: f.date('effectiveFrom'),
      votingRight: f.text('votingRight') !== 'off',
      replaceIncumbent: f.text('replaceIncumbent') === 'on',
    };
  }

  async function create(p: Principal, communeId: number, source: AppointmentSource, issuer: orgRepo.BodyRow, target: orgRepo.BodyRow, person: orgRepo.PersonRow,
    post: { position: string; role: PostRole; effectiveFrom: string; votingRight: boolean; replaceIncumbent: boolean }, data: Record<string, unknown>, links: { motionId?: number; candidateId?: number } = {}) {
    const rule = checkSourceAndBodies(source, issuer.kind as BodyKind, target.kind as BodyKind);
    if (!rule.ok) throw validation({ bodyId: rule.message }, rule.message);
    const needsApproval = needsProvinceApproval(source, target.kind as BodyKind, post.role);
    return database.transaction(async (tx) => {
      await precheck(tx, communeId, target, person, post.position, post.role, post.effectiveFrom, post.replaceIncumbent);
      const doc = await deps.documents.createFromData(tx, p, communeId, {
        bodyId: issuer.id, templateKey: TEMPLATE[source], data, note: `${SOURCE_LABELS[source]}: ${person.fullName} — ${post.position}`,
        // an election held in a closed session makes its resolution's public page existence-only
        source: links.motionId ? { motionId: links.motionId } : undefined,
      });
      const [row] = await tx.insert(appointments).values({
        communeId, issuerBodyId: issuer.id, bodyId: target.id, personId: person.id, position: post.position, role: post.role, votingRight: post.votingRight,
        replacesIncumbent: post.replaceIncumbent,
        source, motionId: links.motionId ?? null, candidateId: links.candidateId ?? null, documentId: doc.id, effectiveFrom: post.effectiveFrom,
        needsApproval, createdBy: p.accountId,
      }).returning();
      await writeAudit(tx, { accountId: p.accountId, communeId, action: 'appointment.create', entity: 'appointment', entityId: row!.id, after: row });
      return { appointment: row!, document: doc };
    });
  }

  async function loadPerson(communeId: number, personId: number | null) {
    const person = personId ? await orgRepo.findPerson(db, communeId, personId) : undefined;
    if (!person) throw validation({ personId: 'Vui lòng chọn người được giao chức vụ.' });
    return person;
  }

  /** The decision states the person's year of birth (and, for a nghị quyết bầu, ethnicity): a blank would be printed. */
  function requireProfile(person: orgRepo.PersonRow, needs: { ethnicity: boolean }) {
    const missing = [person.birthYear ? null : 'năm sinh', needs.ethnicity && !person.ethnicity?.trim() ? 'dân tộc' : null].filter(Boolean);
    if (missing.length) {
      const message = `Hồ sơ của ${person.fullName} chưa có ${missing.join(' và ')}; văn bản ghi các thông tin này. Hãy bổ sung ở trang Nhân sự rồi soạn lại.`;
      throw validation({ personId: message }, message);
    }
  }

  async function loadTarget(communeId: number, bodyId: number | null) {
    const target = bodyId ? await orgRepo.findBody(db, communeId, bodyId) : undefined;
    if (!target) throw validation({ bodyId: 'Vui lòng chọn cơ quan có chức vụ.' });
    return target;
  }

  return {
    /** The appointments page: every appointment and its state, the election results and bodies to start from. */
    async overview(p: Principal, communeId: number) {
      requireCommune(p, communeId);
      const [rows, bodies, people, elected] = await Promise.all([
        repo.appointmentsOfCommune(db, communeId), orgRepo.listBodies(db, communeId), orgRepo.listPeople(db, communeId), repo.electedCandidates(db, communeId),
      ]);
      const visible = rows.filter((r) => can(p, 'body.read', { communeId, bodyId: r.appointment.issuerBodyId }) || can(p, 'body.read', { communeId, bodyId: r.appointment.bodyId }));
      const issuers = bodies.filter((b) => can(p, 'appointment.prepare', { communeId, bodyId: b.id }));
      return {
        appointments: visible, bodies: bodies.filter((b) => b.active), people,
        elected: elected.filter((e) => e.candidate.personId !== null && issuers.some((b) => b.id === e.motion.bodyId)),
        issuers, canConfirm: can(p, 'appointment.confirm', { communeId }), today: clock.today(),
      };
    },

    /** A nghị quyết bầu from an HĐND election result: the elected candidate, the figures of the counting. */
    async fromElection(p: Principal, communeId: number, input: Input) {
      await requirePrepareSomewhere(p, communeId);
      const f = new Form(input);
      const candidateId = f.int('candidateId', { required: true, min: 1 });
      const post = readPost(f);
      f.check();
      const found = (await repo.electedCandidates(db, communeId)).find((e) => e.candidate.id === candidateId);
      if (!found || found.candidate.personId === null) throw validation({ candidateId: 'Vui lòng chọn một người đã trúng cử.' });
      const { candidate, motion } = found;
      const issuer = (await orgRepo.findBody(db, communeId, motion.bodyId))!;
      if (!can(p, 'appointment.prepare', { communeId, bodyId: issuer.id })) throw forbidden();
      const [target, person] = await Promise.all([loadTarget(communeId, post.bodyId), loadPerson(communeId, candidate.personId)]);
      requireProfile(person, { ethnicity: true });
      const meeting = motion.meetingId ? await meetingRepo.findMeeting(db, communeId, motion.meetingId) : undefined;
      if (!meeting) throw validation({ candidateId: 'Cuộc bầu này không thuộc một kỳ họp.' });
      const term = (await orgRepo.listTerms(db, issuer.id)).find((t) => t.id === meeting.termId)!;
      const { ordinal } = await deps.meetings.describe(db, meeting, issuer.kind as BodyKind);
      const total = motion.total ?? 0;
      const agree = candidate.agree ?? 0;
      const data = {
        council: councilOf(term),
        session: { number: ordinal, date: meeting.date },
        elected: { name: person.fullName, honorific: honorific(person.gender), birthYear: person.birthYear!, ethnicity: person.ethnicity!, title: post.position },
        vote: {
          total, present: motion.present ?? 0, issued: motion.ballotsIssued ?? motion.present ?? 0,
          valid: (motion.ballotsCollected ?? motion.present ?? 0) - (motion.invalid ?? 0), votesFor: agree, percentOfTotal: formatPercent(agree, Math.max(total, 1)),
        },
      };
      return create(p, communeId, 'election', issuer, target, person, { ...post, role: post.role }, data, { motionId: motion.id, candidateId: candidate.id });
    },

    /** A quyết định bổ nhiệm (UBND Chairman) or chỉ định (Party) for a person to a post. */
    async appoint(p: Principal, communeId: number, input: Input) {
      await requirePrepareSomewhere(p, communeId);
      const f = new Form(input);
      const source = f.choice('source', ['appointment', 'designation'] as const);
      const issuerBodyId = f.int('issuerBodyId', { required: true, min: 1 });
      const personId = f.int('personId', { required: true, min: 1 });
      const proposer = f.text('proposer', { max: 200 });
      const post = readPost(f);
      f.check();
      const issuer = await orgRepo.findBody(db, communeId, issuerBodyId!);
      if (!issuer) throw validation({ issuerBodyId: 'Vui lòng chọn cơ quan ban hành.' });
      if (!can(p, 'appointment.prepare', { communeId, bodyId: issuer.id })) throw forbidden();
      const [target, person] = await Promise.all([loadTarget(communeId, post.bodyId), loadPerson(communeId, personId)]);
      requireProfile(person, { ethnicity: false });
      const appointee = { name: person.fullName, honorific: honorific(person.gender), birthYear: person.birthYear!, position: post.position, from: post.effectiveFrom };
      const data = source === 'appointment'
        ? { appointee: { ...appointee, position: `${post.position} ${target.name}`, term: 5 }, proposer: proposer || `Trưởng ${target.name}` }
        : { appointee: { ...appointee, bodyName: target.name } };
      return create(p, communeId, source, issuer, target, person, post, data);
    },

    /** The province approved the result (Luật 72/2025/QH15 Điều 36): the posts change from the effective date. */
    async confirm(p: Principal, communeId: number, id: number, input: Input) {
      requireCommune(p, communeId);
      const appt = await repo.findAppointment(db, communeId, id);
      if (!appt) throw notFound();
      if (!can(p, 'appointment.confirm', { communeId })) throw forbidden();
      const f = new Form(input);
      const approvedOn = f.date('approvedOn');
      const approvalBasis = f.text('approvalBasis', { required: true, max: 300 });
      const seen = f.int('version', { required: true, min: 1 });
      f.check();
      if (appt.status !== 'awaiting_approval') throw conflict(`Việc giao chức vụ này đang ở trạng thái "${APPOINTMENT_STATUS_LABELS[appt.status]}", không chờ phê chuẩn.`);
      if (seen !== appt.version) throw conflict('Việc giao chức vụ vừa được người khác xử lý. Vui lòng tải lại trang.');
      return database.transaction(async (tx) => {
        const [locked] = await tx.update(appointments).set({ approvedOn, approvalBasis, version: appt.version + 1 })
          .where(and(eq(appointments.id, id), eq(appointments.version, appt.version), eq(appointments.status, 'awaiting_approval'))).returning();
        if (!locked) throw conflict('Việc giao chức vụ vừa được người khác xử lý. Vui lòng tải lại trang.');
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'appointment.confirm', entity: 'appointment', entityId: id, after: { approvedOn, approvalBasis } });
        return applyAppointment(tx, p, locked);
      });
    },

    /** A person's posts over time and the appointments concerning them. */
    async personHistory(p: Principal, communeId: number, personId: number) {
      requireCommune(p, communeId);
      const person = await orgRepo.findPerson(db, communeId, personId);
      if (!person) throw notFound();
      const posts = (await orgRepo.membershipsOfPerson(db, communeId, personId)).filter((m) => can(p, 'body.read', { communeId, bodyId: m.bodyId }) || p.personId === personId);
      if (posts.length === 0 && !can(p, 'person.manage', { communeId }) && p.personId !== personId && !can(p, 'body.read', { communeId })) throw notFound();
      const appts = (await repo.appointmentsOfCommune(db, communeId)).filter((a) => a.appointment.personId === personId);
      return { person, posts, appointments: appts, today: clock.today() };
    },

    /** A body's posts over time, with the basis of each, and the appointments to it waiting or applied. */
    async bodyHistory(p: Principal, communeId: number, bodyId: number) {
      requireCommune(p, communeId);
      const body = await orgRepo.findBody(db, communeId, bodyId);
      if (!body || !can(p, 'body.read', { communeId, bodyId })) throw notFound();
      const posts = await orgRepo.membershipsOfBody(db, communeId, bodyId);
      const appts = (await repo.appointmentsOfCommune(db, communeId)).filter((a) => a.appointment.bodyId === bodyId);
      return { body, posts: [...posts].sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : a.id - b.id)), appointments: appts, today: clock.today() };
    },
  };
}

export type AppointmentService = ReturnType<typeof createAppointmentService>;
