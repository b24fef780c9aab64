// The `lakeflow preview` invocation of "Preview Local Rows", built as data like
// Run Locally's: the bundled CLI script run as plain Node, no shell, JSON on
// stdout; and the shape of that JSON.
import type { DatasetRows } from '../../../protocol/src/datasetRows';
import { CliCommand } from '../databricks/cliCommand';

export type { DatasetRows };

export const PREVIEW_LIMIT = 200;

export function previewInvocation(
  cliScript: string,
  dataset: string,
  database: string,
  baseEnv: NodeJS.ProcessEnv,
): { command: CliCommand; env: NodeJS.ProcessEnv } {
  return {
    command: { command: [cliScript, 'preview'], args: [dataset, '--db', database, '--limit', String(PREVIEW_LIMIT), '--format', 'json'] },
    env: { ...baseEnv, ELECTRON_RUN_AS_NODE: '1' },
  };
}

export function parseDatasetRows(stdout: string): DatasetRows | undefined {
  try {
    const parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Partial<DatasetRows>;
    return Array.isArray(parsed.columns) && Array.isArray(parsed.rows) && typeof parsed.totalRows === 'number'
      ? (parsed as DatasetRows)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The CLI's own one-line reason (`lakeflow preview: ...`), else its last line. */
export function previewFailure(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('lakeflow preview: ')) ?? stderr.trim().split('\n').at(-1) ?? '';
  return line.replace(/^lakeflow preview: /, '') || 'lakeflow preview failed';
}
