// The columns a pipeline's queries name, for a file source that declares no
// schema: an empty source (no files yet, or a dry run) is given these so the
// datasets that read it still bind, and `simulate --from-schema` writes them.
// Read from the syntax tree: plain names and `alias.name`, typed by how the SQL
// uses them (compared with a number or used in arithmetic: DOUBLE; id-like:
// BIGINT; anything else: text).
import type * as A from '../language/syntax/ast';
import { walk } from '../language/syntax/visit';
import { parseColumnList } from './translate/sparkTypes';

export interface NamedColumn {
  name: string;
  duckdb: string;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '<', '<=', '>', '>=']);
const IGNORED = new Set(['_metadata', '_rescued_data']);

/** Column names `statements` read (relation aliases stripped), with a type guessed from their use. */
export function columnsNamedIn(statements: readonly A.Statement[]): NamedColumn[] {
  const types = new Map<string, string>();
  for (const s of statements) {
    const aliases = new Set<string>();
    walk(s, (n) => {
      if (n.kind === 'TableAlias') aliases.add(n.name.name.toLowerCase());
      if (n.kind === 'TableRef') {
        const last = n.name.parts[n.name.parts.length - 1];
        if (last) aliases.add(last.name.toLowerCase());
      }
    });
    const nameOf = (n: A.ColumnRef): string | undefined => {
      if (n.parts.length === 0) return undefined;
      const first = n.parts[0].name;
      const name = n.parts.length > 1 && aliases.has(first.toLowerCase()) ? n.parts[1]?.name : first;
      return name && !IGNORED.has(name.toLowerCase()) ? name : undefined;
    };
    const numeric = new Set<A.Node>();
    walk(s, (n) => {
      if (n.kind === 'Binary' && ARITHMETIC.has(n.op)) {
        numeric.add(n.left);
        numeric.add(n.right);
      }
      if (n.kind === 'FunctionCall' && /^(sum|avg|round|abs)$/i.test(n.name.parts[n.name.parts.length - 1]?.name ?? ''))
        for (const a of n.args) numeric.add(a);
    });
    walk(s, (n) => {
      if (n.kind !== 'ColumnRef') return;
      const name = nameOf(n);
      if (!name) return;
      const type = /(^id|_id|_key)$/i.test(name) ? 'BIGINT' : numeric.has(n) ? 'DOUBLE' : 'VARCHAR';
      const had = types.get(name);
      if (!had || (had === 'VARCHAR' && type !== 'VARCHAR')) types.set(name, type);
    });
  }
  return [...types].map(([name, duckdb]) => ({ name, duckdb }));
}

/**
 * The columns a file source declares: its `schema`, then the `schemaHints` not
 * already named, first spelling kept. A list that does not parse is returned in
 * `errors` (`read_files schema: ...`) and contributes nothing.
 */
export function declaredSourceColumns(options: Readonly<Record<string, string>>): { columns: NamedColumn[]; errors: string[] } {
  const columns: NamedColumn[] = [];
  const errors: string[] = [];
  for (const [option, text] of [
    ['schema', options.schema],
    ['schemaHints', options.schemahints],
  ] as const) {
    if (!text) continue;
    const parsed = parseColumnList(text);
    if (!parsed.ok) errors.push(`read_files ${option}: ${parsed.reason}`);
    else for (const c of parsed.columns) if (!columns.some((x) => x.name.toLowerCase() === c.name.toLowerCase())) columns.push(c);
  }
  return { columns, errors };
}
