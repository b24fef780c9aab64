// Small helpers for the SQL the runtime writes itself.
import type { DuckDBConnection } from '@duckdb/node-api';

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `"schema"."name"` */
export const qualified = (schema: string, name: string): string => `${quoteIdent(schema)}.${quoteIdent(name)}`;

/** Strips quotes and case so printed names compare with described ones. */
export const normalName = (printed: string): string =>
  printed
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/""/g, '"')
    .toLowerCase();

export async function rows(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJson();
}

export async function count(con: DuckDBConnection, relation: string): Promise<number> {
  const r = await rows(con, `SELECT count(*) AS n FROM ${relation}`);
  return Number(r[0]?.n ?? 0);
}

export async function columnsOf(con: DuckDBConnection, relationOrQuery: string): Promise<{ name: string; type: string }[]> {
  const r = await rows(con, `DESCRIBE ${relationOrQuery}`);
  return r.map((c) => ({ name: String(c.column_name), type: String(c.column_type) }));
}

export async function tableExists(con: DuckDBConnection, schema: string, name: string): Promise<boolean> {
  const r = await rows(
    con,
    `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${schema.replace(/'/g, "''")}' AND table_name = '${name.replace(/'/g, "''")}'`,
  );
  return Number(r[0]?.n) > 0;
}

/** Runs `work` in one transaction: all of it becomes visible, or none. */
export async function inTransaction(con: DuckDBConnection, work: () => Promise<void>): Promise<void> {
  await con.run('BEGIN TRANSACTION');
  try {
    await work();
    await con.run('COMMIT');
  } catch (e) {
    await con.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
