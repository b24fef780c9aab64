// Expressions by precedence climbing, lowest first:
//   OR < AND < NOT < predicates (comparisons, IS, IN, BETWEEN, LIKE) < | < ^ < &
//   < << < + - || < * / % DIV < unary - + ~ < postfix (. [] :: and `:` JSON paths).
// Every function returns a node; absent operands become Missing nodes.
import type {
  Case,
  ColumnRef,
  Expr,
  FrameBound,
  FunctionCall,
  Identifier,
  IntervalPart,
  JsonPathStep,
  Lambda,
  Missing,
  NumberLiteral,
  OrderItem,
  QualifiedName,
  Star,
  StringLiteral,
  WindowFrame,
  WindowSpec,
} from './ast';
import { Cursor } from './cursor';
import { parseQuery, startsQuery } from './query';
import { parseDataType } from './types';

const COMPARISONS = new Set(['=', '==', '<>', '!=', '<=>', '<', '<=', '>', '>=']);
const LIKE_OPS = new Set(['LIKE', 'ILIKE', 'RLIKE', 'REGEXP']);
const TYPED_LITERALS = new Set(['DATE', 'TIMESTAMP', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'X', 'BINARY']);
export const INTERVAL_UNITS = new Set([
  'YEAR',
  'YEARS',
  'MONTH',
  'MONTHS',
  'WEEK',
  'WEEKS',
  'DAY',
  'DAYS',
  'HOUR',
  'HOURS',
  'MINUTE',
  'MINUTES',
  'SECOND',
  'SECONDS',
  'MILLISECOND',
  'MILLISECONDS',
  'MICROSECOND',
  'MICROSECONDS',
]);
/** Reserved words that are still functions when followed by `(`. */
const RESERVED_FUNCTIONS = new Set(['LEFT', 'RIGHT']);

export function parseExpr(p: Cursor): Expr {
  if (!p.enter()) return p.skipNested();
  const e = parseOr(p);
  p.leave();
  return e;
}

/** `a, b, c` (at least one expression). */
export function parseExprList(p: Cursor): Expr[] {
  const items = [parseExpr(p)];
  while (p.eatOp(',')) items.push(parseExpr(p));
  return items;
}

/** `( a, b )`; an absent `(` gives an empty list and an error. */
export function parseParenExprList(p: Cursor): Expr[] {
  if (!p.expectOp('(')) return [];
  const items = p.isOp(')') ? [] : parseExprList(p);
  closeParen(p);
  return items;
}

/** Expects `)`; on junk, skips to the `)` or the next clause and reports once. */
export function closeParen(p: Cursor): void {
  if (p.eatOp(')')) return;
  if (p.atStatementEnd() || atClauseKeyword(p)) {
    p.errorHere('missing-token', 'Expected `)`');
    return;
  }
  p.skipJunk(() => atClauseKeyword(p), 'Expected `)`');
  if (!p.eatOp(')')) p.errorHere('missing-token', 'Expected `)`');
}

const CLAUSE_KEYWORDS = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'QUALIFY',
  'ORDER',
  'SORT',
  'CLUSTER',
  'DISTRIBUTE',
  'LIMIT',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'JOIN',
  'INNER',
  'CROSS',
  'NATURAL',
  'SELECT',
  'KEYS',
  'SEQUENCE',
]);

/** A keyword that starts a query clause (where recovery resumes). */
export function atClauseKeyword(p: Cursor): boolean {
  const t = p.tok;
  return t.kind === 'word' && CLAUSE_KEYWORDS.has(t.upper);
}

function binary(left: Expr, op: string, opTok: { start: number; end: number }, right: Expr): Expr {
  return {
    kind: 'Binary',
    op,
    opSpan: { start: opTok.start, end: opTok.end },
    left,
    right,
    span: { start: left.span.start, end: Math.max(right.span.end, opTok.end) },
  };
}

function parseOr(p: Cursor): Expr {
  let left = parseAnd(p);
  while (p.isWord('OR')) {
    const op = p.advance();
    left = binary(left, 'OR', op, parseAnd(p));
  }
  return left;
}

function parseAnd(p: Cursor): Expr {
  let left = parseNot(p);
  while (p.isWord('AND')) {
    const op = p.advance();
    left = binary(left, 'AND', op, parseNot(p));
  }
  return left;
}

