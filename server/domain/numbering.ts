// Numbering rules for issued documents: which series a document draws its number from, how the number and
// symbol read, and a check of a register for duplicate and missing numbers. Pure: the year and the term
// come in as arguments, never from the clock.
import { composePartySymbol, composeStateSymbol, nfc } from './vn-format.ts';

export type NumberingFamily = 'state' | 'party';

export interface SeriesInput {
  family: NumberingFamily;
  issuerCode: string; // "HĐND", "TTHĐND", "UBND", "ĐU" — the part after the type in the symbol
  docType: string | null; // "NQ", "QĐ"…; null for a State letter (công văn); "CV" for a Party letter
  year: number; // calendar year of the issue date (the number is given after signing)
  termId?: string | null; // the Party committee's term, e.g. "2025-2030"; required for Party documents
  normative?: boolean; // legal normative document (văn bản quy phạm pháp luật); State only
  confidential?: boolean; // văn bản mật
}

export interface NumberSymbolInput extends SeriesInput {
  number: number | null; // null on a draft: the number is given after signing
  unitCode?: string; // the drafting unit of a State letter: "VP" in 12/UBND-VP
}

export const FIRST_NUMBER = 1;

function part(label: string, value: string): string {
  const text = nfc(value).trim();
  if (text === '' || text.includes('|')) throw new RangeError(`${label} không hợp lệ: "${value}"`);
  return text;
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 1945 || year > 9999) throw new RangeError(`Năm không hợp lệ: ${year}`);
  return year;
}

/**
 * The key of the series a document draws its number from; two documents may share a number only if their
 * keys differ. Throws RangeError for input no caller should build (a Party document without a term, a
 * Party "normative" document).
 */
export function seriesKeyFor(input: SeriesInput): string {
  const issuer = part('Mã cơ quan ban hành', input.issuerCode);
  if (input.family === 'state') {
    // NĐ 30/2020 Điều 15.1: numbers run per issuing body from 01 on 1 January to 31 December, unique within the year;
    // a council, board or team issuing in its own name takes its own series — hence the issuer, not the commune, in the key.
    const year = checkYear(input.year);
    // NĐ 30/2020 Điều 15.1.a: legal normative documents are numbered under the law on normative documents (own series, year in the symbol).
    // NĐ 30/2020 Điều 15.2: confidential documents take a separate series.
    const kind = input.normative && input.confidential
      ? 'normative-confidential'
      : input.normative ? 'normative' : input.confidential ? 'confidential' : 'regular';
    // The type does not split a State series: 05/NQ-HĐND and 06/TB-HĐND follow each other (Điều 15.1).
    return ['state', issuer, String(year), kind].join('|');
  }
  if (input.normative) throw new RangeError('Văn bản của Đảng không phải văn bản quy phạm pháp luật.');
  if (input.docType === null || input.docType.trim() === '') {
    throw new RangeError('Văn bản của Đảng phải có mã loại văn bản (thư dùng "CV").');
  }
  const term = part('Nhiệm kỳ cấp ủy', input.termId ?? '');
  // HD 36-HD/VPTW (2018), số văn bản: numbered from 01 per document type within the committee's term, not per year.
  const series = ['party', issuer, term, part('Mã loại văn bản', input.docType)];
  if (input.confidential) series.push('confidential'); // kept apart like the State's (open question: HD 36 is silent)
  return series.join('|');
}

/** The number-and-symbol as printed: "05/NQ-HĐND", "99/2025/NQ-HĐND", "12/UBND-VP", "05-NQ/ĐU". */
export function formatNumberSymbol(input: NumberSymbolInput): string {
  if (input.family === 'state') {
    return composeStateSymbol({
      number: input.number,
      typeCode: input.docType,
      issuerCode: input.issuerCode,
      unitCode: input.unitCode,
      normativeYear: input.normative ? checkYear(input.year) : undefined,
    });
  }
  if (input.docType === null) throw new RangeError('Văn bản của Đảng phải có mã loại văn bản (thư dùng "CV").');
  return composePartySymbol({ number: input.number, typeCode: input.docType, issuerCode: input.issuerCode });
}

/** The next number of a series from the numbers already issued in it: one after the highest, never a gap filled. */
export function nextNumber(issued: readonly number[]): number {
  let highest = FIRST_NUMBER - 1;
  for (const n of issued) if (Number.isInteger(n) && n > highest) highest = n;
  return highest + 1;
}

export interface RegisterCheck {
  duplicates: number[]; // numbers issued more than once, ascending
  gaps: number[]; // numbers between 01 and the highest that were never issued, ascending
  invalid: number[]; // entries that are not whole numbers from 01
}

// NĐ 30/2020 Điều 15.1 and Điều 16 (sổ đăng ký văn bản đi): a series runs 01, 02, … without repeats.
export function checkRegisterSequence(numbers: readonly number[]): RegisterCheck {
  const invalid: number[] = [];
  const seen = new Map<number, number>();
  for (const n of numbers) {
    if (!Number.isSafeInteger(n) || n < FIRST_NUMBER) invalid.push(n);
    else seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  const sorted = [...seen.keys()].sort((a, b) => a - b);
  const duplicates = sorted.filter((n) => seen.get(n)! > 1);
  const gaps: number[] = [];
  let expected = FIRST_NUMBER;
  for (const n of sorted) {
    for (let missing = expected; missing < n; missing++) gaps.push(missing);
    expected = n + 1;
  }
  return { duplicates, gaps, invalid };
}
