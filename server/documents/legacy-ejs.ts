// Converts a template a commune saved in the former EJS syntax into Liquid — by reading it, never by running it.
// The former editor let an office reword text, insert fields (<%= d.… %>), call formatting helpers
// (<%= f.…(…) %>) and keep the built-in template's own loops and conditions. This converter understands exactly
// that small subset of JavaScript; anything else (other code, "<%%" tricks, nested tags) is refused, and the
// version stays history only. The caller verifies the result by filling it with the sample data.

export type ConversionResult = { ok: true; source: string } | { ok: false; reason: string };

class Unconvertible extends Error {}

function fail(reason: string): never {
  throw new Unconvertible(reason);
}

// ---- EJS tokens -------------------------------------------------------------------------------------------------

type EjsToken = { kind: 'text'; text: string } | { kind: 'tag'; open: string; code: string; close: string };

const DELIMITERS = /(<%%|%%>|<%=|<%-|<%_|<%#|<%|-%>|_%>|%>)/;

function tokenize(source: string): EjsToken[] {
  const parts = source.split(DELIMITERS);
  const out: EjsToken[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      if (part) out.push({ kind: 'text', text: part });
      continue;
    }
    if (!['<%', '<%=', '<%-', '<%#'].includes(part)) fail(`dấu "${part}" không chuyển được`);
    const code = parts[i + 1] ?? '';
    const close = parts[i + 2];
    if (close !== '%>' && close !== '-%>') fail(`thẻ "${part}" không được đóng đúng cách`);
    out.push({ kind: 'tag', open: part, code, close });
    i += 2;
  }
  return out;
}

// ---- A small JavaScript expression parser (only what the former templates used) --------------------------------

type Expr =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 're'; source: string; flags: string }
  | { t: 'id'; name: string }
  | { t: 'mem'; obj: Expr; prop: string }
  | { t: 'idx'; obj: Expr; index: number }
  | { t: 'call'; callee: Expr; args: Expr[] }
  | { t: 'fn'; params: string[]; body: Expr }
  | { t: 'not'; e: Expr }
  | { t: 'bin'; op: string; l: Expr; r: Expr }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr };

type Tok = { k: 'id' | 'num' | 'str' | 're' | 'p'; v: string; flags?: string };

function lex(code: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  // A "/" starts a regular expression where a value is expected: at the start or after an operator or "(".
  const prevAllowsRegex = () => {
    const p = toks.at(-1);
    return !p || (p.k === 'p' && p.v !== ')' && p.v !== ']');
  };
  while (i < code.length) {
    const c = code[i]!;
    if (/\s/.test(c)) { i++; continue; }
    let m: RegExpExecArray | null;
    const rest = code.slice(i);
    if ((m = /^[A-Za-z_$][\w$]*/.exec(rest))) { toks.push({ k: 'id', v: m[0] }); i += m[0].length; continue; }
    if ((m = /^\d+/.exec(rest))) { toks.push({ k: 'num', v: m[0] }); i += m[0].length; continue; }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < code.length && code[j] !== c) {
        if (code[j] === '\\') {
          const e = code[j + 1];
          if (e === 'n') s += '\n';
          else if (e === 't') s += '\t';
          else if (e === '\\' || e === "'" || e === '"') s += e;
          else fail('một chuỗi có ký tự thoát lạ');
          j += 2;
        } else s += code[j++];
      }
      if (j >= code.length) fail('một chuỗi không được đóng');
      toks.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (c === '/' && prevAllowsRegex()) {
      m = /^\/((?:[^/\\\n]|\\.)+)\/([a-z]*)/.exec(rest);
      if (!m) fail('một biểu thức chính quy không đọc được');
      toks.push({ k: 're', v: m[1]!, flags: m[2]! });
      i += m[0].length;
      continue;
    }
    if ((m = /^(===|!==|==|!=|>=|<=|&&|\|\||[-+!?:.,()[\]{}<>;])/.exec(rest))) { toks.push({ k: 'p', v: m[0] }); i += m[0].length; continue; }
    fail(`ký tự "${c}" không chuyển được`);
  }
  return toks;
}

