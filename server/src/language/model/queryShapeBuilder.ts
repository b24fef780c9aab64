// Distils a syntax-tree query into a QueryShape while recording the dataset
// references and source reads it makes. One pass per query; nested queries in
// expressions (IN (SELECT ...), EXISTS) contribute references too.
import type * as ast from '../syntax/ast';
import type { FunctionCatalogue } from '../facts/databricksFunctions';
import { walk } from '../syntax/visit';
import { DatasetReference, SourceRead } from './datasetTypes';
import { arrayElement, exprType } from './exprTypes';
import { ARITHMETIC_OPS, typedArguments } from './typeInference';
import { ColumnRef, emptyQuery, QueryShape, Relation, SelectItem } from './queryShape';
import { pivotSpec } from './pivotShape';
import { applyPipes } from './pipeShapes';
import { filesColumns, isFilesFunction, isStreamingFunction } from './readFilesSchema';
import { SpanToRange } from './spanRanges';

export interface ShapeContext {
  text: string;
  toRange: SpanToRange;
  functions: FunctionCatalogue;
  /** Every reference of the file, appended to. */
  references: DatasetReference[];
  /** Reads of the statement being analysed, appended to. */
  reads: SourceRead[];
  consumer?: string;
  /** The key a written name is known by in the pipeline (`datasetKey`). */
  keyOf: (parts: readonly string[]) => string;
  onceFlow?: boolean;
  cdcSource?: boolean;
}

const lower = (s: string) => s.toLowerCase();

export function buildQuery(q: ast.Query | ast.Missing | undefined, ctx: ShapeContext, ctes: ReadonlySet<string> = new Set()): QueryShape {
  if (!q || q.kind === 'Missing') return { ...emptyQuery(), opaque: true };
  const scope = new Set(ctes);
  const cteShapes: QueryShape['ctes'] = [];
  for (const cte of q.with?.ctes ?? []) {
    if (cte.name.kind === 'Missing') continue;
    const name = lower(cte.name.name);
    if (q.with?.recursive) scope.add(name);
    const shape = buildQuery(cte.query, ctx, scope);
    cteShapes.push({ name, query: shape, ...(cte.columns ? { columnNames: cte.columns.map((c) => c.name) } : {}) });
    scope.add(name);
  }
  const body = buildBody(q.body, ctx, scope);
  for (const item of q.orderBy?.items ?? []) collectColumns(item.expr, ctx, scope, body, body.otherColumns);
  const shape = q.pipes ? applyPipes(body, q.pipes, ctx, scope) : body;
  shape.ctes = cteShapes;
  return shape;
}

function buildBody(body: ast.QueryBody, ctx: ShapeContext, ctes: ReadonlySet<string>): QueryShape {
  switch (body.kind) {
    case 'Select':
      return buildSelect(body, ctx, ctes);
    case 'SetOperation': {
      const left = buildBody(body.left, ctx, ctes);
      left.setBranches.push(buildBody(body.right, ctx, ctes));
      return left;
    }
    case 'ParenQuery':
      return buildQuery(body.query, ctx, ctes);
    case 'TableBody': {
      const shape = emptyQuery();
      if (body.name.kind !== 'Missing') shape.from.push(tableRelation(body.name, false, undefined, ctx, ctes, body.span));
      shape.items.push({ kind: 'star', except: [], range: ctx.toRange(body.span) });
      return shape;
    }
    default:
      // VALUES and missing bodies: columns unknown; still record nested references.
      if (body.kind === 'Values') {
        const shape = { ...emptyQuery(), opaque: true };
        for (const row of body.rows) for (const e of row) collectColumns(e, ctx, ctes, shape, []);
        return shape;
      }
      return { ...emptyQuery(), opaque: true };
  }
}

