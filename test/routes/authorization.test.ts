// Every route × every demo account × this commune and another: the answers of server/domain/route-access.ts, checked
// against the real app. A route the app serves without a row there, or a row for a route that no longer exists,
// fails the suite; so does any 500. Run with AUTHZ_PRINT=1 to print the answers the app gives, as table rows.
import { expect } from 'chai';
import type { Database } from '../../server/db/database.ts';
import { ACCESS_COLUMNS, ROUTE_ACCESS, type AccessColumn } from '../../server/domain/route-access.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';
import { Client, loggedIn, startServer, type Res, type TestServer } from '../support/http.ts';
import { buildOtherCommune, buildOwnCommune, OTHER_ROLES, type OtherRole, type Params } from './authorization-fixture.ts';

const USERS: Record<Exclude<AccessColumn, 'anon'>, string> = {
  sys: 'quantri', adm: 'admin.tanuyen', off: 'vanphong', sec: 'thuky', sed: 'thuky.dangu', sgn: 'bithu', chu: 'chutich', mem: 'daibieu',
};

/** "METHOD /path" of every route the app serves, read from Express's router. */
function appRoutes(app: { router: { stack: any[] } }): string[] {
  const out: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(app.router.stack);
  return out;
}

/** The URL of a route with the fixture's values in its parameters. */
function urlOf(path: string, params: Params): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const key = name === 'motionId' && path.includes('/lay-y-kien/') ? 'opinionId'
      : name === 'id' && path.includes('/ban-chinh.') ? 'issuedId' // the issued files exist only for an issued document
        : name;
    const v = params[key];
    if (v === undefined) throw new Error(`the fixture has no value for :${name} (${path})`);
    return encodeURIComponent(v);
  });
}

/** What an answer means for the table. */
function classify(method: string, r: Res): string {
  if (r.status === 401) return 'in';
  if (method === 'GET') return r.status === 303 && r.location?.startsWith('/dang-nhap') ? 'in' : String(r.status);
  if (r.status === 303 || r.status === 400 || r.status === 409 || r.status === 422 || r.status === 413) return 'ok';
  return String(r.status);
}

const ROWS = new Map(ROUTE_ACCESS.map(([route, answers]) => [route, answers.trim().split(/\s+/)]));

describe('authorisation — every route × every role × own and another commune (server/domain/route-access.ts)', function () {
  this.timeout(600000);
  let database: Database;
  let server: TestServer;
  let cid: number;
  let params: Params;
  let routes: string[];
  const clients = {} as Record<AccessColumn, Client>;
  let other: { communeId: number; clients: Record<OtherRole, Client> };

  before(async function () {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    routes = appRoutes((await import('../../server/app.ts')).createApp(server.services, { sessionSecret: 'x'.repeat(40), secureCookies: false, production: false }).app as any)
      .filter((r) => r !== 'GET /favicon.ico');
    params = await buildOwnCommune(database, server.base, cid);
    const built = await buildOtherCommune(database, server.base);
    other = { communeId: built.communeId, clients: {} as Record<OtherRole, Client> };
    for (const role of OTHER_ROLES) other.clients[role] = await loggedIn(server.base, built.usernames[role]);
    clients.anon = new Client(server.base);
    await clients.anon.get('/dang-nhap'); // a session and a CSRF token, as a browser has
    for (const [col, user] of Object.entries(USERS)) clients[col as AccessColumn] = await loggedIn(server.base, user);
  });
  after(async () => server.stop());

  async function send(c: Client, method: string, url: string): Promise<Res> {
    if (method === 'GET' && url.endsWith('/su-kien')) { // an event stream never ends: its status, then hang up
      const abort = new AbortController();
      const res = await fetch(server.base + url, { redirect: 'manual', signal: abort.signal, headers: { cookie: c.cookieHeader(), accept: 'text/event-stream' } });
      abort.abort();
      return { status: res.status, text: '', location: res.headers.get('location'), headers: res.headers };
    }
    return method === 'GET' ? c.get(url) : c.post(url, url === '/dang-nhap' ? { username: `khong-co-${loginAttempts++}`, password: 'sai-mat-khau' } : {});
  }
  // Log-in attempts under names of their own: one name's failures are throttled after five (test/routes/login-throttle.test.ts).
  let loginAttempts = 0;

  /** A client for one request: log-out ends its session, so it gets a session of its own. */
  async function clientFor(col: AccessColumn, route: string): Promise<Client> {
    if (route !== 'POST /dang-xuat') return clients[col];
    if (col !== 'anon') return loggedIn(server.base, USERS[col]);
    const c = new Client(server.base);
    await c.get('/dang-nhap');
    return c;
  }

  it('every route the app serves has a row, and every row is a route the app serves', () => {
    const missing = routes.filter((r) => !ROWS.has(r));
    const stale = [...ROWS.keys()].filter((r) => !routes.includes(r));
    expect(missing, `routes without a row in server/domain/route-access.ts:\n${missing.join('\n')}`).to.deep.equal([]);
    expect(stale, `rows for routes the app does not serve:\n${stale.join('\n')}`).to.deep.equal([]);
    for (const [route, answers] of ROWS) expect(answers, route).to.have.length(ACCESS_COLUMNS.length);
  });

  it('every account of this commune gets the answer of the table from every route', async () => {
    const wrong: string[] = [];
    const printed: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const url = urlOf(path, params);
      const got: string[] = [];
      for (const [i, col] of ACCESS_COLUMNS.entries()) {
        const r = await send(await clientFor(col, route), method, url);
        const answer = classify(method, r);
        got.push(answer);
        const want = ROWS.get(route)?.[i];
        if (want !== undefined && want !== answer) wrong.push(`${route} as ${col}: expected ${want}, got ${answer} (${r.status})`);
      }
      printed.push(`  [${`'${route}',`.padEnd(78)} '${got.map((g) => g.padEnd(4)).join(' ').trimEnd()}'],`);
    }
    if (process.env.AUTHZ_PRINT) console.log(printed.join('\n'));
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
  });

  it('every account of another commune gets 404 from every route of this commune, whatever its role', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.includes(':communeId'))) {
      const [method, path] = route.split(' ') as [string, string];
      const url = urlOf(path, params);
      for (const role of OTHER_ROLES) {
        const r = await send(other.clients[role], method, url);
        if (r.status !== 404) wrong.push(`${route} as ${role} of commune ${other.communeId}: ${r.status}`);
      }
    }
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
  });

  it('the same records through the other commune\'s URLs are 404 for the accounts of this commune', async () => {
    const wrong: string[] = [];
    const swapped = { ...params, communeId: String(other.communeId) };
    for (const route of routes.filter((r) => r.includes(':communeId/'))) {
      const [method, path] = route.split(' ') as [string, string];
      for (const col of ACCESS_COLUMNS.filter((c) => c !== 'anon' && c !== 'sys')) {
        const r = await send(clients[col], method, urlOf(path, swapped));
        if (r.status !== 404) wrong.push(`${route} as ${col} through commune ${other.communeId}: ${r.status}`);
      }
    }
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
  });
});
