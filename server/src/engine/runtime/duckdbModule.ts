// DuckDB is loaded when a run starts, not when the CLI or server starts: the
// native binding exists per platform, and where it is missing only the local
// run should fail, with a message that says why.
import type * as DuckDb from '@duckdb/node-api';

export class DuckDbUnavailableError extends Error {}

export function loadDuckDb(): typeof DuckDb {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@duckdb/node-api') as typeof DuckDb;
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new DuckDbUnavailableError(
      `the local run needs DuckDB's native binding for ${process.platform}-${process.arch} ` +
        `(package @duckdb/node-bindings-${process.platform}-${process.arch}), which could not be loaded: ${reason}`,
    );
  }
}
