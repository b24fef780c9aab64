// The first rows of one dataset in a local lakehouse, read-only: what "Preview
// Local Rows" and `lakeflow preview` show. The database is opened read-only so
// a preview never changes the last good local state; a run holding the file
// makes the open fail with DuckDB's lock message, which is passed on.
import { existsSync } from 'node:fs';
import type { DatasetRows } from '../../../../protocol/src/datasetRows';
import { loadDuckDb } from './duckdbModule';
import { columnsOf, qualified, quoteIdent } from './sql';
import { sessionTimeZoneOf } from './state';
import { sqlString } from '../translate/functionMap';

export type { DatasetRows };

export class PreviewError extends Error {}

/** The engine's time types under the names Spark gives them (the author's types). */
const SPARK_TIME_TYPES: Record<string, string> = { 'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP', TIMESTAMP: 'TIMESTAMP_NTZ' };

export async function readDatasetRows(database: string, dataset: string, limit: number): Promise<DatasetRows> {
  if (!existsSync(database)) throw new PreviewError(`no local lakehouse at ${database}: run the pipeline locally first (lakeflow run)`);
  const { DuckDBInstance } = loadDuckDb();
  const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    const found = (
      await con.runAndReadAll(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE lower(table_name) = lower($name) AND table_name NOT LIKE '__lakeflow%' ORDER BY table_schema`,
        { name: dataset },
      )
    ).getRowObjectsJson() as { table_schema: string; table_name: string }[];
    if (found.length === 0) throw new PreviewError(`dataset ${dataset} has no table in ${database}: did the latest local run complete it?`);
    const { table_schema: schema, table_name: name } = found[0];
    const relation = qualified(schema, name);
    // Spark's TIMESTAMP (the engine's TIMESTAMPTZ) is shown in the pipeline's session time zone, as Databricks shows it.
    const zone = await sessionTimeZoneOf(con);
    if (zone) await con.run(`SET TimeZone = ${sqlString(zone)}`);
    const described = await columnsOf(con, relation);
    const list = described.map((c) =>
      c.type === 'TIMESTAMP WITH TIME ZONE' ? `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}` : quoteIdent(c.name),
    );
    const reader = await con.runAndReadAll(`SELECT ${list.join(', ') || '*'} FROM ${relation} LIMIT ${Math.max(0, Math.floor(limit))}`);
    const types = reader.columnTypes();
    const columns = reader.columnNames().map((name, i) => ({ name, type: SPARK_TIME_TYPES[described[i]?.type] ?? String(types[i]) }));
    const total = (await con.runAndReadAll(`SELECT count(*) AS n FROM ${relation}`)).getRowObjectsJson()[0] as { n: string | number };
    return { dataset, table: `${schema}.${name}`, columns, rows: reader.getRowObjectsJson(), totalRows: Number(total.n) };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
