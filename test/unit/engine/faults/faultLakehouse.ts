// The fault-injection suite's lakehouse: a temporary copy of the repository's
// bundle and pipeline (26 datasets: CDC and IoT bronze, silver, gold), small
// simulated landing batches, `lakeflow run` as a real child process (so it can
// be killed, interrupted, run twice at once, or limited), and a fingerprint of
// every table so "the previous committed state is intact" and "the next run
// converges to the same tables as an uninterrupted run" are compared exactly.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../../../../server/src/cli/main';
import { eventLogPath } from '../../../../server/src/engine/runtime/eventLog';

export const REPO = resolve(__dirname, '../../../../..');
const CLI = join(REPO, 'out/server/src/cli/main.js');

/** Columns whose value is the wall clock of the update that wrote the row. */
const CLOCK_COLUMNS = /^_(ingested_at|ingestion_date)$/i;

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Table name -> row count and an order-independent hash of the rows (clock columns left out). */
export type Fingerprint = Record<string, string>;

export class FaultLakehouse {
  readonly dir = mkdtempSync(join(tmpdir(), 'lakeflow-faults-'));
  readonly landing = join(this.dir, 'landing');

  constructor() {
    cpSync(join(REPO, 'bundle'), join(this.dir, 'bundle'), { recursive: true });
    cpSync(join(REPO, 'pipelines'), join(this.dir, 'pipelines'), { recursive: true });
  }

  /** Adds a landing batch (`lakeflow simulate`, in a child: the same code path as users). */
  simulate(events: number, seed: number, start: string): void {
    const r = spawnSync(
      process.execPath,
      [CLI, 'simulate', '--out', this.landing, '--events', String(events), '--seed', String(seed), '--start', start, '--days', '1'],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`simulate failed: ${r.stderr}`);
  }

  db(name: string): string {
    return join(this.dir, 'db', name);
  }

  /** Copies a database (and its event log) as a starting state. */
  copyDb(from: string, to: string): void {
    mkdirSync(join(this.dir, 'db'), { recursive: true });
    rmSync(to, { force: true });
    rmSync(`${to}.wal`, { force: true });
    copyFileSync(from, to);
  }

  /** The argv of `lakeflow run` on this lakehouse's landing data into `db`. */
  runArgs(db: string, ...extra: string[]): string[] {
    return [CLI, 'run', '--data', this.landing, '--db', db, ...extra];
  }

  start(db: string, extra: string[] = [], options: { uid?: number; shellPrefix?: string[] } = {}): ChildProcess {
    const argv = this.runArgs(db, ...extra);
    const [command, args] = options.shellPrefix
      ? [options.shellPrefix[0], [...options.shellPrefix.slice(1), process.execPath, ...argv]]
      : [process.execPath, argv];
    return spawn(command, args, {
      cwd: this.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    });
  }

  /** A copy of `from` (without its event log) as `db`, and an update of it started in a child. */
  startFrom(from: string, db: string): { child: ChildProcess; done: Promise<ChildResult> } {
    this.copyDb(from, db);
    rmSync(eventLogPath(db), { force: true });
    const child = this.start(db);
    return { child, done: finished(child) };
  }

  /** Runs to the end (no fault) and returns the outcome. */
  run(db: string, extra: string[] = [], options: { uid?: number; shellPrefix?: string[] } = {}): Promise<ChildResult> {
    return finished(this.start(db, extra, options));
  }

  /** The same run in this process: cheaper where nothing is done to the process. */
  async runHere(db: string, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
    const io = {
      stdout: '',
      stderr: '',
      cwd: this.dir,
      out: (t: string) => void (io.stdout += t),
      err: (t: string) => void (io.stderr += t),
    };
    const code = await main(this.runArgs(db, ...extra).slice(1), io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  }

  async fingerprint(db: string): Promise<Fingerprint> {
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    try {
      const con = await instance.connect();
      const relations = (
        await con.runAndReadAll(
          `SELECT schema_name, table_name AS name FROM duckdb_tables() WHERE schema_name NOT IN ('_lakeflow') AND table_name NOT LIKE '\\_\\_lakeflow\\_%' ESCAPE '\\'
           UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal AND schema_name NOT IN ('_lakeflow', 'main', 'information_schema', 'pg_catalog')
           ORDER BY 1, 2`,
        )
      ).getRowObjectsJson() as { schema_name: string; name: string }[];
      const out: Fingerprint = {};
      for (const r of relations) {
        const q = `"${r.schema_name}"."${r.name}"`;
        // Floating-point aggregates differ in the last bits with the order parallel threads add them: rounded.
        const cols = ((await con.runAndReadAll(`DESCRIBE ${q}`)).getRowObjectsJson() as { column_name: string; column_type: string }[])
          .filter((c) => !CLOCK_COLUMNS.test(c.column_name))
          .map((c) => {
            const name = `"${c.column_name.replace(/"/g, '""')}"`;
            return /^(DOUBLE|FLOAT)$/.test(c.column_type) ? `round(${name}, 6)` : name;
          });
        const [row] = (
          await con.runAndReadAll(
            `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(${cols.join(', ')})::HUGEINT), 0)::VARCHAR AS f FROM ${q}`,
          )
        ).getRowObjectsJson();
        out[`${r.schema_name}.${r.name}`] = String(row.f);
      }
      // What each streaming source has read is part of the state too.
      const [files] = (
        await con.runAndReadAll(
          `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(dataset, source, file, size))::HUGEINT, 0)::VARCHAR AS f FROM _lakeflow.processed_files`,
        )
      ).getRowObjectsJson();
      out['_lakeflow.processed_files'] = String(files.f);
      con.closeSync();
      return out;
    } finally {
      instance.closeSync();
    }
  }

  /** Staging tables an update left behind (only a killed one may). */
  async scratchTables(db: string): Promise<number> {
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    try {
      const con = await instance.connect();
      const [r] = (
        await con.runAndReadAll(
          `SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE '\\_\\_lakeflow\\_%' ESCAPE '\\' AND table_name NOT LIKE '\\_\\_lakeflow\\_cdc\\_%' ESCAPE '\\'`,
        )
      ).getRowObjectsJson();
      con.closeSync();
      return Number(r.n);
    } finally {
      instance.closeSync();
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function finished(child: ChildProcess): Promise<ChildResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
}

/** Each table is in its previous or its new state; the names of those in neither. */
export function tablesInNeither(state: Fingerprint, before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => n !== '_lakeflow.processed_files' && state[n] !== before[n] && state[n] !== after[n]);
}

/** Mulberry32: the suite's seeded kill points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const exists = existsSync;
