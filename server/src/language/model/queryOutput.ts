// Output column names of a query read from its tree alone, through the same
// shape builder the index uses: what completion offers for a subquery, or a
// CTE whose statement the index has no analysis for (a half-typed statement).
import type * as ast from '../syntax/ast';
import type { FunctionCatalogue } from '../facts/databricksFunctions';
import type { OutputColumns } from './columnLineage';
import { Position, Range, rangeContains } from './location';
import { cteQueryNamed, QueryShape } from './queryShape';
import { buildQuery } from './queryShapeBuilder';
import { lastPartKey } from './fileAnalyzer';
import { spanMapper } from './spanRanges';
import type { WorkspaceIndex } from './workspaceIndex';

/** Named output columns (aliases and implicit names; `*` and unnamed expressions are left out). */
export function queryOutputNames(q: ast.Query, text: string, functions: FunctionCatalogue): string[] {
  // A throwaway context: the references this records belong to no analysis.
  const shape = buildQuery(q, { text, toRange: spanMapper(text), functions, references: [], reads: [], keyOf: lastPartKey });
  // An unaliased expression is named by its text (`count(*)`): not a name anyone types.
  return shape.items.flatMap((i) =>
    i.kind === 'expr' && i.name !== undefined && (i.name !== i.expression || /^\w+$/.test(i.name)) ? [i.name] : [],
  );
}

/**
 * A CTE's output columns: its declared column list; else, from the statement
 * the index analysed at `position`, the CTE's shape through column lineage
 * (SELECT *, types); else its named select items.
 */
export function cteOutputColumns(
  index: WorkspaceIndex,
  file: string,
  position: Position,
  cte: ast.Cte,
  text: string,
  functions: FunctionCatalogue,
): { name: string; type?: string }[] {
  if (cte.columns) return cte.columns.map((c) => ({ name: c.name }));
  const a = index.analysis(file);
  const name = cte.name.kind === 'Missing' ? '' : cte.name.name.toLowerCase();
  for (const owner of [...(a?.datasets ?? []), ...(a?.flows ?? [])]) {
    if (!owner.query || !rangeContains(owner.range, position)) continue;
    const shape = cteQueryNamed(owner.query, name);
    if (shape) return index.lineage().shapeColumns(shape, file, new Map()).columns;
  }
  return cte.query.kind === 'Query' ? queryOutputNames(cte.query, text, functions).map((n) => ({ name: n })) : [];
}

/**
 * The output columns of the subquery written at `range` in `file`: from the
 * analysed shape through column lineage (`SELECT *` expanded, types), else its
 * named select items.
 */
export function subqueryOutputColumns(
  index: WorkspaceIndex,
  file: string,
  range: Range,
  q: ast.Query,
  text: string,
  functions: FunctionCatalogue,
): { name: string; type?: string }[] {
  const a = index.analysis(file);
  for (const owner of [...(a?.datasets ?? []), ...(a?.flows ?? [])]) {
    const found = owner.query && subqueryAt(owner.query, range);
    if (found) return index.lineage().relationColumns(found, file, new Map<string, OutputColumns>()).columns;
  }
  return queryOutputNames(q, text, functions).map((name) => ({ name }));
}

type SubqueryRelation = Extract<QueryShape['from'][number], { kind: 'subquery' }>;

function subqueryAt(shape: QueryShape, range: Range): SubqueryRelation | undefined {
  for (const r of shape.from) {
    if (r.kind !== 'subquery') continue;
    if (r.range && sameRange(r.range, range)) return r;
    const inner = subqueryAt(r.query, range);
    if (inner) return inner;
  }
  for (const nested of [...shape.ctes.map((c) => c.query), ...shape.setBranches]) {
    const inner = subqueryAt(nested, range);
    if (inner) return inner;
  }
  return undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
