// The TypeScript side of the Spark oracle: the pinned Python environment, the
// local engine's run and its tables exported to parquet, the SDP project
// written from the mechanical rewrite, one Spark session for everything, and
// the judgement of what it answered. Used by run.ts (the test) and the
// `oracle` bench.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { PipelinePlan } from '../../server/src/engine/plan';
import { runPipeline, RunSummary } from '../../server/src/engine/runtime/runPipeline';
import { OracleDataset, SdpProject, filteredQuery, sdpStatement } from './sdpProject';

export const REPO = resolve(__dirname, '../../..');
export const VENV = join(REPO, '.oracle-venv');
const PYTHON = join(VENV, 'bin/python');
const ORACLE_SRC = join(REPO, 'test/oracle');
const DATABASE = 'oracle';

/** Creates the ignored venv with the pinned packages (test/oracle/requirements.txt) when it is missing. */
export function ensureVenv(log: (s: string) => void): void {
  if (existsSync(join(VENV, 'bin/spark-class'))) return;
  log('oracle: installing the pinned Spark into .oracle-venv (first run only)');
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status}`);
  };
  run('python3', ['-m', 'venv', VENV]);
  run(join(VENV, 'bin/pip'), ['install', '--no-input', '-q', '-r', join(ORACLE_SRC, 'requirements.txt')]);
}

export interface EngineTable {
  dataset: string;
  parquet: string;
  /** Column -> Spark spelling of the engine's DuckDB type. */
  types: Record<string, string>;
}

/** Spark's simpleString for a DuckDB type; an engine type Spark lacks (HUGEINT) stays as DuckDB names it. */
export function sparkTypeName(duckdb: string): string {
  const t = duckdb.trim();
  if (t.endsWith('[]')) return `array<${sparkTypeName(t.slice(0, -2))}>`;
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(t);
  if (dec) return `decimal(${dec[1]},${dec[2]})`;
  const struct = /^STRUCT\((.*)\)$/is.exec(t);
  if (struct)
    return `struct<${splitTop(struct[1])
      .map((f) => {
        const m = /^\s*("(?:[^"]|"")*"|\S+)\s+(.*)$/s.exec(f)!;
        return `${m[1].replace(/^"|"$/g, '')}:${sparkTypeName(m[2])}`;
      })
      .join(',')}>`;
  const map = /^MAP\((.*)\)$/is.exec(t);
  if (map) return `map<${splitTop(map[1]).map(sparkTypeName).join(',')}>`;
  const names: Record<string, string> = {
    INTEGER: 'int',
    BIGINT: 'bigint',
    SMALLINT: 'smallint',
    TINYINT: 'tinyint',
    DOUBLE: 'double',
    FLOAT: 'float',
    VARCHAR: 'string',
    BOOLEAN: 'boolean',
    DATE: 'date',
    // Spark's TIMESTAMP is an instant (the engine's TIMESTAMPTZ); TIMESTAMP_NTZ a wall time.
    TIMESTAMP: 'timestamp_ntz',
    'TIMESTAMP WITH TIME ZONE': 'timestamp',
    BLOB: 'binary',
  };
  return names[t.toUpperCase()] ?? t.toLowerCase();
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out.filter(Boolean);
}

/** Runs the plan on DuckDB and exports each completed dataset to parquet. */
export async function runEngine(
  plan: PipelinePlan,
  dir: string,
  pipelineName: string,
): Promise<{ summary: RunSummary; tables: EngineTable[] }> {
  const database = join(dir, 'engine.duckdb');
  const summary = await runPipeline(plan, { database, pipelineName, baseDir: dir, settings: { threads: '2' } });
  const tables: EngineTable[] = [];
  const instance = await DuckDBInstance.create(database);
  const con = await instance.connect();
  try {
    const exportDir = join(dir, 'engine-parquet');
    mkdirSync(exportDir, { recursive: true });
    for (const d of plan.datasets) {
      const result = summary.datasets.find((r) => r.name === d.name);
      if (result?.status !== 'completed') continue;
      const parquet = join(exportDir, `${d.key}.parquet`);
      await con.run(`COPY (SELECT * FROM ${d.table}) TO '${parquet.replace(/'/g, "''")}' (FORMAT parquet)`);
      const described = (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${d.table}`)).getRowObjectsJson();
      const types: Record<string, string> = {};
      for (const r of described) types[String(r.column_name).toLowerCase()] = sparkTypeName(String(r.column_type));
      tables.push({ dataset: d.key, parquet, types });
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return { summary, tables };
}

/** Writes an SDP project (spec, one SQL file per dataset, the source views) and returns its spec path. */
export function writeSdpProject(project: SdpProject, dir: string, name: string, conf: Record<string, string>): string {
  const root = join(dir, `sdp-${name}`);
  const lib = join(root, 'transformations');
  mkdirSync(lib, { recursive: true });
  for (const d of project.datasets) writeFileSync(join(lib, `${d.name}.sql`), sdpStatement(d));
  if (project.sources.length > 0) {
    writeFileSync(join(root, 'sources.json'), JSON.stringify(project.sources, null, 2));
    copyFileSync(join(ORACLE_SRC, 'sdp_sources.py'), join(lib, 'sdp_sources.py'));
  }
  copyFileSync(join(ORACLE_SRC, 'oracle_schema.py'), join(root, 'oracle_schema.py'));
  const spec = [
    `name: ${name}`,
    `storage: file://${join(root, 'storage')}`,
    `database: ${DATABASE}`,
    'configuration:',
    ...Object.entries(conf).map(([k, v]) => `  ${k}: "${v}"`),
    'libraries:',
    '  - glob:',
    `      include: transformations/**`,
    '',
  ].join('\n');
  const specPath = join(root, 'spark-pipeline.yml');
  writeFileSync(specPath, spec);
  return specPath;
}