function parseNot(p: Cursor): Expr {
  if (p.isWord('NOT') || p.isOp('!')) {
    const op = p.tok;
    if (!p.enter()) return p.skipNested();
    p.advance();
    const operand = parseNot(p);
    p.leave();
    return {
      kind: 'Unary',
      op: op.kind === 'word' ? 'NOT' : '!',
      operand,
      span: { start: op.start, end: Math.max(op.end, operand.span.end) },
    };
  }
  return parsePredicate(p);
}

function parsePredicate(p: Cursor): Expr {
  let left = parseBitOr(p);
  for (;;) {
    const t = p.tok;
    const start = left.span.start;
    if (t.kind === 'op' && COMPARISONS.has(t.upper)) {
      p.advance();
      left = binary(left, t.upper, t, parseBitOr(p));
      continue;
    }
    if (t.kind !== 'word') return left;
    if (t.upper === 'IS') {
      p.advance();
      const not = !!p.eatWord('NOT');
      if (p.eatWord('DISTINCT')) {
        p.expectWord('FROM');
        const right = parseBitOr(p);
        left = { kind: 'IsDistinctFrom', not, left, right, span: { start, end: Math.max(right.span.end, p.prevEnd()) } };
        continue;
      }
      const w = p.tok;
      if (w.kind === 'word' && (w.upper === 'NULL' || w.upper === 'TRUE' || w.upper === 'FALSE' || w.upper === 'UNKNOWN')) {
        p.advance();
        left = { kind: 'Is', expr: left, not, test: w.upper as 'NULL', span: p.spanFrom(start) };
      } else {
        p.errorHere('missing-token', 'Expected NULL, TRUE, FALSE or DISTINCT FROM after IS');
        left = { kind: 'Is', expr: left, not, test: 'NULL', span: p.spanFrom(start) };
      }
      continue;
    }
    let not = false;
    if (t.upper === 'NOT') {
      const n = p.peek();
      if (n.kind !== 'word' || !(n.upper === 'IN' || n.upper === 'BETWEEN' || LIKE_OPS.has(n.upper))) return left;
      p.advance();
      not = true;
    }
    const w = p.tok;
    if (w.upper === 'IN' && w.kind === 'word') {
      p.advance();
      left = { kind: 'In', expr: left, not, values: parseInValues(p), span: p.spanFrom(start) };
    } else if (w.upper === 'BETWEEN' && w.kind === 'word') {
      p.advance();
      p.eatWord('SYMMETRIC') ?? p.eatWord('ASYMMETRIC');
      const low = parseBitOr(p);
      p.expectWord('AND');
      const high = parseBitOr(p);
      left = { kind: 'Between', expr: left, not, low, high, span: p.spanFrom(start) };
    } else if (w.kind === 'word' && LIKE_OPS.has(w.upper)) {
      p.advance();
      const q = p.tok;
      let quantifier: 'ANY' | 'ALL' | 'SOME' | undefined;
      let patterns: Expr[];
      if (q.kind === 'word' && (q.upper === 'ANY' || q.upper === 'ALL' || q.upper === 'SOME') && p.isOp('(', 1)) {
        p.advance();
        quantifier = q.upper;
        patterns = parseParenExprList(p);
      } else {
        patterns = [parseBitOr(p)];
      }
      const escape = p.eatWord('ESCAPE') ? parsePrimaryPostfix(p) : undefined;
      left = { kind: 'Like', op: w.upper as 'LIKE', not, expr: left, quantifier, patterns, escape, span: p.spanFrom(start) };
    } else {
      return left;
    }
  }
}

function parseInValues(p: Cursor): Expr[] {
  if (!p.isOp('(')) {
    return [p.missingWithError('`(` after IN', 'missing-token')];
  }
  if (startsQuery(p, 1)) {
    const open = p.advance();
    const query = parseQuery(p);
    closeParen(p);
    return [{ kind: 'Subquery', query, span: p.spanFrom(open.start) }];
  }
  if (p.isOp(')', 1)) {
    p.advance();
    const empty = p.missingWithError('a value in the IN list', 'expected-expression');
    p.advance();
    return [empty];
  }
  return parseParenExprList(p);
}

type Level = (p: Cursor) => Expr;

function leftAssoc(ops: Set<string>, next: Level, words?: Set<string>): Level {
  return (p) => {
    let left = next(p);
    for (;;) {
      const t = p.tok;
      if (!((t.kind === 'op' && ops.has(t.upper)) || (words && t.kind === 'word' && words.has(t.upper)))) return left;
      p.advance();
      left = binary(left, t.upper, t, next(p));
    }
  };
}

