// The public verification pages are limited per address: look-ups (guessing a 10-character code must stay slow)
// and file checks (each hashes an upload of up to 30 MB). The limit slides, is per address, refuses with 429, a
// Vietnamese message and Retry-After, and forgets the oldest addresses beyond its memory bound.
import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { rateLimit } from '../../server/middleware/rate-limit.ts';
import { AppError } from '../../server/domain/errors.ts';
import type { Database } from '../../server/db/database.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';
import { Client, startServer, type TestServer } from '../support/http.ts';

describe('routes — rate limit of public verification', () => {
  it('allows max per window and address, then 429 with the message and Retry-After; the window slides', async () => {
    let t = 1_000_000;
    let ip = '10.0.0.1';
    const app = express();
    app.use((req, _res, next) => { Object.defineProperty(req, 'ip', { value: ip }); next(); });
    app.get('/x', rateLimit({ max: 3, windowMs: 60_000, message: 'Quá nhiều lần.', now: () => t, maxKeys: 2 }), (_req, res) => { res.send('ok'); });
    app.use(((err, _req, res, _next) => { res.status((err as AppError).status).send((err as AppError).message); }) as express.ErrorRequestHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const get = () => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    try {
      for (let i = 0; i < 3; i++) { expect((await get()).status).to.equal(200); t += 10_000; }
      const refused = await get(); // t0 + 30 s: 3 in the last minute
      expect(refused.status).to.equal(429);
      expect(await refused.text()).to.equal('Quá nhiều lần.');
      expect(refused.headers.get('retry-after')).to.equal('30');
      ip = '10.0.0.2';
      expect((await get()).status).to.equal(200); // another address is not affected
      ip = '10.0.0.1';
      t += 30_000; // the first hit left the window
      expect((await get()).status).to.equal(200);
      expect((await get()).status).to.equal(429);
      // Memory bound of 2 addresses: a third forgets the least recently seen (10.0.0.2), not the busy one.
      ip = '10.0.0.3';
      expect((await get()).status).to.equal(200);
      ip = '10.0.0.1';
      expect((await get()).status).to.equal(429);
    } finally {
      server.close();
    }
  });

  describe('in the app', () => {
    let database: Database;
    let server: TestServer;
    before(async () => {
      database = await testDatabase();
      await resetWithDemo(database);
      server = await startServer(database);
    });
    after(async () => server.stop());

    it('the 61st look-up of a code within a minute is refused with 429 and a Vietnamese page', async () => {
      const anon = new Client(server.base);
      for (let i = 0; i < 60; i++) expect((await anon.get('/tra-cuu/ZZZZZZZZZZ')).status).to.equal(404);
      const r = await anon.get('/tra-cuu/ZZZZZZZZZZ');
      expect(r.status).to.equal(429);
      expect(r.text).to.include('Bạn tra cứu quá nhiều lần trong một phút');
      expect((await anon.get('/tra-cuu')).status).to.equal(200); // the code form itself is not limited
    });
  });
});
