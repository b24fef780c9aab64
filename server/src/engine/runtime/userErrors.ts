// Turns what DuckDB says about a failed dataset into the user's terms: no
// engine class prefixes ("Binder Error:"), no internal relation names
// (`__lakeflow_new_x`, source placeholders), no suggestions of DuckDB's own
// catalog ("Did you mean pg_attrdef / information_schema...?"), and a position
// in the pipeline's SQL: where the unknown name is written in the dataset's
// statement, else where the statement starts.
import { LineIndex } from '../../language/syntax/lineIndex';
import type { DatasetPlan } from '../plan';

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
}

export interface UserError {
  text: string;
  location: SourceLocation;
}

const INTERNAL = /"?__lakeflow_(?:new\d*|stage\d*|delta|cdcstage\d*|cdc)_([A-Za-z0-9_]+)"?/g;
const SOURCE = /"?__lakeflow_src_[A-Za-z0-9_]+"?/g;
const STREAM = /"?__lakeflow_stream_([A-Za-z0-9_]+)"?/g;

function cleanNames(text: string, plan: DatasetPlan): string {
  return text
    .replace(INTERNAL, (_m, key: string) => (key.toLowerCase() === plan.key ? plan.name : key))
    .replace(SOURCE, 'read_files(...)')
    .replace(STREAM, (_m, key: string) => `STREAM(${key})`);
}

/** The engine's first line without its class prefix, and what the name it complains about is. */
function reword(raw: string): { text: string; name?: string } {
  const lines = raw.split('\n');
  const first = lines[0].replace(/^[A-Z][A-Za-z ]*Error: /, '').trim();
  const candidates = lines.find((l) => l.startsWith('Candidate bindings:'));
  if (/No space left on device/i.test(first))
    return { text: 'no space left on device for the database: free some space and run again (the previous state is kept)' };
  let m = /^Table with name (\S+) does not exist!?$/.exec(first);
  if (m) return { text: `reads ${m[1]}, which is neither a dataset of this pipeline nor a table in the local lakehouse`, name: m[1] };
  m = /^Referenced column "([^"]+)" not found in FROM clause!?$/.exec(first);
  if (m) {
    const known = candidates
      ? candidates
          .replace(/^Candidate bindings:\s*/, '')
          .replace(/"/g, '')
          .trim()
      : '';
    return { text: `unknown column ${m[1]}${known ? ` (columns with a similar name: ${known})` : ''}`, name: m[1] };
  }
  m = /^Table "([^"]+)" does not have a column named "([^"]+)"/.exec(first);
  if (m) return { text: `unknown column ${m[1]}.${m[2]} (${m[1]} has no column ${m[2]})`, name: `${m[1]}.${m[2]}` };
  m = /^Referenced table "([^"]+)" not found!?/.exec(first);
  if (m) return { text: `unknown table or alias ${m[1]}`, name: m[1] };
  return { text: first.replace(/!$/, '') };
}

function findName(text: string, name: string, from: number, to: number): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![A-Za-z0-9_])\`?${escaped}(?![A-Za-z0-9_])`, 'gi');
  re.lastIndex = from;
  const m = re.exec(text);
  return m && m.index < to ? m.index : undefined;
}

/**
 * `error` thrown while running `plan`, in the user's terms. `source` is the
 * text of the dataset's file when known (positions then point into it).
 */
export function userError(error: unknown, plan: DatasetPlan, source: string | undefined): UserError {
  const raw = error instanceof Error ? error.message : String(error);
  const { text, name } = reword(cleanNames(raw, plan));
  let offset = plan.span.start;
  if (source && name) {
    // Skip the dataset's own name: the unknown name is in its query.
    const bare = name.split('.').pop()!;
    offset = findName(source, name, plan.span.start, plan.span.end) ?? findName(source, bare, plan.span.start, plan.span.end) ?? offset;
  }
  const position = source ? new LineIndex(source).positionAt(offset) : { line: 0, character: 0 };
  return { text, location: { file: plan.file, line: position.line + 1, column: position.character + 1 } };
}