const parseMultiplicative = leftAssoc(new Set(['*', '/', '%']), parseUnary, new Set(['DIV']));
const parseAdditive = leftAssoc(new Set(['+', '-', '||']), parseMultiplicative);
const parseShift = leftAssoc(new Set(['<<']), parseAdditive);
const parseBitAnd = leftAssoc(new Set(['&']), parseShift);
const parseBitXor = leftAssoc(new Set(['^']), parseBitAnd);
const parseBitOr = leftAssoc(new Set(['|']), parseBitXor);

function parseUnary(p: Cursor): Expr {
  const t = p.tok;
  if (t.kind === 'op' && (t.upper === '-' || t.upper === '+' || t.upper === '~')) {
    if (!p.enter()) return p.skipNested();
    p.advance();
    const operand = parseUnary(p);
    p.leave();
    return { kind: 'Unary', op: t.upper as '-', operand, span: { start: t.start, end: Math.max(t.end, operand.span.end) } };
  }
  return parsePrimaryPostfix(p);
}

/** A primary expression followed by `.field`, `[index]`, `::type` and `:json.path` suffixes. */
export function parsePrimaryPostfix(p: Cursor): Expr {
  let e = parsePrimary(p);
  const start = e.span.start;
  for (;;) {
    if (p.isOp('[')) {
      p.advance();
      const index = parseExpr(p);
      p.expectOp(']');
      e = { kind: 'Subscript', object: e, index, span: p.spanFrom(start) };
    } else if (p.isOp('::')) {
      p.advance();
      e = { kind: 'Cast', form: '::', expr: e, type: parseDataType(p), span: p.spanFrom(start) };
    } else if (p.isOp(':') && isJsonKeyStart(p, 1)) {
      p.advance();
      e = { kind: 'JsonPath', object: e, steps: parseJsonSteps(p), span: p.spanFrom(start) };
    } else if (p.isOp('.') && e.kind !== 'ColumnRef') {
      p.advance();
      if (p.isOp('*')) {
        // `(expr).*` is rare; read it as a star over the expression's name when it has one.
        p.advance();
        e = { kind: 'Star', span: p.spanFrom(start) };
      } else {
        const field = nameAfterDot(p) ? p.identifier() : p.missingWithError('a field name', 'expected-name');
        e = { kind: 'FieldAccess', object: e, field, span: p.spanFrom(start) };
      }
    } else {
      return e;
    }
  }
}

function isJsonKeyStart(p: Cursor, k: number): boolean {
  const t = p.peek(k);
  return t.kind === 'word' || t.kind === 'quoted' || (t.kind === 'op' && t.upper === '[');
}

function parseJsonSteps(p: Cursor): JsonPathStep[] {
  const steps: JsonPathStep[] = [];
  let first = true;
  for (;;) {
    const start = p.tok.start;
    if (p.isOp('[')) {
      p.advance();
      let index: Expr;
      if (p.isOp('*')) {
        const s = p.advance();
        index = { kind: 'Star', span: { start: s.start, end: s.end } };
      } else {
        index = parseExpr(p);
      }
      p.expectOp(']');
      steps.push({ kind: 'JsonIndex', index, span: p.spanFrom(start) });
    } else if (first || p.isOp('.')) {
      if (!first) p.advance();
      const t = p.tok;
      const name = t.kind === 'word' || t.kind === 'quoted' ? p.identifier() : p.missingWithError('a JSON key', 'expected-name');
      steps.push({ kind: 'JsonKey', name, span: first ? p.spanFrom(start) : p.spanFrom(start) });
    } else {
      return steps;
    }
    first = false;
  }
}

/** After a dot: a name part unless it is a reserved word separated by space (`x. FROM t` is a cut-short name). */
function nameAfterDot(p: Cursor): boolean {
  const t = p.tok;
  if (t.kind === 'quoted' || t.kind === 'param') return true;
  if (t.kind !== 'word') return false;
  if (p.isReserved() || p.atStatementEnd()) return t.start === p.prevEnd();
  return true;
}

/** `a.b.c` name parts from the current name token; stops before `.*`. */
export function parseNameParts(p: Cursor): { parts: Identifier[]; missingPart?: Missing; star?: boolean } {
  const parts = [p.identifier()];
  while (p.isOp('.')) {
    if (p.isOp('*', 1)) return { parts };
    p.advance();
    if (!nameAfterDot(p)) return { parts, missingPart: p.missingWithError('a name after `.`', 'expected-name') };
    parts.push(p.identifier());
  }
  return { parts };
}

