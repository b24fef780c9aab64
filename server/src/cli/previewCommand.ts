// `lakeflow preview DATASET`: the first rows of a dataset in the local
// lakehouse that `lakeflow run` built, as a text table or one JSON object
// (what the editor's "Preview Local Rows" shows). Read-only.
import { isAbsolute, join, resolve } from 'node:path';
import type { CommandHelp } from './help';
import type { Subcommand } from './main';
import { CliIo, UsageError } from './io';
import { oneOf, parseArgs } from './cliArgs';
import { DatasetRows, PreviewError, readDatasetRows } from '../engine/runtime/previewRows';

const USAGE = 'usage: lakeflow preview DATASET [--db FILE] [--limit N] [--format text|json]';

const previewHelp: CommandHelp = {
  usage: USAGE.slice('usage: '.length),
  description: 'Shows the first rows of a dataset in the local lakehouse that lakeflow run built (read-only).',
  options: [
    { flag: '--db FILE', text: 'the lakehouse database', default: '.lakeflow/lakehouse.duckdb' },
    { flag: '--limit N', text: 'rows to show, 0 to 100000', default: '100' },
    { flag: '--format F', text: 'text or json', default: 'text' },
  ],
};
const MAX_CELL = 40;

function cellText(v: unknown): string {
  const text = v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL ? flat.slice(0, MAX_CELL - 1) + '…' : flat;
}

export function rowsTable(r: DatasetRows): string {
  const header = r.columns.map((c) => c.name);
  const body = r.rows.map((row) => r.columns.map((c) => cellText(row[c.name])));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `${r.rows.length} of ${r.totalRows} rows of ${r.table}`,
    '',
  ].join('\n');
}

export const previewCommand: Subcommand = {
  summary: 'show the first rows of a dataset in the local lakehouse (after lakeflow run)',
  help: previewHelp,
  async run(args: string[], io: CliIo): Promise<number> {
    const { paths, options } = parseArgs(args, ['db', 'limit', 'format']);
    if (paths.length !== 1)
      throw new UsageError(paths.length === 0 ? `name a dataset (${USAGE})` : `unexpected argument '${paths[1]}' (${USAGE})`);
    const format = oneOf(options.get('format'), ['text', 'json'] as const, 'text', 'format');
    const limit = Number(options.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100_000) throw new UsageError('--limit must be an integer from 0 to 100000');
    const db = options.get('db') ?? join('.lakeflow', 'lakehouse.duckdb');
    try {
      const rows = await readDatasetRows(isAbsolute(db) ? db : resolve(io.cwd, db), paths[0], limit);
      io.out(format === 'json' ? JSON.stringify(rows) + '\n' : rowsTable(rows));
      return 0;
    } catch (e) {
      if (e instanceof PreviewError) {
        io.err(`lakeflow preview: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
