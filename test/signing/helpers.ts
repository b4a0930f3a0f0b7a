// Test helpers for signing: one RSA key per file, a small PDF made with pdfkit, and pdfsig (poppler-utils).
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

export const rsaKeyPem = (): string =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export const TEST_TITLE = 'Nghi quyet thu nghiem ky so';

/** A two-page PDF straight from pdfkit (built-in font, ASCII text). */
export function simplePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: TEST_TITLE } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.text('Nghi quyet so 05/NQ-HDND');
  doc.addPage().text('Trang 2');
  doc.end();
  return done;
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** pdfsig's report for a PDF (stdout and stderr together). */
export function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a shell script using openssl in a temporary folder holding `files`; null when openssl is missing. */
export function withOpenssl<T>(script: string, read: (dir: string, stdout: string) => T, files: Record<string, Buffer> = {}): T | null {
  if (!hasCommand('openssl')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'openssl-'));
  try {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    const run = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`openssl failed: ${run.stderr}`);
    return read(dir, run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
