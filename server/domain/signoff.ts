// Sign-off of an official document: the workflow's states and steps, and who is entitled to sign it.
// Pure: the signer's posts, the day and the signature block come in as arguments.
import { isActiveOn } from './membership.ts';
import { nfc } from './vn-format.ts';

export type DocStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'signed' | 'issued' | 'revoked';
export type WorkflowStep = 'edit' | 'submit' | 'approve' | 'return' | 'sign' | 'issue' | 'revoke' | 'correct';

// draft → trình ký → (trả lại | duyệt) → ký → ban hành; an issued document is never edited (NĐ 30/2020 Điều 18.3).
const TRANSITIONS: Record<WorkflowStep, { from: readonly DocStatus[]; to: DocStatus | null }> = {
  edit: { from: ['draft', 'returned'], to: null },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted', 'approved'], to: 'returned' },
  sign: { from: ['approved'], to: 'signed' },
  issue: { from: ['signed'], to: 'issued' },
  revoke: { from: ['issued'], to: 'revoked' },
  correct: { from: ['issued'], to: null }, // a correction is a new document that replaces this one
};

export type TransitionResult = { ok: true; next: DocStatus } | { ok: false; reason: 'WRONG_STATE' | 'ALREADY_ISSUED' };

export function checkTransition(status: DocStatus, step: WorkflowStep): TransitionResult {
  const t = TRANSITIONS[step];
  if (t.from.includes(status)) return { ok: true, next: t.to ?? status };
  if ((status === 'issued' || status === 'revoked') && step !== 'revoke' && step !== 'correct') return { ok: false, reason: 'ALREADY_ISSUED' };
  return { ok: false, reason: 'WRONG_STATE' };
}

/** The authority of a signature block (NĐ 30/2020 Điều 13 and Phụ lục I §II.8; HD 36-HD/VPTW for T/M, K/T). */
export type SignMode = 'TM' | 'TM_KT' | 'KT' | 'Q' | 'TL' | 'TUQ' | 'OWN' | 'PARTY_TM' | 'PARTY_TM_DEPUTY' | 'PARTY_KT';

/** Who the block says signs: the body's head, a deputy, an acting head, or the holder of the post on its last line. */
export type SignerRequirement = { post: 'head' } | { post: 'deputy' } | { post: 'acting' } | { post: 'named'; title: string };

export interface BlockAuthority {
  mode: SignMode;
  requirement: SignerRequirement;
}

type Prefix = 'TM' | 'KT' | 'Q' | 'TL' | 'TUQ' | 'T/M' | 'K/T';

const upper = (line: string) => nfc(line).replace(/\s+/g, ' ').trim().toLocaleUpperCase('vi');

function prefixOf(line: string): Prefix | null {
  const s = upper(line);
  if (/^T\/M\b/.test(s)) return 'T/M';
  if (/^K\/T\b/.test(s)) return 'K/T';
  if (/^TM\./.test(s)) return 'TM';
  if (/^KT\./.test(s)) return 'KT';
  if (/^TUQ\./.test(s)) return 'TUQ';
  if (/^TL\./.test(s)) return 'TL';
  if (/^Q\./.test(s)) return 'Q';
  return null;
}

/**
 * Reads the whole signature block, not only its first line: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
 * is a deputy signing for the head on behalf of the collective (NĐ 30/2020 Điều 13.1.a, 13.3);
 * "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ" a Phó Bí thư signing on behalf of the committee (HD 36-HD/VPTW);
 * "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG" and "TUQ. CHỦ TỊCH / TRƯỞNG PHÒNG …" the holder of the post on the last line
 * (NĐ 30/2020 Điều 13.4–13.5).
 */
export function blockAuthorityOf(blockLines: readonly string[]): BlockAuthority {
  const lines = blockLines.map(upper).filter(Boolean);
  const prefixes = lines.map(prefixOf);
  const first = prefixes[0] ?? null;
  const last = lines.at(-1) ?? '';
  const position = lines.length > 1 && prefixes.at(-1) === null ? last : null;
  const inner = prefixes.slice(1).find((p) => p !== null) ?? null;
  switch (first) {
    case 'TM':
      if (inner === 'KT') return { mode: 'TM_KT', requirement: { post: 'deputy' } };
      if (inner === 'Q') return { mode: 'Q', requirement: { post: 'acting' } };
      return { mode: 'TM', requirement: { post: 'head' } };
    case 'KT':
      return { mode: 'KT', requirement: { post: 'deputy' } };
    case 'Q':
      return { mode: 'Q', requirement: { post: 'acting' } };
    case 'TL':
    case 'TUQ':
      return { mode: first, requirement: { post: 'named', title: position ?? '' } };
    case 'T/M':
      if (inner === 'K/T' || (position !== null && /^PHÓ BÍ THƯ(?:\s|$)/u.test(position))) return { mode: 'PARTY_TM_DEPUTY', requirement: { post: 'deputy' } };
      return { mode: 'PARTY_TM', requirement: { post: 'head' } };
    case 'K/T':
      return { mode: 'PARTY_KT', requirement: { post: 'deputy' } };
    default:
      return { mode: 'OWN', requirement: { post: 'head' } };
  }
}

