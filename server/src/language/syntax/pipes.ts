// SQL pipe syntax (Databricks Runtime 16.2+): `query |> operation |> ...`.
// Each `|>` step transforms the relation produced before it; parseQuery
// collects the steps into `Query.pipes`. An operation we do not know is one
// error at its keyword, skipped up to the next `|>`, so the later steps (and
// the rest of the statement) are still read.
import type { Identifier, PipeOperator, Query, SelectItem } from './ast';
import { Cursor } from './cursor';
import { closeParen, parseExpr, parseOrderItems } from './expressions';
import { parseLimit, parseQuery, parseSelectItem, parseWindowClause, startsQuery } from './query';
import { atPivot, parseIdentifierList, parseJoinKeywords, parsePivot, parseRelationPrimary, parseTableSample } from './relations';

const SET_OPERATIONS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);

/** With the cursor on `|>`: one pipe operation. */
export function parsePipe(p: Cursor): PipeOperator {
  const start = p.advance().start; // |>
  const t = p.tok;
  const node: PipeOperator = {
    kind: 'PipeOperator',
    op: 'unknown',
    opSpan: { start: t.start, end: t.end },
    items: [],
    columns: [],
    queries: [],
    span: { start, end: start },
  };
  const u = t.kind === 'word' ? t.upper : '';
  if (u === 'SELECT' || u === 'EXTEND' || u === 'AGGREGATE') {
    p.advance();
    node.op = u;
    if (u === 'SELECT' && (p.isWord('DISTINCT') || p.isWord('ALL'))) node.quantifier = p.advance().upper as 'ALL';
    if (!(u === 'AGGREGATE' && p.isWord('GROUP') && p.isWord('BY', 1))) node.items = selectItems(p);
    if (p.eatWords('GROUP', 'BY')) node.groupBy = selectItems(p);
    if (p.isWord('WINDOW') && p.atName(1)) node.window = parseWindowClause(p);
  } else if (u === 'SET') {
    p.advance();
    node.op = 'SET';
    node.items = setItems(p);
  } else if (u === 'DROP') {
    p.advance();
    node.op = 'DROP';
    node.columns = names(p);
  } else if (u === 'AS') {
    p.advance();
    node.op = 'AS';
    const alias = p.expectIdentifier('a table alias');
    if (alias.kind === 'Identifier') node.alias = alias;
  } else if (u === 'WHERE') {
    p.advance();
    node.op = 'WHERE';
    node.condition = parseExpr(p);
  } else if (u === 'LIMIT' || u === 'OFFSET') {
    node.op = 'LIMIT';
    if (p.isWord('LIMIT')) node.limit = parseLimit(p);
    if (p.isWord('OFFSET')) node.offset = parseLimit(p);
  } else if (u === 'ORDER' && p.isWord('BY', 1)) {
    const s = p.advance().start;
    p.advance();
    node.op = 'ORDER BY';
    node.orderBy = { kind: 'OrderByClause', items: parseOrderItems(p), span: p.spanFrom(s) };
  } else if (SET_OPERATIONS.has(u)) {
    p.advance();
    node.op = u as 'UNION';
    if (p.isWord('ALL') || p.isWord('DISTINCT')) node.quantifier = p.advance().upper as 'ALL';
    node.byName = p.eatWords('BY', 'NAME');
    node.queries = setOperands(p);
  } else if (u === 'TABLESAMPLE') {
    node.op = 'TABLESAMPLE';
    node.sample = parseTableSample(p);
  } else if (atPivot(p)) {
    node.op = u as 'PIVOT';
    node.pivot = parsePivot(p, p.missing('the piped relation'), t.start);
  } else if (u === 'WINDOW' && p.atName(1)) {
    node.op = 'WINDOW';
    node.window = parseWindowClause(p);
  } else if (!parseJoin(p, node)) {
    const span = p.skipUntil(() => p.isOp('|>'));
    const found = t.kind === 'eof' || !span ? 'nothing' : `\`${t.text.slice(0, 30)}\``;
    p.error(
      'unexpected-token',
      `Unknown pipe operation ${found}: expected SELECT, EXTEND, SET, DROP, AS, WHERE, LIMIT, OFFSET, AGGREGATE, JOIN, ORDER BY, UNION, INTERSECT, EXCEPT, TABLESAMPLE, PIVOT or UNPIVOT after |>`,
      span ?? { start: p.prevEnd(), end: p.prevEnd() },
    );
  }
  node.span = p.spanFrom(start);
  return node;
}

function selectItems(p: Cursor): SelectItem[] {
  const items: SelectItem[] = [];
  do items.push(parseSelectItem(p));
  while (p.eatOp(','));
  return items;
}

/** `col = expr, ...`: each kept as a select item aliased by the column it replaces. */
function setItems(p: Cursor): SelectItem[] {
  const items: SelectItem[] = [];
  do {
    const s = p.tok.start;
    const name = p.expectIdentifier('a column name');
    p.expectOp('=');
    const expr = parseExpr(p);
    const item: SelectItem = { kind: 'SelectItem', expr, span: p.spanFrom(s) };
    if (name.kind === 'Identifier') item.alias = name;
    items.push(item);
  } while (p.eatOp(','));
  return items;
}

function names(p: Cursor): Identifier[] {
  if (p.isOp('(')) return parseIdentifierList(p);
  const out: Identifier[] = [];
  do {
    const id = p.expectIdentifier('a column name');
    if (id.kind !== 'Identifier') break;
    out.push(id);
  } while (p.eatOp(','));
  return out;
}

/** `(query), ...` after a set operator: each operand in its own parentheses, so its pipes stay its own. */
function setOperands(p: Cursor): Query[] {
  const out: Query[] = [];
  do {
    if (!p.isOp('(') || !startsQuery(p)) {
      p.errorHere('expected-query', 'Expected `(` and a query');
      break;
    }
    p.advance();
    out.push(parseQuery(p));
    closeParen(p);
  } while (p.eatOp(','));
  return out;
}

/** `[NATURAL] [LEFT|RIGHT|FULL|CROSS|SEMI|ANTI ...] JOIN relation [ON expr | USING (cols)]`. */
function parseJoin(p: Cursor, node: PipeOperator): boolean {
  const join = parseJoinKeywords(p);
  if (!join) return false;
  node.op = 'JOIN';
  node.joinType = join.type;
  node.natural = join.natural;
  node.right = parseRelationPrimary(p);
  if (p.eatWord('ON')) node.on = parseExpr(p);
  else if (p.isWord('USING') && p.isOp('(', 1)) {
    p.advance();
    node.using = parseIdentifierList(p);
  }
  return true;
}
