// One update of a pipeline on DuckDB: datasets run in dependency order, up to
// `concurrency` at a time, each on its own connection. A dataset that cannot
// be translated or fails stops itself and everything downstream of it; the
// rest of the graph still runs. Progress goes to the event log as it happens.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { DatasetKind } from '../../language/syntax/ast';
import type { DatasetPlan, PipelinePlan } from '../plan';
import { DatasetContext, runDataset } from './datasetRunner';
import { EventLog, EventSink, eventLogPath } from './eventLog';
import { ExpectationFailure, ExpectationResult } from './expectations';
import { quoteIdent, rows } from './sql';
import { sqlString } from '../translate/functionMap';
import { zoneHasTransitions } from '../translate/wallTime';
import { ensureState, recordSessionTimeZone, StateVersionError } from './state';
import { loadDuckDb } from './duckdbModule';
import { DatabaseError, databaseProblem, openDatabase } from './openDatabase';
import { describeIoError } from '../../simulator/landingFolder';
import { SourceLocation, userError } from './userErrors';

export type DatasetStatus = 'completed' | 'failed' | 'skipped';

export interface DatasetResult {
  name: string;
  /** `unknown` for a dataset whose statement does not parse (the run names it, it cannot run). */
  kind: DatasetKind | 'unknown';
  status: DatasetStatus;
  rowsWritten: number;
  rowsDropped: number;
  expectations: ExpectationResult[];
  seconds: number;
  /** Why it failed or was skipped. */
  message?: string;
  /** Where in the pipeline's SQL the failure is (1-based), when it is known. */
  location?: SourceLocation;
  /** Things the user should know that did not stop the dataset (a landing file changed after it was read). */
  warnings?: string[];
}

/** The run was interrupted (Ctrl-C): every dataset kept its previous committed state. */
export class RunInterrupted extends Error {
  constructor(readonly database: string) {
    super(`interrupted: the previous state of ${database} is intact`);
  }
}

export interface RunOptions {
  database: string;
  pipelineName: string;
  /** Folder relative read_files paths resolve against. */
  baseDir: string;
  /** Everything from scratch, or only these dataset keys. */
  fullRefresh?: boolean | string[];
  /** Only these dataset keys run (others keep their tables). */
  refresh?: string[];
  concurrency?: number;
  /** DuckDB settings, e.g. `{ threads: '2', memory_limit: '1.5GB' }`. */
  settings?: Record<string, string>;
  /** Called when a dataset starts and when it ends. */
  onProgress?(event: { dataset: string; kind: DatasetKind; phase: 'start' | 'end'; result?: DatasetResult }): void;
  /** Datasets that must not run (found broken before the run), with the reason; their dependants are skipped. */
  notRun?: Map<string, { status: 'failed' | 'skipped'; message: string }>;
  /** Extra receivers of the event log (the file beside the database is always written). */
  eventSinks?: EventSink[];
  /** Aborting stops the update: running queries are interrupted, nothing half-done is kept. */
  signal?: AbortSignal;
  /** The text of a pipeline file, for positions in failure messages (default: read from disk). */
  sourceText?: (file: string) => string | undefined;
  /** Folder ingestion progress is recorded relative to (the landing root; default: baseDir). */
  landingRoot?: string;
  /** Read no files: every source is empty, so the run only binds each dataset's query (`--dry-run`). */
  dryRun?: boolean;
}

export interface RunSummary {
  datasets: DatasetResult[];
  seconds: number;
  database: string;
  eventLog: string;
  updateId: string;
  /** Set when the event log could not be written (the update itself went on). */
  eventLogProblem?: string;
}

const SCRATCH = /^__lakeflow_(new|stage|delta|cdcstage)/;

async function dropScratchTables(instance: DuckDBInstance): Promise<void> {
  const con = await instance.connect();
  try {
    const scratch = await rows(con, `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()`);
    for (const t of scratch) {
      if (SCRATCH.test(String(t.table_name)))
        await con.run(`DROP TABLE IF EXISTS ${quoteIdent(String(t.schema_name))}.${quoteIdent(String(t.table_name))}`);
    }
  } finally {
    con.closeSync();
  }
}

/**
 * DuckDB's own default takes 80% of the machine; a local run shares it with
 * the editor, so it is capped at 3 GiB (or 60% of a smaller machine) and larger
 * joins and aggregates spill to disk beside the database instead.
 */
function defaultMemoryLimit(): string {
  const cap = Math.min(3 * 1024, Math.floor((totalmem() / 1024 / 1024) * 0.6));
  return `${Math.max(256, cap)}MB`;
}

/** The result of a dataset that did not run. */
function notRun(d: DatasetPlan, status: DatasetStatus, message: string): DatasetResult {
  return { name: d.name, kind: d.kind, status, rowsWritten: 0, rowsDropped: 0, expectations: [], seconds: 0, message };
}

function problemMessage(d: DatasetPlan): string {
  return d.problems.map((p) => `${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`).join('\n');
}