/** The mode of a signature block (see blockAuthorityOf); a single line is read as a block of one. */
export function signModeOf(block: string | readonly string[]): SignMode {
  return blockAuthorityOf(typeof block === 'string' ? [block] : block).mode;
}

export type PostRole = 'head' | 'deputy' | 'member';

export interface SignerPost {
  role: PostRole;
  position: string;
  startDate: string;
  endDate: string | null;
}

export interface EntitlementInput {
  family: 'state' | 'party';
  blockLines: readonly string[]; // the signature column's authority lines, e.g. ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
  blockName: string; // the name printed under the signature
  signerName: string; // the signer's full name
  hasSignerRole: boolean; // the account is entrusted to sign for this body
  posts: readonly SignerPost[]; // the signer's posts in the document's body, every period
  unitPosts?: readonly SignerPost[]; // the signer's posts in the units under that body (its Văn phòng, phòng): TL., TUQ.
  headHeldOn: boolean; // somebody holds the head post of the body on `day`
  day: string; // the signing day, YYYY-MM-DD
}

export type EntitlementRefusal = 'NOT_SIGNER' | 'MODE_FAMILY' | 'NO_POST' | 'NAME_MISMATCH' | 'NO_SIGNATURE_BLOCK' | 'NO_POSITION_LINE';
export type Entitlement = { ok: true; mode: SignMode }
  | { ok: false; reason: 'NO_POST'; mode: SignMode; requirement: SignerRequirement } // the post the block asks for
  | { ok: false; reason: Exclude<EntitlementRefusal, 'NO_POST'>; mode: SignMode | null; requirement?: SignerRequirement };

const simple = (s: string) => nfc(s).replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
const sameName = (a: string, b: string) => simple(a) === simple(b);

/** "Ủy viên, Chánh Văn phòng HĐND và UBND" holds "CHÁNH VĂN PHÒNG"; "Phó Chánh Văn phòng" does not. */
export function positionHolds(position: string, title: string): boolean {
  const t = simple(title);
  if (!t) return false;
  return simple(position).split(/\s*[,;]\s*/).some((part) => part === t || part.startsWith(`${t} `));
}

/**
 * May this person sign this document today? The account must be entrusted to sign for the body and, on the
 * signing day, hold the post the whole signature block names (the head for TM./T/M and the head's own power,
 * a deputy for KT./K/T, TM. + KT. and T/M + PHÓ BÍ THƯ, an acting head for Q., and for TL./TUQ. the post on the
 * block's last line, in the body or a unit under it), and the name under the signature must be theirs.
 */
export function checkSignerEntitlement(input: EntitlementInput): Entitlement {
  if (!input.hasSignerRole) return { ok: false, reason: 'NOT_SIGNER', mode: null };
  if (input.blockLines.length === 0) return { ok: false, reason: 'NO_SIGNATURE_BLOCK', mode: null };
  const { mode, requirement } = blockAuthorityOf(input.blockLines);
  const partyMode = mode === 'PARTY_TM' || mode === 'PARTY_TM_DEPUTY' || mode === 'PARTY_KT';
  if (input.family === 'party' && !partyMode && mode !== 'OWN') return { ok: false, reason: 'MODE_FAMILY', mode };
  if (input.family === 'state' && partyMode) return { ok: false, reason: 'MODE_FAMILY', mode };
  if (requirement.post === 'named' && !requirement.title) return { ok: false, reason: 'NO_POSITION_LINE', mode, requirement };
  const today = input.posts.filter((p) => isActiveOn(p, input.day));
  let holds: boolean;
  switch (requirement.post) {
    case 'head': holds = today.some((p) => p.role === 'head'); break;
    case 'deputy': holds = today.some((p) => p.role === 'deputy'); break;
    case 'acting':
      holds = today.some((p) => /^(quyền|q\.)/iu.test(nfc(p.position).trim())) || (!input.headHeldOn && today.some((p) => p.role === 'deputy'));
      break;
    case 'named':
      holds = [...input.posts, ...(input.unitPosts ?? [])].some((p) => isActiveOn(p, input.day) && positionHolds(p.position, requirement.title));
      break;
  }
  if (!holds) return { ok: false, reason: 'NO_POST', mode, requirement };
  if (!sameName(input.blockName, input.signerName)) return { ok: false, reason: 'NAME_MISMATCH', mode };
  return { ok: true, mode };
}

