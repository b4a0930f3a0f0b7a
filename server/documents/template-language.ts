// The language of document templates: Liquid (liquidjs), set up for authors the server does not trust. A commune's
// office edits its templates, so a template is data, never code: it can read the fields it is given and format
// them with the filters below, and nothing else — no JavaScript, no files, no prototypes, bounded work.
import { AssertionError, Context, Liquid, LiquidError, TokenKind, Tokenizer, toValueSync, type Template } from 'liquidjs';
import {
  formatClockTime, formatDateLine, formatDayMonthYear, formatPartyNumberLine, formatStateNumberLine, ordinalWord,
  parseIsoDate, partyOrdinal, romanNumeral, sessionName, upperVi,
} from '../domain/vn-format.ts';
import { templateMsg } from '../i18n/vi.ts';

/**
 * Longest template source accepted (characters, about 25 pages); the editor refuses longer ones before parsing. The
 * built-in templates are under 4,000; parsing the worst 100,000 characters of tags takes about a second.
 */
export const MAX_TEMPLATE_SOURCE = 100_000;
/** Longest filled-in text: a 15-page Quy chế is about 60,000 characters. */
export const MAX_FILLED_TEXT = 2_000_000;
/** Wall-clock budget of one render (ms): every real template fills in a few milliseconds. */
const RENDER_LIMIT_MS = 1_000;
/** Allocation budget of one render (array items and string characters built by ranges and filters). */
const MEMORY_LIMIT = 5_000_000;

/** A template error that already says in Vietnamese what is wrong (a bad value, a limit). */
export class TemplateValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateValueError';
  }
}

/** Text a filter produced from escaped values that may keep its line breaks (the "- a;" lines of `lines`). */
class SafeLines {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** The output escaping of this text format: NFC; a value never adds a line or a section; never a silent blank. */
export function escapeValue(value: unknown): string {
  if (value instanceof SafeLines) return value.text;
  if (value === undefined || value === null) throw new TemplateValueError(templateMsg.nullValue);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TemplateValueError(templateMsg.notANumber);
  if (typeof value === 'object' || typeof value === 'function') throw new TemplateValueError(templateMsg.objectValue);
  return String(value).normalize('NFC').replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}

const text = (filter: string, v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new TemplateValueError(templateMsg.filterNeedsText(filter));
};
const int = (filter: string, v: unknown): number => {
  const n = typeof v === 'string' && /^\d{1,6}$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TemplateValueError(templateMsg.filterNeedsNumber(filter));
  return n;
};
const intOrNull = (filter: string, v: unknown): number | null => (v === null || v === undefined ? null : int(filter, v));
const isoDate = (filter: string, v: unknown) => {
  try {
    return parseIsoDate(text(filter, v));
  } catch (err) {
    if (err instanceof RangeError) throw new TemplateValueError(err.message);
    throw err;
  }
};
const list = (filter: string, v: unknown): unknown[] => {
  if (!Array.isArray(v)) throw new TemplateValueError(templateMsg.filterNeedsList(filter));
  return v;
};

/**
 * The formatting filters of this project (the `f.…` helpers of the former EJS templates). The piped value is the
 * main argument: `{{ d.doc.number | stateNumber: 'NQ', d.issuer.code }}`, `{{ d.doc.date | dateLine: d.commune.place }}`.
 */
export const FORMAT_FILTERS: Record<string, (value: unknown, ...args: unknown[]) => unknown> = {
  upper: (v) => upperVi(text('upper', v)),
  /** First letter in lower case ("Phiên họp …" → "phiên họp …"), e.g. after "Tới dự". */
  lowerFirst: (v) => {
    const s = text('lowerFirst', v);
    return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
  },
  stateNumber: (n, type, issuer) => formatStateNumberLine({
    number: intOrNull('stateNumber', n), typeCode: type === null ? null : text('stateNumber', type), issuerCode: text('stateNumber', issuer),
  }),
  partyNumber: (n, type, issuer) => formatPartyNumberLine({
    number: intOrNull('partyNumber', n), typeCode: text('partyNumber', type), issuerCode: text('partyNumber', issuer),
  }),
  dateLine: (iso, place) => formatDateLine(text('dateLine', place), isoDate('dateLine', iso)),
  date: (iso) => formatDayMonthYear(isoDate('date', iso)),
  ordinal: (n) => ordinalWord(int('ordinal', n)),
  session: (n, capital) => sessionName(int('session', n), { capital: capital === true }),
  partyOrdinal: (n) => partyOrdinal(int('partyOrdinal', n)),
  roman: (n) => romanNumeral(int('roman', n)),
  /** "08 giờ 30 phút" from [8, 30] (a time field), or from the hour with the minute as argument. */
  time: (h, m) => {
    if (Array.isArray(h) && m === undefined) return formatClockTime(int('time', h[0]), int('time', h[1]));
    return formatClockTime(int('time', h), int('time', m ?? 0));
  },
  /** "- a;" lines for a list, the last ending with `last` (default "."); each item escaped like any value. */
  lines: (items, last = '.') => {
    const all = list('lines', items).map(escapeValue);
    const end = escapeValue(last);
    return new SafeLines(all.map((s, i) => `- ${s}${i === all.length - 1 ? end : ';'}`).join('\n'));
  },
};

/**
 * The standard Liquid filters kept: plain operations on text, numbers and lists that touch no file, no clock, no
 * markup and no object internals. Dropped on purpose: raw (would bypass the escaping above), json/inspect (dump
 * whole objects), date (ours formats Vietnamese dates), escape/url filters (HTML, not this format), sort/where/…
 */
export const KEPT_STANDARD_FILTERS = [
  'size', 'first', 'last', 'join', 'map',
  'plus', 'minus', 'times',
  'append', 'prepend', 'remove', 'remove_first', 'replace', 'replace_first', 'strip', 'downcase', 'default',
] as const;

/** Tags kept: conditions, loops, variables, comments. No include/render/layout/block (files), no capture (unbounded text). */
export const KEPT_TAGS = ['if', 'unless', 'case', 'for', 'break', 'continue', 'assign', 'comment', 'raw', '#'] as const;

// Any file lookup fails: with the file tags gone nothing should ask, but if something did, there is no file system.
const noFiles = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => { throw new TemplateValueError(templateMsg.noFiles); },
  readFileSync: () => { throw new TemplateValueError(templateMsg.noFiles); },
  resolve: (_root: string, file: string) => file,
  sep: '/',
  dirname: () => '',
};

