// Templates are EJS, i.e. code: an office may reword a template freely, but must not be able to run new code on
// the server (read its secrets, stop it). An edited template may therefore only contain code tags that the built-in
// template already has, or plain field references and formatting calls on the data (d.…, f.…(d.…, 'text', 1)).

const TAG = /<%([_=\-#%]?)([\s\S]*?)([-_]?)%>/g;
const PATH = String.raw`d(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d{1,3}\])+`;
const ARG = String.raw`(?:${PATH}|'[^'\\<>%]*'|\d{1,4})`;
const FIELD = new RegExp(String.raw`^${PATH}$`);
const HELPER_CALL = new RegExp(String.raw`^f\.[A-Za-z][A-Za-z0-9]*\(\s*(?:${ARG}(?:\s*,\s*${ARG})*)?\s*\)$`);

export interface CodeTag {
  kind: string; // '' scriptlet, '=' escaped output, '-' raw output, '_' whitespace-slurping scriptlet, '#' comment, '%' literal
  code: string;
}

export function codeTags(source: string): CodeTag[] {
  const tags: CodeTag[] = [];
  for (const m of source.matchAll(TAG)) tags.push({ kind: m[1], code: m[2].trim() });
  return tags;
}

export type GuardResult = { ok: true } | { ok: false; reason: 'NEW_CODE'; tag: string };

/** Every code tag of `edited` must be a tag of `original`, a field reference or a helper call on fields. */
export function checkTemplateCode(original: string, edited: string): GuardResult {
  const known = new Set(codeTags(original).map((t) => `${t.kind}|${t.code.replace(/\s+/g, ' ')}`));
  for (const t of codeTags(edited)) {
    if (t.kind === '#' || t.kind === '%') continue; // comments and the literal "<%"
    const normal = t.code.replace(/\s+/g, ' ');
    if (known.has(`${t.kind}|${normal}`)) continue;
    if (t.kind === '=' && (FIELD.test(normal) || HELPER_CALL.test(normal))) continue;
    return { ok: false, reason: 'NEW_CODE', tag: `<%${t.kind} ${t.code} %>` };
  }
  return { ok: true };
}
