// Queries: WITH, set operations, SELECT and its clauses, ORDER/SORT/CLUSTER/
// DISTRIBUTE BY, LIMIT/OFFSET, then any `|> operation` steps (pipes.ts). The
// SELECT clause loop accepts clauses in any order and skips junk up to the
// next clause keyword, so a broken clause does not lose the ones after it.
import type {
  ConditionClause,
  Cte,
  Expr,
  GroupByClause,
  GroupingItem,
  Identifier,
  LimitClause,
  NamedWindow,
  Query,
  QueryBody,
  Select,
  SelectItem,
  WithClause,
} from './ast';
import { Cursor } from './cursor';
import {
  atClauseKeyword,
  parseExpr,
  parseExprList,
  parseOrderItems,
  parseParenExprList,
  parseQualifiedName,
  parseWindowSpec,
  closeParen,
} from './expressions';
import { parsePipe } from './pipes';
import { parseFrom, parseIdentifierList, parseValuesRows } from './relations';

const QUERY_STARTS = new Set(['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE']);
/** Words that end a SELECT (they belong to the enclosing query or statement). */
const SELECT_ENDS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'ORDER', 'SORT', 'CLUSTER', 'DISTRIBUTE', 'LIMIT', 'OFFSET']);
const SELECT_CLAUSES = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'QUALIFY', 'WINDOW', 'LATERAL']);

/** True when the token `k` ahead starts a query (SELECT, WITH, VALUES, FROM, TABLE, or `(` leading to one). */
export function startsQuery(p: Cursor, k = 0): boolean {
  // Look through a bounded run of `(` so `((SELECT ...) UNION ...)` is seen as a query.
  for (let i = 0; i < 32; i++) {
    if (p.atStatementEnd(k + i)) return false; // e.g. the next notebook cell
    const t = p.peek(k + i);
    if (t.kind === 'word') return QUERY_STARTS.has(t.upper) && (t.upper !== 'TABLE' || p.peek(k + i + 1).kind !== 'op');
    if (t.kind !== 'op' || t.upper !== '(') return false;
  }
  return false;
}

export function parseQuery(p: Cursor): Query {
  const start = p.tok.start;
  const query: Query = { kind: 'Query', body: p.missing('a query'), span: { start, end: start } };
  if (!p.enter()) {
    p.skipNested();
    query.span = p.spanFrom(start);
    return query;
  }
  if (p.isWord('WITH')) query.with = parseWith(p);
  query.body = parseSetOperations(p);
  for (;;) {
    const t = p.tok;
    if (t.kind !== 'word') break;
    if ((t.upper === 'ORDER' || t.upper === 'SORT') && p.isWord('BY', 1)) {
      const s = p.advance().start;
      p.advance();
      const items = parseOrderItems(p);
      const clause = { kind: 'OrderByClause' as const, items, span: p.spanFrom(s) };
      if (t.upper === 'ORDER') query.orderBy = clause;
      else query.sortBy = clause;
    } else if ((t.upper === 'CLUSTER' || t.upper === 'DISTRIBUTE') && p.isWord('BY', 1)) {
      const s = p.advance().start;
      p.advance();
      const clause = { kind: 'ExprListClause' as const, items: parseExprList(p), span: p.spanFrom(s) };
      if (t.upper === 'CLUSTER') query.clusterBy = clause;
      else query.distributeBy = clause;
    } else if (t.upper === 'LIMIT') {
      query.limit = parseLimit(p);
    } else if (t.upper === 'OFFSET') {
      query.offset = parseLimit(p);
    } else {
      break;
    }
  }
  while (p.isOp('|>')) (query.pipes ??= []).push(parsePipe(p));
  p.leave();
  query.span = p.spanFrom(start);
  return query;
}

export function parseLimit(p: Cursor): LimitClause {
  const start = p.advance().start;
  if (p.eatWord('ALL')) return { kind: 'LimitClause', span: p.spanFrom(start) };
  const value = parseExpr(p);
  p.eatWord('ROWS') ?? p.eatWord('ROW');
  return { kind: 'LimitClause', value, span: p.spanFrom(start) };
}

