// `lakeflow run`: the README's main job. Builds the pipeline's lakehouse in a
// local DuckDB file. Order matters, so that nothing is written in vain:
//   1. the whole pipeline is analysed as `lakeflow check` does; an error stops
//      the run before anything is written (or, with --continue-on-error, the
//      broken datasets and their readers are set aside and named);
//   2. landing data: simulated on a first run (no --data), a new batch added
//      when --events/--seed ask for more (never a rewrite of existing files);
//   3. every dataset in dependency order, a line per dataset, then a summary
//      (or one JSON object with --format json).
// Ctrl-C (the io's signal) interrupts cleanly: exit 130, previous state intact.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Subcommand } from './main';
import { CliIo, UsageError } from './io';
import { oneOf, parseArgs } from './cliArgs';
import type { CommandHelp } from './help';
import { diskFiles, toFileId } from '../files/diskFiles';
import { loadLocalPipeline } from '../engine/localPipeline';
import { checkPipeline, PipelineCheck } from '../engine/pipelineCheck';
import { DatasetResult, runPipeline, RunInterrupted } from '../engine/runtime/runPipeline';
import { DEFAULT_OPTIONS } from '../simulator/simulateOptions';
import { simulate, SimulationInterrupted } from '../simulator/simulate';
import { LandingFolder } from '../simulator/landingFolder';
import { publishedBatches } from '../simulator/manifest';
import { progressLine, summaryJson, summaryTable } from './runReport';
import { takePathMappings } from './pathMapOption';
import { dryRunCommand } from './dryRunCommand';

const DEFAULT_DB = join('.lakeflow', 'lakehouse.duckdb');
const DEFAULT_LANDING = join('.lakeflow', 'landing');
const VALUED = ['bundle', 'target', 'data', 'db', 'events', 'seed', 'refresh', 'format', 'concurrency', 'pipeline'] as const;
const SWITCHES = ['--full-refresh', '--continue-on-error', '--dry-run'];

export const runHelp: CommandHelp = {
  usage:
    'lakeflow run [--bundle FILE] [--target T] [--data DIR | --events N --seed S | --map PREFIX=DIR...] [--db FILE] [--full-refresh | --refresh t1,t2] [--continue-on-error] [--dry-run] [--format text|json]',
  description:
    'Runs the pipeline locally on DuckDB: analyses every file first (an error stops the run before anything is written), simulates landing data unless --data is given, then runs every dataset in dependency order. Exit 0 when every dataset completed, 1 otherwise, 130 when interrupted.',
  options: [
    { flag: '--bundle FILE', text: 'the bundle whose pipeline runs', default: 'bundle/databricks.yml, else databricks.yml' },
    { flag: '--target T', text: 'bundle target whose settings apply', default: 'local, or the bundle defaults when it has no such target' },
    { flag: '--pipeline KEY', text: 'which pipeline of the bundle', default: 'the first' },
    {
      flag: '--data DIR',
      text: 'landing folder (${source_root}) you provide; nothing is simulated',
      default: `${DEFAULT_LANDING}, simulated on the first run`,
    },
    {
      flag: '--events N',
      text: `simulated IoT events: on the first run, or as a new batch added to ${DEFAULT_LANDING} (never rewriting one)`,
      default: `${DEFAULT_OPTIONS.events} on the first run, none later`,
    },
    {
      flag: '--seed S',
      text: 'seed of the simulated batch (alone: adds a batch of the default size)',
      default: String(DEFAULT_OPTIONS.seed),
    },
    { flag: '--db FILE', text: 'the lakehouse database (DuckDB); its event log is written beside it', default: DEFAULT_DB },
    { flag: '--full-refresh', text: 'recompute every table from all landing data' },
    { flag: '--refresh t1,t2', text: 'run only these datasets, from the sources as the last run left them' },
    { flag: '--continue-on-error', text: 'when files have errors, still run the datasets they do not affect (exit 1)' },
    { flag: '--format F', text: 'text, or json (one object on stdout); with --dry-run also sarif', default: 'text' },
    {
      flag: '--map PREFIX=DIR',
      text: 'read a cloud path prefix (/Volumes/..., s3://...) from a local folder; repeatable; nothing is simulated then',
    },
    { flag: '--dry-run', text: 'bind every dataset with no data, in a throwaway database, and report what does not bind (LF6xx)' },
    { flag: '--concurrency N', text: 'datasets run at once', default: '2' },
  ],
};

