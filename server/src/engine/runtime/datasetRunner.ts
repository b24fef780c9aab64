// Runs one dataset of an update. Every write goes to staging tables in the
// dataset's schema first; the swap (rename or append, plus the bookkeeping of
// read files) happens in one transaction at the end, so an interrupted or
// failed update leaves the previous state of the dataset readable.
import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { CdcFlow, DatasetPlan, FileSourcePlan, QueryFlow } from '../plan';
import { streamPlaceholder } from '../plan';
import { stageCdc } from './cdc';
import { checkExpectations, ExpectationResult } from './expectations';
import { defineEmptyFileSource, defineFileSource } from './fileSource';
import { LandingFile, listLandingFiles } from './landing';
import { columnsOf, inTransaction, qualified, quoteIdent, rows, tableExists } from './sql';
import {
  forgetDataset,
  landingKey,
  onceFlowRan,
  processedFiles,
  ReadFile,
  ReadRecord,
  recordOnceFlow,
  recordProcessed,
  sourceId,
} from './state';

export interface DatasetContext {
  /** Folder relative paths of read_files resolve against. */
  baseDir: string;
  /** Folder read files are recorded relative to. */
  landingRoot: string;
  fullRefresh: boolean;
  updateId: string;
  /** Per dataset key: the relation holding the rows it appended in this update. */
  deltas: Map<string, string>;
  /** Every table of every dataset, for streaming readers of datasets that did not run. */
  tables: Map<string, string>;
  /** A dry run: every file source is empty, so each dataset binds with 0 rows. */
  dryRun?: boolean;
  /** The session time zone has DST transitions: file times are read as Spark resolves them (wallTime.ts). */
  zoneTransitions: boolean;
}

export interface DatasetOutcome {
  rowsWritten: number;
  rowsDropped: number;
  expectations: ExpectationResult[];
  /** Landing files that changed after they were read (reported, not read again). */
  warnings?: string[];
}

const stageName = (plan: DatasetPlan, what: string) => qualified(plan.schema, `__lakeflow_${what}_${plan.key}`);
export const companionName = (plan: DatasetPlan): string => qualified(plan.schema, `__lakeflow_cdc_${plan.key}`);

/** Drops whatever object holds `name` (a table or a view). */
async function dropRelation(con: DuckDBConnection, schema: string, name: string): Promise<void> {
  const r = await rows(
    con,
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${schema.replace(/'/g, "''")}' AND table_name = '${name.replace(/'/g, "''")}'`,
  );
  await con.run(`DROP ${r.length > 0 ? 'TABLE' : 'VIEW'} IF EXISTS ${qualified(schema, name)}`);
}

function mergeResults(into: ExpectationResult[], add: ExpectationResult[]): void {
  for (const a of add) {
    const e = into.find((x) => x.name === a.name);
    if (e) {
      e.passed += a.passed;
      e.failed += a.failed;
    } else into.push({ ...a });
  }
}

interface SourceFiles {
  source: FileSourcePlan;
  id: string;
  all: LandingFile[];
  fresh: ReadFile[];
}