export interface CompareRequest {
  group: string;
  dataset: string;
  mode: 'sdp' | 'query';
  table?: string;
  query?: string;
  engine: string;
  volatile: string[];
  /** The engine's column types (Spark spelling), judged against Spark's. */
  engineTypes: Record<string, string>;
  /** Session settings of the pipeline (time zone, ANSI mode) the query and the comparison run with. */
  conf: Record<string, string>;
}

export interface ExpectationRequest {
  group: string;
  dataset: string;
  name: string;
  sql: string;
  query: string;
  engineFailed: number;
  conf: Record<string, string>;
}

export interface SparkJob {
  conf: Record<string, string>;
  pipelines: { name: string; spec: string }[];
  views: { name: string; parquet: string }[];
  /** File sources read in batch for expectation counts, each in its pipeline's session time zone. */
  batchSources: (SdpProject['sources'][number] & { timeZone: string })[];
  compare: CompareRequest[];
  expectations: ExpectationRequest[];
}

export interface CompareResult extends CompareRequest {
  error?: string;
  sparkTypes?: Record<string, string>;
  missingColumns?: string[];
  extraColumns?: string[];
  sparkRows?: number;
  engineRows?: number;
  onlySpark?: number;
  onlyEngine?: number;
  /** Rows paired only through the DOUBLE tolerance (one unit of the ninth significant digit). */
  withinTolerance?: number;
  sampleSpark?: unknown[];
  sampleEngine?: unknown[];
}

export interface SparkResults {
  pipelines: { name: string; ok: boolean; error?: string }[];
  compare: CompareResult[];
  expectations: (ExpectationRequest & { sparkFailed?: number; error?: string })[];
  /** Seconds since the session started at the end of each phase. */
  timings: Record<string, number>;
}

/** Session settings of the Spark side: the pipeline's ANSI mode and time zone, few partitions on 2 cores (tables land in the run folder's spark-warehouse/). */
export function sparkConf(config: Readonly<Record<string, string>>): Record<string, string> {
  return {
    'spark.sql.ansi.enabled': config['spark.sql.ansi.enabled'] ?? 'false',
    'spark.sql.session.timeZone': config['spark.sql.session.timeZone'] ?? 'UTC',
    'spark.sql.shuffle.partitions': '2',
  };
}