class ExprParser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  done() { return this.i >= this.toks.length; }
  peek(v?: string) { const t = this.toks[this.i]; return t && (v === undefined || (t.k === 'p' && t.v === v) || (t.k === 'id' && t.v === v)) ? t : undefined; }
  take(v: string) { if (!this.peek(v)) fail(`cần "${v}"`); this.i++; }
  maybe(v: string) { if (this.peek(v)) { this.i++; return true; } return false; }
  expr(): Expr {
    const c = this.or();
    if (this.maybe('?')) {
      const a = this.expr();
      this.take(':');
      return { t: 'cond', c, a, b: this.expr() };
    }
    return c;
  }
  private or(): Expr { let l = this.and(); while (this.maybe('||')) l = { t: 'bin', op: '||', l, r: this.and() }; return l; }
  private and(): Expr { let l = this.cmp(); while (this.maybe('&&')) l = { t: 'bin', op: '&&', l, r: this.cmp() }; return l; }
  private cmp(): Expr {
    const l = this.add();
    for (const op of ['===', '!==', '==', '!=', '>=', '<=', '>', '<']) if (this.maybe(op)) return { t: 'bin', op, l, r: this.add() };
    return l;
  }
  private add(): Expr {
    let l = this.unary();
    for (;;) {
      if (this.maybe('+')) l = { t: 'bin', op: '+', l, r: this.unary() };
      else if (this.maybe('-')) l = { t: 'bin', op: '-', l, r: this.unary() };
      else return l;
    }
  }
  private unary(): Expr { return this.maybe('!') ? { t: 'not', e: this.unary() } : this.postfix(); }
  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.maybe('.')) {
        const t = this.toks[this.i++];
        if (!t || t.k !== 'id') fail('cần tên trường sau dấu chấm');
        e = { t: 'mem', obj: e, prop: t.v };
      } else if (this.maybe('[')) {
        const t = this.toks[this.i++];
        if (!t || t.k !== 'num') fail('chỉ số trong [ ] phải là một số');
        this.take(']');
        e = { t: 'idx', obj: e, index: Number(t.v) };
      } else if (this.maybe('(')) {
        const args: Expr[] = [];
        if (!this.maybe(')')) {
          do args.push(this.peek('function') ? this.fn() : this.expr()); while (this.maybe(','));
          this.take(')');
        }
        e = { t: 'call', callee: e, args };
      } else return e;
    }
  }
  /** `function (a, i) { return EXPR; }` (a map body); forEach bodies are opened by the statement patterns. */
  private fn(): Expr {
    this.take('function');
    this.take('(');
    const params: string[] = [];
    if (!this.maybe(')')) {
      do { const t = this.toks[this.i++]; if (!t || t.k !== 'id') fail('cần tên tham số'); params.push(t.v); } while (this.maybe(','));
      this.take(')');
    }
    this.take('{');
    this.take('return');
    const body = this.expr();
    this.maybe(';');
    this.take('}');
    return { t: 'fn', params, body };
  }
  private primary(): Expr {
    const t = this.toks[this.i++];
    if (!t) fail('biểu thức bị cụt');
    if (t.k === 'str') return { t: 'str', v: t.v };
    if (t.k === 'num') return { t: 'num', v: Number(t.v) };
    if (t.k === 're') return { t: 're', source: t.v, flags: t.flags ?? '' };
    if (t.k === 'id') {
      if (['function', 'return', 'new', 'this', 'typeof', 'void', 'delete', 'in', 'of', 'var', 'let', 'const'].includes(t.v)) fail(`từ khóa "${t.v}" không chuyển được`);
      return { t: 'id', name: t.v };
    }
    if (t.v === '(') { const e = this.expr(); this.take(')'); return e; }
    fail(`"${t.v}" không chuyển được`);
  }
}

function parseExpr(code: string): Expr {
  const p = new ExprParser(lex(code));
  const e = p.expr();
  if (!p.done()) fail('biểu thức có phần thừa');
  return e;
}

// ---- Translation into Liquid --------------------------------------------------------------------------------------

interface Loop { item: string; index: string | null; collection: string }

