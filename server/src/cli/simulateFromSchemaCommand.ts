// `lakeflow simulate --from-schema [--bundle B] [--target T] [--map PREFIX=DIR]
// [--rows N] [--seed S]`: sample landing files for the pipeline's own sources,
// written into the folders the mappings give (see simulator/fromSchema/).
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { loadLocalPipeline } from '../engine/localPipeline';
import { diskFiles, toFileId } from '../files/diskFiles';
import { parse } from '../language/syntax/parser';
import { simulateFromSchema } from '../simulator/fromSchema/simulateFromSchema';
import { parseArgs } from './cliArgs';
import { CliIo, UsageError } from './io';
import { takePathMappings } from './pathMapOption';

export const FROM_SCHEMA_USAGE =
  'usage: lakeflow simulate --from-schema [--bundle FILE] [--target T] [--map PREFIX=DIR]... [--rows N] [--seed S]';
export const FROM_SCHEMA_DEFAULTS = { rows: 1000, seed: 7, target: 'local' };

function count(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw new UsageError(`--${option} must be an integer from 1 to 10000000`);
  return n;
}

/** Finds the bundle as `lakeflow run` does: --bundle, else bundle/databricks.yml or databricks.yml. */
export function findBundle(cwd: string, given: string | undefined): string {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const candidates = given ? [given] : [join('bundle', 'databricks.yml'), 'databricks.yml'];
  const found = candidates.find((c) => existsSync(at(c)));
  if (!found)
    throw new UsageError(
      given
        ? `bundle file not found: ${given}`
        : 'no bundle found (looked for bundle/databricks.yml and databricks.yml); give --bundle FILE',
    );
  return at(found);
}

export async function simulateFromSchemaCommand(args: string[], io: CliIo): Promise<number> {
  const { rest, mappings } = takePathMappings(
    args.filter((a) => a !== '--from-schema'),
    io.cwd,
  );
  const { paths, options } = parseArgs(rest, ['bundle', 'target', 'rows', 'seed', 'pipeline']);
  if (paths.length > 0) throw new UsageError(`unexpected argument '${paths[0]}' (${FROM_SCHEMA_USAGE})`);
  const rows = count(options.get('rows'), 'rows', FROM_SCHEMA_DEFAULTS.rows);
  const seed = count(options.get('seed'), 'seed', FROM_SCHEMA_DEFAULTS.seed);
  const files = diskFiles();
  const pipeline = loadLocalPipeline({
    bundleFile: toFileId(findBundle(io.cwd, options.get('bundle'))),
    target: options.get('target') ?? FROM_SCHEMA_DEFAULTS.target,
    pipelineKey: options.get('pipeline'),
    configuration: {},
    files,
    pathMap: mappings,
  });
  const unmapped = pipeline.plan.datasets.flatMap((d) => d.problems.filter((p) => p.message.includes('cloud path with no local folder')));
  for (const p of unmapped) io.err(`${relative(io.cwd, p.file)}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
  if (unmapped.length > 0) return 1;
  const parsed = new Map<string, ReturnType<typeof parse>['statements']>();
  const statementsOf = (file: string) => {
    let s = parsed.get(file);
    if (!s) parsed.set(file, (s = parse(files.readText(file) ?? '').statements));
    return s;
  };
  const all = [...new Set(pipeline.plan.datasets.map((d) => d.file))].flatMap(statementsOf);
  const written = simulateFromSchema({ plan: pipeline.plan, statements: all, rows, seed, baseDir: io.cwd });
  for (const w of written) {
    const guessed = w.guessed ? ' (no schema declared: columns read from the query, typed as text)' : '';
    io.out(`${w.dataset}: ${w.rows} rows, ${w.columns.length} columns -> ${relative(io.cwd, w.file) || w.file}${guessed}\n`);
  }
  if (written.length === 0) io.err('the pipeline reads no json or csv files: nothing to simulate\n');
  return written.length > 0 ? 0 : 1;
}
