// `lakeflow run`: the README's main job. Builds the pipeline's lakehouse in a
// local DuckDB file: simulates landing data first when no --data is given,
// then runs every dataset in dependency order, printing a line per dataset and
// a summary table (or one JSON object with --format json).
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Subcommand } from './main';
import { CliIo, UsageError } from './io';
import { oneOf, parseArgs } from './cliArgs';
import { diskFiles, toFileId } from '../files/diskFiles';
import { loadLocalPipeline } from '../engine/localPipeline';
import { DatasetResult, runPipeline, RunSummary } from '../engine/runtime/runPipeline';
import { DEFAULT_OPTIONS } from '../simulator/simulateOptions';
import { simulate } from '../simulator/simulate';
import { MANIFEST_FILE } from '../simulator/manifest';
import { takePathMappings } from './pathMapOption';
import { dryRunCommand } from './dryRunCommand';

const USAGE =
  'usage: lakeflow run [--bundle bundle/databricks.yml] [--target local] [--data DIR] [--db FILE] [--events N] [--seed S] [--full-refresh | --refresh t1,t2] [--format text|json] [--concurrency N] [--map PREFIX=DIR]... [--dry-run [--format text|json|sarif]]';
const VALUED = ['bundle', 'target', 'data', 'db', 'events', 'seed', 'refresh', 'format', 'concurrency', 'pipeline'] as const;

const kindLabel: Record<string, string> = {
  streaming_table: 'streaming table',
  materialized_view: 'materialized view',
  temporary_view: 'temporary view',
  view: 'view',
};

function positiveInt(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${option} must be a non-negative integer`);
  return n;
}

const failedExpectations = (r: DatasetResult) =>
  r.expectations
    .filter((e) => e.failed > 0)
    .map((e) => `${e.name} (${e.failed})`)
    .join(', ');

function progressLine(r: DatasetResult, done: number, total: number): string {
  const status = r.status === 'completed' ? `${r.rowsWritten} rows written, ${r.rowsDropped} dropped` : `${r.status.toUpperCase()}: ${r.message ?? ''}`;
  return `[${String(done).padStart(String(total).length)}/${total}] ${r.name} (${kindLabel[r.kind]}) ${status} in ${r.seconds.toFixed(2)} s\n`;
}

export function summaryTable(s: RunSummary): string {
  const header = ['dataset', 'kind', 'rows written', 'rows dropped', 'failed expectations', 'time'];
  const body = s.datasets.map((r) => [
    r.status === 'completed' ? r.name : `${r.name} (${r.status})`,
    kindLabel[r.kind],
    String(r.rowsWritten),
    String(r.rowsDropped),
    failedExpectations(r) || '-',
    `${r.seconds.toFixed(2)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const failed = s.datasets.filter((r) => r.status !== 'completed').length;
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `${s.datasets.length - failed} of ${s.datasets.length} datasets completed in ${s.seconds.toFixed(2)} s; database ${s.database}; event log ${s.eventLog}`,
    '',
  ].join('\n');
}

export function summaryJson(s: RunSummary): object {
  return {
    datasets: s.datasets.map((r) => ({
      name: r.name,
      kind: r.kind,
      status: r.status,
      rowsWritten: r.rowsWritten,
      rowsDropped: r.rowsDropped,
      expectations: r.expectations.map((e) => ({ name: e.name, passed: e.passed, failed: e.failed, action: e.action })),
      seconds: r.seconds,
      ...(r.message ? { message: r.message } : {}),
    })),
    seconds: s.seconds,
    database: s.database,
  };
}

