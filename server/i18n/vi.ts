// Every Vietnamese string of the interface lives in server/i18n/, one file per area; this module gathers them so a
// caller imports from one place. Code identifiers stay English (README glossary).
export * from './common.ts';
export * from './meetings.ts';
export * from './votes.ts';
export * from './accounts.ts';
export * from './templates.ts';
export * from './backup.ts';