export async function runPipeline(plan: PipelinePlan, options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  // Spark fails a pipeline whose session time zone is unknown before it starts; so does a local run.
  if (plan.timeZoneProblem) throw new Error(`${plan.timeZoneProblem} (nothing was run or written)`);
  // Tables have no row order in Lakeflow, so DuckDB need not preserve one (less
  // memory, more parallelism). Skipping compression makes the file about 3x
  // larger but saves about a quarter of a run's CPU, which a development loop waits on.
  const { DuckDBInstance } = loadDuckDb();
  const instance = await openDatabase(DuckDBInstance, options.database, {
    preserve_insertion_order: 'false',
    force_compression: 'uncompressed',
    memory_limit: defaultMemoryLimit(),
    ...(options.settings ?? {}),
  });
  const logPath = eventLogPath(options.database);
  let eventLogProblem: string | undefined;
  const logFailed = (e: unknown) => (eventLogProblem = describeIoError('write the event log', logPath, e).message);
  const log = new EventLog(options.pipelineName, [EventLog.fileSink(logPath, logFailed), ...(options.eventSinks ?? [])]);
  const sourceText =
    options.sourceText ??
    ((file: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    });
  const connections = new Set<DuckDBConnection>();
  const interrupt = () => {
    for (const c of connections) c.interrupt();
  };
  options.signal?.addEventListener('abort', interrupt);
  const byKey = new Map(plan.datasets.map((d) => [d.key, d]));
  const fullAll = options.fullRefresh === true;
  const fullSome = new Set(Array.isArray(options.fullRefresh) ? options.fullRefresh.map((k) => k.toLowerCase()) : []);
  const selected = options.refresh && options.refresh.length > 0 ? new Set(options.refresh.map((k) => k.toLowerCase())) : undefined;
  const inUpdate = (d: DatasetPlan) =>
    selected ? selected.has(d.key) || fullSome.has(d.key) : fullSome.size > 0 ? fullSome.has(d.key) : true;

  log.emit('create_update', 'INFO', `Update ${log.updateId} started by lakeflow run.`, {
    create_update: {
      cause: 'USER_ACTION',
      full_refresh: fullAll,
      full_refresh_selection: [...fullSome],
      refresh_selection: selected ? [...selected] : [],
    },
  });
  const results: DatasetResult[] = [];
  const takenUp = new Map<string, number>();
  const running = new Set<Promise<void>>();
  try {
    const setup = await instance.connect();
    try {
      // Spark's TIMESTAMP is the engine's TIMESTAMPTZ: parts, casts and formats follow the session time zone (ICU is built in).
      await setup.run(`SET GLOBAL TimeZone = ${sqlString(plan.timeZone)}`);
      await ensureState(setup, options.landingRoot ?? options.baseDir);
      await recordSessionTimeZone(setup, plan.timeZone);
      for (const schema of new Set(plan.datasets.map((d) => d.schema)))
        await setup.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    } finally {
      setup.closeSync();
    }
    await dropScratchTables(instance);
    log.updateProgress('RUNNING', `Update ${log.updateId} is RUNNING.`);

    const ctxBase = {
      baseDir: options.baseDir,
      landingRoot: options.landingRoot ?? options.baseDir,
      dryRun: options.dryRun,
      updateId: log.updateId,
      deltas: new Map<string, string>(),
      tables: new Map(plan.datasets.map((d) => [d.key, d.table])),
      zoneTransitions: zoneHasTransitions(plan.timeZone),
    };
    const state = new Map<string, DatasetStatus>();
    const pending = plan.datasets.filter(inUpdate);
    const pendingKeys = new Set(pending.map((d) => d.key));
    const concurrency = Math.max(1, options.concurrency ?? 2);

    const finish = (d: DatasetPlan, result: DatasetResult) => {
      state.set(d.key, result.status);
      results.push(result);
      const status = result.status === 'completed' ? 'COMPLETED' : result.status === 'failed' ? 'FAILED' : 'SKIPPED';
      log.flowProgress(
        d.name,
        {
          status,
          metrics: { num_output_rows: result.rowsWritten },
          data_quality: {
            dropped_records: result.rowsDropped,
            expectations: result.expectations.map((e) => ({
              name: e.name,
              dataset: d.name,
              passed_records: e.passed,
              failed_records: e.failed,
            })),
          },
        },
        result.status === 'completed' ? `Flow '${d.name}' has COMPLETED.` : `Flow '${d.name}' has ${status}: ${result.message ?? ''}`,
        result.status === 'failed' ? result.message : undefined,
      );
      options.onProgress?.({ dataset: d.name, kind: d.kind, phase: 'end', result });
    };

    const start = async (d: DatasetPlan) => {
      const t0 = performance.now();
      options.onProgress?.({ dataset: d.name, kind: d.kind, phase: 'start' });
      log.flowProgress(d.name, { status: 'RUNNING' }, `Flow '${d.name}' is RUNNING.`);
      const base: DatasetResult = {
        name: d.name,
        kind: d.kind,
        status: 'completed',
        rowsWritten: 0,
        rowsDropped: 0,
        expectations: [],
        seconds: 0,
      };
      const con = await instance.connect();
      connections.add(con);
      try {
        const ctx: DatasetContext = { ...ctxBase, fullRefresh: fullAll || fullSome.has(d.key) };
        const outcome = await runDataset(con, d, ctx);
        for (const w of outcome.warnings ?? [])
          log.emit('flow_progress', 'WARN', `Flow '${d.name}': ${w}`, { flow_progress: { status: 'RUNNING' } }, d.name);
        finish(d, { ...base, ...outcome, seconds: (performance.now() - t0) / 1000 });
      } catch (e) {
        if (options.signal?.aborted) throw new RunInterrupted(options.database);
        const expectations = e instanceof ExpectationFailure ? e.results : [];
        const mapped = e instanceof ExpectationFailure ? { text: e.message, location: undefined } : userError(e, d, sourceText(d.file));
        finish(d, {
          ...base,
          status: 'failed',
          expectations,
          message: `${d.file}: ${mapped.text}`,
          location: mapped.location,
          seconds: (performance.now() - t0) / 1000,
        });
      } finally {
        connections.delete(con);
        con.closeSync();
      }
    };

    while (pending.length > 0 || running.size > 0) {
      if (options.signal?.aborted) {
        // Let what runs fail on its interrupted query, then stop.
        await Promise.allSettled(running);
        throw new RunInterrupted(options.database);
      }
      let progressed = false;
      for (let i = 0; i < pending.length && running.size < concurrency;) {
        const d = pending[i];
        const takeUp = () => takenUp.set(d.name, takenUp.size);
        const upstream = d.dependsOn.filter((k) => k !== d.key && pendingKeys.has(k));
        const blocked = upstream.find((k) => state.get(k) === 'failed' || state.get(k) === 'skipped');
        const preset = options.notRun?.get(d.key);
        if (d.problems.length > 0 || blocked || preset) {
          pending.splice(i, 1);
          takeUp();
          progressed = true;
          if (preset) finish(d, notRun(d, preset.status, preset.message));
          else if (d.problems.length > 0) finish(d, notRun(d, 'failed', problemMessage(d)));
          else finish(d, notRun(d, 'skipped', `upstream dataset ${byKey.get(blocked!)?.name ?? blocked} did not complete`));
          continue;
        }
        if (upstream.every((k) => state.get(k) === 'completed')) {
          pending.splice(i, 1);
          takeUp();
          progressed = true;
          const p: Promise<void> = start(d).finally(() => running.delete(p));
          running.add(p);
          continue;
        }
        i++;
      }
      if (running.size > 0) await Promise.race(running);
      else if (!progressed && pending.length > 0) {
        // Nothing runs and nothing can start: the rest waits on a cycle.
        for (const d of pending.splice(0)) {
          takenUp.set(d.name, takenUp.size);
          finish(d, notRun(d, 'failed', `${d.name} is part of a dependency cycle`));
        }
      }
    }
    await dropScratchTables(instance);
    const checkpoint = await instance.connect();
    await checkpoint.run('CHECKPOINT');
    checkpoint.closeSync();
    const failed = results.filter((r) => r.status !== 'completed').length;
    log.updateProgress(
      failed === 0 ? 'COMPLETED' : 'FAILED',
      failed === 0 ? `Update ${log.updateId} is COMPLETED.` : `Update ${log.updateId} is FAILED: ${failed} dataset(s) did not complete.`,
    );
  } catch (e) {
    if (e instanceof RunInterrupted || options.signal?.aborted) {
      await Promise.allSettled(running);
      // Staging tables are the only thing an interrupted update leaves: drop them now.
      await dropScratchTables(instance).catch(() => undefined);
      log.updateProgress('CANCELED', `Update ${log.updateId} is CANCELED: interrupted; every dataset keeps its previous state.`);
      throw new RunInterrupted(options.database);
    }
    const message = e instanceof Error ? e.message : String(e);
    log.updateProgress('FAILED', `Update ${log.updateId} is FAILED: ${message}`);
    // A file-system failure of the database itself (full disk, read-only) is said in its terms.
    const problem = e instanceof DatabaseError || e instanceof StateVersionError ? undefined : databaseProblem(options.database, message);
    throw problem
      ? new DatabaseError(`${problem} (the update stopped; datasets completed before it are kept, the others keep their previous state)`)
      : e;
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    instance.closeSync();
  }
  // Report in the order datasets were taken up: dependency order, bronze to gold.
  results.sort((a, b) => (takenUp.get(a.name) ?? 0) - (takenUp.get(b.name) ?? 0));
  return {
    datasets: results,
    seconds: (performance.now() - started) / 1000,
    database: options.database,
    eventLog: logPath,
    updateId: log.updateId,
    ...(eventLogProblem ? { eventLogProblem } : {}),
  };
}
