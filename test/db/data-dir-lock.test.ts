// One process per PGlite folder (STACK.md trap 2: a second opener silently loses the first one's commits). The lock
// is on the folder itself, so nothing done to the `app.lock` file beside it lets a second process in; the kernel
// drops it when its holder dies, kill -9 included.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { openDatabase } from '../../server/db/database.ts';
import { acquireDataDirLock, DataDirInUseError, HOLDER_FILE } from '../../server/db/data-dir-lock.ts';
import { exited, freePort, runScript, startApp } from '../support/processes.ts';

const REFUSED = 'đang được tiến trình khác sử dụng';

describe('db — the data folder lock', function () {
  this.timeout(60000);
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-lock-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a second lock on a held folder is refused, in the same process too, naming the holder; release frees it', () => {
    const lock = acquireDataDirLock(tmp, 'thử khóa');
    expect(fs.readFileSync(path.join(tmp, HOLDER_FILE), 'utf8')).to.equal(`${process.pid}\nthử khóa\n`);
    let error: unknown = null;
    try {
      acquireDataDirLock(tmp);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(DataDirInUseError);
    expect((error as Error).message).to.include(REFUSED).and.include(`PID ${process.pid} — thử khóa`);
    lock.release();
    expect(fs.existsSync(path.join(tmp, HOLDER_FILE))).to.equal(false);
    acquireDataDirLock(tmp).release();
  });

  it('the lock holds when the holder file cannot be written (a folder in its place)', () => {
    fs.mkdirSync(path.join(tmp, HOLDER_FILE));
    const lock = acquireDataDirLock(tmp);
    try {
      expect(() => acquireDataDirLock(tmp)).to.throw(DataDirInUseError, REFUSED);
    } finally {
      lock.release();
    }
    expect(fs.statSync(path.join(tmp, HOLDER_FILE)).isDirectory(), 'a folder the lock did not make is left alone').to.equal(true);
  });

  it('any flock on the folder excludes the app; PGlite is never opened', async () => {
    // flock(1) itself holding the folder: the lock is the folder's, whoever takes it.
    const holder = spawn('flock', ['--exclusive', tmp, 'sleep', '30'], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 200 && !heldByOther(tmp); i++) await new Promise((r) => setTimeout(r, 50)); // until flock(1) has it
      let error: unknown = null;
      try {
        await openDatabase({ dataDir: tmp });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(DataDirInUseError);
      expect((error as Error).message).to.include(REFUSED).and.match(/PID \d+/);
      expect(fs.existsSync(path.join(tmp, 'pglite'))).to.equal(false);
    } finally {
      holder.kill();
      await exited(holder);
    }
  });

  it('six processes starting at once on one folder: exactly one gets the lock', async () => {
    const lockModule = new URL('../../server/db/data-dir-lock.ts', import.meta.url).href;
    // Each child reports, then keeps whatever it got until the test closes its stdin: the holds overlap however late
    // a child starts on a busy machine.
    const script = `import { acquireDataDirLock } from ${JSON.stringify(lockModule)};
      const start = Number(process.argv[1]); while (Date.now() < start) {}
      try { acquireDataDirLock(${JSON.stringify(tmp)}); console.log('won'); }
      catch (e) { console.log(e.constructor.name); }
      process.stdin.on('data', () => {}).on('end', () => process.exit(0));`;
    const start = Date.now() + 2500; // all children spin until the same instant, then race
    const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(start)], { stdio: ['pipe', 'pipe', 'inherit'] }));
    try {
      const outputs = await Promise.all(children.map((child) => new Promise<string>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d) => { out += d; if (out.includes('\n')) resolve(out.trim()); });
        child.on('exit', () => resolve(out.trim()));
      })));
      expect(outputs.filter((o) => o === 'won'), outputs.join(', ')).to.have.length(1);
      expect(outputs.filter((o) => o === 'DataDirInUseError')).to.have.length(5);
    } finally {
      for (const child of children) child.stdin!.end();
      await Promise.all(children.map(exited));
    }
    expect(fs.readdirSync(tmp).filter((f) => f !== HOLDER_FILE), 'no leftover files').to.deep.equal([]);
  });

  it('two real app processes: whatever is done to app.lock, the second refuses and names the first; kill -9 frees the folder', async function () {
    this.timeout(300000); // three app starts on a shared machine
    const dataDir = path.join(tmp, 'data');
    const first = await startApp({ DATA_DIR: dataDir });
    try {
      const holderFile = path.join(dataDir, HOLDER_FILE);
      const link = path.join(tmp, 'link');
      const tamperings: [string, () => string][] = [
        ['untouched', () => dataDir],
        ['deleted', () => { fs.rmSync(holderFile); return dataDir; }],
        ['garbled', () => { fs.writeFileSync(holderFile, 'x\u0000\u00ff garbage\n\n'); return dataDir; }],
        ['naming a dead process', () => { fs.writeFileSync(holderFile, '999999\n'); return dataDir; }],
        ['naming another live process (this test)', () => { fs.writeFileSync(holderFile, `${process.pid}\nmạo danh\n`); return dataDir; }],
        ['replaced by a directory', () => { fs.rmSync(holderFile, { force: true }); fs.mkdirSync(holderFile); return dataDir; }],
        ['made read-only', () => { fs.rmSync(holderFile, { recursive: true }); fs.writeFileSync(holderFile, '1\n', { mode: 0o444 }); return dataDir; }],
        ['the folder reached through a symlink', () => { fs.symlinkSync(dataDir, link); return link; }],
      ];
      for (const [what, tamper] of tamperings) {
        const dir = tamper();
        const second = await runScript('server/index.ts', [], { DATA_DIR: dir, PORT: String(await freePort()), HOST: '127.0.0.1' });
        expect(second.code, `${what}: ${second.stdout}${second.stderr}`).to.equal(1);
        expect(second.stderr, what).to.include(REFUSED).and.include(`PID ${first.child.pid}`);
        expect(second.stdout, what).not.to.include('đang chạy');
      }
      expect(first.child.exitCode, first.output()).to.equal(null);
      expect((await fetch(`${first.base}/dang-nhap`)).status, 'the first app still serves').to.equal(200);

      await first.stop('SIGKILL');
      const again = await startApp({ DATA_DIR: dataDir });
      try {
        expect(fs.readFileSync(holderFile, 'utf8')).to.match(new RegExp(`^${again.child.pid}\\n`));
        expect((await fetch(`${again.base}/dang-nhap`)).status).to.equal(200);
      } finally {
        await again.stop();
      }
      expect(again.child.exitCode, again.output()).to.equal(0);
      expect(fs.readdirSync(dataDir).sort(), 'a clean stop removes the holder file and the control socket').to.deep.equal(['pglite']);
    } finally {
      await first.stop('SIGKILL');
    }
  });
});

function heldByOther(dir: string): boolean {
  try {
    acquireDataDirLock(dir).release();
    return false;
  } catch (err) {
    if (err instanceof DataDirInUseError) return true;
    throw err;
  }
}
