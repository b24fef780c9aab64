// Which relation of a query a column reference reads, and where that column is
// defined: the select item or declared column of a pipeline dataset (followed
// through `SELECT *`), a CTE's or subquery's select item, a catalog table or a
// file source. Works on the query shapes the model keeps per dataset, so no
// tree walk is needed across files.
import { LineageColumn, OutputColumns, pivotColumns } from '../model/columnLineage';
import type { Dataset, Flow } from '../model/datasetTypes';
import { comparePositions, Location, Position, Range, rangeContains } from '../model/location';
import type { ColumnRef, QueryShape, Relation } from '../model/queryShape';
import type { FeatureContext } from './featureContext';

export type ColumnTarget =
  | { kind: 'dataset'; key: string; column: string }
  | { kind: 'query'; shape: QueryShape; column: string; label: string }
  | { kind: 'table'; fullName: string; column: string; type?: string }
  | { kind: 'files'; source: string; column: string; type?: string }
  | { kind: 'unknown'; column: string };

/** A query and the queries that enclose it (outermost first): the scopes a column reference may read. */
export type ScopeChain = QueryShape[];

export interface ColumnOccurrence {
  ref: ColumnRef;
  chain: ScopeChain;
}

/** The shapes a file's statements own: dataset queries and flow queries, each with its owner. */
export function ownedQueries(datasets: readonly Dataset[], flows: readonly Flow[]): { owner: string; range: Range; shape: QueryShape }[] {
  const out: { owner: string; range: Range; shape: QueryShape }[] = [];
  for (const d of datasets) if (d.query) out.push({ owner: d.key, range: d.range, shape: d.query });
  for (const f of flows) if (f.query) out.push({ owner: f.targetKey, range: f.range, shape: f.query });
  return out;
}

/** Every column reference of a query tree, with the scopes it is resolved in. */
export function forEachColumnRef(shape: QueryShape, fn: (o: ColumnOccurrence) => void, outer: ScopeChain = []): void {
  const chain = [...outer, shape];
  for (const cte of shape.ctes) forEachColumnRef(cte.query, fn, chain);
  for (const r of shape.from) if (r.kind === 'subquery') forEachColumnRef(r.query, fn, chain);
  for (const item of shape.items) if (item.kind === 'expr') for (const ref of item.columns) fn({ ref, chain });
  for (const ref of shape.otherColumns) fn({ ref, chain });
  for (const branch of shape.setBranches) forEachColumnRef(branch, fn, outer);
}

/**
 * The scope chain of the innermost pipe step (`|> ...`) holding the position,
 * or undefined when the position is in no pipe step (or inside a query nested
 * in one, which has its own scopes).
 */
export function pipeScopeAt(shape: QueryShape, position: Position, outer: ScopeChain = []): ScopeChain | undefined {
  const chain = [...outer, shape];
  const nested = [
    ...shape.ctes.map((c) => c.query),
    ...shape.from.flatMap((r) => (r.kind === 'subquery' ? [r.query] : [])),
    ...shape.setBranches,
  ];
  for (const q of nested) {
    const inner = pipeScopeAt(q, position, shape.setBranches.includes(q) ? outer : chain);
    if (inner) return inner;
  }
  const step = [...(shape.pipeScopes ?? [])].reverse().find((p) => rangeContains(p.range, position));
  return step ? [...chain, step.scope] : undefined;
}

/** The relations a pipe step at the position reads (the previous step, a JOIN's right side), with their columns. */
export function pipeStepRelations(
  ctx: FeatureContext,
  file: string,
  position: Position,
): { alias?: string; columns: OutputColumns }[] | undefined {
  const a = ctx.index.analysis(file);
  for (const q of ownedQueries(a?.datasets ?? [], a?.flows ?? [])) {
    if (!rangeContains(q.range, position)) continue;
    const chain = pipeScopeAt(q.shape, position);
    if (chain) return new ColumnResolver(ctx, file).relationsInScope(chain);
  }
  return undefined;
}

export function columnRefAt(shape: QueryShape, position: Position): ColumnOccurrence | undefined {
  let found: ColumnOccurrence | undefined;
  forEachColumnRef(shape, (o) => {
    if (!found && rangeContains(o.ref.range, position)) found = o;
    else if (!found && o.ref.qualifierRange && rangeContains(o.ref.qualifierRange, position)) found = o;
  });
  return found;
}

