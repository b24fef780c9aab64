// FROM clauses: table references (with STREAM, Delta time travel and
// TABLESAMPLE), table-valued functions (read_files with `k => v`), subqueries,
// VALUES, parenthesised joins, joins of every kind, PIVOT / UNPIVOT and
// LATERAL VIEW.
import type {
  Expr,
  FromClause,
  Identifier,
  Join,
  JoinType,
  LateralView,
  Missing,
  PivotRelation,
  QualifiedName,
  Relation,
  Span,
  TableAlias,
  TableSample,
  TimeTravel,
  Watermark,
} from './ast';
import { Cursor } from './cursor';
import { closeParen, parseExpr, parseFunctionCall, parseNameParts, parseParenExprList } from './expressions';
import { parseQuery, parseSelectItem, startsQuery } from './query';

/** `FROM rel, rel ... [LATERAL VIEW ...]`; `into` continues an existing clause. */
export function parseFrom(p: Cursor, into?: FromClause): FromClause {
  const start = into ? into.span.start : p.advance().start;
  const from: FromClause = into ?? { kind: 'FromClause', relations: [], lateralViews: [], span: { start, end: start } };
  if (!into) {
    for (;;) {
      from.relations.push(parseRelation(p));
      if (!p.eatOp(',')) break;
    }
  }
  while (p.isWord('LATERAL') && p.isWord('VIEW', 1)) from.lateralViews.push(parseLateralView(p));
  from.span = p.spanFrom(start);
  return from;
}

/** A relation followed by any joins. */
export function parseRelation(p: Cursor): Relation | Missing {
  let left = parseRelationPrimary(p);
  for (;;) {
    const start = p.pos;
    const joinType = parseJoinKeywords(p);
    if (!joinType) return left;
    if (left.kind === 'Missing') {
      p.pos = start;
      return left;
    }
    const right = parseRelationPrimary(p);
    const join: Join = { kind: 'Join', joinType: joinType.type, natural: joinType.natural, left, right, span: left.span };
    if (p.eatWord('ON')) join.on = parseExpr(p);
    else if (p.isWord('USING') && p.isOp('(', 1)) {
      p.advance();
      join.using = parseIdentifierList(p);
    }
    join.span = p.spanFrom(left.span.start);
    left = join;
  }
}

export function parseJoinKeywords(p: Cursor): { type: JoinType; natural: boolean } | undefined {
  const save = p.pos;
  const natural = !!p.eatWord('NATURAL');
  let type: JoinType = 'INNER';
  const t = p.tok;
  if (t.kind === 'word') {
    switch (t.upper) {
      case 'INNER':
      case 'CROSS':
      case 'SEMI':
      case 'ANTI':
        p.advance();
        type = t.upper;
        break;
      case 'LEFT':
        p.advance();
        if (p.eatWord('SEMI')) type = 'LEFT SEMI';
        else if (p.eatWord('ANTI')) type = 'LEFT ANTI';
        else {
          p.eatWord('OUTER');
          type = 'LEFT';
        }
        break;
      case 'RIGHT':
      case 'FULL':
        p.advance();
        p.eatWord('OUTER');
        type = t.upper;
        break;
    }
  }
  if (p.eatWord('JOIN')) return { type, natural };
  if (p.pos === save) return undefined;
  // `LEFT` etc. without JOIN (half-typed): still a join, so what follows is kept.
  p.errorHere('missing-token', 'Expected JOIN');
  return { type, natural };
}

