// `lakeflow simulate --from-schema`: sample landing files for any pipeline's
// own sources. Each read_files / cloud_files source of the plan (its path
// already mapped to a local folder) gets one new file in its format, with the
// columns its `schema` / `schemaHints` declare (or, undeclared, the columns the
// pipeline's queries name: engine/sourceColumns.ts). Never rewrites a file: a second call adds a batch.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as A from '../../language/syntax/ast';
import type { PipelinePlan } from '../../engine/plan';
import { declaredSourceColumns } from '../../engine/sourceColumns';
import { SampleColumn, SampleRowFactory, SampleValue } from './sampleRows';
import { valueHints } from './valueHints';

export interface FromSchemaOptions {
  plan: PipelinePlan;
  /** Every statement of the pipeline: the value hints come from all of them. */
  statements: readonly A.Statement[];
  rows: number;
  seed: number;
  /** Folder relative source paths resolve against. */
  baseDir: string;
}

export interface WrittenSource {
  dataset: string;
  path: string;
  file: string;
  format: string;
  rows: number;
  columns: SampleColumn[];
  /** True when no schema was declared and the columns were read from the query. */
  guessed: boolean;
}

/** The folder a source path names: the part before its first glob character. */
function folderOf(path: string): string {
  const local = path.replace(/^file:(\/\/)?/, '');
  const glob = local.search(/[*?{[]/);
  return glob < 0 ? local : local.slice(0, local.lastIndexOf('/', glob));
}

function csvCell(v: SampleValue): string {
  if (v === null) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvHeader = (options: Record<string, string>) => (options.header ?? 'false').toLowerCase() === 'true';

/** A file name in `dir` that does not exist yet: landing data is append-only. */
function newFileName(dir: string, seed: number, ext: string): string {
  for (let n = 1; ; n++) {
    const name = `sample-s${seed}-${String(n).padStart(4, '0')}.${ext}`;
    if (!existsSync(join(dir, name))) return name;
  }
}

export function simulateFromSchema(options: FromSchemaOptions): WrittenSource[] {
  const hints = valueHints(options.statements);
  const keyPool = Math.max(5, Math.ceil(options.rows / 8));
  const written: WrittenSource[] = [];
  const done = new Set<string>();
  for (const d of options.plan.datasets) {
    for (const flow of d.flows) {
      for (const source of flow.fileSources) {
        const dir = resolve(options.baseDir, folderOf(source.path));
        if (done.has(dir) || source.format === 'parquet') continue;
        done.add(dir);
        const declared = declaredSourceColumns(source.options).columns.map((c) => ({ name: c.name, type: c.duckdb }));
        const columns = declared.length > 0 ? declared : (source.readColumns ?? []).map((c) => ({ name: c.name, type: c.duckdb }));
        const factory = new SampleRowFactory(options.seed, `source:${source.path}`, hints, keyPool);
        const rows = Array.from({ length: options.rows }, () => factory.row(columns));
        mkdirSync(dir, { recursive: true });
        const ext = source.format === 'csv' ? 'csv' : 'json';
        const file = join(dir, newFileName(dir, options.seed, ext));
        const text =
          source.format === 'csv'
            ? [
                ...(csvHeader(source.options) ? [columns.map((c) => c.name).join(',')] : []),
                ...rows.map((r) => columns.map((c) => csvCell(r[c.name])).join(',')),
              ].join('\n') + '\n'
            : rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
        writeFileSync(file, text, { flag: 'wx' });
        written.push({
          dataset: d.name,
          path: source.path,
          file,
          format: source.format,
          rows: rows.length,
          columns,
          guessed: declared.length === 0,
        });
      }
    }
  }
  return written;
}
