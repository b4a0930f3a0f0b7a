// A running app on 127.0.0.1 and a tiny cookie-keeping client that fills in CSRF tokens like a browser.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type AppOptions } from '../../server/app.ts';
import { createServices, type Clock, type ServiceOptions, type Services } from '../../server/services/index.ts';
import type { Database } from '../../server/db/database.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { TEST_HASH_COST } from './db.ts';

export const fixedClock = (day = '2026-11-22'): Clock => ({ now: () => new Date(`${day}T03:00:00Z`), today: () => day });

export interface TestServer {
  base: string;
  services: Services;
  stop(): Promise<void>;
}

/** `extra` adds service options (a logger, a password-check hook, REQUIRE_2FA_ADMINS) and app options (TRUST_PROXY). */
export async function startServer(database: Database, clock: Clock = fixedClock(),
  extra: { services?: ServiceOptions; app?: Partial<AppOptions> } = {}): Promise<TestServer> {
  const services = createServices(database, { clock, hashCost: TEST_HASH_COST, ...extra.services });
  const { app, close } = createApp(services, { sessionSecret: 'test-secret-test-secret-test-secret', secureCookies: false, production: false, log: () => {}, ...extra.app });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    services,
    stop: async () => {
      close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface Res {
  status: number;
  text: string;
  location: string | null;
  headers: Headers;
}

export class Client {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly base: string) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  private async wrap(res: Response): Promise<Res> {
    this.remember(res);
    const text = await res.text();
    const m = text.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, text, location: res.headers.get('location'), headers: res.headers };
  }

  /** Extra request headers on every request (e.g. a forged X-Forwarded-For). */
  headers: Record<string, string> = {};

  async get(path: string): Promise<Res> {
    return this.wrap(await fetch(this.base + path, { redirect: 'manual', headers: { ...this.headers, cookie: this.cookieHeader(), accept: 'text/html' } }));
  }

  /** Posts a form; the CSRF token of the last page seen is added unless `csrf: false`. */
  async post(path: string, form: Record<string, string | string[]>, opts: { csrf?: boolean } = {}): Promise<Res> {
    const body = new URLSearchParams();
    if (opts.csrf !== false) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.wrap(await fetch(this.base + path, {
      method: 'POST', redirect: 'manual', body,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    }));
  }

  /** A cookie this client holds (e.g. the device cookie), or undefined. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  forget(name: string): void {
    this.cookies.delete(name);
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<Res> {
    await this.get('/dang-nhap');
    return this.post('/dang-nhap', { username, password });
  }
}

export async function loggedIn(base: string, username: string): Promise<Client> {
  const c = new Client(base);
  const r = await c.login(username);
  if (r.status !== 303) throw new Error(`login as ${username} failed: ${r.status}`);
  await c.get('/'); // fresh CSRF token of the new session
  return c;
}