function parseWith(p: Cursor): WithClause {
  const start = p.advance().start;
  const recursive = !!p.eatWord('RECURSIVE');
  const ctes: Cte[] = [];
  for (;;) {
    const s = p.tok.start;
    const name = p.expectIdentifier('a CTE name');
    const cte: Cte = { kind: 'Cte', name, query: p.missing('a query'), span: name.span };
    if (p.isOp('(')) cte.columns = parseIdentifierList(p);
    p.expectWord('AS');
    if (p.isOp('(')) {
      p.advance();
      cte.query = startsQuery(p) ? parseQuery(p) : p.missingWithError('a query', 'expected-query');
      closeParen(p);
    } else {
      cte.query = p.missingWithError('`(` and a query', 'missing-token');
    }
    cte.span = p.spanFrom(s);
    ctes.push(cte);
    if (!p.eatOp(',')) break;
  }
  return { kind: 'WithClause', recursive, ctes, span: p.spanFrom(start) };
}

function parseSetOperations(p: Cursor): QueryBody {
  let left = parseIntersections(p);
  while ((p.isWord('UNION') || p.isWord('EXCEPT') || p.isWord('MINUS')) && !(p.isWord('EXCEPT') && p.isOp('(', 1) && !startsQuery(p, 1))) {
    left = setOperation(p, left, parseIntersections);
  }
  return left;
}

function parseIntersections(p: Cursor): QueryBody {
  let left = parseQueryPrimary(p);
  while (p.isWord('INTERSECT')) left = setOperation(p, left, parseQueryPrimary);
  return left;
}

function setOperation(p: Cursor, left: QueryBody, next: (p: Cursor) => QueryBody): QueryBody {
  const op = p.advance().upper as 'UNION';
  let quantifier: 'ALL' | 'DISTINCT' | undefined;
  if (p.isWord('ALL') || p.isWord('DISTINCT')) quantifier = p.advance().upper as 'ALL';
  const byName = p.eatWords('BY', 'NAME');
  const right = next(p);
  return { kind: 'SetOperation', op, quantifier, byName, left, right, span: { start: left.span.start, end: p.prevEnd() } };
}

function parseQueryPrimary(p: Cursor): QueryBody {
  const t = p.tok;
  if (t.kind === 'word') {
    if (t.upper === 'SELECT') return parseSelect(p);
    if (t.upper === 'VALUES') {
      p.advance();
      return { kind: 'Values', rows: parseValuesRows(p), span: p.spanFrom(t.start) };
    }
    if (t.upper === 'TABLE') {
      p.advance();
      return { kind: 'TableBody', name: parseQualifiedName(p, 'a table name'), span: p.spanFrom(t.start) };
    }
    if (t.upper === 'FROM') return parseFromFirst(p);
  }
  if (t.kind === 'op' && t.upper === '(') {
    if (!p.enter()) {
      p.skipNested();
      return p.missing('a query');
    }
    p.advance();
    const query = parseQuery(p);
    closeParen(p);
    p.leave();
    return { kind: 'ParenQuery', query, span: p.spanFrom(t.start) };
  }
  return p.missingWithError('a query (SELECT ...)', 'expected-query');
}

/** `FROM t SELECT ...` (Spark's FROM-first form): read as the SELECT with that FROM. */
function parseFromFirst(p: Cursor): QueryBody {
  const start = p.tok.start;
  const from = parseFrom(p);
  if (!p.isWord('SELECT')) {
    const select: Select = { kind: 'Select', items: [], from, span: p.spanFrom(start) };
    selectClauses(p, select);
    select.span = p.spanFrom(start);
    return select;
  }
  const select = parseSelect(p);
  select.from = from;
  select.span = p.spanFrom(start);
  return select;
}

function parseSelect(p: Cursor): Select {
  const start = p.advance().start;
  const select: Select = { kind: 'Select', items: [], span: { start, end: start } };
  if (p.isWord('DISTINCT') || p.isWord('ALL')) select.quantifier = p.advance().upper as 'ALL';
  for (;;) {
    select.items.push(parseSelectItem(p));
    if (!p.eatOp(',')) break;
  }
  selectClauses(p, select);
  select.span = p.spanFrom(start);
  return select;
}