function buildSelect(s: ast.Select, ctx: ShapeContext, ctes: ReadonlySet<string>): QueryShape {
  const shape = emptyQuery();
  // A relation lost to a syntax error still counts as a source of unknown
  // columns, so a half-typed JOIN does not flag every column it would provide.
  for (const r of s.from?.relations ?? [])
    if (r.kind !== 'Missing') addRelation(r, ctx, ctes, shape);
    else shape.from.push({ kind: 'unknown' });
  for (const lv of s.from?.lateralViews ?? []) {
    if (lv.call.kind !== 'Missing') collectColumns(lv.call, ctx, ctes, shape, shape.otherColumns);
    shape.from.push({
      kind: 'generated',
      alias: lv.tableAlias ? lower(lv.tableAlias.name) : undefined,
      columns: lv.columnAliases.map((c) => c.name),
    });
  }
  for (const item of s.items) shape.items.push(...selectItems(item, ctx, ctes, shape));
  // `FROM t` alone (the start of a pipe) is `TABLE t`: every column.
  if (s.items.length === 0 && s.from) shape.items.push({ kind: 'star', except: [], range: ctx.toRange(s.from.span) });
  for (const clause of [s.where, s.having, s.qualify]) if (clause) collectColumns(clause.condition, ctx, ctes, shape, shape.otherColumns);
  for (const g of s.groupBy?.items ?? []) collectColumns(g, ctx, ctes, shape, shape.otherColumns);
  for (const w of s.window?.windows ?? []) collectColumns(w.spec, ctx, ctes, shape, shape.otherColumns);
  return shape;
}

function aliasOf(a: ast.TableAlias | undefined): { alias?: string; columnNames?: string[] } {
  if (!a) return {};
  return { alias: lower(a.name.name), ...(a.columns ? { columnNames: a.columns.map((c) => c.name) } : {}) };
}

export function addRelation(r: ast.Relation, ctx: ShapeContext, ctes: ReadonlySet<string>, shape: QueryShape): void {
  switch (r.kind) {
    case 'TableRef':
      shape.from.push(tableRelation(r.name, r.stream, r.alias, ctx, ctes, r.span));
      return;
    case 'TableFunction': {
      const { alias } = aliasOf(r.alias);
      // `STREAM` before any table-valued function reads it as a stream; `cloud_files` (legacy Auto Loader) always streams.
      const streaming = r.stream || isStreamingFunction(r.call);
      if (isFilesFunction(r.call)) {
        ctx.reads.push({
          streaming,
          files: true,
          ...(isStreamingFunction(r.call) ? { autoLoader: true } : {}),
          range: ctx.toRange(r.span),
        });
        const cols = filesColumns(r.call);
        shape.from.push({ kind: 'files', alias, columns: cols.columns, complete: cols.complete, source: cols.source });
      } else {
        ctx.reads.push({ streaming, files: false, range: ctx.toRange(r.span) });
        shape.from.push({ kind: 'unknown', alias });
      }
      for (const a of r.call.args) collectColumns(a, ctx, ctes, shape, []);
      return;
    }
    case 'SubqueryRelation': {
      const query = buildQuery(r.query, ctx, ctes);
      shape.from.push({ kind: 'subquery', query, ...aliasOf(r.alias), range: ctx.toRange(r.span) });
      return;
    }
    case 'ValuesRelation': {
      const { alias, columnNames } = aliasOf(r.alias);
      shape.from.push(columnNames ? { kind: 'generated', alias, columns: columnNames } : { kind: 'unknown', alias });
      return;
    }
    case 'PivotRelation': {
      // The source's columns, minus those the clause consumes, plus the ones it names (pivotShape.ts).
      const source = emptyQuery();
      if (r.source.kind !== 'Missing') addRelation(r.source, ctx, ctes, source);
      shape.from.push({
        kind: 'pivot',
        alias: r.alias ? lower(r.alias.name.name) : undefined,
        source: source.from,
        ...pivotSpec(r, ctx.text),
      });
      return;
    }
    case 'ParenRelation':
      if (r.relation.kind !== 'Missing') addRelation(r.relation, ctx, ctes, shape);
      else shape.from.push({ kind: 'unknown' });
      return;
    case 'Join':
      addRelation(r.left, ctx, ctes, shape);
      if (r.right.kind !== 'Missing') addRelation(r.right, ctx, ctes, shape);
      else shape.from.push({ kind: 'unknown' });
      if (r.on) collectColumns(r.on, ctx, ctes, shape, shape.otherColumns);
      return;
  }
}

