// Columns a `read_files(...)` / `cloud_files(...)` source provides: the
// `schema` option is the complete list; `schemaHints` only names some columns
// (others are inferred, so the list stays open); nothing given: open.
import type { Expr, FunctionCall } from '../syntax/ast';

export interface FilesColumns {
  columns: { name: string; type?: string }[];
  complete: boolean;
  /** How lineage names the source: `read_files('<path>')` as written. */
  source: string;
}

/** Splits `a STRING, b STRUCT<x: INT, y: STRING>` at top-level commas into name and type. */
export function parseSchemaString(schema: string): { name: string; type?: string }[] {
  const out: { name: string; type?: string }[] = [];
  let depth = 0;
  let current = '';
  const flush = () => {
    const t = current.trim();
    current = '';
    if (!t) return;
    const m = /^(`(?:[^`]|``)+`|[^\s:]+)\s*:?\s*(.*)$/s.exec(t);
    if (!m) return;
    const name = m[1].startsWith('`') ? m[1].slice(1, -1).replace(/``/g, '`') : m[1];
    const type = m[2]
      .replace(/\s+NOT\s+NULL\b.*$/i, '')
      .replace(/\s+COMMENT\s+.*$/i, '')
      .trim();
    out.push(type ? { name, type: type.replace(/^\w+/, (w) => w.toUpperCase()) } : { name });
  };
  for (const c of schema) {
    if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    if (c === ',' && depth === 0) flush();
    else current += c;
  }
  flush();
  return out;
}

function optionValue(args: Expr[], key: string): string | undefined {
  for (const a of args) {
    if (a.kind === 'NamedArgument' && a.name.name.toLowerCase() === key.toLowerCase() && a.value.kind === 'StringLiteral')
      return a.value.value;
  }
  return undefined;
}

/** The columns auto loader adds to every file source (hidden `_metadata`, the rescue column), with their types. */
export const FILE_SOURCE_IMPLICIT_COLUMNS: readonly { name: string; type: string }[] = [
  {
    name: '_metadata',
    type: 'STRUCT<file_path: STRING, file_name: STRING, file_size: BIGINT, file_block_start: BIGINT, file_block_length: BIGINT, file_modification_time: TIMESTAMP>',
  },
  { name: '_rescued_data', type: 'STRING' },
];

export function filesColumns(call: FunctionCall): FilesColumns {
  const fn = call.name.parts[call.name.parts.length - 1]?.name.toLowerCase() ?? 'read_files';
  const first = call.args[0];
  const source = `${fn}('${first?.kind === 'StringLiteral' ? first.value : '?'}')`;
  if (fn === 'cloud_files') return { columns: [], complete: false, source };
  const schema = optionValue(call.args, 'schema');
  if (schema !== undefined) return { columns: parseSchemaString(schema), complete: true, source };
  const hints = optionValue(call.args, 'schemaHints');
  return { columns: hints ? parseSchemaString(hints) : [], complete: false, source };
}

export function isFilesFunction(call: FunctionCall): boolean {
  const fn = call.name.parts[call.name.parts.length - 1]?.name.toLowerCase();
  return fn === 'read_files' || fn === 'cloud_files';
}

/** `cloud_files(...)`, the legacy Auto Loader source, is a stream without `STREAM`. */
export function isStreamingFunction(call: FunctionCall): boolean {
  return call.name.parts[call.name.parts.length - 1]?.name.toLowerCase() === 'cloud_files';
}
