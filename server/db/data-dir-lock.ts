// An exclusive lock on the PGlite data folder: PGlite itself lets a second process open a folder in use
// and silently loses the first one's commits (STACK.md trap 2).
import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  file: string;
  release(): void;
}

export class DataDirInUseError extends Error {
  constructor(public readonly dataDir: string, public readonly pid: number) {
    super(`Thư mục dữ liệu ${dataDir} đang được tiến trình khác sử dụng (PID ${pid}). `
      + 'Hãy dừng tiến trình đó, hoặc đặt DATA_DIR sang thư mục khác. '
      + '(The data folder is in use by another process; PGlite would lose data if two processes opened it.)');
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'app.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // The PID is written to a file of our own first and then linked into place: link() fails when the lock
      // exists, and a lock that exists always names its owner (no window in which another process reads it empty).
      const own = `${file}.${process.pid}`;
      fs.writeFileSync(own, String(process.pid));
      try {
        fs.linkSync(own, file);
      } finally {
        fs.rmSync(own, { force: true });
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch { /* already gone */ }
      };
      process.once('exit', release);
      return { file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
      // A lock left by a process that died (kill -9, power loss): take it over.
      fs.unlinkSync(file);
    }
  }
  throw new Error(`Không lấy được khóa thư mục dữ liệu ${file}`);
}
