// The built-in function catalogue as data the features consume: completion and
// signature help (signature, summary), expectation linting (kind), the local
// engine (DuckDB equivalent).
import { DATABRICKS_FUNCTION_TABLE } from './databricksFunctionTable';

export type FunctionKind = 'scalar' | 'aggregate' | 'window' | 'generator' | 'higher_order' | 'table_valued';

/** How DuckDB answers the function: unchanged, by another expression, differently, or not at all. */
export type DuckDbEquivalent = { kind: 'same' } | { kind: 'alt'; expression: string } | { kind: 'different' } | { kind: 'missing' };

export interface FunctionInfo {
  name: string;
  kind: FunctionKind;
  signature: string;
  returns: string;
  duckdb: DuckDbEquivalent;
  summary: string;
}

export interface FunctionCatalogue {
  get(name: string): FunctionInfo | undefined;
  all(): readonly FunctionInfo[];
}

function parseDuckDb(cell: string): DuckDbEquivalent {
  if (cell.startsWith('alt:')) return { kind: 'alt', expression: cell.slice(4) };
  if (cell === 'same' || cell === 'different' || cell === 'missing') return { kind: cell };
  return { kind: 'missing' };
}

/** Parses the table; names are lower case, lookups are case-insensitive. */
export function createFunctionCatalogue(table: string = DATABRICKS_FUNCTION_TABLE): FunctionCatalogue {
  const byName = new Map<string, FunctionInfo>();
  const lines = table.split('\n').filter((l) => l.trim() !== '');
  for (const line of lines.slice(1)) {
    const [name, kind, signature, returns, duckdb, summary] = line.split('\t');
    if (!name || !kind) continue;
    byName.set(name.toLowerCase(), {
      name: name.toLowerCase(),
      kind: kind as FunctionKind,
      signature: signature ?? name,
      returns: returns ?? '',
      duckdb: parseDuckDb(duckdb ?? ''),
      summary: summary ?? '',
    });
  }
  const all = [...byName.values()];
  return { get: (name) => byName.get(name.toLowerCase()), all: () => all };
}