function createEngine(): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    jsTruthy: true, // "" and 0 are false, as an office expects (and as the former templates behaved)
    greedy: false, // "-%}" eats the rest of its line only, as "-%>" did
    dynamicPartials: false,
    relativeReference: false,
    root: [],
    partials: [],
    layouts: [],
    fs: noFiles,
    templates: {},
    outputEscape: escapeValue,
    parseLimit: MAX_TEMPLATE_SOURCE,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
  });
  const standard = { ...engine.filters };
  for (const name of Object.keys(engine.filters)) engine.unregisterFilter(name);
  for (const name of KEPT_STANDARD_FILTERS) engine.registerFilter(name, standard[name]!);
  for (const [name, fn] of Object.entries(FORMAT_FILTERS)) engine.registerFilter(name, fn);
  const tags = engine.tags as Record<string, unknown>;
  for (const name of Object.keys(tags)) if (!(KEPT_TAGS as readonly string[]).includes(name)) delete tags[name];
  return engine;
}

const engine = createEngine();

/** Collects the filled-in text and refuses to grow it past MAX_FILLED_TEXT. */
class BoundedEmitter {
  buffer = '';
  write(html: unknown): void {
    const s = html === undefined || html === null ? '' : String(html);
    if (this.buffer.length + s.length > MAX_FILLED_TEXT) throw new TemplateValueError(templateMsg.outputTooLong(MAX_FILLED_TEXT));
    this.buffer += s;
  }
}

/** Deepest nesting of conditions and loops accepted: real templates use 3; a parse error 3,000 deep took half a minute. */
const MAX_NESTING = 30;
const OPENERS = new Set(['if', 'unless', 'for', 'case', 'comment']);

const lineOf = (source: string, at: number) => source.slice(0, at).split('\n').length;

/**
 * Checks made on the tokens before Liquid parses them. Nesting is bounded (Liquid's parser recurses, and reports an
 * error at every level). And Liquid reads the value at the start of {{ … }} and ignores what follows, so
 * "{{ d.chair.name }" silently swallowed the text up to the next "}}": every {{ … }} must be one value and its
 * filters, nothing more.
 */
function checkTokens(source: string): void {
  let depth = 0;
  for (const token of new Tokenizer(source, engine.options.operators).readTopLevelTokens(engine.options)) {
    if (token.kind === TokenKind.Tag) {
      const name = (token as unknown as { name: string }).name;
      if (OPENERS.has(name) && ++depth > MAX_NESTING) throw new TemplateValueError(`${templateMsg.tooDeep}${templateMsg.at(lineOf(source, token.begin))}`);
      if (name.startsWith('end') && OPENERS.has(name.slice(3))) depth = Math.max(0, depth - 1);
      continue;
    }
    if (token.kind !== TokenKind.Output) continue;
    const range = (token as unknown as { contentRange: [number, number] }).contentRange;
    const t = new Tokenizer(source, engine.options.operators, undefined, range);
    t.readFilteredValue();
    t.skipBlank();
    if (!t.end()) throw new TemplateValueError(`${templateMsg.outputJunk(t.remaining().slice(0, 40))}${templateMsg.at(lineOf(source, token.begin))}`);
  }
}

/** Parses a template source (about a millisecond for a built-in one; not cached, so no edit stays in memory). */
export function parseTemplate(source: string): Template[] {
  checkTokens(source);
  return engine.parse(source);
}

/** Fills a template with `data` as `d`. Throws LiquidError (parse, missing field, limits) or TemplateValueError. */
export function fillLiquid(source: string, data: object): string {
  const templates = parseTemplate(source);
  const ctx = new Context({ d: data }, engine.options, { sync: true }, { liquid: engine });
  const emitter = new BoundedEmitter();
  toValueSync(engine.renderer.renderTemplates(templates, ctx, emitter as never));
  return emitter.buffer;
}

export { AssertionError, LiquidError };
