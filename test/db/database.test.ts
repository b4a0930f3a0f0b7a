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
