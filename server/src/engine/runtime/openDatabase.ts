// Opens the lakehouse database for an update, with failures in the user's
// terms: the folder that cannot be created and why (not Node's EEXIST mkdir
// trace), another run holding the file, a file that is not a database, a
// database a newer DuckDB wrote, a read-only file or file system.
import type { DuckDBInstance } from '@duckdb/node-api';
import { dirname } from 'node:path';
import { describeIoError, makeDirectories } from '../../simulator/landingFolder';

/** The database cannot be used; the message says which file and why. */
export class DatabaseError extends Error {}

type InstanceClass = { create(path: string, options?: Record<string, string>): Promise<DuckDBInstance> };

export function databaseProblem(database: string, raw: string): string | undefined {
  const pid = /PID (\d+)/.exec(raw)?.[1];
  if (/Could not set lock on file/i.test(raw)) {
    return `${database} is in use by another lakeflow run${pid ? ` (process ${pid})` : ''}: wait for it to finish, or give another --db`;
  }
  if (/not a valid DuckDB database file/i.test(raw))
    return `${database} is not a DuckDB database: give another --db, or move the file away`;
  if (/database file with version number|storage version/i.test(raw))
    return `${database} was written by an incompatible DuckDB version: give another --db, or --full-refresh into a new file`;
  if (/Read-only file system/i.test(raw)) return `cannot write ${database}: read-only file system`;
  if (/Permission denied|read-only|readonly/i.test(raw)) return `cannot write ${database}: permission denied`;
  if (/No space left on device/i.test(raw)) return `cannot write ${database}: no space left on device`;
  return undefined;
}

export async function openDatabase(duckdb: InstanceClass, database: string, settings: Record<string, string>): Promise<DuckDBInstance> {
  const folder = dirname(database);
  try {
    await makeDirectories(folder);
  } catch (e) {
    throw new DatabaseError(`${describeIoError('create the folder of the database', folder, e).message} (database ${database})`);
  }
  try {
    return await duckdb.create(database, settings);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    throw new DatabaseError(
      databaseProblem(database, raw) ?? `cannot open ${database}: ${raw.split('\n')[0].replace(/^[A-Z][A-Za-z ]*Error: /, '')}`,
    );
  }
}