export const SIGN_MODE_LABELS: Record<SignMode, string> = {
  TM: 'TM. — thay mặt tập thể (người đứng đầu ký)',
  TM_KT: 'TM. và KT. — cấp phó ký thay người đứng đầu, thay mặt tập thể',
  KT: 'KT. — cấp phó ký thay người đứng đầu',
  Q: 'Q. — quyền người đứng đầu',
  TL: 'TL. — thừa lệnh người đứng đầu',
  TUQ: 'TUQ. — thừa ủy quyền người đứng đầu',
  OWN: 'người đứng đầu ký theo thẩm quyền riêng',
  PARTY_TM: 'T/M — thay mặt tập thể cấp ủy (Bí thư ký)',
  PARTY_TM_DEPUTY: 'T/M — thay mặt tập thể cấp ủy (Phó Bí thư ký)',
  PARTY_KT: 'K/T — Phó Bí thư ký thay Bí thư',
};

const NEEDED_LABEL = { head: 'người đứng đầu (cấp trưởng)', deputy: 'cấp phó', acting: 'quyền người đứng đầu' } as const;

/** The block's own words in sentence case for a message: "CHÁNH VĂN PHÒNG" → "Chánh văn phòng". */
const sentence = (title: string) => { const s = title.toLocaleLowerCase('vi'); return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1); };

/** The Vietnamese sentence the signer reads when refused. */
export function entitlementMessage(e: Exclude<Entitlement, { ok: true }>, ctx: { bodyName: string; day: string; blockName: string; signerName: string }): string {
  const day = ctx.day.split('-').reverse().join('/');
  switch (e.reason) {
    case 'NOT_SIGNER':
      return `Tài khoản của bạn không được giao ký văn bản của ${ctx.bodyName}.`;
    case 'NO_SIGNATURE_BLOCK':
      return 'Văn bản chưa có khối chữ ký; không thể ký.';
    case 'NO_POSITION_LINE':
      return `Khối chữ ký theo hình thức ${SIGN_MODE_LABELS[e.mode!]} phải có dòng chức vụ của người ký (ví dụ "Chánh Văn phòng") trên họ tên. Đề nghị trả lại để sửa khối chữ ký.`;
    case 'MODE_FAMILY':
      return 'Khối chữ ký không đúng thể thức (TM., KT., TL., TUQ. dùng cho văn bản nhà nước; T/M, K/T dùng cho văn bản của Đảng).';
    case 'NO_POST': {
      const r = e.requirement;
      if (r.post === 'named') {
        return `Khối chữ ký (${SIGN_MODE_LABELS[e.mode!]}) đòi hỏi người ký giữ chức vụ "${sentence(r.title)}" của ${ctx.bodyName} hoặc đơn vị thuộc ${ctx.bodyName}; ngày ${day} bạn không giữ chức vụ đó.`;
      }
      return `Khối chữ ký (${SIGN_MODE_LABELS[e.mode!]}) đòi hỏi người ký giữ chức vụ ${NEEDED_LABEL[r.post]} của ${ctx.bodyName}; ngày ${day} bạn không giữ chức vụ đó.`;
    }
    case 'NAME_MISMATCH':
      return `Họ tên trong khối chữ ký là "${ctx.blockName}", không phải "${ctx.signerName}". Đề nghị trả lại để sửa khối chữ ký.`;
  }
}

export type ReviewRefusal = 'OWN_DRAFT' | 'OWN_SUBMISSION';

/**
 * The Văn phòng's check before signature is a second person's (NĐ 30/2020 Điều 12 drafting, Điều 14 the check of
 * content, form and technique before signing): the account that wrote or submitted the current version does not
 * approve it ("người soạn thảo không tự duyệt"). Returning it for changes stays open to them.
 */
export function checkReviewer(input: { reviewerId: number; drafterId: number | null; submitterId: number | null }): { ok: true } | { ok: false; reason: ReviewRefusal } {
  if (input.drafterId !== null && input.reviewerId === input.drafterId) return { ok: false, reason: 'OWN_DRAFT' };
  if (input.submitterId !== null && input.reviewerId === input.submitterId) return { ok: false, reason: 'OWN_SUBMISSION' };
  return { ok: true };
}

export const REVIEW_MESSAGES: Record<ReviewRefusal, string> = {
  OWN_DRAFT: 'Người soạn thảo không tự duyệt: bạn đã soạn phiên bản đang trình ký, cần một cán bộ Văn phòng khác kiểm tra và duyệt.',
  OWN_SUBMISSION: 'Người trình ký không tự duyệt: bạn đã trình ký phiên bản này, cần một cán bộ Văn phòng khác kiểm tra và duyệt.',
};
