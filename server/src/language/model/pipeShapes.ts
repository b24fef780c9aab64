// Query shapes through SQL pipe syntax: each `|> operation` turns the shape
// built so far into the next one, so columns and lineage flow step by step.
// LIMIT, TABLESAMPLE and set operations extend the current shape; every
// other step reads the previous shape as a subquery (so WHERE after
// AGGREGATE sees the aggregate's columns, not its input's). Table aliases of
// earlier steps stay usable as qualifiers (`t.c` after `FROM t |> ...`), so
// such a qualifier is read as the piped relation. Each step also records its
// scope (`pipeScopes`) for completion.
import type * as ast from '../syntax/ast';
import { ColumnRef, emptyQuery, QueryShape, SelectItem } from './queryShape';
import { addRelation, buildQuery, collectColumns, selectItems, ShapeContext } from './queryShapeBuilder';

const lower = (s: string) => s.toLowerCase();

/**
 * Each modelled step nests the previous shape one level deeper, and lineage
 * walks shapes recursively: past this many steps the output is left open
 * (never flagged) and later steps only record what they read.
 */
const MAX_MODELLED_STEPS = 100;

export function applyPipes(base: QueryShape, pipes: ast.PipeOperator[], ctx: ShapeContext, ctes: ReadonlySet<string>): QueryShape {
  let shape = base;
  const scopes: NonNullable<QueryShape['pipeScopes']> = [];
  // Aliases of relations already folded into the piped relation.
  let carried = new Set<string>();
  for (const [i, pipe] of pipes.entries()) {
    if (i === MAX_MODELLED_STEPS) {
      readsOnly(pipes.slice(i), ctx, ctes);
      return { ...emptyQuery(), opaque: true, ...(scopes.length > 0 ? { pipeScopes: scopes } : {}) };
    }
    const keep = (refs: ColumnRef[]) =>
      refs.map((r) =>
        r.qualifier !== undefined && carried.has(r.qualifier) && !shape.from.some((f) => f.alias === r.qualifier) ? unqualified(r) : r,
      );
    const other = (node: ast.Node | undefined) => {
      if (!node) return;
      const found: ColumnRef[] = [];
      collectColumns(node, ctx, ctes, shape, found);
      shape.otherColumns.push(...keep(found));
    };
    switch (pipe.op) {
      case 'LIMIT':
      case 'TABLESAMPLE':
        continue;
      case 'UNION':
      case 'INTERSECT':
      case 'EXCEPT':
      case 'MINUS':
        for (const q of pipe.queries) shape.setBranches.push(buildQuery(q, ctx, ctes));
        continue;
    }
    const previous = shape;
    const singleAlias = previous.from.length === 1 ? previous.from[0].alias : undefined;
    const alias = pipe.op === 'AS' && pipe.alias ? lower(pipe.alias.name) : singleAlias;
    carried =
      pipe.op === 'AS'
        ? new Set()
        : new Set([...carried, ...previous.from.map((f) => f.alias).filter((a): a is string => a !== undefined)]);
    shape = emptyQuery();
    shape.from.push({ kind: 'subquery', query: previous, ...(alias ? { alias } : {}) });
    const items = (list: ast.SelectItem[]) =>
      list
        .flatMap((i) => selectItems(i, ctx, ctes, shape))
        .map((i) => (i.kind === 'expr' ? { ...i, columns: keep(i.columns), ...(i.typeFrom ? { typeFrom: keep(i.typeFrom) } : {}) } : i));
    const star = (except: string[] = []): SelectItem => ({ kind: 'star', except, range: ctx.toRange(pipe.span) });
    switch (pipe.op) {
      case 'SELECT':
        shape.items.push(...items(pipe.items));
        break;
      case 'AGGREGATE':
        shape.items.push(...items(pipe.groupBy ?? []), ...items(pipe.items));
        break;
      case 'EXTEND':
        shape.items.push(star(), ...items(pipe.items));
        break;
      case 'SET':
        shape.items.push(star(pipe.items.map((i) => lower(i.alias?.name ?? ''))), ...items(pipe.items));
        break;
      case 'DROP':
        shape.items.push(star(pipe.columns.map((c) => lower(c.name))));
        break;
      case 'AS':
      case 'WHERE':
      case 'ORDER BY':
      case 'WINDOW':
        // Same columns; WHERE and ORDER BY read the previous step's output.
        shape.items.push(star());
        other(pipe.condition);
        other(pipe.orderBy);
        break;
      case 'JOIN':
        if (pipe.right && pipe.right.kind !== 'Missing') addRelation(pipe.right, ctx, ctes, shape);
        else shape.from.push({ kind: 'unknown' });
        shape.items.push(star());
        break;
      default:
        // PIVOT / UNPIVOT name their columns from data values; an unknown step from nothing: both open.
        shape.from = [{ kind: 'unknown' }];
        shape.items.push(star());
        break;
    }
    if (pipe.op === 'SELECT' && pipe.groupBy)
      shape.otherColumns.push(...items(pipe.groupBy).flatMap((i) => (i.kind === 'expr' ? i.columns : [])));
    if (pipe.window) other(pipe.window);
    if (pipe.on) other(pipe.on);
    scopes.push({ range: ctx.toRange(pipe.span), scope: shape });
  }
  if (scopes.length > 0) shape.pipeScopes = scopes;
  return shape;
}

/** The tables, files and subqueries the steps read (for references and edges), with no shape kept. */
function readsOnly(pipes: ast.PipeOperator[], ctx: ShapeContext, ctes: ReadonlySet<string>): void {
  const scratch = emptyQuery();
  for (const pipe of pipes) {
    if (pipe.right && pipe.right.kind !== 'Missing') addRelation(pipe.right, ctx, ctes, scratch);
    for (const q of pipe.queries) buildQuery(q, ctx, ctes);
    for (const n of [pipe.condition, pipe.on, pipe.orderBy, pipe.window, ...pipe.items, ...(pipe.groupBy ?? [])])
      if (n) collectColumns(n, ctx, ctes, scratch, []);
  }
}

function unqualified(r: ColumnRef): ColumnRef {
  const { qualifier: _q, qualifierRange: _r, ...rest } = r;
  return rest;
}
