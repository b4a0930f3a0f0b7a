// Mocha root hooks: close the shared database after the whole run so the process ends by itself.
import { closeTestDatabase } from './db.ts';

export const mochaHooks = {
  async afterAll() {
    await closeTestDatabase();
  },
};