function tableRelation(
  name: ast.QualifiedName,
  stream: boolean,
  alias: ast.TableAlias | undefined,
  ctx: ShapeContext,
  ctes: ReadonlySet<string>,
  span: ast.Span,
): Relation {
  const parts = name.parts;
  const last = parts[parts.length - 1];
  const a = aliasOf(alias);
  if (parts.length === 1 && ctes.has(lower(last.name)))
    return { kind: 'cte', name: lower(last.name), ...a, alias: a.alias ?? lower(last.name) };
  if (parts.length === 0) return { kind: 'unknown', alias: a.alias };
  const index = addReference(name, stream, ctx);
  ctx.reads.push({ streaming: stream, files: false, reference: index, range: ctx.toRange(span) });
  return { kind: 'table', reference: index, name: lower(last.name), alias: a.alias ?? lower(last.name) };
}

/**
 * An identifier's name with any `${key}` kept verbatim, so the pipeline
 * configuration can be substituted later (the parser gives a standalone
 * `${catalog}` the name `catalog`).
 */
export function identifierName(id: ast.Identifier): string {
  return id.params?.length && !id.quoted ? id.text : id.name;
}

/** Records a dataset reference; a leading `LIVE` qualifier is split off and remembered. */
export function addReference(name: ast.QualifiedName, streaming: boolean, ctx: ShapeContext): number {
  let parts = name.parts;
  let livePrefix: ast.Span | undefined;
  if (parts.length >= 2 && parts[0].name.toLowerCase() === 'live' && !parts[0].quoted) {
    livePrefix = { start: parts[0].span.start, end: parts[1].span.start };
    parts = parts.slice(1);
  }
  const last = parts[parts.length - 1];
  const written = parts.map(identifierName);
  const ref: DatasetReference = {
    parts: written,
    // `LIVE.x` names the pipeline's own dataset, whatever schema it publishes to.
    key: livePrefix ? lower(last.name) : ctx.keyOf(written),
    range: ctx.toRange({ start: parts[0].span.start, end: last.span.end }),
    streaming,
  };
  if (ctx.consumer !== undefined) ref.consumer = ctx.consumer;
  if (livePrefix) ref.livePrefix = ctx.toRange(livePrefix);
  if (ctx.cdcSource) ref.cdcSource = true;
  if (ctx.onceFlow) ref.onceFlow = true;
  ctx.references.push(ref);
  return ctx.references.length - 1;
}

export function selectItems(item: ast.SelectItem, ctx: ShapeContext, ctes: ReadonlySet<string>, shape: QueryShape): SelectItem[] {
  const e = item.expr;
  const range = ctx.toRange(item.span);
  if (e.kind === 'Star') {
    return [
      {
        kind: 'star',
        qualifier: e.qualifier?.map((q) => lower(q.name)).join('.'),
        except: (e.except ?? []).map((c) => lower(c.parts[c.parts.length - 1]?.name ?? '')),
        range,
      },
    ];
  }
  const columns: ColumnRef[] = [];
  collectColumns(e, ctx, ctes, shape, columns);
  const expression = ctx.text.slice(e.span.start, e.span.end);
  const type = exprType(e, ctx.functions);
  const typed = type === undefined ? typeSources(e, ctx) : undefined;
  const typeFrom = typed?.refs.length
    ? {
        typeFrom: typed.refs,
        ...(typed.literals.length ? { typeLiterals: typed.literals } : {}),
        ...(typed.divides ? { typeDivides: true } : {}),
      }
    : {};
  const names = item.aliases?.map((a) => a.name) ?? [item.alias?.name ?? implicitName(e) ?? expression];
  return names.map((name) => ({ kind: 'expr', name, expression, ...(type ? { type } : {}), ...typeFrom, columns, range }));
}

/** What an expression's type depends on, when it is made of columns and literals only. */
interface TypeSources {
  refs: ColumnRef[];
  /** Types of the literal operands and branches (`x * 2`, `coalesce(x, 0)`). */
  literals: string[];
  divides: boolean;
}