function sha256(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

/**
 * A source's files and, when reading incrementally, the ones not read yet.
 * A file read before is recognised by its landing key; when its size or time
 * differ, its hash tells a copy (same content: not new) from a change, which
 * Auto Loader does not read again either: it is reported in `warnings`.
 */
async function sourceFiles(
  con: DuckDBConnection,
  plan: DatasetPlan,
  flow: QueryFlow | CdcFlow,
  ctx: DatasetContext,
  incremental: boolean,
  warnings: string[],
  record = true,
): Promise<SourceFiles[]> {
  const out: SourceFiles[] = [];
  for (const source of flow.fileSources) {
    const all = ctx.dryRun ? [] : listLandingFiles(source.path, ctx.baseDir, source.options.pathglobfilter);
    const id = sourceId(flow.name, resolve(ctx.baseDir, source.path.replace(/^file:(\/\/)?/, '')), ctx.landingRoot);
    const seen = incremental ? await processedFiles(con, plan.key, id) : new Map<string, ReadRecord>();
    const fresh: ReadFile[] = [];
    for (const f of all) {
      const key = landingKey(f.path, ctx.landingRoot);
      const before = seen.get(key);
      if (!before) {
        fresh.push({ ...f, key, hash: record ? await sha256(f.path) : '' });
        continue;
      }
      if (before.size === f.size && before.mtimeMs === Math.round(f.mtimeMs)) continue;
      if (before.hash ? before.hash === (await sha256(f.path)) : before.size === f.size) continue;
      warnings.push(`${key} changed after it was read (${before.size} bytes then, ${f.size} now): not read again`);
    }
    out.push({ source, id, all, fresh });
  }
  return out;
}

/** Defines the temporary views a flow's SQL reads. Returns false when a streaming flow has nothing new. */
async function defineSources(
  con: DuckDBConnection,
  flow: QueryFlow | CdcFlow,
  files: SourceFiles[],
  ctx: DatasetContext,
  skipWhenNothingNew: boolean,
): Promise<boolean> {
  if (skipWhenNothingNew && files.length > 0 && files.every((f) => f.fresh.length === 0)) return false;
  for (const f of files) {
    if (f.all.length === 0) await defineEmptyFileSource(con, f.source);
    else if (f.fresh.length > 0) await defineFileSource(con, f.source, f.fresh, ctx.zoneTransitions);
    else {
      // Another source of the flow has new files: this one contributes no rows.
      await defineFileSource(con, f.source, f.all.slice(0, 1), ctx.zoneTransitions);
      await con.run(`CREATE OR REPLACE TEMP VIEW ${f.source.placeholder} AS SELECT * FROM (SELECT * FROM ${f.source.placeholder}) LIMIT 0`);
    }
  }
  for (const key of flow.streamSources) {
    const table = ctx.tables.get(key);
    if (!table) throw new Error(`streaming source ${key} is not a dataset of the pipeline`);
    const delta = ctx.fullRefresh ? table : ctx.deltas.get(key);
    await con.run(`CREATE OR REPLACE TEMP VIEW ${streamPlaceholder(key)} AS SELECT * FROM ${delta ?? `${table} LIMIT 0`}`);
  }
  return true;
}

/**
 * Measures the expectations on a staged table and deletes the rows a DROP ROW
 * expectation rejects (cheaper than copying the rest); FAIL UPDATE throws.
 */
async function keepPassingRows(con: DuckDBConnection, plan: DatasetPlan, stage: string) {
  const checked = await checkExpectations(con, plan.name, stage, plan.expectations);
  if (checked.keep && checked.dropped > 0) await con.run(`DELETE FROM ${stage} WHERE NOT (${checked.keep})`);
  return checked;
}

/** Materialized views (and views over files): recomputed in full, then swapped in. */
async function runMaterialized(con: DuckDBConnection, plan: DatasetPlan, ctx: DatasetContext): Promise<DatasetOutcome> {
  const flow = plan.flows[0] as QueryFlow;
  await defineSources(con, flow, await sourceFiles(con, plan, flow, ctx, false, [], false), ctx, false);
  const stage = stageName(plan, 'new');
  await con.run(`CREATE OR REPLACE TABLE ${stage} AS ${flow.sql}`);
  try {
    const checked = await keepPassingRows(con, plan, stage);
    await inTransaction(con, async () => {
      await dropRelation(con, plan.schema, plan.name);
      await con.run(`ALTER TABLE ${stage} RENAME TO ${quoteIdent(plan.name)}`);
    });
    return { rowsWritten: checked.total - checked.dropped, rowsDropped: checked.dropped, expectations: checked.results };
  } catch (e) {
    await con.run(`DROP TABLE IF EXISTS ${stage}`);
    throw e;
  }
}

/** Views: the query is stored, expectations are measured on what it returns now. */
async function runView(con: DuckDBConnection, plan: DatasetPlan): Promise<DatasetOutcome> {
  const flow = plan.flows[0] as QueryFlow;
  const checked = await checkExpectations(con, plan.name, `(${flow.sql}) AS __view`, plan.expectations);
  const sql = checked.keep ? `SELECT * FROM (${flow.sql}) AS __view WHERE ${checked.keep}` : flow.sql;
  await inTransaction(con, async () => {
    await dropRelation(con, plan.schema, plan.name);
    await con.run(`CREATE VIEW ${plan.table} AS ${sql}`);
  });
  return { rowsWritten: checked.total - checked.dropped, rowsDropped: checked.dropped, expectations: checked.results };
}

interface AppendStage {
  table: string;
  rows: number;
  files: SourceFiles[];
  onceFlow?: string;
}

/** Streaming tables: each flow reads only what is new since the last update and appends. */
async function runStreaming(con: DuckDBConnection, plan: DatasetPlan, ctx: DatasetContext): Promise<DatasetOutcome> {
  const warnings: string[] = [];
  const outcome: DatasetOutcome = { rowsWritten: 0, rowsDropped: 0, expectations: [], warnings };
  const appends: AppendStage[] = [];
  let cdc: { companion: string; target: string } | undefined;
  const created: string[] = [];
  try {
    for (const [i, flow] of plan.flows.entries()) {
      if (flow.kind === 'query' && flow.once && !ctx.fullRefresh && (await onceFlowRan(con, plan.key, flow.name))) continue;
      const files = await sourceFiles(con, plan, flow, ctx, !ctx.fullRefresh, warnings);
      // A streaming table whose sources are still empty runs once anyway, so it
      // exists (0 rows, the declared columns) for the datasets that read it.
      const exists = await tableExists(con, plan.schema, plan.name);
      if (!(await defineSources(con, flow, files, ctx, exists))) continue;
      if (flow.kind === 'cdc') {
        const companion = companionName(plan);
        const existing = !ctx.fullRefresh && (await tableExists(con, plan.schema, `__lakeflow_cdc_${plan.key}`)) ? companion : undefined;
        const stage = { companion: stageName(plan, `cdcstage${i}`), target: stageName(plan, `stage${i}`) };
        created.push(stage.companion, stage.target);
        const staged = await stageCdc(con, flow, `(${flow.sourceSql}) AS __cdc_source`, existing, stage);
        outcome.rowsWritten += staged.events;
        cdc = stage;
        appends.push({ table: '', rows: 0, files });
        continue;
      }
      const stage = stageName(plan, `new${i}`);
      created.push(stage);
      await con.run(`CREATE OR REPLACE TABLE ${stage} AS ${flow.sql}`);
      const checked = await keepPassingRows(con, plan, stage);
      mergeResults(outcome.expectations, checked.results);
      outcome.rowsWritten += checked.total - checked.dropped;
      outcome.rowsDropped += checked.dropped;
      appends.push({
        table: stage,
        rows: checked.total - checked.dropped,
        files,
        onceFlow: flow.kind === 'query' && flow.once ? flow.name : undefined,
      });
    }
  } catch (e) {
    for (const t of created) await con.run(`DROP TABLE IF EXISTS ${t}`);
    throw e;
  }
  if (appends.length === 0 && !ctx.fullRefresh) {
    if (!ctx.deltas.has(plan.key)) ctx.deltas.set(plan.key, `${plan.table} LIMIT 0`);
    return outcome;
  }
  const deltas: string[] = [];
  let renamedIntoTarget = false;
  await inTransaction(con, async () => {
    if (ctx.fullRefresh) {
      await dropRelation(con, plan.schema, plan.name);
      await con.run(`DROP TABLE IF EXISTS ${companionName(plan)}`);
      await forgetDataset(con, plan.key);
    }
    if (cdc) {
      await con.run(`DROP TABLE IF EXISTS ${companionName(plan)}`);
      await dropRelation(con, plan.schema, plan.name);
      await con.run(`ALTER TABLE ${cdc.companion} RENAME TO ${quoteIdent(`__lakeflow_cdc_${plan.key}`)}`);
      await con.run(`ALTER TABLE ${cdc.target} RENAME TO ${quoteIdent(plan.name)}`);
      renamedIntoTarget = true;
    }
    for (const a of appends) {
      if (a.table) {
        if (!(await tableExists(con, plan.schema, plan.name))) {
          await con.run(`ALTER TABLE ${a.table} RENAME TO ${quoteIdent(plan.name)}`);
          renamedIntoTarget = true;
        } else {
          const have = new Set((await columnsOf(con, plan.table)).map((c) => c.name.toLowerCase()));
          for (const c of await columnsOf(con, a.table)) {
            // schemaEvolutionMode addNewColumns: a new source column becomes a new table column.
            if (!have.has(c.name.toLowerCase())) await con.run(`ALTER TABLE ${plan.table} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`);
          }
          await con.run(`INSERT INTO ${plan.table} BY NAME SELECT * FROM ${a.table}`);
          deltas.push(a.table);
        }
      }
      for (const f of a.files) await recordProcessed(con, plan.key, f.id, f.fresh, ctx.updateId);
      if (a.onceFlow) await recordOnceFlow(con, plan.key, a.onceFlow, ctx.updateId);
    }
  });
  // Downstream streaming readers see this update's rows: the whole table when
  // it was created now, otherwise the appended stages (dropped at update end).
  ctx.deltas.set(
    plan.key,
    renamedIntoTarget
      ? plan.table
      : deltas.length > 0
        ? `(${deltas.map((d) => `SELECT * FROM ${d}`).join(' UNION ALL BY NAME ')})`
        : `${plan.table} LIMIT 0`,
  );
  return outcome;
}

export async function runDataset(con: DuckDBConnection, plan: DatasetPlan, ctx: DatasetContext): Promise<DatasetOutcome> {
  if (plan.kind === 'streaming_table') return runStreaming(con, plan, ctx);
  const readsFiles = plan.flows.some((f) => f.fileSources.length > 0);
  if ((plan.kind === 'view' || plan.kind === 'temporary_view') && !readsFiles) return runView(con, plan);
  return runMaterialized(con, plan, ctx);
}