/** A dotted dataset/function name; Missing (with an error) when none is here. */
export function parseQualifiedName(p: Cursor, what: string): QualifiedName | Missing {
  if (!p.atName()) return p.missingWithError(what, 'expected-name');
  const start = p.tok.start;
  const { parts, missingPart } = parseNameParts(p);
  return { kind: 'QualifiedName', parts, missingPart, span: p.spanFrom(start) };
}

function parseStar(p: Cursor, start: number, qualifier?: Identifier[]): Star {
  p.advance(); // *
  const star: Star = { kind: 'Star', qualifier, span: p.spanFrom(start) };
  if (p.isWord('EXCEPT') && p.isOp('(', 1) && !startsQuery(p, 2)) {
    p.advance();
    p.advance();
    star.except = [];
    while (p.atName()) {
      const s = p.tok.start;
      const { parts, missingPart } = parseNameParts(p);
      star.except.push({ kind: 'ColumnRef', parts, missingPart, span: p.spanFrom(s) });
      if (!p.eatOp(',')) break;
    }
    closeParen(p);
    star.span = p.spanFrom(start);
  }
  return star;
}

function parsePrimary(p: Cursor): Expr {
  const t = p.tok;
  switch (t.kind) {
    case 'number':
      p.advance();
      return numberLiteral(t.text, t.value, t.upper, t.start, t.end);
    case 'string':
      return parseStringLiteral(p);
    case 'param':
      if (!p.isOp('.', 1)) {
        p.advance();
        return { kind: 'Param', key: t.value, span: { start: t.start, end: t.end } };
      }
      return parseNameExpr(p);
    case 'quoted':
      if (p.isOp('->', 1)) return parseSingleLambda(p);
      return parseNameExpr(p);
    case 'op':
      if (t.upper === '(') return parseParenExpr(p);
      if (t.upper === '*') return parseStar(p, t.start);
      break;
    case 'word':
      return parseWordExpr(p);
  }
  return p.missingWithError('an expression', 'expected-expression');
}

export function parseStringLiteral(p: Cursor): StringLiteral {
  const first = p.advance();
  let value = first.value;
  let params = first.params ? [...first.params] : undefined;
  let end = first.end;
  // Adjacent literals concatenate ('a' 'b' = 'ab').
  while (p.tok.kind === 'string') {
    const t = p.advance();
    value += t.value;
    if (t.params) params = [...(params ?? []), ...t.params];
    end = t.end;
  }
  const lit: StringLiteral = { kind: 'StringLiteral', value, raw: !!first.raw, span: { start: first.start, end } };
  if (params) lit.params = params;
  return lit;
}

function numberLiteral(text: string, body: string, suffix: string, start: number, end: number): NumberLiteral {
  const value = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : Number(body);
  const lit: NumberLiteral = { kind: 'NumberLiteral', text, value, span: { start, end } };
  if (suffix) lit.suffix = suffix;
  return lit;
}

function parseParenExpr(p: Cursor): Expr {
  const open = p.tok;
  const close = p.matchOf(p.pos);
  if (close >= 0 && p.tokens[close + 1]?.kind === 'op' && p.tokens[close + 1].upper === '->') return parseParenLambda(p, close);
  if (startsQuery(p, 1)) {
    p.advance();
    const query = parseQuery(p);
    closeParen(p);
    return { kind: 'Subquery', query, span: p.spanFrom(open.start) };
  }
  if (!p.enter()) return p.skipNested();
  p.advance();
  const first = parseExpr(p);
  if (p.isOp(',')) {
    const items = [first];
    while (p.eatOp(',')) items.push(parseExpr(p));
    closeParen(p);
    p.leave();
    return { kind: 'Tuple', items, span: p.spanFrom(open.start) };
  }
  closeParen(p);
  p.leave();
  return { kind: 'Paren', expr: first, span: p.spanFrom(open.start) };
}

