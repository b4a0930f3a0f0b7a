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

/** The authority of a signature block (NĐ 30/2020 Phụ lục I §II.8; HD 36-HD/VPTW for T/M, K/T). */
export type SignMode = 'TM' | 'KT' | 'Q' | 'TL' | 'TUQ' | 'OWN' | 'PARTY_TM' | 'PARTY_KT';

export function signModeOf(firstLine: string): SignMode {
  const s = nfc(firstLine).trim().toLocaleUpperCase('vi');
  if (/^T\/M\b/.test(s)) return 'PARTY_TM';
  if (/^K\/T\b/.test(s)) return 'PARTY_KT';
  if (/^TM\./.test(s)) return 'TM';
  if (/^KT\./.test(s)) return 'KT';
  if (/^TUQ\./.test(s)) return 'TUQ';
  if (/^TL\./.test(s)) return 'TL';
  if (/^Q\./.test(s)) return 'Q';
  return 'OWN';
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
  headHeldOn: boolean; // somebody holds the head post of the body on `day`
  day: string; // the signing day, YYYY-MM-DD
}

export type EntitlementRefusal = 'NOT_SIGNER' | 'MODE_NOT_SUPPORTED' | 'MODE_FAMILY' | 'NO_POST' | 'NAME_MISMATCH' | 'NO_SIGNATURE_BLOCK';
export type Entitlement = { ok: true; mode: SignMode } | { ok: false; reason: EntitlementRefusal; mode: SignMode | null };

const sameName = (a: string, b: string) =>
  nfc(a).replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi') === nfc(b).replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** The post a mode requires the signer to hold in the body on the signing day. */
export function requiredPost(mode: SignMode): 'head' | 'deputy' | 'acting' | null {
  switch (mode) {
    case 'TM': // on behalf of the collective: its head (NĐ 30/2020 Phụ lục I §II.8.a)
    case 'OWN': // the head's own power: no prefix (Phụ lục I §II.8.b)
    case 'PARTY_TM': // T/M: the Secretary (HD 36-HD/VPTW)
      return 'head';
    case 'KT': // a deputy signs for the head (Phụ lục I §II.8.c)
    case 'PARTY_KT':
      return 'deputy';
    case 'Q': // acting head (Phụ lục I §II.8.d)
      return 'acting';
    case 'TL':
    case 'TUQ':
      return null;
  }
}

/**
 * May this person sign this document today? The account must be entrusted to sign for the body and, on the
 * signing day, hold the post the signature block names (head for TM./T/M and the head's own power, a deputy for
 * KT./K/T, an acting head for Q.), and the name under the signature must be theirs.
 */
export function checkSignerEntitlement(input: EntitlementInput): Entitlement {
  if (!input.hasSignerRole) return { ok: false, reason: 'NOT_SIGNER', mode: null };
  if (input.blockLines.length === 0) return { ok: false, reason: 'NO_SIGNATURE_BLOCK', mode: null };
  const mode = signModeOf(input.blockLines[0]!);
  const partyMode = mode === 'PARTY_TM' || mode === 'PARTY_KT';
  if (input.family === 'party' && !partyMode && mode !== 'OWN') return { ok: false, reason: 'MODE_FAMILY', mode };
  if (input.family === 'state' && partyMode) return { ok: false, reason: 'MODE_FAMILY', mode };
  const needed = requiredPost(mode);
  if (needed === null) return { ok: false, reason: 'MODE_NOT_SUPPORTED', mode };
  const today = input.posts.filter((p) => isActiveOn(p, input.day));
  const holds = needed === 'head' ? today.some((p) => p.role === 'head')
    : needed === 'deputy' ? today.some((p) => p.role === 'deputy')
      : today.some((p) => /^(quyền|q\.)/iu.test(nfc(p.position).trim())) || (!input.headHeldOn && today.some((p) => p.role === 'deputy'));
  if (!holds) return { ok: false, reason: 'NO_POST', mode };
  if (!sameName(input.blockName, input.signerName)) return { ok: false, reason: 'NAME_MISMATCH', mode };
  return { ok: true, mode };
}

export const SIGN_MODE_LABELS: Record<SignMode, string> = {
  TM: 'TM. — thay mặt tập thể (người đứng đầu ký)',
  KT: 'KT. — cấp phó ký thay người đứng đầu',
  Q: 'Q. — quyền người đứng đầu',
  TL: 'TL. — thừa lệnh',
  TUQ: 'TUQ. — thừa ủy quyền',
  OWN: 'người đứng đầu ký theo thẩm quyền riêng',
  PARTY_TM: 'T/M — thay mặt tập thể cấp ủy (Bí thư ký)',
  PARTY_KT: 'K/T — Phó Bí thư ký thay Bí thư',
};

const NEEDED_LABEL = { head: 'người đứng đầu (cấp trưởng)', deputy: 'cấp phó', acting: 'quyền người đứng đầu' } as const;

/** The Vietnamese sentence the signer reads when refused. */
export function entitlementMessage(e: Exclude<Entitlement, { ok: true }>, ctx: { bodyName: string; day: string; blockName: string; signerName: string }): string {
  const day = ctx.day.split('-').reverse().join('/');
  switch (e.reason) {
    case 'NOT_SIGNER':
      return `Tài khoản của bạn không được giao ký văn bản của ${ctx.bodyName}.`;
    case 'NO_SIGNATURE_BLOCK':
      return 'Văn bản chưa có khối chữ ký; không thể ký.';
    case 'MODE_NOT_SUPPORTED':
      return `Khối chữ ký theo hình thức ${SIGN_MODE_LABELS[e.mode!]}; hệ thống chưa hỗ trợ ký theo hình thức này.`;
    case 'MODE_FAMILY':
      return 'Khối chữ ký không đúng thể thức (TM./KT. dùng cho văn bản nhà nước, T/M, K/T dùng cho văn bản của Đảng).';
    case 'NO_POST': {
      const needed = requiredPost(e.mode!);
      return `Khối chữ ký (${SIGN_MODE_LABELS[e.mode!]}) đòi hỏi người ký giữ chức vụ ${needed ? NEEDED_LABEL[needed] : ''} của ${ctx.bodyName}; ngày ${day} bạn không giữ chức vụ đó.`;
    }
    case 'NAME_MISMATCH':
      return `Họ tên trong khối chữ ký là "${ctx.blockName}", không phải "${ctx.signerName}". Đề nghị trả lại để sửa khối chữ ký.`;
  }
}
