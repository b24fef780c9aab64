// An in-memory DuckDB for engine tests, in UTC like a Lakeflow pipeline, with
// answers read as VARCHAR so they compare with the text Spark's docs show.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface TestDb {
  con: DuckDBConnection;
  /** The first column of every row, cast to text (NULL stays null). */
  column(sql: string): Promise<(string | null)[]>;
  scalar(sql: string): Promise<string | null>;
  close(): void;
}

export async function openTestDb(): Promise<TestDb> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  await con.run("SET TimeZone = 'UTC'");
  const column = async (sql: string) => {
    const r = await con.runAndReadAll(`SELECT CAST(v AS VARCHAR) AS v FROM (${sql}) AS q(v)`);
    return r.getRowObjectsJson().map((row) => (row.v === null ? null : String(row.v)));
  };
  return {
    con,
    column,
    scalar: async (sql) => (await column(sql))[0] ?? null,
    close: () => {
      con.closeSync();
      instance.closeSync();
    },
  };
}