export class ColumnResolver {
  constructor(
    private readonly ctx: FeatureContext,
    private readonly file: string,
  ) {}

  /** The relation name or alias a relation answers to (lower case). */
  static aliasOf(r: Relation): string | undefined {
    return r.alias?.toLowerCase() ?? (r.kind === 'table' || r.kind === 'cte' ? r.name.toLowerCase() : undefined);
  }

  /** Columns of the relations visible in the innermost scope, grouped by relation alias. */
  relationsInScope(chain: ScopeChain): { alias?: string; relation: Relation; columns: OutputColumns }[] {
    const inner = chain[chain.length - 1];
    if (!inner) return [];
    return inner.from.map((relation) => ({
      alias: ColumnResolver.aliasOf(relation),
      relation,
      columns: this.relationColumns(relation, chain),
    }));
  }

  relationColumns(r: Relation, chain: ScopeChain): OutputColumns {
    const lineage = this.ctx.index.lineage();
    switch (r.kind) {
      case 'table': {
        const ref = this.ctx.index.analysis(this.file)?.references[r.reference];
        if (!ref) return { columns: [], complete: false };
        const res = this.ctx.index.resolve(ref);
        if (res.kind === 'dataset') return this.ctx.index.columnsOf(res.key);
        const full = res.fullName;
        return full ? this.catalogColumns(full) : { columns: [], complete: false };
      }
      case 'cte': {
        const cte = this.findCte(r.name, chain);
        return cte ? lineage.shapeColumns(cte.query, this.file, this.cteEnvironment(chain, cte.query)) : { columns: [], complete: false };
      }
      case 'pivot':
        return pivotColumns(r, (source) => this.relationColumns(source, chain));
      default:
        // Subqueries, file sources, generated columns: the model's rule (column aliases, hidden file columns).
        return lineage.relationColumns(r, this.file, this.cteEnvironment(chain));
    }
  }

  /** Catalog table columns from what the provider has cached (asking it to fetch what it lacks). */
  catalogColumns(fullName: string): OutputColumns {
    const looked = this.ctx.index.catalog(fullName);
    if (looked && looked !== 'unknown' && looked.columns)
      return { columns: looked.columns.map((c) => ({ name: c.name, ...(c.type ? { type: c.type } : {}), sources: [] })), complete: true };
    const peeked = this.ctx.catalog?.peekTable(fullName);
    if (!peeked || !peeked.fresh) void this.ctx.catalog?.getTable(fullName);
    const table = peeked?.value;
    if (!table) return { columns: [], complete: false };
    return { columns: table.columns.map((c) => ({ name: c.name, type: c.typeText, sources: [] })), complete: true };
  }

  resolve(o: ColumnOccurrence): ColumnTarget {
    const { ref } = o;
    for (let depth = o.chain.length; depth > 0; depth--) {
      const chain = o.chain.slice(0, depth);
      const scopes = this.relationsInScope(chain);
      const candidates = ref.qualifier !== undefined ? scopes.filter((s) => s.alias === ref.qualifier) : scopes;
      // `t.c` where t is no relation: t is a struct column, read as the column t.
      const name = ref.qualifier !== undefined && candidates.length === 0 ? ref.qualifier : ref.name;
      const pool = candidates.length > 0 ? candidates : scopes;
      for (const s of pool) {
        const col = s.columns.columns.find((c) => c.name.toLowerCase() === name);
        if (col) return this.targetOf(s.relation, col.name, chain, col);
      }
      const open = pool.filter((s) => !s.columns.complete);
      if (open.length === 1 && (ref.qualifier !== undefined || pool.length === 1)) return this.targetOf(open[0].relation, name, chain);
    }
    return { kind: 'unknown', column: ref.name };
  }

