// The storage layer's guarantee that no query goes through the outer handle inside a transaction (it would deadlock
// PGlite). The folder lock has its own tests: data-dir-lock.test.ts.
import { expect } from 'chai';
import { communes } from '../../models/schema.ts';
import { testDatabase } from '../support/db.ts';

describe('db — transaction guard', () => {
  it('a query through the outer handle inside a transaction throws at once instead of deadlocking', async () => {
    const database = await testDatabase();
    let message = '';
    try {
      await database.transaction(async () => {
        await database.db.select().from(communes);
      });
    } catch (err) {
      message = String((err as Error).message) + String((err as { cause?: Error }).cause?.message ?? '');
    }
    expect(message).to.include('use the transaction handle');
    // The transaction handle itself works, and the database is usable afterwards.
    const n = await database.transaction(async (tx) => (await tx.select().from(communes)).length);
    expect(n).to.be.a('number');
  });
});
