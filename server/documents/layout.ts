// Layout profiles: every size, margin and fixed wording of the two families in one place. The State values
// follow NĐ 30/2020/NĐ-CP Phụ lục I; the Party values follow HD 36-HD/VPTW (2018) as reported in FORMATS.md
// and may be corrected here without touching templates or renderers.
import type { DocumentFamily } from './model.ts';

export const MM = 72 / 25.4; // pt per mm
export const A4 = { width: 595.28, height: 841.89 }; // pt
export const RULE_DROP = 2.5; // pt between a text line's box and the rule drawn under it

export interface HeaderLineStyle {
  size: number;
  bold: boolean;
  italic: boolean;
}

export interface LayoutProfile {
  family: DocumentFamily;
  marginsMm: { top: number; bottom: number; left: number; right: number };
  headerLeftFraction: number; // share of the text width taken by the left header column
  signatureLeftFraction: number; // share taken by the recipients column beside the signature
  lineHeight: number; // line pitch as a multiple of the font size (single spacing ≈ 1.15 for Times)
  paragraphAfter: number; // pt after each body paragraph (≥ 6)
  firstLineIndentMm: number; // 10 or 12.7
  pageNumber: { size: number; topMm: number };
  ruleWidth: number; // pt thickness of the header and subject rules
  nationalLines: Array<{ text: string; style: HeaderLineStyle; rule: 'none' | 'text' }>;
  parentBody: HeaderLineStyle;
  issuingBody: HeaderLineStyle;
  issuingRule: 'third' | 'star'; // State: a short line; Party: a "*" under the issuing body
  numberLine: HeaderLineStyle;
  dateLine: HeaderLineStyle;
  typeName: HeaderLineStyle;
  subject: HeaderLineStyle;
  subjectRule: 'rule' | 'dashes'; // State: short solid line; Party: "-----"
  authority: HeaderLineStyle;
  bases: HeaderLineStyle;
  enacting: HeaderLineStyle;
  body: HeaderLineStyle;
  signatureTitle: HeaderLineStyle;
  signatureName: HeaderLineStyle;
  signatureSpace: number; // pt of room to sign between the position and the name
  signatureRowGap: number; // pt between rows of signers when more than three sign (a counting board)
  recipientsLabel: HeaderLineStyle & { underline: boolean };
  recipientsItem: HeaderLineStyle;
  annexLabel: HeaderLineStyle;
  annexAnnotation: HeaderLineStyle;
  draftMark: HeaderLineStyle & { text: string };
}

const s = (size: number, bold = false, italic = false): HeaderLineStyle => ({ size, bold, italic });

// NĐ 30/2020/NĐ-CP Phụ lục I (sizes, margins) and Phụ lục III Mẫu 1.1–1.9 (sample values).
export const STATE_PROFILE: LayoutProfile = {
  family: 'state',
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15 }, // ranges 20–25 / 20–25 / 30–35 / 15–20
  headerLeftFraction: 0.4,
  signatureLeftFraction: 0.4,
  lineHeight: 1.2,
  paragraphAfter: 6,
  firstLineIndentMm: 12.7,
  pageNumber: { size: 13, topMm: 10 },
  ruleWidth: 0.6,
  nationalLines: [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: s(12, true), rule: 'none' },
    { text: 'Độc lập - Tự do - Hạnh phúc', style: s(13, true), rule: 'text' },
  ],
  parentBody: s(13),
  issuingBody: s(13, true),
  issuingRule: 'third',
  numberLine: s(13),
  dateLine: s(14, false, true),
  typeName: s(14, true),
  subject: s(14, true),
  subjectRule: 'rule',
  authority: s(14, true),
  bases: s(14, false, true),
  enacting: s(14, true),
  body: s(14),
  signatureTitle: s(14, true),
  signatureName: s(14, true),
  signatureSpace: 64,
  signatureRowGap: 12,
  recipientsLabel: { ...s(12, true, true), underline: false },
  recipientsItem: s(11),
  annexLabel: s(14, true),
  annexAnnotation: s(14, false, true),
  draftMark: { ...s(13, true), text: 'DỰ THẢO' },
};

// HD 36-HD/VPTW (2018) as summarised in FORMATS.md "Party documents"; margins, page-number offset,
// underlined "Nơi nhận:" and the five hyphens are from secondary sources, still to be confirmed.
export const PARTY_PROFILE: LayoutProfile = {
  ...STATE_PROFILE,
  family: 'party',
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15 },
  headerLeftFraction: 0.45,
  pageNumber: { size: 14, topMm: 10 },
  nationalLines: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', style: s(15, true), rule: 'text' }],
  parentBody: s(14),
  issuingBody: s(14, true),
  issuingRule: 'star',
  numberLine: s(14),
  dateLine: s(14, false, true),
  typeName: s(16, true),
  subject: s(14, true),
  subjectRule: 'dashes',
  authority: s(14, true),
  bases: s(14, false, true),
  enacting: s(14, true),
  body: s(14),
  recipientsLabel: { ...s(14, false, false), underline: true },
  recipientsItem: s(12),
};

/**
 * The verification block of an issued document in the bottom margin of page 1: the QR code of its public page
 * at the left margin and, beside it, "Mã xác minh: <code>" over the address, in the body face (embedded).
 */
export const VERIFICATION_BLOCK = { qrMm: 14, bottomMm: 3, gapMm: 2, size: 8, lineGap: 11, firstBaselineMm: 3 + 14 * 0.62, docxQrMm: 9 } as const;

export function verificationCaption(v: { code: string; url: string }): [string, string] {
  return [`Mã xác minh: ${v.code}`, v.url];
}

export function profileFor(family: DocumentFamily): LayoutProfile {
  return family === 'party' ? PARTY_PROFILE : STATE_PROFILE;
}

/** Page geometry in pt derived from a profile. */
export function pageBox(profile: LayoutProfile) {
  const m = profile.marginsMm;
  const left = m.left * MM;
  const right = A4.width - m.right * MM;
  return { left, right, top: m.top * MM, bottom: A4.height - m.bottom * MM, width: right - left };
}
