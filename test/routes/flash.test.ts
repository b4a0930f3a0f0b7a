// The flash message after a form is shown once, and its removal is saved before the page reaches the browser.
// Otherwise a user (or a test driving Chromium) can click the next button on a page that is still arriving; the
// next form's flash is then overwritten by the late "flash removed" save, and the user never learns what happened.
// The session store is slowed down here so that the order of events is deterministic.
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
});
