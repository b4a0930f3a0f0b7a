// The storage layer's guarantees: one process per PGlite folder, and no query through the outer handle
// inside a transaction (it would deadlock PGlite).
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { communes } from '../../models/schema.ts';
import { openDatabase } from '../../server/db/database.ts';
import { acquireDataDirLock, DataDirInUseError } from '../../server/db/data-dir-lock.ts';
import { testDatabase } from '../support/db.ts';

describe('db — data folder lock and transaction guard', () => {
  it('a second opener of a PGlite folder in use is refused with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-lock-'));
    // A live process (a child node) holds the lock.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'app.lock'), String(child.pid));
      let error: unknown = null;
      try {
        await openDatabase({ dataDir: dir });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(DataDirInUseError);
      expect((error as Error).message).to.include('đang được tiến trình khác sử dụng').and.include(String(child.pid));
      expect(fs.existsSync(path.join(dir, 'pglite'))).to.equal(false); // PGlite never opened
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a lock left by a dead process is taken over; release removes it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-lock-'));
    try {
      fs.writeFileSync(path.join(dir, 'app.lock'), '999999'); // no such process
      const lock = acquireDataDirLock(dir);
      expect(fs.readFileSync(lock.file, 'utf8')).to.equal(String(process.pid));
      lock.release();
      expect(fs.existsSync(lock.file)).to.equal(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('six processes starting at once on one folder: exactly one gets the lock', async function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-lock-'));
    const lockModule = new URL('../../server/db/data-dir-lock.ts', import.meta.url).href;
    const script = `import { acquireDataDirLock } from ${JSON.stringify(lockModule)};
      const start = Number(process.argv[1]); while (Date.now() < start) {}
      try { acquireDataDirLock(${JSON.stringify(dir)}); console.log('won'); setTimeout(() => {}, 1500); }
      catch (e) { console.log(e.constructor.name); }`;
    try {
      const start = Date.now() + 2500; // all children spin until the same instant, then race
      const outputs = await Promise.all(Array.from({ length: 6 }, () => new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(start)], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d) => { out += d; });
        child.on('exit', () => resolve(out.trim()));
      })));
      expect(outputs.filter((o) => o === 'won'), outputs.join(', ')).to.have.length(1);
      expect(outputs.filter((o) => o === 'DataDirInUseError')).to.have.length(5);
      expect(fs.readdirSync(dir).filter((f) => f !== 'app.lock'), 'no leftover PID files').to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a query through the outer handle inside a transaction throws at once instead of deadlocking', async () => {
    const database = await testDatabase();
    let message = '';
    try {
      await database.transaction(async () => {
        await database.db.select().from(communes);
      });
    } catch (err) {
      message = String((err as Error).message) + String((err as { cause?: Error }).cause?.message ?? '');
    }
    expect(message).to.include('use the transaction handle');
    // The transaction handle itself works, and the database is usable afterwards.
    const n = await database.transaction(async (tx) => (await tx.select().from(communes)).length);
    expect(n).to.be.a('number');
  });
});
