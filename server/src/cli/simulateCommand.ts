// `lakeflow simulate`: writes landing data for the example pipeline. Argument
// mistakes are usage errors (exit 2); file-system failures exit 1. Both are
// one line on stderr, and neither leaves a manifest behind.
import { isAbsolute, resolve } from 'node:path';
import type { CommandHelp } from './help';
import type { Subcommand } from './main';
import { CliIo, UsageError } from './io';
import { DEFAULT_OPTIONS, SimulateOptions } from '../simulator/simulateOptions';
import { simulate, SimulationInterrupted } from '../simulator/simulate';
import { FROM_SCHEMA_DEFAULTS, simulateFromSchemaCommand } from './simulateFromSchemaCommand';

const USAGE = 'usage: lakeflow simulate --out DIR [--events N] [--seed S] [--start ISO] [--days D]';
const FLAGS = ['out', 'events', 'seed', 'start', 'days'] as const;

const simulateHelp: CommandHelp = {
  usage: USAGE.slice('usage: '.length),
  description:
    'Writes simulated IoT events and CDC changes (JSON lines) as a new batch of landing data, and manifest.json counting every record and injected fault. Existing files are never rewritten: a batch already in the folder (same --seed and --start) is refused.',
  options: [
    { flag: '--out DIR', text: 'landing root (created if missing); required' },
    { flag: '--events N', text: 'IoT event lines, faulty lines and duplicates included', default: String(DEFAULT_OPTIONS.events) },
    { flag: '--seed S', text: 'random seed: equal arguments give equal bytes', default: String(DEFAULT_OPTIONS.seed) },
    { flag: '--start ISO', text: 'start of the simulated window (date or UTC date-time)', default: DEFAULT_OPTIONS.start },
    { flag: '--days D', text: 'length of the window in days', default: String(DEFAULT_OPTIONS.days) },
    {
      flag: '--from-schema',
      text: "instead: sample files for any pipeline's own sources, from their declared schemas (the options below)",
    },
    {
      flag: '--bundle FILE',
      text: 'with --from-schema: the bundle whose pipeline is read',
      default: 'bundle/databricks.yml, else databricks.yml',
    },
    { flag: '--target T', text: 'with --from-schema: bundle target whose settings apply', default: FROM_SCHEMA_DEFAULTS.target },
    { flag: '--pipeline KEY', text: 'with --from-schema: which pipeline of the bundle', default: 'the first' },
    { flag: '--map PREFIX=DIR', text: 'with --from-schema: the local folder of a cloud path prefix; repeatable' },
    { flag: '--rows N', text: 'with --from-schema: rows per source file', default: String(FROM_SCHEMA_DEFAULTS.rows) },
  ],
};
type Flag = (typeof FLAGS)[number];

/** lsn is commit time in microseconds; past this year it would exceed 2^53. */
const LATEST_START_YEAR = 2200;
const MAX_EVENTS = 1_000_000_000;
const MAX_DAYS = 3660;

export const simulateCommand: Subcommand = {
  summary: 'write simulated IoT and CDC landing files (JSON lines) and manifest.json',
  help: simulateHelp,
  async run(args: string[], io: CliIo): Promise<number> {
    if (args.includes('--from-schema') && !args.includes('--help') && !args.includes('-h')) return simulateFromSchemaCommand(args, io);
    const options = parseSimulateArgs(args, io.cwd);
    let manifest;
    try {
      manifest = await simulate(options, io.signal);
    } catch (e) {
      if (!(e instanceof SimulationInterrupted)) throw e;
      io.err(`interrupted: nothing of the batch was kept; ${options.out} is as it was\n`);
      return 130;
    }
    const cdcRecords = manifest.files.filter((f) => f.entity !== 'iot_events').reduce((n, f) => n + f.records, 0);
    io.out(
      `wrote ${manifest.entities.iot_events.records} IoT events and ${cdcRecords} CDC changes in ${manifest.files.length} files ` +
        `(batch ${manifest.batch}) to ${options.out}; the folder holds ${manifest.batches.length} batch(es), see manifest.json\n`,
    );
    return 0;
  },
};

export function parseSimulateArgs(args: string[], cwd: string): SimulateOptions {
  const given = new Map<Flag, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}' (${USAGE})`);
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg.slice(2) : arg.slice(2, eq)) as Flag;
    if (!FLAGS.includes(name)) throw new UsageError(`unknown option '--${name}' (${USAGE})`);
    if (given.has(name)) throw new UsageError(`option --${name} given more than once`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) value = args[++i];
    if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
    given.set(name, value);
  }
  const out = given.get('out');
  if (out === undefined) throw new UsageError(`missing --out DIR (${USAGE})`);
  return {
    out: isAbsolute(out) ? out : resolve(cwd, out),
    events: count('events', given.get('events') ?? String(DEFAULT_OPTIONS.events), 0, MAX_EVENTS),
    seed: count('seed', given.get('seed') ?? String(DEFAULT_OPTIONS.seed), 0, Number.MAX_SAFE_INTEGER),
    startMs: startTime(given.get('start') ?? DEFAULT_OPTIONS.start),
    days: count('days', given.get('days') ?? String(DEFAULT_OPTIONS.days), 1, MAX_DAYS),
  };
}

function count(name: Flag, text: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got '${text}'`);
  const n = Number(text);
  if (n < min) throw new UsageError(`--${name} must be at least ${min}, got ${text}`);
  if (n > max) throw new UsageError(`--${name} must be at most ${max}, got ${text}`);
  return n;
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A date (`2026-01-01`) or date-time with zone (`2026-01-01T06:00:00Z`), as epoch ms. */
export function startTime(text: string): number {
  const m = ISO_PATTERN.exec(text);
  const ms = m ? Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text) : NaN;
  // Date.parse rolls 2026-02-30 over to March: compare the calendar fields back.
  const calendarOk = m && !Number.isNaN(ms) && sameCalendarDay(m, ms);
  if (!calendarOk) throw new UsageError(`--start must be an ISO-8601 date or UTC date-time like 2026-01-01T00:00:00Z, got '${text}'`);
  const year = new Date(ms).getUTCFullYear();
  if (year < 1970 || year > LATEST_START_YEAR)
    throw new UsageError(`--start must fall between 1970 and ${LATEST_START_YEAR}, got '${text}'`);
  return ms;
}

function sameCalendarDay(m: RegExpExecArray, ms: number): boolean {
  const [, y, mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return false;
  // Check the day against the month's length, independent of the zone offset.
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  return Number(d) >= 1 && Number(d) <= daysInMonth && !Number.isNaN(ms);
}
