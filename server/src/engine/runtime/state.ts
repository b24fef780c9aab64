// The engine's own bookkeeping, in schema `_lakeflow` of the database: which
// landing files each streaming source has read, and which ONCE flows ran.
//
// A read file is keyed by its path relative to the landing root (and its
// source by the flow and the source path relative to that root), with its
// size, modification time and SHA-256, so a project moved or copied elsewhere
// neither reads its files again nor skips new ones, and a file that changed
// after it was read is recognised (and reported, not read again).
//
// State version 1 (before relative keys) and 2 (Spark's TIMESTAMP kept as a
// naive UTC TIMESTAMP) are migrated in place on first use; a database of a
// newer version is refused rather than misread. The meta table also records
// the session time zone of the latest run, which previews show times in.
import type { DuckDBConnection } from '@duckdb/node-api';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { sqlString } from '../translate/functionMap';
import type { LandingFile } from './landing';
import { quoteIdent, rows, tableExists } from './sql';

export const STATE_SCHEMA = '_lakeflow';
export const STATE_VERSION = 3;

/** The database was written by a newer version of the tool. */
export class StateVersionError extends Error {}

/** `/`-separated path of `path` relative to `root`; the absolute path when it lies outside. */
export function landingKey(path: string, root: string): string {
  const abs = resolve(path.replace(/^file:(\/\/)?/, ''));
  const rel = relative(resolve(root), abs);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs.split(sep).join('/') : rel.split(sep).join('/');
}

async function stateVersion(con: DuckDBConnection): Promise<number> {
  if (!(await tableExists(con, STATE_SCHEMA, 'meta'))) return (await tableExists(con, STATE_SCHEMA, 'processed_files')) ? 1 : 0;
  const r = await rows(con, `SELECT value FROM ${STATE_SCHEMA}.meta WHERE key = 'state_version'`);
  return Number(r[0]?.value ?? 1);
}