function count(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${option} must be a non-negative integer, got '${value}'`);
  return n;
}

function printCheck(check: PipelineCheck, io: CliIo, log: (t: string) => void): void {
  for (const d of check.errors)
    log(`${relative(io.cwd, d.file) || d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: error ${d.code}: ${d.message}\n`);
}

/**
 * Landing data for a run without --data: simulated into .lakeflow/landing on
 * the first run; later runs reuse it, or add a batch after the last one when
 * --events or --seed ask for more data. Returns what was said to the user.
 */
async function prepareLanding(data: string, options: Map<string, string>, io: CliIo, log: (t: string) => void): Promise<void> {
  const events = count(options.get('events'), 'events', DEFAULT_OPTIONS.events);
  const seed = count(options.get('seed'), 'seed', DEFAULT_OPTIONS.seed);
  const batches = publishedBatches(new LandingFolder(data, '').existingManifest());
  const shown = relative(io.cwd, data) || '.';
  if (batches.length === 0) {
    log(`simulating ${events} IoT events (seed ${seed}) into ${shown}\n`);
    await simulate({ out: data, events, seed, startMs: Date.parse(DEFAULT_OPTIONS.start), days: DEFAULT_OPTIONS.days }, io.signal);
    return;
  }
  if (!options.has('events') && !options.has('seed')) return;
  // A new batch continues after the latest window, so it never collides with (or rewrites) one already there.
  const startMs = Math.max(...batches.map((b) => Date.parse(b.window.end)));
  log(
    `adding a batch of ${events} IoT events (seed ${seed}, from ${new Date(startMs).toISOString()}) to ${shown}, beside ${batches.length} earlier batch(es); ` +
      `streaming tables read only the new files (--full-refresh recomputes everything from all of them)\n`,
  );
  await simulate({ out: data, events, seed, startMs, days: DEFAULT_OPTIONS.days }, io.signal);
}

export const runCommand: Subcommand = {
  summary: 'run the pipeline locally on DuckDB (simulating landing data unless --data is given)',
  help: runHelp,
  async run(args: string[], io: CliIo): Promise<number> {
    const { rest, mappings } = takePathMappings(args, io.cwd);
    const fullRefresh = rest.includes('--full-refresh');
    const continueOnError = rest.includes('--continue-on-error');
    const dry = rest.includes('--dry-run');
    const { paths, options } = parseArgs(
      rest.filter((a) => !SWITCHES.includes(a)),
      VALUED,
    );
    if (paths.length > 0) throw new UsageError(`unexpected argument '${paths[0]}' (see lakeflow help run)`);
    if (fullRefresh && options.has('refresh')) throw new UsageError('--full-refresh and --refresh exclude each other');
    if (options.has('data') && (options.has('events') || options.has('seed'))) {
      throw new UsageError(
        `--events and --seed simulate into ${DEFAULT_LANDING}; with --data the landing folder is yours (add data with lakeflow simulate --out DIR)`,
      );
    }
    const format = oneOf(options.get('format'), dry ? (['text', 'json', 'sarif'] as const) : (['text', 'json'] as const), 'text', 'format');
    const log = format === 'text' ? io.out : io.err;
    const at = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
    count(options.get('events'), 'events', 0);
    count(options.get('seed'), 'seed', 0);
    const concurrency = count(options.get('concurrency'), 'concurrency', 2);

    let bundleFile = options.get('bundle');
    if (!bundleFile && existsSync(join(io.cwd, 'bundle', 'databricks.yml'))) bundleFile = join('bundle', 'databricks.yml');
    if (!bundleFile && existsSync(join(io.cwd, 'databricks.yml'))) bundleFile = 'databricks.yml';
    if (!bundleFile) throw new UsageError(`no bundle found (looked for bundle/databricks.yml and databricks.yml); give --bundle FILE`);
    if (!existsSync(at(bundleFile))) throw new UsageError(`bundle file not found: ${bundleFile}`);
    // Like a run: `${source_root}` is the landing folder, though a dry run reads nothing from it.
    if (dry)
      return dryRunCommand(io, at(bundleFile), options, mappings, format, {
        source_root: toFileId(at(options.get('data') ?? DEFAULT_LANDING)),
      });
    // A pipeline whose cloud paths are mapped reads the mapped folders: nothing is simulated for it.
    const mapped = mappings.length > 0 && !options.has('data');
    const data = at(options.get('data') ?? (mapped ? '.' : DEFAULT_LANDING));
    if (options.has('data') && !existsSync(data)) throw new UsageError(`--data folder not found: ${data}`);

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
    const refresh = options
      .get('refresh')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const known = new Set(pipeline.plan.datasets.map((d) => d.key));
    for (const r of refresh ?? [])
      if (!known.has(r.toLowerCase())) throw new UsageError(`--refresh names ${r}, which is not a dataset of the pipeline`);

    // 1. Every file accounted for, before anything is written.
    const display = (f: string) => relative(io.cwd, f) || f;
    const check = checkPipeline(pipeline, { targetGiven: options.has('target'), display });
    if (check.errors.length > 0) {
      io.err(`lakeflow run: the pipeline has ${check.errors.length} error(s):\n`);
      printCheck(check, io, io.err);
      if (!continueOnError) {
        io.err(
          'lakeflow run: nothing was run or written; fix the errors (lakeflow check shows them too), or give --continue-on-error to run the datasets they do not affect\n',
        );
        return 1;
      }
    }
    if (pipeline.plan.datasets.length === 0) {
      io.err(`lakeflow run: the pipeline defines no dataset (its SQL files: ${pipeline.index.files().length}); nothing to run\n`);
      return 1;
    }
    for (const p of pipeline.plan.problems) io.err(`${relative(io.cwd, p.file)}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
    // A session time zone Spark accepts but the engine cannot run (e.g. +05:30): checked before any landing data is written.
    if (pipeline.plan.timeZoneProblem) {
      io.err(`lakeflow run: ${pipeline.plan.timeZoneProblem}; nothing was run or written\n`);
      return 1;
    }

    try {
      // 2. Landing data (append-only).
      if (!options.has('data') && !mapped) await prepareLanding(data, options, io, log);
      // 3. The update.
      const total = refresh?.length ?? pipeline.plan.datasets.length;
      let done = 0;
      const summary = await runPipeline(pipeline.plan, {
        database: at(options.get('db') ?? DEFAULT_DB),
        pipelineName: pipeline.name,
        baseDir: io.cwd,
        landingRoot: data,
        fullRefresh,
        refresh,
        concurrency,
        notRun: check.notRun,
        signal: io.signal,
        sourceText: (file) => pipeline.index.text(file),
        onProgress: (e) => {
          if (e.phase === 'end' && e.result && format === 'text') io.out(progressLine(e.result, ++done, total, io.cwd));
        },
      });
      // A statement that does not parse is a dataset of the pipeline all the same: it is listed, failed.
      summary.datasets.unshift(
        ...check.vanished.map((v): DatasetResult => ({
          name: v.name,
          kind: 'unknown',
          status: 'failed',
          rowsWritten: 0,
          rowsDropped: 0,
          expectations: [],
          seconds: 0,
          message: `${display(v.file)}: its statement does not parse (${v.error.code} ${v.error.message}), so it defines no dataset`,
          location: { file: v.file, line: v.error.range.start.line + 1, column: v.error.range.start.character + 1 },
        })),
      );
      if (summary.eventLogProblem) io.err(`lakeflow run: ${summary.eventLogProblem}\n`);
      if (format === 'json')
        io.out(JSON.stringify(summaryJson(summary, check.errors.length > 0 ? { errors: check.errors.length } : {})) + '\n');
      else io.out('\n' + summaryTable(summary, io.cwd));
      return check.errors.length === 0 && summary.datasets.every((d) => d.status === 'completed') ? 0 : 1;
    } catch (e) {
      if (e instanceof RunInterrupted || e instanceof SimulationInterrupted) {
        const db = at(options.get('db') ?? DEFAULT_DB);
        io.err(
          e instanceof SimulationInterrupted
            ? `interrupted: nothing of the new landing batch was kept, and the previous state of ${relative(io.cwd, db) || db} is intact\n`
            : `interrupted: the previous state of ${relative(io.cwd, db) || db} is intact\n`,
        );
        return 130;
      }
      throw e;
    }
  },
};
