// Mocha root hooks: close the shared database after the whole run so the process ends by itself; and fail the
// run when node-postgres warns about overlapping queries on one client — Promise.all on a transaction handle
// (one connection; pg@9 will refuse it). Node prints that deprecation once per process: the first is enough.
import { closeTestDatabase } from './db.ts';

let pending: string | null = null;
const found: string[] = [];
process.on('warning', (w) => {
  if (/already executing a query/.test(w.message)) pending = w.stack ?? w.message;
});

export const mochaHooks = {
  afterEach(this: Mocha.Context) {
    if (pending) found.push(`"${this.currentTest?.fullTitle()}": ${pending}`);
    pending = null;
  },
  async afterAll() {
    await closeTestDatabase();
    if (pending) found.push(pending);
    if (found.length) throw new Error(`Overlapping queries on one database client (await them in turn inside a transaction):\n${found.join('\n')}`);
  },
};
