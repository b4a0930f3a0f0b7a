// The running app's control socket, DATA_DIR/control.sock: on PGlite the data folder belongs to the app (a second
// opener would lose data), so `npm run backup` asks the app to write the backup through this socket.
// Mode 0600 (only the account that runs the app may ask), removed at exit; a socket left by a killed app is
// removed at the next start, which holds the folder's lock and so knows nobody else is listening.
//
// Protocol: one line of JSON each way. {"command":"backup","out":"/absolute/dir"} → {"ok":true,"manifest":…,"info":…}
// or {"ok":false,"error":"<Vietnamese message>"}.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Database } from './database.ts';
import { writeBackup } from './backup.ts';
import { BackupError, type BackupInfo, type Manifest } from './backup-format.ts';
import { backupMsg } from '../i18n/backup.ts';

export const CONTROL_SOCKET = 'control.sock';
const MAX_REQUEST = 64 * 1024;
/** sun_path holds 108 bytes with its NUL. */
const MAX_SOCKET_PATH = 107;

export interface ControlSocket {
  path: string | null;
  close(): Promise<void>;
}

export type BackupReply = { ok: true; dir: string; manifest: Manifest; info: BackupInfo } | { ok: false; error: string };

export async function startControlSocket(opts: { dataDir: string; database: Database; uploadDir: string; log?: (line: string) => void }): Promise<ControlSocket> {
  const file = path.join(path.resolve(opts.dataDir), CONTROL_SOCKET);
  const log = opts.log ?? ((line: string) => console.error(line));
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    log(`Không mở được ${file}: đường dẫn dài quá ${MAX_SOCKET_PATH} byte; npm run backup sẽ không sao lưu được khi ứng dụng đang chạy.`);
    return { path: null, close: async () => {} };
  }
  fs.rmSync(file, { force: true });
  let busy = false;
  const server = net.createServer((conn) => {
    let request = '';
    conn.setEncoding('utf8');
    conn.on('error', () => conn.destroy());
    conn.setTimeout(10_000, () => conn.destroy()); // a client that never finishes its request must not keep the app from stopping
    conn.on('data', async (chunk: string) => {
      request += chunk;
      if (request.length > MAX_REQUEST) return conn.destroy();
      const end = request.indexOf('\n');
      if (end < 0) return;
      conn.removeAllListeners('data');
      conn.setTimeout(0);
      conn.end(`${JSON.stringify(await answer(request.slice(0, end)))}\n`);
    });
  });
  const answer = async (line: string): Promise<BackupReply> => {
    let req: { command?: unknown; out?: unknown };
    try {
      req = JSON.parse(line);
    } catch {
      return { ok: false, error: backupMsg.badRequest };
    }
    if (req.command !== 'backup' || typeof req.out !== 'string' || !path.isAbsolute(req.out)) return { ok: false, error: backupMsg.badRequest };
    if (busy) return { ok: false, error: backupMsg.busy };
    busy = true;
    try {
      const r = await writeBackup(opts.database, { outDir: req.out, uploadDir: opts.uploadDir });
      log(`Đã sao lưu vào ${r.dir} (cơ sở dữ liệu giữ ${r.info.snapshotMs} ms).`);
      return { ok: true, dir: r.dir, manifest: r.manifest, info: r.info };
    } catch (err) {
      if (!(err instanceof BackupError)) log(`Sao lưu lỗi: ${(err as Error).stack ?? err}`);
      return { ok: false, error: (err as Error).message };
    } finally {
      busy = false;
    }
  };
  // Created 0600 from the start: the umask is process-wide, but bind() happens synchronously inside listen().
  const umask = process.umask(0o177);
  try {
    server.listen(file);
  } finally {
    process.umask(umask);
  }
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  fs.chmodSync(file, 0o600);
  const removeFile = () => fs.rmSync(file, { force: true });
  process.once('exit', removeFile);
  return {
    path: file,
    close: () => new Promise<void>((resolve) => {
      process.removeListener('exit', removeFile);
      server.close(() => resolve());
      removeFile();
    }),
  };
}

/**
 * Asks the app that holds DATA_DIR for a backup. null when no app listens (no socket, or one left by a killed app).
 */
export function requestBackup(dataDir: string, outDir: string): Promise<BackupReply | null> {
  const file = path.join(path.resolve(dataDir), CONTROL_SOCKET);
  return new Promise((resolve, reject) => {
    const conn = net.connect(file);
    let reply = '';
    let connected = false;
    conn.setEncoding('utf8');
    conn.on('connect', () => {
      connected = true;
      conn.write(`${JSON.stringify({ command: 'backup', out: outDir })}\n`);
    });
    conn.on('data', (chunk: string) => { reply += chunk; });
    conn.on('end', () => {
      try {
        resolve(JSON.parse(reply) as BackupReply);
      } catch {
        reject(new Error(backupMsg.appFailed(reply.slice(0, 200) || 'không có trả lời')));
      }
    });
    conn.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')) resolve(null);
      else reject(new Error(backupMsg.appFailed(err.message)));
    });
  });
}