export const runCommand: Subcommand = {
  summary: 'run the pipeline locally on DuckDB (simulating landing data unless --data is given)',
  async run(args: string[], io: CliIo): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const { rest, mappings } = takePathMappings(args, io.cwd);
    const fullRefresh = rest.includes('--full-refresh');
    const dry = rest.includes('--dry-run');
    const { paths, options } = parseArgs(
      rest.filter((a) => a !== '--full-refresh' && a !== '--dry-run'),
      VALUED,
    );
    if (paths.length > 0) throw new UsageError(`unexpected argument '${paths[0]}' (${USAGE})`);
    if (fullRefresh && options.has('refresh')) throw new UsageError('--full-refresh and --refresh exclude each other');
    const format = oneOf(options.get('format'), dry ? (['text', 'json', 'sarif'] as const) : (['text', 'json'] as const), 'text', 'format');
    const at = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
    const events = positiveInt(options.get('events'), 'events', DEFAULT_OPTIONS.events);
    const seed = positiveInt(options.get('seed'), 'seed', DEFAULT_OPTIONS.seed);
    const concurrency = positiveInt(options.get('concurrency'), 'concurrency', 2);

    let bundleFile = options.get('bundle');
    if (!bundleFile && existsSync(join(io.cwd, 'bundle', 'databricks.yml'))) bundleFile = 'bundle/databricks.yml';
    if (!bundleFile && existsSync(join(io.cwd, 'databricks.yml'))) bundleFile = 'databricks.yml';
    if (!bundleFile) throw new UsageError(`no bundle found (looked for bundle/databricks.yml and databricks.yml); give --bundle FILE`);
    if (!existsSync(at(bundleFile))) throw new UsageError(`bundle file not found: ${bundleFile}`);

    let data = options.get('data');
    // Like a run: `${source_root}` is the landing folder, though a dry run reads nothing from it.
    if (dry) return dryRunCommand(io, at(bundleFile), options, mappings, format, { source_root: toFileId(at(data ?? join('.lakeflow', 'landing'))) });
    if (data === undefined && mappings.length > 0) data = io.cwd;
    if (data === undefined) {
      data = at(join('.lakeflow', 'landing'));
      // A first run (or explicit --events/--seed) writes landing data; later runs reuse it.
      if (!existsSync(join(data, MANIFEST_FILE)) || options.has('events') || options.has('seed')) {
        const log = format === 'text' ? io.out : io.err;
        log(`simulating ${events} IoT events (seed ${seed}) into ${relative(io.cwd, data) || '.'}\n`);
        await simulate({ out: data, events, seed, startMs: Date.parse(DEFAULT_OPTIONS.start), days: DEFAULT_OPTIONS.days });
      }
    } else {
      data = at(data);
      if (!existsSync(data)) throw new UsageError(`--data folder not found: ${data}`);
    }

    const pipeline = loadLocalPipeline({
      bundleFile: toFileId(at(bundleFile)),
      target: options.get('target') ?? 'local',
      pipelineKey: options.get('pipeline'),
      configuration: { source_root: toFileId(data) },
      files: diskFiles(),
      pathMap: mappings,
    });
    // `local` is the default and may be absent (the bundle's defaults apply); a named target must exist.
    const unknownTarget = pipeline.bundle?.problems.find((p) => p.kind === 'unknownTarget');
    if (unknownTarget && options.has('target')) throw new UsageError(unknownTarget.message);
    for (const p of pipeline.plan.problems) io.err(`${relative(io.cwd, p.file)}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
    const refresh = options.get('refresh')?.split(',').map((s) => s.trim()).filter(Boolean);
    const known = new Set(pipeline.plan.datasets.map((d) => d.key));
    for (const r of refresh ?? []) if (!known.has(r.toLowerCase())) throw new UsageError(`--refresh names ${r}, which is not a dataset of the pipeline`);
    const total = refresh?.length ?? pipeline.plan.datasets.length;
    let done = 0;
    const summary = await runPipeline(pipeline.plan, {
      database: at(options.get('db') ?? join('.lakeflow', 'lakehouse.duckdb')),
      pipelineName: pipeline.name,
      baseDir: io.cwd,
      fullRefresh,
      refresh,
      concurrency,
      onProgress: (e) => {
        if (e.phase === 'end' && e.result && format === 'text') io.out(progressLine(e.result, ++done, total));
      },
    });
    if (format === 'json') io.out(JSON.stringify(summaryJson(summary)) + '\n');
    else io.out('\n' + summaryTable(summary));
    return summary.datasets.every((d) => d.status === 'completed') ? 0 : 1;
  },
};
