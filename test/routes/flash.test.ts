// The flash message after a form is shown once, and its removal is saved before the page reaches the browser.
// Otherwise a user (or a test driving Chromium) can click the next button on a page that is still arriving; the
// next form's flash is then overwritten by the late "flash removed" save, and the user never learns what happened.
// The session store is slowed down here so that the order of events is deterministic. Only a page a browser navigates
// to (GET, Accept: text/html) shows and consumes the flash; /favicon.ico never reaches the session.
import { expect } from 'chai';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type TestServer } from '../support/http.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('routes — the flash message is consumed before the page is sent', function () {
  this.timeout(30000);
  let database: Database;
  let server: TestServer;
  let cid: number;
  let slowWrites = false;

  before(async () => {
    const real = await testDatabase();
    cid = (await resetWithDemo(real)).communeId;
    // The same database, with the session store's writes held back 300 ms while `slowWrites` is on.
    database = {
      ...real,
      sessionPool: {
        query: async (text: string, params?: unknown[]) => {
          if (slowWrites && /^\s*(insert|update)/i.test(text)) await sleep(300);
          return real.sessionPool.query(text, params as any);
        },
      },
    } as Database;
    server = await startServer(database);
  });
  after(async () => server.stop());

  const flashesStored = async () =>
    Number(((await database.db.execute(sql`SELECT count(*)::int AS n FROM session WHERE sess::text LIKE '%"flash"%'`)) as any).rows[0].n);

  it('when the first byte of the page arrives, the session row no longer holds the flash; the page shows it once', async () => {
    const admin = await loggedIn(server.base, 'admin.tanuyen');
    const r = await admin.post(`/xa/${cid}/nhan-su`, { fullName: 'Lò Văn Thử', gender: 'nam' });
    expect(r.status).to.equal(303);
    expect(await flashesStored(), 'the flash waits in the session').to.equal(1);

    slowWrites = true;
    try {
      const { storedAtFirstByte, page } = await new Promise<{ storedAtFirstByte: number; page: string }>((resolve, reject) => {
        const req = http.get(server.base + r.location!, { headers: { cookie: admin.cookieHeader(), accept: 'text/html' } }, (res) => {
          let page = '';
          let first: Promise<number> | null = null;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            first ??= flashesStored();
            page += chunk;
          });
          res.on('end', () => first!.then((n) => resolve({ storedAtFirstByte: n, page }), reject));
          res.on('error', reject);
        });
        req.on('error', reject);
      });
      expect(storedAtFirstByte, 'the flash was still in the session when the page began to arrive').to.equal(0);
      expect(page).to.include('Đã thêm người.');
    } finally {
      slowWrites = false;
    }
    const again = await admin.get(r.location!);
    expect(again.text).not.to.include('Đã thêm người.');
  });

  it('a background request between the redirect and the page (an image, a live stream) leaves the flash for the page', async () => {
    const admin = await loggedIn(server.base, 'admin.tanuyen');
    const r = await admin.post(`/xa/${cid}/nhan-su`, { fullName: 'Lò Thị Nền', gender: 'nữ' });
    expect(r.status).to.equal(303);
    for (const accept of ['image/avif,image/webp,image/apng,image/*,*/*;q=0.8', 'text/event-stream']) {
      const bg = await fetch(`${server.base}/xa/${cid}/khong-co`, { headers: { cookie: admin.cookieHeader(), accept } });
      expect(bg.status).to.equal(404);
      await bg.text();
    }
    expect(await flashesStored(), 'still waiting for the page').to.equal(1);
    expect((await admin.get(r.location!)).text).to.include('Đã thêm người.');
    expect(await flashesStored()).to.equal(0);
  });

  it('/favicon.ico is answered before the session: a redirect to the icon, no cookie, no session row', async () => {
    const before = Number(((await database.db.execute(sql`SELECT count(*)::int AS n FROM session`)) as any).rows[0].n);
    const res = await fetch(`${server.base}/favicon.ico`, { redirect: 'manual', headers: { accept: 'image/*' } });
    expect(res.status).to.equal(301);
    expect(res.headers.get('location')).to.equal('/static/icon.svg');
    expect(res.headers.getSetCookie()).to.deep.equal([]);
    expect(Number(((await database.db.execute(sql`SELECT count(*)::int AS n FROM session`)) as any).rows[0].n)).to.equal(before);
    const icon = await fetch(`${server.base}/static/icon.svg`);
    expect(icon.headers.get('content-type')).to.include('image/svg+xml');
  });
});