function parseParenLambda(p: Cursor, close: number): Lambda {
  const start = p.advance().start;
  const params: Identifier[] = [];
  while (p.pos < close) {
    if (p.tok.kind === 'word' || p.tok.kind === 'quoted') params.push(p.identifier());
    else p.skipJunk(() => p.isOp(',') || p.pos >= close, 'Expected a lambda parameter name');
    if (!p.eatOp(',')) break;
  }
  if (p.pos < close) p.skipJunk(() => p.pos >= close, 'Expected `)`');
  p.expectOp(')');
  p.advance(); // ->
  const body = parseExpr(p);
  return { kind: 'Lambda', params, body, span: p.spanFrom(start) };
}

function parseSingleLambda(p: Cursor): Lambda {
  const param = p.identifier();
  p.advance(); // ->
  const body = parseExpr(p);
  return { kind: 'Lambda', params: [param], body, span: p.spanFrom(param.span.start) };
}

function parseWordExpr(p: Cursor): Expr {
  const t = p.tok;
  const u = t.upper;
  const next = p.peek();
  const call = next.kind === 'op' && next.upper === '(';
  if (next.kind === 'op' && next.upper === '->') return parseSingleLambda(p);
  switch (u) {
    case 'CASE':
      return parseCase(p);
    case 'CAST':
    case 'TRY_CAST':
      if (call) return parseCast(p);
      break;
    case 'EXTRACT':
      if (call) return parseExtract(p);
      break;
    case 'EXISTS':
      if (call) {
        p.advance();
        p.advance();
        const query = startsQuery(p) ? parseQuery(p) : p.missingWithError('a query', 'expected-query');
        closeParen(p);
        return { kind: 'Exists', query, span: p.spanFrom(t.start) };
      }
      break;
    case 'INTERVAL':
      if (next.kind === 'number' || next.kind === 'string' || (next.kind === 'op' && (next.upper === '-' || next.upper === '+')))
        return parseInterval(p);
      break;
    case 'TRUE':
    case 'FALSE':
      if (!call) {
        p.advance();
        return { kind: 'BooleanLiteral', value: u === 'TRUE', span: { start: t.start, end: t.end } };
      }
      break;
    case 'NULL':
      if (!call) {
        p.advance();
        return { kind: 'NullLiteral', span: { start: t.start, end: t.end } };
      }
      break;
  }
  if (TYPED_LITERALS.has(u) && next.kind === 'string' && (u !== 'X' || next.start === t.end)) {
    p.advance();
    const value = parseStringLiteral(p);
    return { kind: 'TypedLiteral', typeName: u, value, span: p.spanFrom(t.start) };
  }
  if (
    p.isReserved() &&
    !(call && RESERVED_FUNCTIONS.has(u)) &&
    !(next.kind === 'op' && next.upper === '.' && p.peek(2).start === next.end)
  ) {
    return p.missingWithError('an expression', 'expected-expression');
  }
  if (p.atStatementEnd()) return p.missingWithError('an expression', 'expected-expression');
  return parseNameExpr(p);
}

/** A column reference, `t.*`, or a function call, starting at a name token. */
function parseNameExpr(p: Cursor): Expr {
  const start = p.tok.start;
  const { parts, missingPart } = parseNameParts(p);
  if (!missingPart && p.isOp('.') && p.isOp('*', 1)) {
    p.advance();
    return parseStar(p, start, parts);
  }
  if (!missingPart && p.isOp('(')) {
    return parseFunctionCall(p, { kind: 'QualifiedName', parts, span: p.spanFrom(start) });
  }
  const ref: ColumnRef = { kind: 'ColumnRef', parts, span: p.spanFrom(start) };
  if (missingPart) ref.missingPart = missingPart;
  return ref;
}

