import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf, words } from './helpers.ts';
import { renderedSamples } from './fixtures.ts';

function hasSoffice(): boolean {
  return spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
}

describe('DOCX → LibreOffice → PDF agrees with the direct PDF', function () {
  this.timeout(180000);

  it('has the same page count and the same words for every sample', async function () {
    if (!hasSoffice()) this.skip();
    const samples = await renderedSamples();
    const dir = mkdtempSync(join(tmpdir(), 'docx-lo-'));
    try {
      for (const s of samples) writeFileSync(join(dir, `${s.info.key}.docx`), s.docx);
      // one call for all files, with a private profile so parallel runs do not collide
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir,
        ...samples.map((s) => join(dir, `${s.info.key}.docx`))], { stdio: 'ignore', timeout: 170000 });
      const mismatches: string[] = [];
      for (const s of samples) {
        const lo = await readPdf(readFileSync(join(dir, `${s.info.key}.pdf`)));
        const direct = s.pages;
        if (lo.length !== direct.length) mismatches.push(`${s.info.key}: ${direct.length} trang (PDF) ≠ ${lo.length} trang (LibreOffice)`);
        const bag = (pages: typeof lo) => words(pages.flatMap((p) => p.items.map((i) => i.text)).join(' ')).sort();
        const a = bag(direct);
        const b = bag(lo);
        if (a.join(' ') !== b.join(' ')) {
          const onlyA = a.filter((w) => !b.includes(w));
          const onlyB = b.filter((w) => !a.includes(w));
          mismatches.push(`${s.info.key}: chỉ ở PDF [${onlyA.slice(0, 8).join(' ')}], chỉ ở LibreOffice [${onlyB.slice(0, 8).join(' ')}]`);
        }
      }
      expect(mismatches).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
