// Helpers shared by the sign-off tests: a principal by username, a body id by short name.
import { eq } from 'drizzle-orm';
import { accounts } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import type { Principal } from '../../server/domain/permissions.ts';
import type { Services } from '../../server/services/index.ts';

export async function principalOf(services: Services, database: Database, username: string): Promise<Principal> {
  const [a] = await database.db.select().from(accounts).where(eq(accounts.username, username));
  return (await services.accounts.loadPrincipal(a!.id))!;
}

export async function bodyIdOf(database: Database, communeId: number, shortName: string): Promise<number> {
  const rows = await database.db.query.bodies.findMany({ where: (b, { and, eq: e }) => and(e(b.communeId, communeId), e(b.shortName, shortName)) });
  return rows[0]!.id;
}
