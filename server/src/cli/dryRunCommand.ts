// The `--dry-run` branch of `lakeflow run`: loads the pipeline as a run would
// (bundle, target, path mappings), binds it with no data (dryRun.ts) and
// prints the findings like `lakeflow check`; exit 1 on any.
import { readFileSync } from 'node:fs';
import type { PathMapping } from '../engine/pathMap';
import { loadLocalPipeline } from '../engine/localPipeline';
import { diskFiles, toFileId } from '../files/diskFiles';
import { formatJson, formatSarif } from './checkFormats';
import { dryRun } from './dryRun';
import type { CliIo } from './io';
import { UsageError } from './io';

const TOOL_VERSION = '0.1.0';

export async function dryRunCommand(
  io: CliIo,
  bundleFile: string,
  options: Map<string, string>,
  mappings: PathMapping[],
  format: 'text' | 'json' | 'sarif',
  configuration: Record<string, string>,
): Promise<number> {
  const files = diskFiles();
  const pipeline = loadLocalPipeline({
    bundleFile: toFileId(bundleFile),
    target: options.get('target') ?? 'local',
    pipelineKey: options.get('pipeline'),
    configuration,
    files,
    pathMap: mappings,
  });
  const unknownTarget = pipeline.bundle?.problems.find((p) => p.kind === 'unknownTarget');
  if (unknownTarget && options.has('target')) throw new UsageError(unknownTarget.message);
  const { failedDatasets, ...report } = await dryRun(pipeline, (f) => files.readText(f) ?? readFileSync(f, 'utf8'), io.cwd);
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  if (format === 'json') io.out(formatJson(report));
  else if (format === 'sarif') io.out(formatSarif(report, TOOL_VERSION));
  else {
    for (const d of report.diagnostics)
      io.out(`${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}\n`);
    const total = pipeline.plan.datasets.length;
    const warnings = report.diagnostics.length - errors;
    const tail = warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : '';
    io.out(
      errors === 0
        ? `dry run: all ${total} datasets bind with no data${tail}\n`
        : `dry run: ${failedDatasets.length} of ${total} datasets do not bind locally${tail}\n`,
    );
  }
  return errors === 0 ? 0 : 1;
}
