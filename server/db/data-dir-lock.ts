// An exclusive lock on the PGlite data folder for the life of the process: PGlite itself lets a second process
// open a folder in use and silently loses the first one's commits (STACK.md trap 2).
//
// The lock is flock(2) on the data folder's own inode, not on a file inside it: a file can be deleted, garbled or
// replaced and a new one made beside the old lock, but the folder a process has open is the folder (renaming it or
// reaching it through a symlink changes nothing). Node has no flock(), so flock(1) from util-linux takes the lock on
// a descriptor this process opened and lends it: a flock lock belongs to the open file description, which stays
// here when flock(1) exits, exactly as `exec 9<dir; flock -n 9` in a shell script. The kernel drops it when this
// process ends in any way, kill -9 included, so a stale lock cannot exist and nothing needs taking over.
//
// `app.lock` beside it only names the holder for the refusal message; nothing trusts it.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export interface DataDirLock {
  dir: string;
  release(): void;
}

export interface LockHolder {
  pid: number;
  /** What the holder said it was doing ("máy chủ ứng dụng", "sao lưu", …), when it said so. */
  purpose: string | null;
}

const FLOCK_CONFLICT = 75;
export const HOLDER_FILE = 'app.lock';

export class DataDirInUseError extends Error {
  constructor(public readonly dataDir: string, public readonly holder: LockHolder | null) {
    const who = holder ? `PID ${holder.pid}${holder.purpose ? ` — ${holder.purpose}` : ''}` : 'không xác định được PID';
    super(`Thư mục dữ liệu ${dataDir} đang được tiến trình khác sử dụng (${who}). `
      + 'Hãy dừng tiến trình đó, hoặc đặt DATA_DIR sang thư mục khác. '
      + '(The data folder is in use by another process; PGlite would lose data if two processes opened it.)');
  }
}

export class FlockUnavailableError extends Error {
  constructor(detail: string) {
    super(`Không khóa được thư mục dữ liệu: cần lệnh flock của util-linux (${detail}).`);
  }
}

/**
 * Takes the folder's lock or throws DataDirInUseError at once (never waits). A second call in the same process is
 * refused too: each call opens its own descriptor, and flock locks of two descriptions exclude each other.
 */
export function acquireDataDirLock(dataDir: string, purpose = 'máy chủ ứng dụng'): DataDirLock {
  const dir = path.resolve(dataDir);
  // O_DIRECTORY: the folder itself; libuv adds O_CLOEXEC, so no child this process starts later inherits the lock.
  const fd = fs.openSync(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
  const r = spawnSync('flock', ['--exclusive', '--nonblock', '--conflict-exit-code', String(FLOCK_CONFLICT), '3'], {
    stdio: ['ignore', 'ignore', 'pipe', fd],
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    fs.closeSync(fd);
    if (r.status === FLOCK_CONFLICT) throw new DataDirInUseError(dir, lockHolder(dir));
    throw new FlockUnavailableError(r.error ? r.error.message : `flock: ${r.stderr.trim() || `exit ${r.status ?? r.signal}`}`);
  }
  writeHolderFile(dir, purpose);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const holder = readHolderFile(dir);
    if (holder?.pid === process.pid) fs.rmSync(path.join(dir, HOLDER_FILE), { force: true });
    fs.closeSync(fd); // the last descriptor of the locked description: the lock ends here
  };
  process.once('exit', release);
  return { dir, release };
}

/** Best effort: the lock holds without it, so a file that cannot be written (a folder, read-only) is skipped. */
function writeHolderFile(dir: string, purpose: string) {
  const own = path.join(dir, `${HOLDER_FILE}.${process.pid}`);
  try {
    fs.writeFileSync(own, `${process.pid}\n${purpose}\n`);
    fs.renameSync(own, path.join(dir, HOLDER_FILE));
  } catch {
    fs.rmSync(own, { force: true });
  }
}

function readHolderFile(dir: string): LockHolder | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, HOLDER_FILE), 'utf8');
  } catch {
    return null;
  }
  const [first, second] = text.split('\n');
  if (!first || !/^\d{1,9}$/.test(first.trim())) return null;
  const pid = Number(first.trim());
  const purpose = second?.trim() ? second.trim().slice(0, 60) : null;
  return pid > 0 ? { pid, purpose } : null;
}

/**
 * Who holds the folder: the process `app.lock` names, if it is alive and — where /proc lets us look (same user) —
 * really has the folder open; otherwise, when the file was deleted, garbled or forged, a process found holding the
 * folder open in /proc (the lock's descriptor is the folder itself). null when neither can tell.
 */
export function lockHolder(dataDir: string): LockHolder | null {
  const dir = path.resolve(dataDir);
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return null;
  }
  const named = readHolderFile(dir);
  if (named && isAlive(named.pid)) {
    const open = hasOpen(named.pid, real);
    if (open !== false) return named; // null: another user's process, alive is all we can know
  }
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    if (hasOpen(Number(entry), real)) return { pid: Number(entry), purpose: commandOf(Number(entry)) };
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process has `real` open; null when /proc does not tell us (another user's process). */
function hasOpen(pid: number, real: string): boolean | null {
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return null;
  }
  for (const fd of fds) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === real) return true;
    } catch { /* closed meanwhile */ }
  }
  return false;
}

function commandOf(pid: number): string | null {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return !cmd ? null : cmd.length > 80 ? `…${cmd.slice(-79)}` : cmd; // the end names the script
  } catch {
    return null;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