const FORBIDDEN_NAMES = new Set(['constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '__lookupGetter__']);
const LIQUID_WORDS = new Set(['forloop', 'and', 'or', 'contains', 'true', 'false', 'nil', 'null', 'empty', 'blank', 'in', 'with', 'as', 'offset', 'limit', 'reversed', 'tablerowloop']);

function quote(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  fail('một chuỗi có cả hai loại dấu nháy');
}

/** Literal text of the document: as EJS printed it, with Liquid's own markers kept literal. */
function literalText(text: string): string {
  if (!/\{\{|\{%|\{$/.test(text)) return text;
  if (/endraw/.test(text)) fail('phần chữ có "endraw"');
  return `{% raw %}${text}{% endraw %}`;
}

class Translator {
  readonly loops: Loop[] = [];

  private name(n: string): string {
    if (FORBIDDEN_NAMES.has(n) || LIQUID_WORDS.has(n) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) fail(`tên "${n}" không chuyển được`);
    return n;
  }

  private innermost(): Loop | undefined { return this.loops.at(-1); }

  private isIndex(e: Expr): boolean {
    return e.t === 'id' && this.innermost()?.index === e.name;
  }

  /** A field path rooted at d or at a loop item: d.a.b[0].c, m.name, X.length → X.size. */
  path(e: Expr): string {
    if (e.t === 'id') {
      if (e.name === 'd' || this.loops.some((l) => l.item === e.name)) return this.name(e.name);
      if (this.loops.some((l) => l.index === e.name)) fail(`chỉ số "${e.name}" của một vòng lặp ngoài`);
      fail(`tên "${e.name}" không có trong dữ liệu`);
    }
    if (e.t === 'mem') return `${this.path(e.obj)}.${e.prop === 'length' ? 'size' : this.name(e.prop)}`;
    if (e.t === 'idx') return `${this.path(e.obj)}[${e.index}]`;
    fail('cần một trường dữ liệu');
  }

  /** A filter argument: a path, a literal, or the innermost loop's index. */
  atom(e: Expr): string {
    if (e.t === 'str') return quote(e.v);
    if (e.t === 'num') return String(e.v);
    if (this.isIndex(e)) return 'forloop.index0';
    return this.path(e);
  }

  /** A value, possibly through filters: d.x, f.helper(…), X.replace('a', 'b'), … */
  value(e: Expr): string {
    if (e.t === 'call') return this.callValue(e);
    if (e.t === 'bin' && e.op === '+') {
      const lf = this.lowerFirstOf(e);
      if (lf) return lf;
      if (this.isIndex(e.l) && e.r.t === 'num' && e.r.v === 1) return 'forloop.index';
      fail('một phép cộng không chuyển được');
    }
    return this.atom(e);
  }

  /** X.charAt(0).toLowerCase() + X.slice(1) → X | lowerFirst. */
  private lowerFirstOf(e: Expr & { t: 'bin' }): string | null {
    const l = e.l, r = e.r;
    if (l.t !== 'call' || r.t !== 'call' || l.callee.t !== 'mem' || r.callee.t !== 'mem') return null;
    if (!['toLowerCase', 'toLocaleLowerCase'].includes(l.callee.prop) || r.callee.prop !== 'slice') return null;
    const charAt = l.callee.obj;
    if (charAt.t !== 'call' || charAt.callee.t !== 'mem' || charAt.callee.prop !== 'charAt') return null;
    if (charAt.args.length !== 1 || charAt.args[0]!.t !== 'num' || charAt.args[0]!.v !== 0) return null;
    if (r.args.length !== 1 || r.args[0]!.t !== 'num' || r.args[0]!.v !== 1) return null;
    const a = this.path(charAt.callee.obj), b = this.path(r.callee.obj);
    return a === b ? `${a} | lowerFirst` : null;
  }

  private callValue(e: Expr & { t: 'call' }): string {
    const callee = e.callee;
    if (callee.t !== 'mem') fail('một lời gọi hàm không chuyển được');
    const args = e.args;
    if (callee.obj.t === 'id' && callee.obj.name === 'f') return this.helper(callee.prop, args);
    const base = () => this.value(callee.obj);
    switch (callee.prop) {
      case 'replace': {
        if (args.length !== 2 || args[1]!.t !== 'str') break;
        const [what, by] = args as [Expr, { t: 'str'; v: string }];
        if (what.t === 'str') return by.v === '' ? `${base()} | remove_first: ${quote(what.v)}` : `${base()} | replace_first: ${quote(what.v)}, ${quote(by.v)}`;
        if (what.t === 're' && what.flags === '' && by.v === '' && /^\^[^\\^$.*+?()[\]{}|/]+$/.test(what.source)) {
          return `${base()} | remove_first: ${quote(what.source.slice(1))}`;
        }
        break;
      }
      case 'toLowerCase':
      case 'toLocaleLowerCase':
        if (args.length === 0 || (args.length === 1 && args[0]!.t === 'str' && args[0]!.v === 'vi')) return `${base()} | downcase`;
        break;
      case 'toUpperCase':
      case 'toLocaleUpperCase':
        if (args.length === 0 || (args.length === 1 && args[0]!.t === 'str' && args[0]!.v === 'vi')) return `${base()} | upper`;
        break;
      default:
        break;
    }
    fail(`hàm "${callee.prop}" không chuyển được`);
  }

  private helper(name: string, args: Expr[]): string {
    const a = args.map((x) => this.atom(x));
    const need = (min: number, max: number) => { if (a.length < min || a.length > max) fail(`f.${name} có số tham số lạ`); };
    switch (name) {
      case 'stateNumber':
      case 'partyNumber':
        need(3, 3);
        return `${a[0]} | ${name}: ${a[1]}, ${a[2]}`;
      case 'dateLine':
        need(2, 2);
        return `${a[1]} | dateLine: ${a[0]}`;
      case 'date': case 'ordinal': case 'partyOrdinal': case 'roman': case 'upper':
        need(1, 1);
        return `${a[0]} | ${name}`;
      case 'session':
        need(1, 2);
        return a.length === 2 ? `${a[0]} | session: ${a[1]}` : `${a[0]} | session`;
      case 'time': {
        need(2, 2);
        const [h, m] = args as [Expr, Expr];
        if (h.t === 'idx' && m.t === 'idx' && h.index === 0 && m.index === 1 && this.path(h.obj) === this.path(m.obj)) return `${this.path(h.obj)} | time`;
        return `${a[0]} | time: ${a[1]}`;
      }
      default:
        fail(`f.${name} không chuyển được ở đây`);
    }
  }

  /** A condition: {pre: tags to run first (assign), test: Liquid condition}. */
  condition(e: Expr): { pre: string; test: string } {
    if (e.t === 'bin' && (e.op === '&&' || e.op === '||')) {
      const parts: Expr[] = [];
      const flat = (x: Expr) => { if (x.t === 'bin' && x.op === e.op) { flat(x.l); flat(x.r); } else parts.push(x); };
      flat(e);
      const each = parts.map((p) => this.condition(p));
      return { pre: each.map((c) => c.pre).join(''), test: each.map((c) => c.test).join(e.op === '&&' ? ' and ' : ' or ') };
    }
    if (e.t === 'bin' && ['===', '!==', '==', '!=', '>=', '<=', '>', '<'].includes(e.op)) {
      const inner = this.innermost();
      // i === list.length - 1 → the last round of the loop over that list
      if (inner && this.isIndex(e.l) && e.r.t === 'bin' && e.r.op === '-' && e.r.r.t === 'num' && e.r.r.v === 1
        && e.r.l.t === 'mem' && e.r.l.prop === 'length' && this.path(e.r.l.obj) === inner.collection && (e.op === '===' || e.op === '==')) {
        return { pre: '', test: 'forloop.last' };
      }
      const op = e.op === '===' ? '==' : e.op === '!==' ? '!=' : e.op;
      return { pre: '', test: `${this.atom(e.l)} ${op} ${this.atom(e.r)}` };
    }
    if (e.t === 'call' && e.callee.t === 'mem' && e.callee.prop === 'test' && e.callee.obj.t === 're' && e.args.length === 1) {
      const re = e.callee.obj;
      if (!/^[^\\^$.*+?()[\]{}|/]+$/.test(re.source) || !['', 'i'].includes(re.flags)) fail('một biểu thức chính quy không chuyển được');
      const subject = this.path(e.args[0]!);
      if (re.flags === '') return { pre: '', test: `${subject} contains ${quote(re.source)}` };
      const tmp = `chu_thuong_${this.loops.length}`;
      return { pre: `{% assign ${tmp} = ${subject} | downcase %}`, test: `${tmp} contains ${quote(re.source.toLocaleLowerCase('vi'))}` };
    }
    if (e.t === 'mem' && e.prop === 'length') return { pre: '', test: `${this.path(e)} > 0` };
    if (e.t === 'not') fail('một phủ định lồng trong điều kiện');
    return { pre: '', test: this.atom(e) };
  }

  /** What an output tag <%= e %> prints, as Liquid template text. */
  output(e: Expr): string {
    if (e.t === 'str') return literalText(e.v.normalize('NFC').replace(/[\r\n]+/g, ' '));
    if (e.t === 'cond') {
      let { c, a, b } = e;
      if (c.t === 'not') [c, a, b] = [c.e, b, a];
      const { pre, test } = this.condition(c);
      const other = b.t === 'str' && b.v === '' ? '' : `{% else %}${this.output(b)}`;
      return `${pre}{% if ${test} %}${this.output(a)}${other}{% endif %}`;
    }
    if (e.t === 'bin' && e.op === '+' && !this.lowerFirstOf(e) && !(this.isIndex(e.l) && e.r.t === 'num')) {
      if (!isText(e)) fail('một phép cộng số không chuyển được');
      return this.output(e.l) + this.output(e.r);
    }
    // list.map(function (a) { return …; }).join('; ')
    if (e.t === 'call' && e.callee.t === 'mem' && e.callee.prop === 'join' && e.args.length === 1 && e.args[0]!.t === 'str') {
      const inner = e.callee.obj;
      if (inner.t === 'call' && inner.callee.t === 'mem' && inner.callee.prop === 'map' && inner.args.length === 1 && inner.args[0]!.t === 'fn') {
        const fn = inner.args[0];
        if (fn.params.length !== 1) fail('hàm map có số tham số lạ');
        const collection = this.path(inner.callee.obj);
        this.loops.push({ item: this.name(fn.params[0]!), index: null, collection });
        const body = this.output(fn.body);
        this.loops.pop();
        return `{% for ${fn.params[0]} in ${collection} %}${body}{% unless forloop.last %}${literalText(e.args[0].v)}{% endunless %}{% endfor %}`;
      }
    }
    return `{{ ${this.value(e)} }}`;
  }
}

/** Whether a "+" joins text (as opposed to adding numbers): one side is a string or yields one. */
function isText(e: Expr): boolean {
  if (e.t === 'str') return true;
  if (e.t === 'bin' && e.op === '+') return isText(e.l) || isText(e.r);
  if (e.t === 'call') return true; // f.… helpers and string methods return text
  if (e.t === 'cond') return isText(e.a) && isText(e.b);
  return false;
}

// ---- Statements (the code of <% … %> tags) ------------------------------------------------------------------------

interface Frame {
  kind: 'if' | 'unless' | 'for';
  opens: string[]; // one opening tag per segment (a loop over parts of a list is written as several loops)
  item?: string;
  body: string[];
}

/** X, or X.slice(a, b).concat(X.slice(c, d), X.slice(e)): one loop header per part. */
function loopSegments(tr: Translator, e: Expr): { collection: string; parts: string[] } {
  const sliceOf = (x: Expr): { collection: string; part: string } | null => {
    if (x.t !== 'call' || x.callee.t !== 'mem' || x.callee.prop !== 'slice') return null;
    const nums = x.args.map((a) => (a.t === 'num' ? a.v : NaN));
    if (nums.some(Number.isNaN) || nums.length < 1 || nums.length > 2) return null;
    const collection = tr.path(x.callee.obj);
    const [from, to] = nums as [number, number | undefined];
    return { collection, part: to === undefined ? ` offset: ${from}` : ` offset: ${from} limit: ${Math.max(0, to - from)}` };
  };
  if (e.t === 'call' && e.callee.t === 'mem' && e.callee.prop === 'concat') {
    const first = sliceOf(e.callee.obj);
    const rest = e.args.map(sliceOf);
    if (!first || rest.some((r) => !r || r.collection !== first.collection)) fail('một vòng lặp không chuyển được');
    return { collection: first.collection, parts: [first.part, ...rest.map((r) => r!.part)] };
  }
  const one = sliceOf(e);
  if (one) return { collection: one.collection, parts: [one.part] };
  return { collection: tr.path(e), parts: [''] };
}

/** Converts a template source in the former EJS syntax into Liquid, or says why it cannot. Never evaluates it. */
export function convertEjsTemplate(source: string): ConversionResult {
  try {
    return { ok: true, source: convert(source.replace(/\r\n?/g, '\n')) };
  } catch (err) {
    if (err instanceof Unconvertible) return { ok: false, reason: err.message };
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

function convert(source: string): string {
  const tokens = tokenize(source);
  const tr = new Translator();
  const root: string[] = [];
  const frames: Frame[] = [];
  const out = () => (frames.length ? frames.at(-1)!.body : root);
  let stripNewline = false; // a "-%>" whose newline must be removed from the following text by hand

  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti]!;
    if (tok.kind === 'text') {
      let text = tok.text;
      if (stripNewline) text = text.replace(/^\n/, '');
      stripNewline = false;
      out().push(literalText(text));
      continue;
    }
    stripNewline = false;
    const next = tokens[ti + 1];
    // "-%>" removes the line break right after the tag; Liquid's "-%}" (greedy off) does the same when the text
    // starts with that line break, and a raw-wrapped or literal piece gets it removed by hand.
    const slurp = tok.close === '-%>' && next?.kind === 'text' && next.text.startsWith('\n');
    const canTrimInLiquid = slurp && literalText(next!.text) === next!.text;
    const trim = (tag: string) => (canTrimInLiquid ? tag.replace(/ (%\}|\}\})$/, ' -$1') : tag);
    if (slurp && !canTrimInLiquid) stripNewline = true;
    const code = tok.code.trim();

    if (tok.open === '<%#') { if (slurp) stripNewline = true; continue; }
    if (tok.open === '<%-') {
      const e = parseExpr(code);
      if (e.t !== 'call' || e.callee.t !== 'mem' || e.callee.obj.t !== 'id' || e.callee.obj.name !== 'f' || e.callee.prop !== 'lines') fail('thẻ <%- chỉ chuyển được với f.lines');
      const args = e.args.map((a) => tr.atom(a));
      if (args.length < 1 || args.length > 2) fail('f.lines có số tham số lạ');
      out().push(trim(`{{ ${args[0]} | lines${args[1] ? `: ${args[1]}` : ''} }}`));
      continue;
    }
    if (tok.open === '<%=') {
      const piece = tr.output(parseExpr(code));
      if (/(%\}|\}\})$/.test(piece)) out().push(trim(piece));
      else { out().push(piece); if (slurp) stripNewline = true; }
      continue;
    }

    // A scriptlet: one of the statement shapes of the former built-in templates.
    const s = code.replace(/\s+/g, ' ').replace(/;$/, '').trim();
    let m: RegExpExecArray | null;
    if (s === '}' || s === '})' ) {
      const f = frames.pop();
      if (!f) fail('một dấu "}" thừa');
      if ((s === '})') !== (f.kind === 'for')) fail('khối lệnh đóng không khớp');
      if (f.kind === 'for') tr.loops.pop();
      const end = trim(`{% end${f.kind} %}`);
      const body = f.body.join('');
      out().push(f.opens.map((open, i) => `${open}${body}${i === f.opens.length - 1 ? end : `{% end${f.kind} %}`}`).join(''));
      continue;
    }
    if (s === '} else {') {
      const f = frames.at(-1);
      if (!f || f.kind === 'for') fail('"else" không nằm trong một điều kiện');
      f.body.push(trim('{% else %}'));
      continue;
    }
    if ((m = /^\} else if \((.+)\) \{$/.exec(s))) {
      const f = frames.at(-1);
      if (!f || f.kind === 'for') fail('"else if" không nằm trong một điều kiện');
      const c = tr.condition(parseExpr(m[1]!));
      if (c.pre) fail('một điều kiện "else if" không chuyển được');
      f.body.push(trim(`{% elsif ${c.test} %}`));
      continue;
    }
    if ((m = /^if \((.+)\) \{$/.exec(s))) {
      const e = parseExpr(m[1]!);
      const negated = e.t === 'not';
      const c = tr.condition(negated ? e.e : e);
      const kind = negated ? 'unless' : 'if';
      if (c.pre) out().push(c.pre);
      frames.push({ kind, opens: [trim(`{% ${kind} ${c.test} %}`)], body: [] });
      continue;
    }
    if ((m = /^(.+)\.forEach\(function \(([A-Za-z_]\w*)(?:, ([A-Za-z_]\w*))?\) \{$/.exec(s))) {
      const { collection, parts } = loopSegments(tr, parseExpr(m[1]!));
      const item = m[2]!;
      const index = m[3] ?? null;
      if (index && parts.length > 1) fail('một vòng lặp nhiều đoạn có chỉ số');
      const header = (part: string) => trim(`{% for ${item} in ${collection}${part} %}`);
      tr.loops.push({ item: item, index, collection });
      tr.path({ t: 'id', name: item }); // the name itself must be an acceptable Liquid name
      frames.push({ kind: 'for', opens: parts.map(header), item, body: [] });
      continue;
    }
    fail(`đoạn mã "<% ${s} %>" không chuyển được`);
  }
  if (frames.length) fail('một khối lệnh không được đóng');
  return root.join('');
}
