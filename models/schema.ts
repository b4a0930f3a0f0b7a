// The Drizzle schema: the single source of truth for tables and enums (STYLE.md §8), one file per table
// group. Migrations in models/migrations are generated from it by `npm run db:generate` and committed.
export * from './org.ts';
export * from './documents.ts';
export * from './meetings.ts';
export * from './votes.ts';
export * from './issuance.ts';
export * from './regulations.ts';
export * from './auth.ts';
