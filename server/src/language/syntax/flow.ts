// Flows: CREATE FLOW, AUTO CDC [ONCE] INTO / APPLY CHANGES INTO with every
// clause (also FROM SNAPSHOT), and INSERT [ONCE] INTO ... [BY NAME]
// [REPLACE USING ... SEQUENCE BY | REPLACE WHERE] query.
import type { AutoCdc, ColumnRef, ColumnSelection, CreateFlow, InsertInto, Query, Statement, SubqueryRelation } from './ast';
import { Cursor } from './cursor';
import { closeParen, parseExpr, parseNameParts, parseParenExprList, parseQualifiedName, parseStringLiteral } from './expressions';
import { parseQuery, startsQuery } from './query';
import { parseIdentifierList, parseRelation } from './relations';

/** Words that start an AUTO CDC clause (where junk skipping stops). */
const CDC_CLAUSES = new Set(['KEYS', 'IGNORE', 'APPLY', 'SEQUENCE', 'COLUMNS', 'STORED', 'TRACK']);

/** After `CREATE [...]` with the cursor on FLOW. */
export function parseCreateFlow(p: Cursor, start: number): Statement {
  p.advance(); // FLOW
  const flow: CreateFlow = {
    kind: 'CreateFlow',
    name: parseQualifiedName(p, 'a flow name'),
    body: p.missing('AS'),
    span: { start, end: start },
  };
  if (p.eatWord('COMMENT')) {
    if (p.tok.kind === 'string') flow.comment = parseStringLiteral(p);
    else p.errorHere('missing-token', 'Expected a string after COMMENT');
  }
  if (p.expectWord('AS')) {
    if ((p.isWord('AUTO') && p.isWord('CDC', 1)) || (p.isWord('APPLY') && p.isWord('CHANGES', 1))) flow.body = parseAutoCdc(p, true);
    else if (p.isWord('INSERT')) flow.body = parseInsert(p, false);
    else flow.body = p.missingWithError('AUTO CDC INTO or INSERT INTO', 'missing-token');
  }
  flow.span = p.spanFrom(start);
  return flow;
}

/**
 * `AUTO CDC INTO t FROM s ...` / `APPLY CHANGES INTO t FROM s ...`. Inside
 * `CREATE STREAMING TABLE t FLOW AUTO CDC` the target may be left out.
 */
export function parseAutoCdc(p: Cursor, targetRequired: boolean): AutoCdc {
  const first = p.advance();
  p.advance(); // CDC | CHANGES
  const node: AutoCdc = {
    kind: 'AutoCdc',
    spelling: first.upper === 'AUTO' ? 'AUTO CDC' : 'APPLY CHANGES',
    source: p.missing('FROM source'),
    keys: [],
    ignoreNullUpdates: false,
    span: { start: first.start, end: first.end },
  };
  if (p.isWord('ONCE') && (p.isWord('INTO', 1) || p.isWord('FROM', 1))) {
    p.advance();
    node.once = true;
  }
  if (p.eatWord('INTO')) node.target = parseQualifiedName(p, 'a target table');
  else if (targetRequired) node.target = p.missingWithError('INTO and a target table', 'missing-token');
  if (p.isWord('FROM') && p.isWord('SNAPSHOT', 1) && p.isOp('(', 2) && startsQuery(p, 3)) {
    p.advance();
    node.snapshot = true;
    node.source = parseSnapshot(p);
    if (p.eatWords('WITH', 'VERSION')) node.withVersion = parenQuery(p);
  } else if (p.eatWord('FROM')) node.source = parseRelation(p);
  else node.source = p.missingWithError('FROM and a source', 'missing-token');
  for (;;) {
    if (p.atStatementEnd()) break;
    if (!parseCdcClause(p, node)) {
      const t = p.tok;
      const span = p.skipUntil(() => p.tok.kind === 'word' && CDC_CLAUSES.has(p.tok.upper));
      if (span)
        p.error('unexpected-token', `Unexpected \`${t.text.slice(0, 30)}\`: expected an AUTO CDC clause (KEYS, SEQUENCE BY, ...)`, span);
      else break;
    }
  }
  if (node.keys.length === 0) p.error('missing-token', 'AUTO CDC needs KEYS (...)', { start: first.start, end: first.end });
  if (!node.sequenceBy && !node.snapshot) p.error('missing-token', 'AUTO CDC needs SEQUENCE BY', { start: first.start, end: first.end });
  node.span = p.spanFrom(first.start);
  return node;
}

/** `SNAPSHOT (query)`: the snapshot query as a subquery source. */
function parseSnapshot(p: Cursor): SubqueryRelation {
  const start = p.advance().start; // SNAPSHOT
  const query = parenQuery(p);
  return { kind: 'SubqueryRelation', lateral: false, query, span: p.spanFrom(start) };
}

function parenQuery(p: Cursor): Query {
  const open = p.tok;
  p.expectOp('(');
  const query = startsQuery(p)
    ? parseQuery(p)
    : { kind: 'Query' as const, body: p.missingWithError('a query', 'expected-query'), span: { start: open.end, end: open.end } };
  closeParen(p);
  return query;
}

