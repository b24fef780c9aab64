// The `lakeflow run` invocation of Run Locally, built as data: the extension's
// bundled CLI script run by the extension host's own executable as plain Node
// (ELECTRON_RUN_AS_NODE), no shell, JSON summary on stdout.
import * as path from 'node:path';
import { CliCommand } from '../databricks/cliCommand';

export interface LocalRunInput {
  /** Absolute path of server/out/lakeflow.js inside the extension. */
  cliScript: string;
  /** Absolute path of the bundle's databricks.yml. */
  bundleFile: string;
  /** The workspace folder holding the bundle: `.lakeflow/` is created there, as by `lakeflow run` in a terminal. */
  cwd: string;
  /** Simulated events to (re)generate before the run; 0 = the CLI's default, reusing landing data already there. */
  events: number;
  fullRefresh?: boolean;
  /** Only these datasets, reading their sources as the last run left them (`--refresh`). */
  refresh?: string[];
  /** The pipeline's key, when the bundle has several. */
  pipeline?: string;
  /** Cloud path prefix -> local folder (`--map`), from `lakeflow.localRun.pathMap`. */
  pathMap?: Record<string, string>;
  /** Bind every dataset with no data instead of running (`--dry-run`). */
  dryRun?: boolean;
  baseEnv: NodeJS.ProcessEnv;
}

export interface LocalRunInvocation {
  /** The command for runCli: the script, then `run` and its options. */
  command: CliCommand;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function localRunInvocation(input: LocalRunInput): LocalRunInvocation {
  const relativeBundle = path.relative(input.cwd, input.bundleFile);
  const bundle = relativeBundle && !relativeBundle.startsWith('..') && !path.isAbsolute(relativeBundle) ? relativeBundle : input.bundleFile;
  const args = ['--bundle', bundle, '--format', 'json'];
  for (const [prefix, dir] of Object.entries(input.pathMap ?? {})) args.push('--map', `${prefix}=${dir}`);
  if (input.dryRun) {
    args.push('--dry-run');
    if (input.pipeline) args.push('--pipeline', input.pipeline);
    return { command: { command: [input.cliScript, 'run'], args }, cwd: input.cwd, env: { ...input.baseEnv, ELECTRON_RUN_AS_NODE: '1' } };
  }
  // A run of one dataset recomputes it from the sources the last run left: it adds no landing batch.
  if (input.events > 0 && !input.refresh?.length) args.push('--events', String(Math.floor(input.events)));
  if (input.fullRefresh) args.push('--full-refresh');
  else if (input.refresh?.length) args.push('--refresh', input.refresh.join(','));
  if (input.pipeline) args.push('--pipeline', input.pipeline);
  return {
    command: { command: [input.cliScript, 'run'], args },
    cwd: input.cwd,
    env: { ...input.baseEnv, ELECTRON_RUN_AS_NODE: '1' },
  };
}

/** The database and event log `lakeflow run` writes (its defaults, relative to its cwd). */
export function localRunFiles(cwd: string): { database: string; eventLog: string } {
  return { database: path.join(cwd, '.lakeflow', 'lakehouse.duckdb'), eventLog: path.join(cwd, '.lakeflow', 'lakehouse.events.jsonl') };
}

export interface LocalRunSummary {
  datasets: { name: string; kind: string; status: string; rowsWritten: number; rowsDropped: number; message?: string }[];
  seconds: number;
  database: string;
}

/** The JSON summary the CLI prints last on stdout, or undefined when there is none. */
export function parseRunSummary(stdout: string): LocalRunSummary | undefined {
  const last = stdout.trim().split('\n').at(-1);
  if (!last) return undefined;
  try {
    const parsed = JSON.parse(last) as Partial<LocalRunSummary>;
    return Array.isArray(parsed.datasets) ? (parsed as LocalRunSummary) : undefined;
  } catch {
    return undefined;
  }
}

/** "24 of 26 datasets completed in 3.1 s; failed: silver_x; skipped: gold_y" */
export function summaryLine(s: LocalRunSummary): string {
  const completed = s.datasets.filter((d) => d.status === 'completed').length;
  const names = (status: string) => s.datasets.filter((d) => d.status === status).map((d) => d.name);
  const failed = names('failed');
  const skipped = names('skipped');
  return [
    `${completed} of ${s.datasets.length} datasets completed in ${s.seconds.toFixed(1)} s`,
    ...(failed.length ? [`failed: ${failed.join(', ')}`] : []),
    ...(skipped.length ? [`skipped: ${skipped.join(', ')}`] : []),
  ].join('; ');
}

/** The prefix a run's message asks to map (`--map /Volumes/c/s/v=DIR`), if any. */
export function unmappedPrefix(message: string | undefined): string | undefined {
  return message ? /--map (\S+?)=DIR/.exec(message)?.[1] : undefined;
}