  private targetOf(r: Relation, column: string, chain: ScopeChain, col?: LineageColumn): ColumnTarget {
    switch (r.kind) {
      case 'table': {
        const ref = this.ctx.index.analysis(this.file)?.references[r.reference];
        const res = ref ? this.ctx.index.resolve(ref) : undefined;
        if (res?.kind === 'dataset') return { kind: 'dataset', key: res.key, column };
        if (res?.fullName) return { kind: 'table', fullName: res.fullName, column, ...(col?.type ? { type: col.type } : {}) };
        return { kind: 'unknown', column };
      }
      case 'cte': {
        const cte = this.findCte(r.name, chain);
        return cte ? { kind: 'query', shape: cte.query, column, label: `CTE ${cte.name}` } : { kind: 'unknown', column };
      }
      case 'subquery':
        return { kind: 'query', shape: r.query, column, label: 'subquery' };
      case 'files':
        return { kind: 'files', source: r.source, column, ...(col?.type ? { type: col.type } : {}) };
      case 'pivot': {
        // A source column the pivot keeps is that source's column; the ones it adds come from data values.
        if (r.removed.includes(column.toLowerCase())) return { kind: 'unknown', column };
        for (const source of r.source) {
          const kept = this.relationColumns(source, chain).columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
          if (kept) return this.targetOf(source, kept.name, chain, kept);
        }
        return { kind: 'unknown', column };
      }
      default:
        return { kind: 'unknown', column };
    }
  }

  private findCte(name: string, chain: ScopeChain): { name: string; query: QueryShape } | undefined {
    for (let i = chain.length - 1; i >= 0; i--) {
      const cte = chain[i].ctes.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (cte) return cte;
    }
    return undefined;
  }

  /** Output columns of every CTE visible from the chain (outer first), stopping before `upTo`. */
  private cteEnvironment(chain: ScopeChain, upTo?: QueryShape): Map<string, OutputColumns> {
    const env = new Map<string, OutputColumns>();
    const lineage = this.ctx.index.lineage();
    for (const shape of chain) {
      for (const cte of shape.ctes) {
        if (cte.query === upTo) return env;
        env.set(cte.name, lineage.shapeColumns(cte.query, this.file, env));
      }
    }
    return env;
  }
}

/**
 * Where a column of a pipeline dataset is defined: its declared column, else the
 * select item naming it, else (a `SELECT *` passes it through) the same search
 * in the dataset it comes from.
 */
export function datasetColumnSite(ctx: FeatureContext, key: string, column: string, depth = 0): Location | undefined {
  const ds = ctx.index.definition(key);
  if (!ds || depth > 32) return undefined;
  const lower = column.toLowerCase();
  const declared = ds.columns.find((c) => c.name.toLowerCase() === lower);
  if (declared) return { file: ds.file, range: declared.range };
  const shapes = ds.query ? [ds.query] : ctx.index.flowsInto(key).flatMap((f) => (f.query ? [f.query] : []));
  const file = ds.query ? ds.file : ctx.index.flowsInto(key)[0]?.file;
  for (const shape of shapes) {
    const item = itemNamed(shape, lower);
    if (item && file) return { file, range: item };
  }
  const source = ctx.index
    .columnsOf(key)
    .columns.find((c) => c.name.toLowerCase() === lower)
    ?.sources.find((s) => s.kind === 'dataset');
  if (source) return datasetColumnSite(ctx, source.dataset, source.column, depth + 1);
  return undefined;
}

/** The range of the select item whose output name is `lower`, in a query (not its CTEs). */
export function itemNamed(shape: QueryShape, lower: string): Range | undefined {
  for (const item of shape.items) if (item.kind === 'expr' && item.name?.toLowerCase() === lower) return item.range;
  return undefined;
}

/** Where a resolved column is defined, when the pipeline knows it. */
export function targetSite(ctx: FeatureContext, file: string, target: ColumnTarget): Location | undefined {
  switch (target.kind) {
    case 'dataset':
      return datasetColumnSite(ctx, target.key, target.column);
    case 'query': {
      const range = itemNamed(target.shape, target.column.toLowerCase());
      if (range) return { file, range };
      const col = ctx.index
        .lineage()
        .shapeColumns(target.shape, file, new Map())
        .columns.find((c) => c.name.toLowerCase() === target.column.toLowerCase());
      const src = col?.sources.find((s) => s.kind === 'dataset');
      return src ? datasetColumnSite(ctx, src.dataset, src.column) : undefined;
    }
    default:
      return undefined;
  }
}

export function sortLocations(list: Location[]): Location[] {
  return list.sort((a, b) => a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start));
}
