// npm run samples -- --out DIR: one filled sample of every template as <key>.pdf and <key>.docx, and for each
// sample that would be issued (numbered, not a draft, signed) <key>.signed.pdf as issuance makes it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listTemplates, loadTemplateSource, renderDocx, renderPdf, renderTemplate, sampleDataFor } from '../documents/index.ts';
import { generateSelfSignedP12, shortCode } from '../signing/index.ts';
import { renderIssuedFiles, VERIFY_ROUTE } from '../services/issuance.ts';

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
// One self-signed demo certificate per run, as a demo install makes on its first issuance.
const password = 'mau-van-ban';
const now = new Date();
const p12 = generateSelfSignedP12({ commonName: 'Ủy ban nhân dân xã Tân Uyên (bản mẫu)', organization: 'xã Tân Uyên, Lai Châu', password,
  validFrom: new Date(now.getTime() - 86_400_000), validTo: new Date(now.getTime() + 365 * 86_400_000) });
const certificate = { row: { selfSigned: true, id: 0, subject: 'demo' } as never, p12, password };
for (const t of listTemplates()) {
  try {
    const desc = renderTemplate(t.key, loadTemplateSource(t.key), sampleDataFor(t.key));
    const [pdf, docx] = await Promise.all([renderPdf(desc), renderDocx(desc)]);
    writeFileSync(join(out, `${t.key}.pdf`), pdf);
    writeFileSync(join(out, `${t.key}.docx`), docx);
    console.log(`${t.key}.pdf (${pdf.length} B), ${t.key}.docx (${docx.length} B) — ${t.title}`);
    const numbered = /\d/.test(desc.header.numberLine ?? '');
    if (!desc.draft && numbered && desc.signatures.length > 0) {
      const code = shortCode();
      const issued = await renderIssuedFiles({
        desc, numberSymbol: (desc.header.numberLine ?? '').replace(/^Số:?\s*/, ''), code, url: `http://localhost:3000${VERIFY_ROUTE}/${code}`,
        certificate, signerName: desc.signatures.at(-1)!.name, place: 'Tân Uyên, Lai Châu', signingTime: new Date(),
      });
      writeFileSync(join(out, `${t.key}.signed.pdf`), issued.signedPdf);
      console.log(`${t.key}.signed.pdf (${issued.signedPdf.length} B) — ký số, có mã QR`);
    }
  } catch (err) {
    failed += 1;
    console.error(`${t.key}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
if (failed) process.exit(1);
