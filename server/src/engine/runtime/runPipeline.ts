// One update of a pipeline on DuckDB: datasets run in dependency order, up to
// `concurrency` at a time, each on its own connection. A dataset that cannot
// be translated or fails stops itself and everything downstream of it; the
// rest of the graph still runs. Progress goes to the event log as it happens.
import type { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { DatasetKind } from '../../language/syntax/ast';
import type { DatasetPlan, PipelinePlan } from '../plan';
import { DatasetContext, runDataset } from './datasetRunner';
import { EventLog, EventSink, eventLogPath } from './eventLog';
import { ExpectationFailure, ExpectationResult } from './expectations';
import { quoteIdent, rows } from './sql';
import { ensureState } from './state';
import { loadDuckDb } from './duckdbModule';

export type DatasetStatus = 'completed' | 'failed' | 'skipped';

export interface DatasetResult {
  name: string;
  kind: DatasetKind;
  status: DatasetStatus;
  rowsWritten: number;
  rowsDropped: number;
  expectations: ExpectationResult[];
  seconds: number;
  /** Why it failed or was skipped. */
  message?: string;
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
  /** Extra receivers of the event log (the file beside the database is always written). */
  eventSinks?: EventSink[];
  /** Read no files: every source is empty, so the run only binds each dataset's query (`--dry-run`). */
  dryRun?: boolean;
}

export interface RunSummary {
  datasets: DatasetResult[];
  seconds: number;
  database: string;
  eventLog: string;
  updateId: string;
}

const SCRATCH = /^__lakeflow_(new|stage|delta|cdcstage)/;

async function dropScratchTables(instance: DuckDBInstance): Promise<void> {
  const con = await instance.connect();
  try {
    const scratch = await rows(con, `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()`);
    for (const t of scratch) {
      if (SCRATCH.test(String(t.table_name))) await con.run(`DROP TABLE IF EXISTS ${quoteIdent(String(t.schema_name))}.${quoteIdent(String(t.table_name))}`);
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
  mkdirSync(dirname(options.database), { recursive: true });
  const logPath = eventLogPath(options.database);
  const log = new EventLog(options.pipelineName, [EventLog.fileSink(logPath), ...(options.eventSinks ?? [])]);
  // Tables have no row order in Lakeflow, so DuckDB need not preserve one (less
  // memory, more parallelism). Skipping compression makes the file about 3x
  // larger but saves about a quarter of a run's CPU, which a development loop waits on.
  const { DuckDBInstance } = loadDuckDb();
  const instance = await DuckDBInstance.create(options.database, {
    preserve_insertion_order: 'false',
    force_compression: 'uncompressed',
    memory_limit: defaultMemoryLimit(),
    ...(options.settings ?? {}),
  });
  const byKey = new Map(plan.datasets.map((d) => [d.key, d]));
  const fullAll = options.fullRefresh === true;
  const fullSome = new Set(Array.isArray(options.fullRefresh) ? options.fullRefresh.map((k) => k.toLowerCase()) : []);
  const selected = options.refresh && options.refresh.length > 0 ? new Set(options.refresh.map((k) => k.toLowerCase())) : undefined;
  const inUpdate = (d: DatasetPlan) => (selected ? selected.has(d.key) || fullSome.has(d.key) : fullSome.size > 0 ? fullSome.has(d.key) : true);

  log.emit('create_update', 'INFO', `Update ${log.updateId} started by lakeflow run.`, {
    create_update: { cause: 'USER_ACTION', full_refresh: fullAll, full_refresh_selection: [...fullSome], refresh_selection: selected ? [...selected] : [] },
  });
  const results: DatasetResult[] = [];
  const takenUp = new Map<string, number>();
  try {
    const setup = await instance.connect();
    try {
      // Lakeflow pipelines compute in UTC; ICU (built in) is loaded by now.
      await setup.run("SET GLOBAL TimeZone = 'UTC'");
      await ensureState(setup);
      for (const schema of new Set(plan.datasets.map((d) => d.schema))) await setup.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    } finally {
      setup.closeSync();
    }
    await dropScratchTables(instance);
    log.updateProgress('RUNNING', `Update ${log.updateId} is RUNNING.`);

    const ctxBase = { baseDir: options.baseDir, dryRun: options.dryRun, updateId: log.updateId, deltas: new Map<string, string>(), tables: new Map(plan.datasets.map((d) => [d.key, d.table])) };
    const state = new Map<string, DatasetStatus>();
    const pending = plan.datasets.filter(inUpdate);
    const pendingKeys = new Set(pending.map((d) => d.key));
    const running = new Set<Promise<void>>();
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
            expectations: result.expectations.map((e) => ({ name: e.name, dataset: d.name, passed_records: e.passed, failed_records: e.failed })),
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
      const base: DatasetResult = { name: d.name, kind: d.kind, status: 'completed', rowsWritten: 0, rowsDropped: 0, expectations: [], seconds: 0 };
      const con = await instance.connect();
      try {
        const ctx: DatasetContext = { ...ctxBase, fullRefresh: fullAll || fullSome.has(d.key) };
        const outcome = await runDataset(con, d, ctx);
        finish(d, { ...base, ...outcome, seconds: (performance.now() - t0) / 1000 });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const expectations = e instanceof ExpectationFailure ? e.results : [];
        finish(d, { ...base, status: 'failed', expectations, message: `${d.file}: ${message}`, seconds: (performance.now() - t0) / 1000 });
      } finally {
        con.closeSync();
      }
    };

    while (pending.length > 0 || running.size > 0) {
      let progressed = false;
      for (let i = 0; i < pending.length && running.size < concurrency; ) {
        const d = pending[i];
        const takeUp = () => takenUp.set(d.name, takenUp.size);
        const upstream = d.dependsOn.filter((k) => k !== d.key && pendingKeys.has(k));
        const blocked = upstream.find((k) => state.get(k) === 'failed' || state.get(k) === 'skipped');
        if (d.problems.length > 0 || blocked) {
          pending.splice(i, 1);
          takeUp();
          progressed = true;
          if (d.problems.length > 0) finish(d, notRun(d, 'failed', problemMessage(d)));
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
    log.updateProgress(failed === 0 ? 'COMPLETED' : 'FAILED', failed === 0 ? `Update ${log.updateId} is COMPLETED.` : `Update ${log.updateId} is FAILED: ${failed} dataset(s) did not complete.`);
  } catch (e) {
    log.updateProgress('FAILED', `Update ${log.updateId} is FAILED: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  } finally {
    instance.closeSync();
  }
  // Report in the order datasets were taken up: dependency order, bronze to gold.
  results.sort((a, b) => (takenUp.get(a.name) ?? 0) - (takenUp.get(b.name) ?? 0));
  return { datasets: results, seconds: (performance.now() - started) / 1000, database: options.database, eventLog: logPath, updateId: log.updateId };
}