function parseCdcClause(p: Cursor, node: AutoCdc): boolean {
  if (p.eatWord('KEYS')) {
    node.keys = parseParenExprList(p);
  } else if (p.eatWords('IGNORE', 'NULL', 'UPDATES')) {
    node.ignoreNullUpdates = true;
  } else if (p.eatWords('APPLY', 'AS', 'DELETE', 'WHEN')) {
    node.applyAsDelete = parseExpr(p);
  } else if (p.eatWords('APPLY', 'AS', 'TRUNCATE', 'WHEN')) {
    node.applyAsTruncate = parseExpr(p);
  } else if (p.eatWords('SEQUENCE', 'BY')) {
    node.sequenceBy = parseExpr(p);
  } else if (p.isWord('COLUMNS')) {
    const start = p.advance().start;
    node.columns = parseColumnSelection(p, start);
  } else if (p.eatWords('STORED', 'AS')) {
    if (p.eatWords('SCD', 'TYPE') && p.tok.kind === 'number') {
      const n = p.advance();
      node.scdType = Number(n.value);
      node.scdTypeSpan = { start: n.start, end: n.end };
    } else {
      p.errorHere('missing-token', 'Expected SCD TYPE 1 or SCD TYPE 2');
    }
  } else if (p.isWord('TRACK') && p.isWord('HISTORY', 1)) {
    const start = p.advance().start;
    p.advance();
    p.expectWord('ON');
    node.trackHistory = parseColumnSelection(p, start);
  } else {
    return false;
  }
  return true;
}

/** `col, ...` | `(col, ...)` | `* EXCEPT (col, ...)`. */
function parseColumnSelection(p: Cursor, start: number): ColumnSelection {
  const sel: ColumnSelection = { kind: 'ColumnSelection', star: false, columns: [], except: [], span: { start, end: start } };
  if (p.eatOp('*')) {
    sel.star = true;
    if (p.eatWord('EXCEPT')) sel.except = parseParenExprList(p);
  } else if (p.isOp('(')) {
    sel.columns = parseParenExprList(p);
  } else {
    for (;;) {
      if (!p.atName() || (p.tok.kind === 'word' && CDC_CLAUSES.has(p.tok.upper))) {
        sel.columns.push(p.missingWithError('a column', 'expected-name'));
        break;
      }
      sel.columns.push(columnRef(p));
      if (!p.eatOp(',')) break;
    }
  }
  sel.span = p.spanFrom(start);
  return sel;
}

function columnRef(p: Cursor): ColumnRef {
  const start = p.tok.start;
  const { parts, missingPart } = parseNameParts(p);
  const ref: ColumnRef = { kind: 'ColumnRef', parts, span: p.spanFrom(start) };
  if (missingPart) ref.missingPart = missingPart;
  return ref;
}

/**
 * `INSERT [OVERWRITE | INTO] [ONCE] [TABLE] t [(cols)] [BY NAME] query` (ONCE
 * may also come before INTO). `inline` is the `FLOW INSERT [ONCE] BY NAME
 * query` form inside CREATE STREAMING TABLE, which names no target.
 */
export function parseInsert(p: Cursor, inline: boolean): InsertInto {
  const start = p.advance().start; // INSERT
  const node = emptyInsert(p, start);
  let sawInto = false;
  for (;;) {
    // `INSERT INTO once BY NAME ...`: after INTO, ONCE is a keyword only when a table name follows it.
    if (p.isWord('ONCE') && (!sawInto || (p.atName(1) && !p.isWord('REPLACE', 1)))) {
      p.advance();
      node.once = true;
    } else if (p.eatWord('INTO')) sawInto = true;
    else if (p.eatWord('OVERWRITE')) node.overwrite = sawInto = true;
    else if (p.eatWord('TABLE')) continue;
    else break;
  }
  const inlineWithoutTarget = inline && !sawInto;
  if (!inlineWithoutTarget) {
    if (!sawInto) p.errorHere('missing-token', 'Expected INTO');
    node.target = parseQualifiedName(p, 'a target table');
    if (p.isOp('(') && !startsQuery(p, 1)) node.columns = parseIdentifierList(p);
  }
  if (p.eatWords('BY', 'NAME')) node.byName = true;
  parseReplace(p, node);
  // The FLOW clause writes `REPLACE ... BY NAME`: accept that order here too.
  if (!node.byName && p.eatWords('BY', 'NAME')) node.byName = true;
  if (startsQuery(p)) node.query = parseQuery(p);
  else node.query = p.missingWithError('a query', 'expected-query');
  node.span = p.spanFrom(start);
  return node;
}

/** An insert flow with nothing read yet: the parts default to Missing at `start`. */
function emptyInsert(p: Cursor, start: number): InsertInto {
  return {
    kind: 'InsertInto',
    once: false,
    overwrite: false,
    target: p.missing('a target'),
    byName: false,
    query: p.missing('a query'),
    span: { start, end: start },
  };
}

/**
 * `FLOW REPLACE WHERE cond BY NAME query` / `FLOW REPLACE USING (cols)
 * SEQUENCE BY col BY NAME query` inside CREATE STREAMING TABLE: an insert
 * flow into the table being defined.
 */
export function parseReplaceFlow(p: Cursor): InsertInto {
  const start = p.tok.start;
  const node = emptyInsert(p, start);
  parseReplace(p, node);
  node.byName = p.eatWords('BY', 'NAME');
  node.query = startsQuery(p) ? parseQuery(p) : p.missingWithError('BY NAME and a query', 'expected-query');
  node.span = p.spanFrom(start);
  return node;
}

function parseReplace(p: Cursor, node: InsertInto): void {
  if (p.eatWords('REPLACE', 'USING')) {
    node.replaceUsing = parseIdentifierList(p);
    node.sequenceBy = p.eatWords('SEQUENCE', 'BY')
      ? parseExpr(p)
      : p.missingWithError('SEQUENCE BY after REPLACE USING (...)', 'missing-token');
  } else if (p.eatWords('REPLACE', 'WHERE')) {
    node.replaceWhere = parseExpr(p);
  }
}
