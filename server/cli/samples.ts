// npm run samples -- --out DIR: one filled sample of every template as <key>.pdf and <key>.docx.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listTemplates, loadTemplateSource, renderDocx, renderPdf, renderTemplate, sampleDataFor } from '../documents/index.ts';

function parseOut(argv: string[]): string {
  const i = argv.indexOf('--out');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--out='))?.slice(6);
  if (!value) {
    console.error('Cách dùng: npm run samples -- --out THƯ_MỤC');
    process.exit(2);
  }
  return resolve(value);
}

const out = parseOut(process.argv.slice(2));
mkdirSync(out, { recursive: true });
let failed = 0;
for (const t of listTemplates()) {
  try {
    const desc = renderTemplate(t.key, loadTemplateSource(t.key), sampleDataFor(t.key));
    const [pdf, docx] = await Promise.all([renderPdf(desc), renderDocx(desc)]);
    writeFileSync(join(out, `${t.key}.pdf`), pdf);
    writeFileSync(join(out, `${t.key}.docx`), docx);
    console.log(`${t.key}.pdf (${pdf.length} B), ${t.key}.docx (${docx.length} B) — ${t.title}`);
  } catch (err) {
    failed += 1;
    console.error(`${t.key}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
if (failed) process.exit(1);
