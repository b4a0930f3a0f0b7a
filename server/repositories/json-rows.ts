// Rows that arrive as JSON (to_jsonb(t) inside one larger query) turned back into the rows Drizzle would
// return for the same table: snake_case column names to the schema's keys, and each value through the
// column's own driver mapping (timestamps become Dates, date strings stay strings, as in a plain select).
import { getTableColumns, type Table } from 'drizzle-orm';

type Json = Record<string, unknown>;

const plans = new WeakMap<Table, [string, string, (v: unknown) => unknown][]>();

function planOf(table: Table) {
  let plan = plans.get(table);
  if (!plan) {
    plan = Object.entries(getTableColumns(table)).map(([key, col]) => [key, col.name, (v: unknown) => col.mapFromDriverValue(v)]);
    plans.set(table, plan);
  }
  return plan;
}

export function rowFromJson<T extends Table>(table: T, obj: Json): T['$inferSelect'] {
  const out: Json = {};
  for (const [key, name, map] of planOf(table)) {
    const v = obj[name];
    out[key] = v === null || v === undefined ? null : map(v);
  }
  return out as T['$inferSelect'];
}

export const rowsFromJson = <T extends Table>(table: T, list: Json[] | null | undefined): T['$inferSelect'][] =>
  (list ?? []).map((o) => rowFromJson(table, o));