/** Runs the job in one Spark session (one JVM) through the SDP launcher; returns its results. */
export function runSpark(job: SparkJob, dir: string): { results: SparkResults; seconds: number; log: string } {
  const jobPath = join(dir, 'spark-job.json');
  const outPath = join(dir, 'spark-results.json');
  writeFileSync(jobPath, JSON.stringify(job, null, 2));
  const t0 = Date.now();
  const r = spawnSync(
    join(VENV, 'bin/spark-class'),
    ['org.apache.spark.deploy.SparkPipelines', join(ORACLE_SRC, 'spark_oracle.py'), jobPath, outPath],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PYSPARK_PYTHON: PYTHON, SPARK_HOME: sparkHome(), PYTHONPATH: ORACLE_SRC, PYTHONWARNINGS: 'ignore' },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const seconds = (Date.now() - t0) / 1000;
  const log = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  if (!existsSync(outPath))
    throw new Error(
      `Spark run failed (exit ${r.status}):\n${log
        .split('\n')
        .filter((l) => !/^\s+at |^\tat /.test(l))
        .slice(-40)
        .join('\n')}`,
    );
  return { results: JSON.parse(readFileSync(outPath, 'utf8')) as SparkResults, seconds, log };
}

function sparkHome(): string {
  const r = spawnSync(PYTHON, ['-c', 'import pyspark, os; print(os.path.dirname(pyspark.__file__))'], { encoding: 'utf8' });
  return r.stdout.trim();
}

/** Requests for one pipeline: every dataset through SDP (when run there) and the non-file ones by query. */
export function compareRequests(
  group: string,
  project: SdpProject,
  tables: EngineTable[],
  modes: { sdp: boolean; query: boolean },
  conf: Record<string, string>,
): CompareRequest[] {
  const out: CompareRequest[] = [];
  for (const d of project.datasets) {
    const t = tables.find((x) => x.dataset === d.name.toLowerCase());
    const engine = t?.parquet ?? '';
    const base = { group, dataset: d.name, engine, volatile: project.volatileColumns, engineTypes: t?.types ?? {}, conf };
    if (modes.sdp) out.push({ ...base, mode: 'sdp', table: `spark_catalog.${DATABASE}.${d.name}` });
    if (modes.query && !d.readsFiles) out.push({ ...base, mode: 'query', query: filteredQuery(d) });
  }
  return out;
}

/** Expectation counts to compare: Spark counts over the unfiltered query (file sources read in batch). */
export function expectationRequests(
  group: string,
  project: SdpProject,
  summary: RunSummary,
  conf: Record<string, string>,
): ExpectationRequest[] {
  const out: ExpectationRequest[] = [];
  for (const d of project.datasets) {
    const r = summary.datasets.find((x) => x.name.toLowerCase() === d.name.toLowerCase());
    for (const e of d.expectations) {
      const engineFailed = r?.expectations.find((x) => x.name === e.name)?.failed ?? -1;
      out.push({ group, dataset: d.name, name: e.name, sql: e.sql, query: batchQuery(d), engineFailed, conf });
    }
  }
  return out;
}

const batchQuery = (d: OracleDataset) => d.query.replace(/\bSTREAM\s*\(\s*(src_\w+)\s*\)/gi, '$1');

/** Why a comparison is not equal, or undefined when it is. */
export function difference(c: CompareResult): string | undefined {
  if (!c.engine) return 'the local engine did not build it';
  if (c.error) return `error: ${c.error}`;
  const problems: string[] = [];
  if (c.missingColumns?.length) problems.push(`columns only in Spark: ${c.missingColumns.join(', ')}`);
  if (c.extraColumns?.length) problems.push(`columns only in the engine: ${c.extraColumns.join(', ')}`);
  for (const [col, t] of Object.entries(c.sparkTypes ?? {})) {
    const e = c.engineTypes[col];
    if (e !== undefined && e !== t) problems.push(`${col}: Spark ${t}, engine ${e}`);
  }
  if (c.sparkRows !== c.engineRows) problems.push(`rows: Spark ${c.sparkRows}, engine ${c.engineRows}`);
  if (c.onlySpark || c.onlyEngine) {
    problems.push(
      `${c.onlySpark} row(s) only in Spark, ${c.onlyEngine} only in the engine; e.g. Spark ${JSON.stringify(c.sampleSpark?.[0])} engine ${JSON.stringify(c.sampleEngine?.[0])}`,
    );
  }
  return problems.length ? problems.join('; ') : undefined;
}
