// An in-memory DuckDB for engine tests, in a session time zone (UTC unless
// given) like a Lakeflow pipeline, with answers read as text the way Spark
// shows them, so they compare with the text Spark's docs show.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface TestDb {
  con: DuckDBConnection;
  /** The first column of every row, cast to text (NULL stays null). */
  column(sql: string): Promise<(string | null)[]>;
  scalar(sql: string): Promise<string | null>;
  close(): void;
}

export async function openTestDb(timeZone = 'UTC'): Promise<TestDb> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  await con.run(`SET TimeZone = '${timeZone}'`);
  const column = async (sql: string) => {
    // Spark shows a TIMESTAMP as its wall time in the session zone, without an offset.
    const type = String((await con.runAndReadAll(`DESCRIBE SELECT * FROM (${sql}) AS q(v)`)).getRowObjectsJson()[0]?.column_type);
    const text = type === 'TIMESTAMP WITH TIME ZONE' ? 'CAST(CAST(v AS TIMESTAMP) AS VARCHAR)' : 'CAST(v AS VARCHAR)';
    const r = await con.runAndReadAll(`SELECT ${text} AS v FROM (${sql}) AS q(v)`);
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