/** Columns (and literals) whose types give the expression's: plain references, CASE branches, same-as-input functions, arithmetic. */
function typeSources(e: ast.Expr, ctx: ShapeContext): TypeSources | undefined {
  const known = e.kind === 'NullLiteral' ? undefined : exprType(e, ctx.functions);
  if (known) return { refs: [], literals: [known], divides: false };
  const all = (parts: ast.Expr[], divides = false): TypeSources | undefined => {
    const found = parts.filter((p) => p.kind !== 'NullLiteral').map((p) => typeSources(p, ctx));
    if (found.length === 0 || found.some((f) => f === undefined)) return undefined;
    const list = found as TypeSources[];
    return {
      refs: list.flatMap((f) => f.refs),
      literals: list.flatMap((f) => f.literals),
      divides: divides || list.some((f) => f.divides),
    };
  };
  switch (e.kind) {
    case 'ColumnRef': {
      const ref = columnRef(e, ctx);
      return ref ? { refs: [ref], literals: [], divides: false } : undefined;
    }
    case 'Paren':
      return typeSources(e.expr, ctx);
    case 'Case':
      return all([...e.whens.map((w) => w.result), ...(e.else ? [e.else] : [])]);
    case 'FunctionCall': {
      const name = e.name.parts
        .map((p) => p.name)
        .join('.')
        .toLowerCase();
      const element = arrayElement(name, e.args);
      if (element) return typeSources(element, ctx);
      if (ctx.functions.get(name)?.returns !== 'same-as-input') return undefined;
      return all(typedArguments(name, e.args));
    }
    case 'Binary':
      return ARITHMETIC_OPS.has(e.op) && e.op !== 'DIV' ? all([e.left, e.right], e.op === '/') : undefined;
    default:
      return undefined;
  }
}

/** The output name Spark gives an unaliased column, field or JSON path expression. */
function implicitName(e: ast.Expr): string | undefined {
  switch (e.kind) {
    case 'ColumnRef':
      return e.parts[e.parts.length - 1]?.name;
    case 'FieldAccess':
      return e.field.kind === 'Identifier' ? e.field.name : undefined;
    case 'JsonPath': {
      const last = e.steps[e.steps.length - 1];
      return last?.kind === 'JsonKey' && last.name.kind !== 'Missing'
        ? last.name.kind === 'Identifier'
          ? last.name.name
          : last.name.value
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Column references in an expression; nested queries become shapes of their own (for their references). */
export function collectColumns(root: ast.Node, ctx: ShapeContext, ctes: ReadonlySet<string>, shape: QueryShape, into: ColumnRef[]): void {
  walk(root, (n) => {
    const node = n;
    switch (node.kind) {
      case 'Subquery':
        buildQuery(node.query, ctx, ctes);
        return false;
      case 'Exists':
        buildQuery(node.query, ctx, ctes);
        return false;
      case 'Lambda':
        for (const p of node.params) shape.boundNames.push(lower(p.name));
        return true;
      case 'ColumnRef': {
        const ref = columnRef(node, ctx);
        if (ref) into.push(ref);
        return false;
      }
      case 'JsonPath':
        // Only the object is a column; the steps are JSON keys.
        collectColumns(node.object, ctx, ctes, shape, into);
        return false;
      case 'NamedArgument':
        collectColumns(node.value, ctx, ctes, shape, into);
        return false;
      case 'FunctionCall':
        // The name is not a column; arguments, FILTER and OVER are.
        for (const a of node.args) collectColumns(a, ctx, ctes, shape, into);
        if (node.filter) collectColumns(node.filter, ctx, ctes, shape, into);
        if (node.over && node.over.kind === 'WindowSpec') collectColumns(node.over, ctx, ctes, shape, into);
        for (const o of node.withinGroup ?? []) collectColumns(o, ctx, ctes, shape, into);
        return false;
      case 'FieldAccess':
        collectColumns(node.object, ctx, ctes, shape, into);
        return false;
      case 'Extract':
        collectColumns(node.expr, ctx, ctes, shape, into);
        return false;
      case 'Cast':
        collectColumns(node.expr, ctx, ctes, shape, into);
        return false;
      default:
        return true;
    }
  });
}

function columnRef(node: ast.ColumnRef, ctx: ShapeContext): ColumnRef | undefined {
  const parts = node.parts;
  if (parts.length === 0) return undefined;
  // `c.` being typed: `c` is a qualifier whose column is not written yet; the syntax error says so.
  if (parts.length === 1 && node.missingPart) return undefined;
  if (parts.length === 1) return { name: lower(parts[0].name), display: parts[0].name, range: ctx.toRange(parts[0].span) };
  return {
    qualifier: lower(parts[0].name),
    name: lower(parts[1].name),
    display: parts[1].name,
    range: ctx.toRange(parts[1].span),
    qualifierRange: ctx.toRange(parts[0].span),
    ...(parts.length > 2 ? { fields: parts.slice(2).map((p) => lower(p.name)) } : {}),
  };
}