function selectClauses(p: Cursor, select: Select): void {
  for (;;) {
    const t = p.tok;
    if (p.atStatementEnd() || (t.kind === 'op' && (t.upper === ')' || t.upper === '|>'))) return;
    if (t.kind === 'word' && SELECT_ENDS.has(t.upper) && !(t.upper === 'EXCEPT' && p.isOp('(', 1) && !startsQuery(p, 1))) return;
    const u = t.kind === 'word' ? t.upper : '';
    if (u === 'FROM') {
      const from = parseFrom(p);
      if (select.from) p.error('unexpected-token', 'Duplicate FROM clause', from.span);
      else select.from = from;
    } else if (u === 'LATERAL' && p.isWord('VIEW', 1) && select.from) {
      // LATERAL VIEW after a junk-interrupted FROM: parse into the same FROM.
      const more = parseFrom(p, select.from);
      select.from = more;
    } else if (u === 'WHERE') {
      select.where = condition(p, 'WhereClause');
    } else if (u === 'GROUP' && p.isWord('BY', 1)) {
      select.groupBy = parseGroupBy(p);
    } else if (u === 'HAVING') {
      select.having = condition(p, 'HavingClause');
    } else if (u === 'QUALIFY') {
      select.qualify = condition(p, 'QualifyClause');
    } else if (u === 'WINDOW' && p.atName(1)) {
      select.window = parseWindowClause(p);
    } else {
      if (atSelectClause(p)) {
        // A clause keyword this loop does not take here (e.g. JOIN after LATERAL VIEW).
        const k = p.advance();
        p.error('unexpected-token', `Unexpected \`${k.text}\` here`, { start: k.start, end: k.end });
      }
      p.skipJunk(() => atSelectClause(p), 'Unexpected text in query');
      if (!atSelectClause(p)) return;
    }
  }
}

function atSelectClause(p: Cursor): boolean {
  const t = p.tok;
  return t.kind === 'word' && (SELECT_CLAUSES.has(t.upper) || SELECT_ENDS.has(t.upper) || atClauseKeyword(p));
}

function condition(p: Cursor, kind: ConditionClause['kind']): ConditionClause {
  const start = p.advance().start;
  const cond = parseExpr(p);
  return { kind, condition: cond, span: p.spanFrom(start) };
}

export function parseSelectItem(p: Cursor): SelectItem {
  const expr = parseExpr(p);
  const item: SelectItem = { kind: 'SelectItem', expr, span: expr.span };
  if (p.eatWord('AS')) {
    if (p.isOp('(')) item.aliases = parseIdentifierList(p);
    else {
      const alias = p.tok.kind === 'word' || p.tok.kind === 'quoted' ? p.identifier() : p.missingWithError('an alias', 'expected-name');
      if (alias.kind === 'Identifier') item.alias = alias;
    }
  } else if (expr.kind !== 'Missing' && p.atImplicitAlias()) {
    item.alias = p.identifier();
  }
  item.span = p.spanFrom(expr.span.start);
  return item;
}

function parseGroupBy(p: Cursor): GroupByClause {
  const start = p.advance().start;
  p.advance(); // BY
  const clause: GroupByClause = { kind: 'GroupByClause', all: false, items: [], span: { start, end: start } };
  if (p.isWord('ALL') && !p.isOp('(', 1)) {
    p.advance();
    clause.all = true;
  } else {
    for (;;) {
      clause.items.push(parseGroupingItem(p));
      if (!p.eatOp(',')) break;
    }
  }
  if (p.isWord('WITH') && (p.isWord('ROLLUP', 1) || p.isWord('CUBE', 1))) {
    p.advance();
    clause.modifier = p.advance().upper as 'ROLLUP';
  }
  clause.span = p.spanFrom(start);
  return clause;
}

function parseGroupingItem(p: Cursor): GroupingItem {
  const t = p.tok;
  if ((p.isWord('ROLLUP') || p.isWord('CUBE')) && p.isOp('(', 1)) {
    p.advance();
    const items = parseParenExprList(p);
    return { kind: t.upper === 'ROLLUP' ? 'Rollup' : 'Cube', items, span: p.spanFrom(t.start) };
  }
  if (p.isWord('GROUPING') && p.isWord('SETS', 1)) {
    p.advance();
    p.advance();
    const sets: Expr[][] = [];
    if (p.expectOp('(')) {
      for (;;) {
        if (p.isOp('(')) sets.push(parseParenExprList(p));
        else sets.push([parseExpr(p)]);
        if (!p.eatOp(',')) break;
      }
      closeParen(p);
    }
    return { kind: 'GroupingSets', sets, span: p.spanFrom(t.start) };
  }
  return parseExpr(p);
}

export function parseWindowClause(p: Cursor) {
  const start = p.advance().start;
  const windows: NamedWindow[] = [];
  while (p.atName()) {
    const name: Identifier = p.identifier();
    p.expectWord('AS');
    const spec = p.isOp('(') ? parseWindowSpec(p) : p.missingWithError('a window specification', 'missing-token');
    windows.push({ kind: 'NamedWindow', name, spec, span: p.spanFrom(name.span.start) });
    if (!p.eatOp(',')) break;
  }
  return { kind: 'WindowClause' as const, windows, span: p.spanFrom(start) };
}
