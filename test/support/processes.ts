// Real processes for tests: the app (tsx server/index.ts) on 127.0.0.1 and the command-line tools, each with its
// own environment. Every process started here is waited for; stop() ends an app and waits for its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const port = (s.address() as net.AddressInfo).port; s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

export const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

export interface AppProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  /** SIGTERM (a clean stop) or SIGKILL, and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Environment of a test process: no DATABASE_URL unless given (PGlite), no demo seed, development mode. */
export function testEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: '', SEED_DEMO: '0', NODE_ENV: 'development', INIT_CWD: ROOT, ...env };
}

/** Starts the real app and resolves once it listens; rejects (with its output) if it exits first. */
export async function startApp(env: Record<string, string>, timeoutMs = 120000): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT, env: testEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const app: AppProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited(child);
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`app did not start: ${out}`)); }, timeoutMs);
    const check = () => { if (out.includes('đang chạy')) { clearTimeout(timer); child.stdout!.off('data', check); resolve(); } };
    child.stdout!.on('data', check);
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`app exited (${code ?? signal}): ${out}`)); });
  });
  return app;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the project (the app, a CLI) to its end. */
export function runScript(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: testEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
