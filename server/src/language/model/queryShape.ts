// The part of a query that column lineage needs, distilled from the syntax
// tree once per file so that resolving columns across files never re-walks
// the tree: relations in FROM/JOIN, CTEs, select items and the column
// references each expression makes.
import { Range } from './location';

export interface ColumnRef {
  /** Qualifier as written (`o` in `o.id`), lower-case; undefined when bare. */
  qualifier?: string;
  /** Column name, lower-case as compared; `display` keeps the spelling. */
  name: string;
  display: string;
  range: Range;
  qualifierRange?: Range;
  /** Further parts after `name` (`t.s.f.g` -> ['f', 'g']): struct fields. */
  fields?: string[];
  /** On an unknown reference lineage reports: the names it could have meant (columns and aliases in scope). */
  candidates?: string[];
}

export type Relation =
  /** A dataset or catalog table; `reference` indexes FileAnalysis.references. */
  | { kind: 'table'; alias?: string; reference: number; name: string }
  /** `read_files(...)` / `cloud_files(...)`: schema columns; `complete` false for schemaHints or inferred. */
  | { kind: 'files'; alias?: string; columns: { name: string; type?: string }[]; complete: boolean; source: string }
  /** `range`: where the subquery is written, so a feature can find its shape from the tree. */
  | { kind: 'subquery'; alias?: string; query: QueryShape; columnNames?: string[]; range?: Range }
  /** A name that resolves to a CTE of an enclosing query. */
  | { kind: 'cte'; alias?: string; name: string; columnNames?: string[] }
  /** PIVOT / UNPIVOT over `source` (its relations): their columns minus `removed`, then `added` (pivotShape.ts). */
  | { kind: 'pivot'; alias?: string; source: Relation[]; removed: string[]; added: string[] }
  /** Columns a LATERAL VIEW generator or a VALUES list adds, by name. */
  | { kind: 'generated'; alias?: string; columns: string[] }
  /** Table-valued functions and anything else whose columns are not known. */
  | { kind: 'unknown'; alias?: string };

export type SelectItem =
  | { kind: 'star'; qualifier?: string; except: string[]; range: Range }
  | {
      kind: 'expr';
      /** Output name: the alias, or the column name of a bare column reference. */
      name?: string;
      expression: string;
      /** Inferred type (casts, literals, well-known functions), when known. */
      type?: string;
      /**
       * Otherwise: the type is that of these columns (`c`, `CASE ... THEN a ELSE b END`, `coalesce(a, b)`,
       * `a - b`) together with `typeLiterals` (`x * 2`: INT), when they agree or are all numeric
       * (the widest then; integral `/` gives DOUBLE): typeInference.ts `combinedType`.
       */
      typeFrom?: ColumnRef[];
      typeLiterals?: string[];
      typeDivides?: boolean;
      columns: ColumnRef[];
      range: Range;
    };

export interface QueryShape {
  ctes: { name: string; query: QueryShape; columnNames?: string[] }[];
  from: Relation[];
  items: SelectItem[];
  /** Column references outside the select list (WHERE, GROUP BY, ON, ...) checked against the sources. */
  otherColumns: ColumnRef[];
  /** Other branches of UNION / INTERSECT / EXCEPT; output names come from this (the first) branch. */
  setBranches: QueryShape[];
  /** Names bound inside expressions (lambda parameters) that are not columns. */
  boundNames: string[];
  /** The output columns cannot be known (VALUES bodies, unparsed input). */
  opaque?: boolean;
  /**
   * Pipe steps (`|> ...`) of this query: the text each covers and the scope its
   * expressions read (the previous step as a relation, plus a JOIN's right side).
   */
  pipeScopes?: { range: Range; scope: QueryShape }[];
}

export function emptyQuery(): QueryShape {
  return { ctes: [], from: [], items: [], otherColumns: [], setBranches: [], boundNames: [] };
}

/** The query of the CTE `name` (lower case) declared in `shape` or in a query nested in its FROM. */
export function cteQueryNamed(shape: QueryShape, name: string): QueryShape | undefined {
  for (const c of shape.ctes) {
    if (c.name.toLowerCase() === name) return c.query;
    const inner = cteQueryNamed(c.query, name);
    if (inner) return inner;
  }
  for (const r of shape.from) {
    const inner = r.kind === 'subquery' ? cteQueryNamed(r.query, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}