export function parseRelationPrimary(p: Cursor): Relation | Missing {
  const t = p.tok;
  if (!p.enter()) {
    p.skipNested();
    return p.missing('a table');
  }
  const rel = relationPrimary(p);
  p.leave();
  if (rel.kind === 'Missing') return rel;
  const named = rel.kind === 'TableRef' || rel.kind === 'TableFunction';
  if (rel.kind === 'TableRef') {
    if (p.isOp('@') && p.tok.start === rel.name.span.end) rel.timeTravel = parseAtTimeTravel(p);
    else if ((p.isWord('VERSION') || p.isWord('TIMESTAMP')) && p.isWord('AS', 1) && p.isWord('OF', 2)) rel.timeTravel = parseTimeTravel(p);
    if (p.isWord('TABLESAMPLE')) rel.sample = parseTableSample(p);
  }
  if (named && p.isWord('WITH') && p.isOp('(', 1) && !startsQuery(p, 1)) {
    // Read options (`STREAM(t) WITH ('skipChangeCommits' = 'true')`): nothing the analysis uses.
    p.advance();
    p.skipGroup();
  }
  if (named && p.isWord('WATERMARK')) rel.watermark = parseWatermark(p);
  const alias = parseTableAlias(p);
  if (alias) rel.alias = alias;
  if (named && !rel.watermark && p.isWord('WATERMARK')) rel.watermark = parseWatermark(p);
  rel.span = p.spanFrom(t.start);
  return parsePivots(p, rel, t.start);
}

function parseTimeTravel(p: Cursor): TimeTravel {
  const by = p.advance();
  const start = by.start;
  p.advance(); // AS
  p.advance(); // OF
  return { kind: 'TimeTravel', by: by.upper as 'VERSION', value: parseExpr(p), span: p.spanFrom(start) };
}

/** `@v3` (a version) or `@20240101000000000` (a timestamp, yyyyMMddHHmmssSSS) right after the table name. */
function parseAtTimeTravel(p: Cursor): TimeTravel {
  const at = p.advance();
  const t = p.tok;
  const m = t.start === at.end && (t.kind === 'word' || t.kind === 'number') ? /^(v?)(\d+)$/i.exec(t.text) : null;
  if (!m) {
    p.errorHere('expected-name', 'Expected a version (@v3) or a timestamp (@yyyyMMddHHmmssSSS) after @');
    return { kind: 'TimeTravel', by: 'VERSION', value: p.missing('a version'), span: p.spanFrom(at.start) };
  }
  p.advance();
  const value: Expr = { kind: 'NumberLiteral', text: m[2], value: Number(m[2]), span: { start: t.start + m[1].length, end: t.end } };
  return { kind: 'TimeTravel', by: m[1] ? 'VERSION' : 'TIMESTAMP', value, span: p.spanFrom(at.start) };
}

const SAMPLE_WORDS = new Set(['PERCENT', 'ROWS', 'BUCKET', 'OUT', 'OF']);

export function parseTableSample(p: Cursor): TableSample {
  const start = p.advance().start;
  const node: TableSample = { kind: 'TableSample', args: [], span: { start, end: start } };
  if (p.expectOp('(')) {
    while (!p.isOp(')') && !p.atStatementEnd()) {
      const before = p.pos;
      if (p.tok.kind === 'word' && SAMPLE_WORDS.has(p.tok.upper)) {
        if (p.advance().upper === 'BUCKET') node.bucket = true;
      } else node.args.push(parseExpr(p));
      if (p.pos === before) break;
    }
    closeParen(p);
  }
  if (p.isWord('REPEATABLE') && p.isOp('(', 1)) {
    p.advance();
    p.advance();
    node.repeatable = parseExpr(p);
    closeParen(p);
  }
  node.span = p.spanFrom(start);
  return node;
}

/** True at `PIVOT (` or `UNPIVOT [INCLUDE|EXCLUDE NULLS] (`. */
export function atPivot(p: Cursor): boolean {
  if (p.isWord('UNPIVOT')) return p.isOp('(', 1) || p.isWord('INCLUDE', 1) || p.isWord('EXCLUDE', 1);
  return p.isWord('PIVOT') && p.isOp('(', 1);
}

/** Any number of `PIVOT (...)` / `UNPIVOT (...)` clauses after a relation, each with its own alias. */
function parsePivots(p: Cursor, source: Relation, start: number): Relation {
  let rel = source;
  while (atPivot(p)) rel = parsePivot(p, rel, start);
  return rel;
}

