// Reads untrusted form input into typed values, collecting a Vietnamese message per bad field.
import { validation, type FieldErrors } from '../domain/errors.ts';
import { isIsoDate } from '../domain/membership.ts';
import { multiLineProblem, normalizeNewlines, singleLineProblem } from '../domain/text.ts';
import { msg, textProblemMessages } from '../i18n/vi.ts';

export type Input = Record<string, unknown>;

export class Form {
  readonly errors: FieldErrors = {};
  constructor(private readonly input: Input) {}

  /** The field's value as NFC text, trimmed; one-line unless `multiLine`. A refused value reads as empty. */
  private raw(name: string, multiLine = false, trim = true): string {
    let v = this.input[name];
    if (Array.isArray(v)) v = v[0];
    if (v === undefined || v === null) return '';
    if (typeof v === 'object') { // a nested field (name[a]=…) is never a value of ours: refuse, never "[object Object]"
      this.fail(name, msg.notText);
      return '';
    }
    const nfc = String(v).normalize('NFC');
    const text = !multiLine ? nfc.trim() : trim ? normalizeNewlines(nfc).trim() : normalizeNewlines(nfc);
    // Checked after trimming, so a stray space or newline typed at the end is not an error; inside, it is.
    const problem = multiLine ? multiLineProblem(text) : singleLineProblem(text);
    if (problem) {
      this.fail(name, textProblemMessages[problem]);
      return '';
    }
    return text;
  }

  fail(name: string, message: string): void {
    if (!this.errors[name]) this.errors[name] = message;
  }

  /** A one-line field (names, titles, places): see server/domain/text.ts for what one line means. */
  text(name: string, opts: { required?: boolean; max?: number; pattern?: RegExp; patternMessage?: string } = {}): string {
    const v = this.raw(name);
    const max = opts.max ?? 500;
    if (opts.required && !v) this.fail(name, msg.required);
    else if (v.length > max) this.fail(name, msg.tooLong(max));
    else if (v && opts.pattern && !opts.pattern.test(v)) this.fail(name, opts.patternMessage ?? msg.badRequest);
    return v;
  }

  optionalText(name: string, max = 500): string | null {
    return this.text(name, { max }) || null;
  }

  /** A multi-line field (a textarea): keeps its line breaks (as LF), refuses control, invisible and direction characters. */
  multiline(name: string, opts: { required?: boolean; max?: number; trim?: boolean; requiredMessage?: string } = {}): string {
    const v = this.raw(name, true, opts.trim ?? true);
    const max = opts.max ?? 5000;
    if (opts.required && !v.trim()) this.fail(name, opts.requiredMessage ?? msg.required);
    else if (v.length > max) this.fail(name, msg.tooLong(max));
    return v;
  }

  date(name: string, opts: { required?: boolean } = { required: true }): string {
    const v = this.raw(name);
    if (!v) {
      if (opts.required !== false) this.fail(name, msg.required);
      return '';
    }
    if (!isIsoDate(v)) this.fail(name, msg.invalidDate);
    return v;
  }

  optionalDate(name: string): string | null {
    return this.date(name, { required: false }) || null;
  }

  int(name: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.raw(name);
    if (!v) {
      if (opts.required) this.fail(name, msg.required);
      return null;
    }
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || (opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.fail(name, msg.invalidNumber);
      return null;
    }
    return n;
  }

  choice<T extends string>(name: string, allowed: readonly T[], opts: { required?: boolean } = { required: true }): T {
    const v = this.raw(name);
    if (!v && opts.required === false) return '' as T;
    if (!allowed.includes(v as T)) this.fail(name, v ? msg.invalidChoice : msg.required);
    return v as T;
  }

  bool(name: string): boolean {
    const v = this.raw(name);
    return v === 'on' || v === 'true' || v === '1';
  }

  /** Checkbox groups and multi-selects: every value must be one of `allowed`. */
  list(name: string, allowed: readonly string[]): string[] {
    const v = this.input[name];
    const arr = (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((x) => (typeof x === 'object' && x !== null ? '\u0000' : String(x)));
    if (arr.some((x) => !allowed.includes(x))) this.fail(name, msg.invalidChoice);
    return arr.filter((x) => allowed.includes(x));
  }

  /** A textarea of one entry per line (names, a board's members): each non-empty line must be one-line text. */
  lines(name: string, opts: { max?: number } = {}): string[] {
    const entries = this.multiline(name, { max: opts.max }).split('\n').map((l) => l.trim()).filter(Boolean);
    const bad = entries.map(singleLineProblem).find((p) => p !== null);
    if (bad) {
      this.fail(name, textProblemMessages[bad]);
      return [];
    }
    return entries;
  }

  /** Throws a 422 with every field's message when anything failed. */
  check(): void {
    if (Object.keys(this.errors).length > 0) throw validation(this.errors);
  }
}