/** The argument list and suffixes (FILTER, IGNORE NULLS, WITHIN GROUP, OVER) of a call whose name was read. */
export function parseFunctionCall(p: Cursor, name: QualifiedName): FunctionCall {
  const start = name.span.start;
  const call: FunctionCall = { kind: 'FunctionCall', name, args: [], distinct: false, span: name.span };
  if (!p.enter()) {
    p.skipNested();
    call.span = p.spanFrom(start);
    return call;
  }
  p.advance(); // (
  if (p.eatWord('DISTINCT')) call.distinct = true;
  else if (p.isWord('ALL') && !p.isOp(')', 1)) p.advance();
  if (!p.isOp(')')) {
    for (;;) {
      call.args.push(parseArgument(p));
      if (!p.eatOp(',')) break;
    }
  }
  if (p.isWord('IGNORE') || p.isWord('RESPECT')) {
    if (p.isWord('NULLS', 1)) {
      call.nullTreatment = p.advance().upper as 'IGNORE';
      p.advance();
    }
  }
  if (p.isWord('ORDER') && p.isWord('BY', 1)) {
    // array_agg(x ORDER BY y): keep the ordering as WITHIN GROUP.
    p.advance();
    p.advance();
    call.withinGroup = parseOrderItems(p);
  }
  closeParen(p);
  p.leave();
  if (p.isWord('WITHIN') && p.isWord('GROUP', 1)) {
    p.advance();
    p.advance();
    if (p.expectOp('(')) {
      if (p.expectWord('ORDER') && p.expectWord('BY')) call.withinGroup = parseOrderItems(p);
      closeParen(p);
    }
  }
  if (p.isWord('FILTER') && p.isOp('(', 1)) {
    p.advance();
    p.advance();
    p.expectWord('WHERE');
    call.filter = parseExpr(p);
    closeParen(p);
  }
  if ((p.isWord('IGNORE') || p.isWord('RESPECT')) && p.isWord('NULLS', 1)) {
    call.nullTreatment = p.advance().upper as 'IGNORE';
    p.advance();
  }
  if (p.eatWord('OVER')) {
    if (p.isOp('(')) call.over = parseWindowSpec(p);
    else if (p.atName()) call.over = p.identifier();
    else call.over = { kind: 'WindowSpec', partitionBy: [], orderBy: [], span: p.missingWithError('a window', 'missing-token').span };
  }
  call.span = p.spanFrom(start);
  return call;
}

function parseArgument(p: Cursor): Expr {
  const t = p.tok;
  if ((t.kind === 'word' || t.kind === 'quoted') && p.isOp('=>', 1)) {
    const name = p.identifier();
    p.advance();
    const value = parseExpr(p);
    return { kind: 'NamedArgument', name, value, span: p.spanFrom(t.start) };
  }
  return parseExpr(p);
}

/** `( [base] [PARTITION BY ...] [ORDER BY ...] [frame] )`. */
export function parseWindowSpec(p: Cursor): WindowSpec {
  const start = p.tok.start;
  const spec: WindowSpec = { kind: 'WindowSpec', partitionBy: [], orderBy: [], span: { start, end: start } };
  p.advance(); // (
  if (p.atName() && !p.isWord('PARTITION') && !p.isWord('ROWS') && !p.isWord('RANGE') && !p.isWord('DISTRIBUTE'))
    spec.baseWindow = p.identifier();
  if ((p.isWord('PARTITION') || p.isWord('DISTRIBUTE')) && p.isWord('BY', 1)) {
    p.advance();
    p.advance();
    spec.partitionBy = parseExprList(p);
  }
  if ((p.isWord('ORDER') || p.isWord('SORT')) && p.isWord('BY', 1)) {
    p.advance();
    p.advance();
    spec.orderBy = parseOrderItems(p);
  }
  if (p.isWord('ROWS') || p.isWord('RANGE')) spec.frame = parseFrame(p);
  closeParen(p);
  spec.span = p.spanFrom(start);
  return spec;
}

function parseFrame(p: Cursor): WindowFrame {
  const t = p.advance();
  const units = t.upper as 'ROWS';
  if (p.eatWord('BETWEEN')) {
    const startBound = parseFrameBound(p);
    p.expectWord('AND');
    const end = parseFrameBound(p);
    return { kind: 'WindowFrame', units, start: startBound, end, span: p.spanFrom(t.start) };
  }
  return { kind: 'WindowFrame', units, start: parseFrameBound(p), span: p.spanFrom(t.start) };
}

function parseFrameBound(p: Cursor): FrameBound {
  const start = p.tok.start;
  if (p.eatWord('UNBOUNDED')) {
    if (p.eatWord('PRECEDING')) return { kind: 'FrameBound', bound: 'UNBOUNDED PRECEDING', span: p.spanFrom(start) };
    if (p.eatWord('FOLLOWING')) return { kind: 'FrameBound', bound: 'UNBOUNDED FOLLOWING', span: p.spanFrom(start) };
    p.errorHere('missing-token', 'Expected PRECEDING or FOLLOWING');
    return { kind: 'FrameBound', bound: 'invalid', span: p.spanFrom(start) };
  }
  if (p.eatWords('CURRENT', 'ROW')) return { kind: 'FrameBound', bound: 'CURRENT ROW', span: p.spanFrom(start) };
  const offset = parseBitOr(p);
  if (p.eatWord('PRECEDING')) return { kind: 'FrameBound', bound: 'PRECEDING', offset, span: p.spanFrom(start) };
  if (p.eatWord('FOLLOWING')) return { kind: 'FrameBound', bound: 'FOLLOWING', offset, span: p.spanFrom(start) };
  p.errorHere('missing-token', 'Expected PRECEDING or FOLLOWING');
  return { kind: 'FrameBound', bound: 'invalid', offset, span: p.spanFrom(start) };
}