/** Creates or migrates the bookkeeping tables; `landingRoot` is what version 1's absolute paths become relative to. */
export async function ensureState(con: DuckDBConnection, landingRoot: string): Promise<void> {
  const version = await stateVersion(con);
  if (version > STATE_VERSION) {
    throw new StateVersionError(
      `the database was written by a newer lakeflow (state version ${version}; this one knows up to ${STATE_VERSION}): use that version, or give another --db`,
    );
  }
  await con.run(`CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA}`);
  await con.run(
    `CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.processed_files (dataset VARCHAR, source VARCHAR, file VARCHAR, size BIGINT, mtime_ms BIGINT, update_id VARCHAR, content_hash VARCHAR)`,
  );
  await con.run(`CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.once_flows (dataset VARCHAR, flow VARCHAR, update_id VARCHAR)`);
  await con.run(`CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.meta (key VARCHAR, value VARCHAR)`);
  if (version === STATE_VERSION) return;
  await con.run('BEGIN TRANSACTION');
  try {
    if (version === 1) await migrateFromVersion1(con, landingRoot);
    if (version >= 1 && version <= 2) await migrateTimestampsToInstants(con);
    await con.run(`DELETE FROM ${STATE_SCHEMA}.meta WHERE key = 'state_version'`);
    await con.run(`INSERT INTO ${STATE_SCHEMA}.meta VALUES ('state_version', '${STATE_VERSION}')`);
    await con.run('COMMIT');
  } catch (e) {
    await con.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Version 1 keyed files and sources by absolute path and kept no hash. */
async function migrateFromVersion1(con: DuckDBConnection, landingRoot: string): Promise<void> {
  await con.run(`ALTER TABLE ${STATE_SCHEMA}.processed_files ADD COLUMN IF NOT EXISTS content_hash VARCHAR`);
  for (const r of await rows(con, `SELECT DISTINCT source FROM ${STATE_SCHEMA}.processed_files`)) {
    const old = String(r.source);
    const colon = old.indexOf(':');
    const renamed = sourceId(old.slice(0, colon), old.slice(colon + 1), landingRoot);
    if (renamed !== old)
      await con.run(`UPDATE ${STATE_SCHEMA}.processed_files SET source = ${sqlString(renamed)} WHERE source = ${sqlString(old)}`);
  }
  for (const r of await rows(con, `SELECT DISTINCT file FROM ${STATE_SCHEMA}.processed_files`)) {
    const old = String(r.file);
    const key = landingKey(old, landingRoot);
    if (key !== old) await con.run(`UPDATE ${STATE_SCHEMA}.processed_files SET file = ${sqlString(key)} WHERE file = ${sqlString(old)}`);
  }
}

/**
 * Versions 1 and 2 computed in UTC and stored Spark's TIMESTAMP as a naive
 * TIMESTAMP; it is now TIMESTAMPTZ. The stored wall times are UTC, so they
 * become the same instants. Materialized views are rebuilt by every run
 * anyway; streaming tables keep their rows, now with the right type.
 */
async function migrateTimestampsToInstants(con: DuckDBConnection): Promise<void> {
  const columns = await rows(
    con,
    `SELECT table_schema, table_name, column_name FROM information_schema.columns c ` +
      `WHERE data_type = 'TIMESTAMP' AND table_schema <> '${STATE_SCHEMA}' AND table_name NOT LIKE '__lakeflow%' ` +
      `AND table_catalog = current_database() ` +
      `AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')`,
  );
  for (const c of columns) {
    const table = `${quoteIdent(String(c.table_schema))}.${quoteIdent(String(c.table_name))}`;
    const column = quoteIdent(String(c.column_name));
    await con.run(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DATA TYPE TIMESTAMPTZ USING (${column} AT TIME ZONE 'UTC')`);
  }
}

const TIME_ZONE_KEY = 'session_time_zone';

/** Records the session time zone of this run (DuckDB's spelling). */
export async function recordSessionTimeZone(con: DuckDBConnection, zone: string): Promise<void> {
  await con.run(`DELETE FROM ${STATE_SCHEMA}.meta WHERE key = '${TIME_ZONE_KEY}'`);
  await con.run(`INSERT INTO ${STATE_SCHEMA}.meta VALUES ('${TIME_ZONE_KEY}', ${sqlString(zone)})`);
}

/** The session time zone of the latest run, if the database records one. */
export async function sessionTimeZoneOf(con: DuckDBConnection): Promise<string | undefined> {
  if (!(await tableExists(con, STATE_SCHEMA, 'meta'))) return undefined;
  const r = await rows(con, `SELECT value FROM ${STATE_SCHEMA}.meta WHERE key = '${TIME_ZONE_KEY}'`);
  return r[0] ? String(r[0].value) : undefined;
}

/** Identifies a file source of a dataset across updates: its flow and its path relative to the landing root. */
export const sourceId = (flow: string, path: string, landingRoot: string): string => `${flow}:${landingKey(path, landingRoot)}`;

export interface ReadRecord {
  size: number;
  mtimeMs: number;
  /** Absent for files recorded by state version 1. */
  hash?: string;
}

/** What a source of a dataset has read, by landing key. */
export async function processedFiles(con: DuckDBConnection, dataset: string, source: string): Promise<Map<string, ReadRecord>> {
  const r = await rows(
    con,
    `SELECT file, size, mtime_ms, content_hash FROM ${STATE_SCHEMA}.processed_files WHERE dataset = ${sqlString(dataset)} AND source = ${sqlString(source)}`,
  );
  return new Map(
    r.map((x) => [
      String(x.file),
      { size: Number(x.size), mtimeMs: Number(x.mtime_ms), hash: x.content_hash === null ? undefined : String(x.content_hash) },
    ]),
  );
}

export interface ReadFile extends LandingFile {
  key: string;
  hash: string;
}

export async function recordProcessed(
  con: DuckDBConnection,
  dataset: string,
  source: string,
  files: ReadFile[],
  updateId: string,
): Promise<void> {
  for (let i = 0; i < files.length; i += 500) {
    const values = files
      .slice(i, i + 500)
      .map(
        (f) =>
          `(${sqlString(dataset)}, ${sqlString(source)}, ${sqlString(f.key)}, ${f.size}, ${Math.round(f.mtimeMs)}, ${sqlString(updateId)}, ${sqlString(f.hash)})`,
      )
      .join(', ');
    await con.run(`INSERT INTO ${STATE_SCHEMA}.processed_files VALUES ${values}`);
  }
}

export async function onceFlowRan(con: DuckDBConnection, dataset: string, flow: string): Promise<boolean> {
  const r = await rows(
    con,
    `SELECT count(*) AS n FROM ${STATE_SCHEMA}.once_flows WHERE dataset = ${sqlString(dataset)} AND flow = ${sqlString(flow)}`,
  );
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
