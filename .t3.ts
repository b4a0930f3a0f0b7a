import { readFileSync, readdirSync } from 'node:fs';
import { convertEjsTemplate } from './server/documents/legacy-ejs.ts';
import { fillLiquid } from './server/documents/template-language.ts';
const dir = '/tmp/oldejs/';
const conv: Record<string, string> = {};
for (const f of readdirSync(dir)) {
  const r = convertEjsTemplate(readFileSync(dir + f, 'utf8'));
  if (!r.ok) { console.log('FAIL', f, r.reason); continue; }
  conv[f.replace('.ejs', '')] = r.source;
}
const recs = readFileSync('/tmp/record.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let same = 0, diff = 0, errs = 0;
for (const r of recs) {
  const src = conv[r.key]; if (!src) continue;
  try {
    const out = fillLiquid(src, r.data);
    if (r.error) { console.log('EXPECTED ERROR', r.key, r.error); diff++; continue; }
    if (out === r.text) same++; else { diff++; if (diff < 4) { console.log('DIFF', r.key); console.log(JSON.stringify(out).slice(0, 3000)); console.log(JSON.stringify(r.text).slice(0, 3000)); } }
  } catch (e: any) { if (r.error) { same++; } else { errs++; console.log('ERR', r.key, e.message); } }
}
console.log({ same, diff, errs, total: recs.length });
if (process.argv[2]) console.log(conv[process.argv[2]]);