export function parseOrderItems(p: Cursor): OrderItem[] {
  const items: OrderItem[] = [];
  for (;;) {
    const expr = parseExpr(p);
    const item: OrderItem = { kind: 'OrderItem', expr, span: expr.span };
    if (p.isWord('ASC') || p.isWord('DESC')) item.direction = p.advance().upper as 'ASC';
    if (p.isWord('NULLS') && (p.isWord('FIRST', 1) || p.isWord('LAST', 1))) {
      p.advance();
      item.nulls = p.advance().upper as 'FIRST';
    }
    item.span = p.spanFrom(expr.span.start);
    items.push(item);
    if (!p.eatOp(',')) return items;
  }
}

function parseCase(p: Cursor): Case {
  const start = p.advance().start;
  const node: Case = { kind: 'Case', whens: [], span: { start, end: start } };
  if (!p.enter()) {
    p.skipToStatementEnd();
    node.span = p.spanFrom(start);
    return node;
  }
  if (!p.isWord('WHEN')) node.operand = parseExpr(p);
  while (p.isWord('WHEN')) {
    const w = p.advance();
    const condition = parseExpr(p);
    const result = p.expectWord('THEN') ? parseExpr(p) : p.missing('THEN result');
    node.whens.push({ kind: 'When', condition, result, span: p.spanFrom(w.start) });
  }
  if (node.whens.length === 0) p.errorHere('missing-token', 'Expected WHEN');
  if (p.eatWord('ELSE')) node.else = parseExpr(p);
  p.expectWord('END');
  p.leave();
  node.span = p.spanFrom(start);
  return node;
}

function parseCast(p: Cursor): Expr {
  const t = p.advance();
  p.advance(); // (
  const expr = parseExpr(p);
  const type = p.expectWord('AS') ? parseDataType(p) : p.missing('a type');
  closeParen(p);
  return { kind: 'Cast', form: t.upper as 'CAST', expr, type, span: p.spanFrom(t.start) };
}

function parseExtract(p: Cursor): Expr {
  const t = p.advance();
  const nameSpan = { start: t.start, end: t.end };
  const save = p.pos;
  p.advance(); // (
  if ((p.tok.kind === 'word' || p.tok.kind === 'string') && p.isWord('FROM', 1)) {
    const f = p.advance();
    const field: Identifier = { kind: 'Identifier', text: f.text, name: f.value, quoted: false, span: { start: f.start, end: f.end } };
    p.advance(); // FROM
    const expr = parseExpr(p);
    closeParen(p);
    return { kind: 'Extract', field, expr, span: p.spanFrom(t.start) };
  }
  p.pos = save; // extract(field, source) in function form
  const id: Identifier = { kind: 'Identifier', text: t.text, name: t.value, quoted: false, span: nameSpan };
  return parseFunctionCall(p, { kind: 'QualifiedName', parts: [id], span: nameSpan });
}

function parseInterval(p: Cursor): Expr {
  const start = p.advance().start;
  const parts: IntervalPart[] = [];
  for (;;) {
    const t = p.tok;
    const isValue =
      t.kind === 'number' ||
      t.kind === 'string' ||
      (t.kind === 'op' && (t.upper === '-' || t.upper === '+') && (p.peek().kind === 'number' || p.peek().kind === 'string'));
    if (!isValue) break;
    const value = parseUnary(p);
    const part: IntervalPart = { kind: 'IntervalPart', value, span: value.span };
    if (p.tok.kind === 'word' && INTERVAL_UNITS.has(p.tok.upper)) {
      part.unit = p.advance().upper;
      if (p.isWord('TO') && p.peek().kind === 'word' && INTERVAL_UNITS.has(p.peek().upper)) {
        p.advance();
        part.toUnit = p.advance().upper;
      }
    }
    part.span = p.spanFrom(value.span.start);
    parts.push(part);
    if (!part.unit) break;
  }
  return { kind: 'Interval', parts, span: p.spanFrom(start) };
}
