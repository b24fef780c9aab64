// The engine's own bookkeeping, in schema `_lakeflow` of the database: which
// landing files each streaming source has read, and which ONCE flows ran.
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../translate/functionMap';
import type { LandingFile } from './landing';
import { rows } from './sql';

export const STATE_SCHEMA = '_lakeflow';

export async function ensureState(con: DuckDBConnection): Promise<void> {
  await con.run(`CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA}`);
  await con.run(
    `CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.processed_files (dataset VARCHAR, source VARCHAR, file VARCHAR, size BIGINT, mtime_ms BIGINT, update_id VARCHAR)`,
  );
  await con.run(`CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.once_flows (dataset VARCHAR, flow VARCHAR, update_id VARCHAR)`);
}

/** Identifies a file source of a dataset across updates: its flow and resolved path. */
export const sourceId = (flow: string, path: string): string => `${flow}:${path}`;

export async function processedFiles(con: DuckDBConnection, dataset: string, source: string): Promise<Set<string>> {
  const r = await rows(con, `SELECT file FROM ${STATE_SCHEMA}.processed_files WHERE dataset = ${sqlString(dataset)} AND source = ${sqlString(source)}`);
  return new Set(r.map((x) => String(x.file)));
}

export async function recordProcessed(con: DuckDBConnection, dataset: string, source: string, files: LandingFile[], updateId: string): Promise<void> {
  for (let i = 0; i < files.length; i += 500) {
    const values = files
      .slice(i, i + 500)
      .map((f) => `(${sqlString(dataset)}, ${sqlString(source)}, ${sqlString(f.path)}, ${f.size}, ${Math.round(f.mtimeMs)}, ${sqlString(updateId)})`)
      .join(', ');
    await con.run(`INSERT INTO ${STATE_SCHEMA}.processed_files VALUES ${values}`);
  }
}

export async function onceFlowRan(con: DuckDBConnection, dataset: string, flow: string): Promise<boolean> {
  const r = await rows(con, `SELECT count(*) AS n FROM ${STATE_SCHEMA}.once_flows WHERE dataset = ${sqlString(dataset)} AND flow = ${sqlString(flow)}`);
  return Number(r[0]?.n) > 0;
}

export async function recordOnceFlow(con: DuckDBConnection, dataset: string, flow: string, updateId: string): Promise<void> {
  await con.run(`INSERT INTO ${STATE_SCHEMA}.once_flows VALUES (${sqlString(dataset)}, ${sqlString(flow)}, ${sqlString(updateId)})`);
}

/** Forgets what a dataset has read: its next update starts from all files. */
export async function forgetDataset(con: DuckDBConnection, dataset: string): Promise<void> {
  await con.run(`DELETE FROM ${STATE_SCHEMA}.processed_files WHERE dataset = ${sqlString(dataset)}`);
  await con.run(`DELETE FROM ${STATE_SCHEMA}.once_flows WHERE dataset = ${sqlString(dataset)}`);
}
