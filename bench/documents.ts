// npm run bench:documents — ms per document for a 2-page resolution and a ~15-page regulation, PDF and
// DOCX, and the same resolution through DOCX → LibreOffice → PDF when soffice is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTemplateSource, renderDocx, renderPdf, renderTemplate, sampleDataFor, type Block, type DocumentDescription,
} from '../server/documents/index.ts';

function pdfPages(buf: Buffer): number {
  return (buf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** Wall-clock median and p95, plus the mean CPU time of this process per run (less sensitive to other load). */
async function time(fn: () => Promise<unknown>, runs: number, warmup = 5): Promise<{ median: number; p95: number; cpu: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), cpu: (cpu.user + cpu.system) / 1000 / runs };
}

/** The Quy chế sample with its chapters repeated until the whole document reaches about 15 pages. */
async function regulation(target = 15): Promise<DocumentDescription> {
  const key = 'ubnd-quyet-dinh-ban-hanh-quy-che';
  const seed = renderTemplate(key, loadTemplateSource(key), sampleDataFor(key));
  const chapterBody = seed.annexes[0]!.body;
  let copies = 1;
  for (;;) {
    const body: Block[] = [];
    let chapter = 0;
    let article = 0;
    for (let c = 0; c < copies; c++) {
      for (const b of chapterBody) {
        if (b.kind === 'chapter') body.push({ ...b, label: `Chương ${romanNumeralOf(++chapter)}` });
        else if (b.kind === 'article') body.push({ ...b, label: `Điều ${++article}.` });
        else body.push(b);
      }
    }
    const desc = { ...seed, annexes: [{ ...seed.annexes[0]!, body }] };
    if (pdfPages(await renderPdf(desc)) >= target) return desc;
    copies += 1;
  }
}

function romanNumeralOf(n: number): string {
  const t: Array<[number, string]> = [[50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of t) while (n >= v) { out += s; n -= v; }
  return out;
}

function hasSoffice(): boolean {
  return spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
}

const loadBefore = loadavg()[0]!;
const fmt = (n: number | null) => (n === null ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(2));

const key = 'hdnd-nghi-quyet';
const source = loadTemplateSource(key);
const data = sampleDataFor(key);
const resolution = renderTemplate(key, source, data);
const resolutionPages = pdfPages(await renderPdf(resolution));
const reg = await regulation();
const regPages = pdfPages(await renderPdf(reg));

const fill = await time(async () => renderTemplate(key, source, data), 200);
const pdf2 = await time(() => renderPdf(resolution), 100);
const docx2 = await time(() => renderDocx(resolution), 100);
const pdf15 = await time(() => renderPdf(reg), 20, 2);
const docx15 = await time(() => renderDocx(reg), 20, 2);

let loSingle: { median: number; p95: number; cpu: number } | null = null;
let loBatch: number | null = null;
if (hasSoffice()) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lo-'));
  try {
    const docx = await renderDocx(resolution);
    const profile = `-env:UserInstallation=file://${dir}/profile`;
    const convert = (files: string[]) => execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore' });
    writeFileSync(join(dir, 'r0.docx'), docx);
    convert([join(dir, 'r0.docx')]); // first start creates the profile
    loSingle = await time(async () => convert([join(dir, 'r0.docx')]), 5, 0);
    const files = Array.from({ length: 10 }, (_, i) => join(dir, `r${i}.docx`));
    for (const f of files) writeFileSync(f, docx);
    const t0 = performance.now();
    convert(files);
    loBatch = (performance.now() - t0) / files.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Array<[string, string, string, string]> = [
  [`template fill (EJS + parse), ${key}`, fmt(fill.median), fmt(fill.p95), fmt(fill.cpu)],
  [`PDF, resolution (${resolutionPages} pages)`, fmt(pdf2.median), fmt(pdf2.p95), fmt(pdf2.cpu)],
  [`DOCX, resolution (${resolutionPages} pages)`, fmt(docx2.median), fmt(docx2.p95), fmt(docx2.cpu)],
  [`PDF, regulation (${regPages} pages)`, fmt(pdf15.median), fmt(pdf15.p95), fmt(pdf15.cpu)],
  [`DOCX, regulation (${regPages} pages)`, fmt(docx15.median), fmt(docx15.p95), fmt(docx15.cpu)],
  ['DOCX → LibreOffice → PDF, 1 document per call', fmt(loSingle?.median ?? null), fmt(loSingle?.p95 ?? null), '—'],
  ['DOCX → LibreOffice → PDF, 10 documents per call (per document)', fmt(loBatch), '—', '—'],
];
console.log(`load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs`);
console.log(`${'measure'.padEnd(64)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(10)} ${'cpu ms'.padStart(8)}`);
for (const [name, median, p95, cpu] of rows) console.log(`${name.padEnd(64)} ${median.padStart(10)} ${p95.padStart(10)} ${cpu.padStart(8)}`);
const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
console.log(`BENCH ${JSON.stringify({
  pdf_ms_median: round(pdf2.median), pdf_ms_p95: round(pdf2.p95),
  docx_ms_median: round(docx2.median), docx_ms_p95: round(docx2.p95),
  pdf_cpu_ms_mean: round(pdf2.cpu), docx_cpu_ms_mean: round(docx2.cpu),
  pdf_15p_ms_median: round(pdf15.median), docx_15p_ms_median: round(docx15.median),
  libreoffice_ms_median: round(loSingle?.median ?? null), libreoffice_batch10_ms_per_doc: round(loBatch),
  speedup_vs_libreoffice: loSingle ? round(loSingle.median / pdf2.median) : null,
  resolution_pages: resolutionPages, regulation_pages: regPages, load_average: round(loadavg()[0]!),
})}`);
