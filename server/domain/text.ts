// Text typed into the app. Two rules, one per kind of field:
// - Any field: control characters (NUL and the other C0 codes but tab, line feed and carriage return, and DEL) are
//   never text of ours — PostgreSQL cannot store NUL, and no keyboard types the others.
// - A one-line field (a name, a title, a subject, a place) holds one line of visible text: no line break of any kind
//   (CR, LF, NEL U+0085, U+2028/U+2029, VT, FF), no tab, no zero-width character and no bidirectional control. A
//   line break in a title splits a line-based protocol it is written into (a Server-Sent Event, a CSV row, an e-mail
//   header); invisible and direction characters make two different titles look the same, or a text read backwards
//   ("Trojan Source"). A multi-line field keeps its line breaks but refuses the invisible and direction characters.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);

/** Why a text is not acceptable in a field, or null when it is. Pure; the caller words the reason. */
export type TextProblem = 'CONTROL' | 'LINE_BREAK' | 'TAB' | 'INVISIBLE' | 'BIDI';

const LINE_BREAK = /[\r\n\u000B\u000C\u0085\u2028\u2029]/;
const TAB = /\t/;
// Zero-width space, non-joiner, joiner, word joiner, invisible operators, BOM/zero-width no-break space, Mongolian
// vowel separator, soft hyphen, combining grapheme joiner, Hangul fillers.
// eslint-disable-next-line no-misleading-character-class -- U+034F (combining grapheme joiner) is listed alone, on purpose
const INVISIBLE = /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u00AD\u034F\u115F\u1160\u3164\uFFA0]/;
// Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks LRM, RLM and ALM.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** A one-line field: refuses control characters, every line break, tabs, invisible and direction characters. */
export function singleLineProblem(text: string): TextProblem | null {
  if (LINE_BREAK.test(text)) return 'LINE_BREAK';
  if (TAB.test(text)) return 'TAB';
  if (CONTROL.test(text)) return 'CONTROL';
  if (BIDI.test(text)) return 'BIDI';
  if (INVISIBLE.test(text)) return 'INVISIBLE';
  return null;
}

/** A multi-line field: line breaks (CR, LF) and tabs are text; control, invisible and direction characters are not. */
export function multiLineProblem(text: string): TextProblem | null {
  if (CONTROL.test(text.replace(/[\u000B\u000C]/g, ''))) return 'CONTROL';
  if (/[\u0085\u2028\u2029\u000B\u000C]/.test(text)) return 'LINE_BREAK'; // only CR/LF break lines in our text
  if (BIDI.test(text)) return 'BIDI';
  if (INVISIBLE.test(text)) return 'INVISIBLE';
  return null;
}

/** Line breaks of a multi-line field as LF only (CRLF and a lone CR from old Mac pastes). */
export const normalizeNewlines = (text: string): string => text.replace(/\r\n?/g, '\n');

/** Any stored text made safe for one line of a line-based protocol: every line break and tab becomes a space. */
export const oneLine = (text: string): string => text.replace(/[\r\n\t\u000B\u000C\u0085\u2028\u2029]+/g, ' ');
