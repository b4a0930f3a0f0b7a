// The app's control socket: a backup on request, 0600, removed on close; anything but a well-formed backup
// request is refused with a message; a socket left by a killed app reads as "no app" (the command then opens the
// folder itself).
import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CONTROL_SOCKET, requestBackup, startControlSocket, type ControlSocket } from '../../server/db/control-socket.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';

function ask(file: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect(file, () => c.write(line));
    let reply = '';
    c.setEncoding('utf8');
    c.on('data', (d: string) => { reply += d; });
    c.on('end', () => resolve(reply));
    c.on('error', reject);
  });
}

describe('db — the control socket', function () {
  this.timeout(60000);
  let tmp: string;
  let control: ControlSocket;
  before(async () => {
    const database = await testDatabase();
    await resetWithDemo(database);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-control-'));
    control = await startControlSocket({ dataDir: tmp, database, uploadDir: path.join(tmp, 'uploads'), log: () => {} });
  });
  after(async () => {
    await control.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('listens in DATA_DIR, mode 0600, and writes a backup when asked', async () => {
    expect(control.path).to.equal(path.join(tmp, CONTROL_SOCKET));
    expect(fs.statSync(control.path!).mode & 0o777).to.equal(0o600);
    const reply = await requestBackup(tmp, path.join(tmp, 'b'));
    expect(reply?.ok, JSON.stringify(reply)).to.equal(true);
    expect(fs.existsSync(path.join(tmp, 'b', 'manifest.json'))).to.equal(true);
  });

  it('refuses a malformed request, a relative path and a non-empty folder, with a message', async () => {
    expect(JSON.parse(await ask(control.path!, 'không phải JSON\n'))).to.deep.equal({ ok: false, error: 'Yêu cầu không hợp lệ.' });
    expect(JSON.parse(await ask(control.path!, '{"command":"xoa","out":"/tmp/x"}\n')).ok).to.equal(false);
    expect(JSON.parse(await ask(control.path!, '{"command":"backup","out":"tuong-doi"}\n')).error).to.equal('Yêu cầu không hợp lệ.');
    const reply = await requestBackup(tmp, path.join(tmp, 'b'));
    expect(reply).to.deep.include({ ok: false });
    expect((reply as { error: string }).error).to.include('không trống');
    const inside = await requestBackup(tmp, path.join(tmp, 'uploads', 'b'));
    expect((inside as { error: string }).error).to.include('nằm trong thư mục tệp đính kèm');
  });

  it('no socket, or one left by a killed app, means no app: null', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-control-'));
    try {
      expect(await requestBackup(other, path.join(other, 'b'))).to.equal(null);
      fs.writeFileSync(path.join(other, CONTROL_SOCKET), ''); // nobody listens behind it
      expect(await requestBackup(other, path.join(other, 'b'))).to.equal(null);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('close() removes the socket', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'hop-control-'));
    try {
      fs.writeFileSync(path.join(other, CONTROL_SOCKET), 'stale'); // replaced at start
      const c = await startControlSocket({ dataDir: other, database: await testDatabase(), uploadDir: path.join(other, 'uploads'), log: () => {} });
      expect(fs.statSync(c.path!).isSocket()).to.equal(true);
      await c.close();
      expect(fs.existsSync(path.join(other, CONTROL_SOCKET))).to.equal(false);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
