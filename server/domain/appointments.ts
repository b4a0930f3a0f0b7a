// Appointments to posts: who may be elected or appointed, which results wait for the province, and how the
// memberships change when the document is issued. Pure: memberships, kinds and dates come in as arguments.
import type { BodyKind } from './bodies.ts';
import { isActiveOn } from './membership.ts';

export type AppointmentSource = 'election' | 'appointment' | 'designation';
export type PostRole = 'head' | 'deputy' | 'member';

export const SOURCE_LABELS: Record<AppointmentSource, string> = {
  election: 'Bầu (nghị quyết của HĐND)',
  appointment: 'Bổ nhiệm (quyết định của Chủ tịch UBND)',
  designation: 'Chỉ định (quyết định của cấp ủy)',
};

/**
 * Posts of the council's own bodies are elected from among its deputies — Luật 72/2025/QH15 Điều 29, 36
 * (Chủ tịch, Phó Chủ tịch HĐND, Trưởng Ban, Phó Trưởng Ban and members of the Ban are deputies).
 */
export function requiresDeputy(targetKind: BodyKind): boolean {
  return targetKind === 'people_council' || targetKind === 'council_standing_board' || targetKind === 'council_committee';
}

/** Election results of the council's and the committee's leaders go to the province for approval — Luật 72/2025/QH15 Điều 36. */
export function needsProvinceApproval(source: AppointmentSource, targetKind: BodyKind, role: PostRole): boolean {
  if (source !== 'election') return false;
  return (targetKind === 'people_committee' || targetKind === 'council_standing_board' || targetKind === 'people_council') && role !== 'member';
}

/** Which source an issuing body may use, and for which target bodies. */
export function checkSourceAndBodies(source: AppointmentSource, issuerKind: BodyKind, targetKind: BodyKind): { ok: true } | { ok: false; message: string } {
  const party = (k: BodyKind) => k === 'party_committee' || k === 'party_standing_committee' || k === 'party_standing_board';
  if (source === 'election') {
    // HĐND elects its own officers and the UBND's Chairman, Vice-Chairmen and members — Luật 72/2025/QH15 Điều 36.
    if (issuerKind !== 'people_council') return { ok: false, message: 'Chỉ Hội đồng nhân dân bầu các chức danh bằng nghị quyết.' };
    if (!['people_council', 'council_standing_board', 'council_committee', 'people_committee'].includes(targetKind)) {
      return { ok: false, message: 'Hội đồng nhân dân chỉ bầu chức danh của HĐND, Thường trực, các Ban và Ủy ban nhân dân.' };
    }
    return { ok: true };
  }
  if (source === 'appointment') {
    // The Chairman appoints heads and deputies of the UBND's departments — Luật 72/2025/QH15 Điều 39; NĐ 150/2025/NĐ-CP.
    if (issuerKind !== 'people_committee') return { ok: false, message: 'Quyết định bổ nhiệm do Chủ tịch Ủy ban nhân dân ban hành.' };
    if (targetKind !== 'department') return { ok: false, message: 'Chủ tịch Ủy ban nhân dân bổ nhiệm người đứng đầu, cấp phó các cơ quan chuyên môn.' };
    return { ok: true };
  }
  // Chỉ định: the higher Party committee designates within Party bodies — Điều lệ Đảng Điều 13.
  if (!party(issuerKind) || !party(targetKind)) return { ok: false, message: 'Quyết định chỉ định do cấp ủy ban hành, cho chức vụ trong cấp ủy.' };
  return { ok: true };
}

export interface Post { id: number; personId: number; personName?: string; position: string; role: string; startDate: string; endDate: string | null }

export type AppointmentRefusal =
  | { ok: false; reason: 'ALREADY_HELD'; message: string }
  | { ok: false; reason: 'HELD_BY_OTHER'; message: string }
  | { ok: false; reason: 'NOT_A_DEPUTY'; message: string };

/** The words of the form's checkbox that lets a held head's post pass on (quoted by the refusal). */
export const REPLACE_INCUMBENT_LABEL = 'Người đang giữ chức vụ thôi giữ chức vụ từ ngày có hiệu lực';

export interface AppointmentPlan {
  ok: true;
  /** Posts to end on the effective date, with the reason written on them. */
  end: { id: number; reason: string }[];
  start: { personId: number; position: string; role: PostRole; startDate: string };
}

/**
 * What changes when an appointment takes effect on `day`: refused when the person already holds that post on
 * that day, when the body's head post is held by someone else on that day (a post already held is not given again)
 * unless the one who prepares the document states that the holder leaves it that day (`replaceIncumbent`: relieved,
 * dismissed or transferred — then the holder's post ends that day), or when the post requires a deputy and the person
 * is not one. The person's other post in the same body ends that day (one post per body at a time).
 */
export function planAppointment(input: {
  personId: number; personName: string; position: string; role: PostRole; day: string; basis: string;
  posts: readonly Post[]; requiresDeputy: boolean; deputyPosts: readonly Post[]; replaceIncumbent?: boolean;
}): AppointmentPlan | AppointmentRefusal {
  const active = input.posts.filter((m) => isActiveOn(m, input.day));
  const vi = input.day.split('-').reverse().join('/');
  const same = active.find((m) => m.personId === input.personId && (m.position === input.position || (input.role === 'head' && m.role === 'head')));
  if (same) {
    return { ok: false, reason: 'ALREADY_HELD', message: `${input.personName} đã giữ chức vụ "${same.position}" vào ngày ${vi}; không bổ nhiệm lại vào chức vụ đang giữ.` };
  }
  if (input.requiresDeputy && !input.deputyPosts.some((m) => m.personId === input.personId && isActiveOn(m, input.day))) {
    return { ok: false, reason: 'NOT_A_DEPUTY', message: `${input.personName} không phải là đại biểu Hội đồng nhân dân vào ngày ${vi}; chức vụ "${input.position}" phải được bầu trong số đại biểu (Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 29, Điều 36).` };
  }
  const holder = input.role === 'head' ? active.find((m) => m.personId !== input.personId && m.role === 'head') : undefined;
  if (holder && !input.replaceIncumbent) {
    const who = holder.personName ?? 'người khác';
    return {
      ok: false, reason: 'HELD_BY_OTHER',
      message: `Chức vụ "${holder.position}" đang do ${who} giữ vào ngày ${vi}; không giao chức vụ đang có người giữ. `
        + `Nếu ${who} thôi giữ chức vụ từ ngày này (miễn nhiệm, cho thôi hoặc điều động), hãy đánh dấu "${REPLACE_INCUMBENT_LABEL}".`,
    };
  }
  const end: { id: number; reason: string }[] = [];
  for (const m of active) {
    if (m.personId === input.personId) end.push({ id: m.id, reason: `Chuyển giữ chức vụ ${input.position} theo ${input.basis}` });
    else if (input.role === 'head' && m.role === 'head') end.push({ id: m.id, reason: `Thôi giữ chức vụ; người kế nhiệm được giao theo ${input.basis}` });
  }
  return { ok: true, end, start: { personId: input.personId, position: input.position, role: input.role, startDate: input.day } };
}