/** One PIVOT / UNPIVOT clause (the cursor on its keyword) over `rel`; a pipe step passes a Missing source. */
export function parsePivot(p: Cursor, rel: Relation | Missing, start: number): PivotRelation {
  const unpivot = p.isWord('UNPIVOT');
  p.advance();
  const node: PivotRelation = {
    kind: 'PivotRelation',
    source: rel,
    unpivot,
    values: [],
    forColumns: p.missing('FOR'),
    in: [],
    span: rel.span,
  };
  if (p.isWord('INCLUDE') || p.isWord('EXCLUDE')) {
    node.nulls = p.advance().upper as 'INCLUDE';
    p.expectWord('NULLS');
  }
  if (p.expectOp('(')) {
    do node.values.push(parseSelectItem(p));
    while (p.eatOp(','));
    node.forColumns = p.eatWord('FOR') ? parsePivotColumns(p) : p.missingWithError('FOR and a column', 'missing-token');
    if (p.expectWord('IN') && p.expectOp('(')) {
      do node.in.push(parseSelectItem(p));
      while (p.eatOp(','));
      closeParen(p);
    }
    closeParen(p);
  }
  const alias = parseTableAlias(p);
  if (alias) node.alias = alias;
  node.span = p.spanFrom(start);
  return node;
}

function parseWatermark(p: Cursor): Watermark {
  const start = p.advance().start;
  const column = parseExpr(p);
  const delay = p.eatWords('DELAY', 'OF') ? parseExpr(p) : p.missingWithError('DELAY OF and an interval', 'missing-token');
  return { kind: 'Watermark', column, delay, span: p.spanFrom(start) };
}

function relationPrimary(p: Cursor): Exclude<Relation, Join> | Missing {
  const t = p.tok;
  if (t.kind === 'word' && t.upper === 'STREAM') {
    const n = p.peek();
    if ((n.kind === 'op' && n.upper === '(') || n.kind === 'word' || n.kind === 'quoted' || n.kind === 'param') return parseStream(p);
  }
  if (t.kind === 'word' && t.upper === 'LATERAL' && p.isOp('(', 1)) {
    p.advance();
    p.advance();
    const query = parseQuery(p);
    closeParen(p);
    return { kind: 'SubqueryRelation', lateral: true, query, span: p.spanFrom(t.start) };
  }
  if (t.kind === 'op' && t.upper === '(') {
    if (startsQuery(p, 1)) {
      p.advance();
      const query = parseQuery(p);
      closeParen(p);
      return { kind: 'SubqueryRelation', lateral: false, query, span: p.spanFrom(t.start) };
    }
    p.advance();
    const relation = parseRelation(p);
    closeParen(p);
    return { kind: 'ParenRelation', relation, span: p.spanFrom(t.start) };
  }
  if (t.kind === 'word' && t.upper === 'VALUES') {
    p.advance();
    return { kind: 'ValuesRelation', rows: parseValuesRows(p), span: p.spanFrom(t.start) };
  }
  if (p.atName()) return parseNamedRelation(p, false, undefined);
  return p.missingWithError('a table name', 'expected-name');
}

/** A table name or a table-valued function call. */
function parseNamedRelation(p: Cursor, stream: boolean, streamSpan: Span | undefined): Exclude<Relation, Join> {
  const start = streamSpan ? streamSpan.start : p.tok.start;
  const nameStart = p.tok.start;
  const { parts, missingPart } = parseNameParts(p);
  const name: QualifiedName = { kind: 'QualifiedName', parts, span: p.spanFrom(nameStart) };
  if (missingPart) name.missingPart = missingPart;
  if (!missingPart && p.isOp('(')) {
    const call = parseFunctionCall(p, name);
    return { kind: 'TableFunction', call, stream, streamSpan, span: p.spanFrom(start) };
  }
  return { kind: 'TableRef', name, stream, streamSpan, span: p.spanFrom(start) };
}

/** `STREAM(name)`, `STREAM(read_files(...))`, `STREAM name`, `STREAM read_files(...)`. */
function parseStream(p: Cursor): Exclude<Relation, Join> | Missing {
  const kw = p.advance();
  const streamSpan = { start: kw.start, end: kw.end };
  if (p.isOp('(')) {
    p.advance();
    let inner: Exclude<Relation, Join> | Missing;
    if (p.atName()) inner = parseNamedRelation(p, true, streamSpan);
    else inner = p.missingWithError('a table name', 'expected-name');
    closeParen(p);
    if (inner.kind === 'Missing') return inner;
    inner.span = p.spanFrom(kw.start);
    return inner;
  }
  return parseNamedRelation(p, true, streamSpan);
}

function parseTableAlias(p: Cursor): TableAlias | undefined {
  const start = p.tok.start;
  let name: Identifier | undefined;
  if (p.eatWord('AS')) {
    if (p.tok.kind === 'word' || p.tok.kind === 'quoted') name = p.identifier();
    else {
      p.errorHere('expected-name', 'Expected an alias');
      return undefined;
    }
  } else if (p.atImplicitAlias()) {
    name = p.identifier();
  } else {
    return undefined;
  }
  const alias: TableAlias = { kind: 'TableAlias', name, span: name.span };
  if (p.isOp('(') && !startsQuery(p, 1)) alias.columns = parseIdentifierList(p);
  alias.span = p.spanFrom(start);
  return alias;
}

function parseLateralView(p: Cursor): LateralView {
  const start = p.advance().start;
  p.advance(); // VIEW
  const outer = !!p.eatWord('OUTER');
  let call: LateralView['call'];
  if (p.atName() && p.isOp('(', 1)) {
    const s = p.tok.start;
    const { parts } = parseNameParts(p);
    call = parseFunctionCall(p, { kind: 'QualifiedName', parts, span: p.spanFrom(s) });
  } else {
    call = p.missingWithError('a generator function call', 'expected-expression');
  }
  const view: LateralView = { kind: 'LateralView', outer, call, columnAliases: [], span: { start, end: start } };
  if (p.atImplicitAlias()) view.tableAlias = p.identifier();
  if (p.eatWord('AS') || view.tableAlias) {
    while (p.atName()) {
      view.columnAliases.push(p.identifier());
      if (!(p.isOp(',') && p.atName(1) && !p.isWord('LATERAL', 1))) break;
      p.advance();
    }
  }
  view.span = p.spanFrom(start);
  return view;
}

/** `(a, b, c)` of plain names. */
export function parseIdentifierList(p: Cursor): Identifier[] {
  const ids: Identifier[] = [];
  if (!p.expectOp('(')) return ids;
  while (p.tok.kind === 'word' || p.tok.kind === 'quoted' || p.tok.kind === 'param') {
    if (p.atStatementEnd()) break;
    ids.push(p.identifier());
    if (!p.eatOp(',')) break;
  }
  closeParen(p);
  return ids;
}

/** `(1, 'a'), (2, 'b')` or `1, 2` after VALUES. */
export function parseValuesRows(p: Cursor): Expr[][] {
  const rows: Expr[][] = [];
  for (;;) {
    if (p.isOp('(') && !startsQuery(p, 1)) rows.push(parseParenExprList(p));
    else rows.push([parseExpr(p)]);
    if (!p.eatOp(',')) return rows;
  }
}

/** The column (or parenthesised columns) after FOR: a name, not an expression, since `IN` follows. */
function parsePivotColumns(p: Cursor): Expr {
  const start = p.tok.start;
  if (p.isOp('(')) {
    const items = parseParenExprList(p);
    return { kind: 'Tuple', items, span: p.spanFrom(start) };
  }
  if (!p.atName()) return p.missingWithError('a column', 'expected-name');
  const { parts } = parseNameParts(p);
  return { kind: 'ColumnRef', parts, span: p.spanFrom(start) };
}
