// CREATE statements for datasets (streaming tables, materialized views, views,
// legacy LIVE spellings, the warehouse STREAMING TABLE form) with column lists,
// expectations, table constraints and table clauses.
import type {
  ColumnDef,
  CreateClause,
  CreateDataset,
  DatasetKind,
  Expectation,
  Expr,
  Identifier,
  Property,
  Statement,
  TableConstraint,
  TableElement,
  ViolationAction,
} from './ast';
import { Cursor } from './cursor';
import { closeParen, parseExpr, parseParenExprList, parseQualifiedName, parseStringLiteral } from './expressions';
import { parseAutoCdc, parseCreateFlow, parseInsert, parseReplaceFlow } from './flow';
import { parseQuery, startsQuery } from './query';
import { parseIdentifierList } from './relations';
import { parseDataType } from './types';

/** Words that start a table clause (where junk skipping stops). */
const CLAUSE_WORDS = new Set([
  'USING',
  'PARTITIONED',
  'CLUSTER',
  'LOCATION',
  'COMMENT',
  'TBLPROPERTIES',
  'WITH',
  'REFRESH',
  'SCHEDULE',
  'TRIGGER',
  'AS',
  'FLOW',
  'OPTIONS',
  'MASK',
  'DEFAULT',
]);

interface KindWords {
  kind: DatasetKind;
  legacy: boolean;
}

export function parseCreate(p: Cursor): Statement {
  const start = p.advance().start; // CREATE
  let orRefresh = false;
  let orReplace = false;
  if (p.isWord('OR') && (p.isWord('REFRESH', 1) || p.isWord('REPLACE', 1))) {
    p.advance();
    if (p.advance().upper === 'REFRESH') orRefresh = true;
    else orReplace = true;
  }
  let visibility: CreateDataset['visibility'];
  let visibilitySpan: CreateDataset['visibilitySpan'];
  if (p.isWord('PRIVATE')) {
    const t = p.advance();
    visibility = 'PRIVATE';
    visibilitySpan = { start: t.start, end: t.end };
  } else if (p.isWord('TEMPORARY') || p.isWord('TEMP')) {
    const t = p.advance();
    visibility = 'TEMPORARY';
    visibilitySpan = { start: t.start, end: t.end };
  }
  if (p.isWord('FLOW')) return parseCreateFlow(p, start);
  const spellingStart = p.tok.start;
  const words = readKindWords(p, visibility) ?? unknownKindWords(p, visibility);
  if (!words) {
    p.skipToStatementEnd();
    return { kind: 'Unknown', text: p.text.slice(start, p.prevEnd()), span: p.spanFrom(start) };
  }
  const spellingSpan = p.spanFrom(spellingStart);
  const node: CreateDataset = {
    kind: 'CreateDataset',
    datasetKind: words.kind,
    spelling: spellingText(p, spellingSpan),
    spellingSpan,
    legacy: words.legacy,
    orRefresh,
    orReplace,
    visibility,
    ...(visibilitySpan ? { visibilitySpan } : {}),
    ifNotExists: false,
    warehouse: false,
    name: p.missing('a name'),
    clauses: [],
    span: { start, end: start },
  };
  if (p.eatWords('IF', 'NOT', 'EXISTS')) {
    node.ifNotExists = true;
    node.warehouse = true;
  }
  node.name = parseQualifiedName(p, 'a dataset name');
  if (p.isOp('(') && !startsQuery(p, 1)) node.elements = parseElements(p);
  parseClauses(p, node);
  if (p.eatWord('AS')) node.body = parseBody(p, true);
  else if (p.eatWord('FLOW')) node.body = parseBody(p, false);
  else if (node.datasetKind !== 'streaming_table' && node.datasetKind !== 'table')
    node.body = p.missingWithError('AS and a query', 'missing-token');
  node.span = p.spanFrom(start);
  return node;
}

function spellingText(p: Cursor, span: { start: number; end: number }): string {
  return p.text.slice(span.start, span.end).toUpperCase().split(/\s+/).join(' ');
}

function readKindWords(p: Cursor, visibility: CreateDataset['visibility']): KindWords | undefined {
  if (p.eatWords('STREAMING', 'TABLE')) return { kind: 'streaming_table', legacy: false };
  if (p.eatWords('STREAMING', 'LIVE', 'TABLE') || p.eatWords('INCREMENTAL', 'LIVE', 'TABLE'))
    return { kind: 'streaming_table', legacy: true };
  // Legacy streaming views (`CREATE TEMPORARY STREAMING LIVE VIEW`): a temporary view over a stream.
  if (p.eatWords('STREAMING', 'LIVE', 'VIEW') || p.eatWords('INCREMENTAL', 'LIVE', 'VIEW')) return { kind: 'temporary_view', legacy: true };
  if (p.eatWords('MATERIALIZED', 'VIEW')) return { kind: 'materialized_view', legacy: false };
  if (p.eatWords('LIVE', 'TABLE')) return { kind: 'materialized_view', legacy: true };
  if (p.eatWords('LIVE', 'VIEW')) return { kind: 'temporary_view', legacy: true };
  if (p.eatWord('VIEW')) return { kind: visibility === 'TEMPORARY' ? 'temporary_view' : 'view', legacy: false };
  // `CREATE TABLE t ... [FLOW INSERT ...]`: a pipeline managed table (beta), written by flows.
  if (p.eatWord('TABLE')) return { kind: 'table', legacy: false };
  return undefined;
}

const KIND_WORDS = new Set(['STREAMING', 'LIVE', 'INCREMENTAL', 'MATERIALIZED', 'TABLE', 'VIEW']);

/**
 * Kind words we do not know (`CREATE OR REFRESH STREAMING LIVE TEMP TABLE t`):
 * one error at the first of them; when TABLE or VIEW follows within a few
 * words, the statement is still read as a dataset (streaming when STREAMING
 * was written), so its name stays in the model.
 */
function unknownKindWords(p: Cursor, visibility: CreateDataset['visibility']): KindWords | undefined {
  // Point at the first word that is no kind word (SNAPSHOT in `STREAMING SNAPSHOT TABLE`).
  let at = 0;
  while (at < 4 && p.peek(at).kind === 'word' && KIND_WORDS.has(p.peek(at).upper) && !p.atStatementEnd(at)) at++;
  const t = at < 4 && p.peek(at).kind === 'word' && !p.atStatementEnd(at) ? p.peek(at) : p.tok;
  const message = 'Expected STREAMING TABLE, MATERIALIZED VIEW, VIEW or FLOW after CREATE';
  if (t === p.tok) p.errorHere('unexpected-token', message);
  else p.error('unexpected-token', `${message}, found \`${t.text.slice(0, 30)}\``, { start: t.start, end: t.end });
  let streaming = false;
  for (let k = 0; k < 4 && p.peek(k).kind === 'word' && !p.atStatementEnd(k); k++) {
    const u = p.peek(k).upper;
    if (u === 'STREAMING') streaming = true;
    if (u !== 'TABLE' && u !== 'VIEW') continue;
    p.pos += k + 1;
    if (u === 'VIEW') return { kind: visibility === 'TEMPORARY' || streaming ? 'temporary_view' : 'view', legacy: false };
    return { kind: streaming ? 'streaming_table' : 'materialized_view', legacy: false };
  }
  return undefined;
}

function parseBody(p: Cursor, afterAs: boolean): CreateDataset['body'] {
  if (p.isWord('AUTO') && p.isWord('CDC', 1)) return parseAutoCdc(p, false);
  if (p.isWord('APPLY') && p.isWord('CHANGES', 1)) return parseAutoCdc(p, false);
  if (p.isWord('INSERT')) return parseInsert(p, true);
  if (!afterAs && p.isWord('REPLACE') && (p.isWord('WHERE', 1) || p.isWord('USING', 1))) return parseReplaceFlow(p);
  if (afterAs && startsQuery(p)) return parseQuery(p);
  if (afterAs) return p.missingWithError('a query', 'expected-query');
  return p.missingWithError('AUTO CDC, INSERT or REPLACE after FLOW', 'missing-token');
}

// ---------------------------------------------------------------- elements

function parseElements(p: Cursor): TableElement[] {
  const elements: TableElement[] = [];
  p.advance(); // (
  while (!p.isOp(')') && !p.atStatementEnd()) {
    const before = p.pos;
    elements.push(parseElement(p));
    if (!p.isOp(',') && !p.isOp(')') && !p.atStatementEnd()) {
      const t = p.tok;
      const span = p.skipUntil(() => p.isOp(','));
      if (span) {
        p.error('unexpected-token', `Unexpected \`${t.text.slice(0, 30)}\` in the column list`, span);
        elements.push({ kind: 'Error', message: 'unexpected text', span });
      }
    }
    if (!p.eatOp(',')) break;
    if (p.pos === before) break;
  }
  closeParen(p);
  return elements;
}

function parseElement(p: Cursor): TableElement {
  const start = p.tok.start;
  if (p.isWord('CONSTRAINT')) {
    p.advance();
    const name = p.expectIdentifier('a constraint name');
    if (p.isWord('EXPECT')) return parseExpectation(p, start, name);
    const constraint = parseTableConstraint(p, start);
    if (name.kind === 'Identifier') constraint.name = name;
    return constraint;
  }
  if (p.isWord('PRIMARY') || p.isWord('FOREIGN') || (p.isWord('CHECK') && p.isOp('(', 1))) return parseTableConstraint(p, start);
  if (p.tok.kind === 'word' || p.tok.kind === 'quoted' || p.tok.kind === 'param') return parseColumnDef(p);
  const t = p.tok;
  p.errorHere('expected-name', 'Expected a column name or CONSTRAINT');
  return { kind: 'Error', message: 'expected a column', span: { start: t.start, end: t.start } };
}

function parseExpectation(p: Cursor, start: number, name: Expectation['name']): Expectation {
  p.advance(); // EXPECT
  let expr: Expr;
  if (p.isOp('(')) {
    p.advance();
    expr = parseExpr(p);
    closeParen(p);
  } else {
    p.errorHere('missing-token', 'Expected `(` after EXPECT');
    expr = p.atStatementEnd() || p.isOp(',') || p.isOp(')') ? p.missing('an expression') : parseExpr(p);
  }
  const node: Expectation = { kind: 'Expectation', name, expr, span: { start, end: start } };
  if (p.isWord('ON') && p.isWord('VIOLATION', 1)) {
    p.advance();
    p.advance();
    node.onViolation = parseViolationAction(p);
  }
  node.span = p.spanFrom(start);
  return node;
}

function parseViolationAction(p: Cursor): ViolationAction {
  const start = p.tok.start;
  if (p.eatWords('DROP', 'ROW')) return { kind: 'ViolationAction', action: 'DROP_ROW', text: 'DROP ROW', span: p.spanFrom(start) };
  if (p.eatWords('FAIL', 'UPDATE')) return { kind: 'ViolationAction', action: 'FAIL_UPDATE', text: 'FAIL UPDATE', span: p.spanFrom(start) };
  // Keep whatever was written so diagnostics can point at it and suggest the valid actions.
  while ((p.tok.kind === 'word' || p.tok.kind === 'quoted' || p.tok.kind === 'string') && !p.atStatementEnd()) p.advance();
  const span = p.spanFrom(start);
  const text = p.text.slice(span.start, span.end);
  const found = text ? `\`${text}\`` : 'nothing';
  p.error(
    'invalid-violation-action',
    `Invalid ON VIOLATION action ${found}: expected DROP ROW or FAIL UPDATE`,
    span.end > span.start ? span : { start: span.start, end: span.start },
  );
  return { kind: 'ViolationAction', action: 'invalid', text, span };
}

function parseTableConstraint(p: Cursor, start: number): TableConstraint {
  const node: TableConstraint = { kind: 'TableConstraint', constraintType: 'UNKNOWN', columns: [], span: { start, end: start } };
  if (p.eatWords('PRIMARY', 'KEY')) {
    node.constraintType = 'PRIMARY_KEY';
    if (p.isOp('(')) node.columns = parseIdentifierList(p);
  } else if (p.eatWords('FOREIGN', 'KEY')) {
    node.constraintType = 'FOREIGN_KEY';
    if (p.isOp('(')) node.columns = parseIdentifierList(p);
    parseReferences(p, node);
  } else if (p.eatWord('CHECK')) {
    node.constraintType = 'CHECK';
    if (p.expectOp('(')) {
      node.check = parseExpr(p);
      closeParen(p);
    }
  } else {
    p.errorHere('unexpected-token', 'Expected EXPECT, PRIMARY KEY, FOREIGN KEY or CHECK');
    // Step over the word (`PRIMARY` without KEY, `UNIQUE`): a caller looping over
    // column properties would otherwise meet it again and never progress.
    if (p.tok.kind === 'word' && !p.atStatementEnd()) p.advance();
  }
  skipConstraintOptions(p);
  node.span = p.spanFrom(start);
  return node;
}

/** Informational constraint options, which change nothing for a pipeline. */
const CONSTRAINT_OPTIONS = new Set([
  'ENFORCED',
  'RELY',
  'NORELY',
  'TIMESERIES',
  'DEFERRABLE',
  'INITIALLY',
  'DEFERRED',
  'IMMEDIATE',
  'ENABLE',
  'DISABLE',
  'VALIDATE',
  'NOVALIDATE',
  'MATCH',
  'FULL',
  'PARTIAL',
  'SIMPLE',
]);

/**
 * Steps over `NOT ENFORCED`, `RELY`, `DEFERRABLE`, `ON DELETE NO ACTION` ...
 * but not over the column properties that may follow an inline constraint
 * (`PRIMARY KEY NOT NULL COMMENT 'c'`).
 */
function skipConstraintOptions(p: Cursor): void {
  for (;;) {
    if (p.isWord('NOT') && (p.isWord('ENFORCED', 1) || p.isWord('DEFERRABLE', 1))) p.pos += 2;
    else if (p.isWord('ON') && (p.isWord('DELETE', 1) || p.isWord('UPDATE', 1))) {
      p.pos += 2;
      if (!p.eatWords('NO', 'ACTION')) p.eatWord('RESTRICT') ?? p.eatWord('CASCADE');
    } else if (p.tok.kind === 'word' && CONSTRAINT_OPTIONS.has(p.tok.upper) && !p.atStatementEnd()) p.advance();
    else return;
  }
}

function parseReferences(p: Cursor, node: TableConstraint): void {
  if (!p.eatWord('REFERENCES')) return;
  const ref = parseQualifiedName(p, 'a referenced table');
  if (ref.kind === 'QualifiedName') node.references = ref;
  if (p.isOp('(')) node.referencedColumns = parseIdentifierList(p);
}

function parseColumnDef(p: Cursor): ColumnDef {
  const name: Identifier = p.identifier();
  const col: ColumnDef = { kind: 'ColumnDef', name, notNull: false, span: name.span };
  if (p.tok.kind === 'word' && !isColumnOption(p)) col.type = parseDataType(p);
  for (;;) {
    const s = p.tok.start;
    if (p.eatWords('NOT', 'NULL')) col.notNull = true;
    else if (p.eatWord('NULL')) continue;
    else if (p.eatWords('GENERATED', 'ALWAYS', 'AS') || p.eatWords('GENERATED', 'BY', 'DEFAULT', 'AS')) {
      if (p.eatWord('IDENTITY')) {
        p.skipGroup();
      } else if (p.expectOp('(')) {
        col.generated = parseExpr(p);
        closeParen(p);
      }
    } else if (p.eatWord('DEFAULT')) col.default = parseExpr(p);
    else if (p.eatWord('COMMENT')) {
      if (p.tok.kind === 'string') col.comment = parseStringLiteral(p);
      else p.errorHere('missing-token', 'Expected a string after COMMENT');
    } else if (p.eatWord('COLLATE')) {
      if (p.atName()) p.identifier();
      else p.errorHere('expected-name', 'Expected a collation name after COLLATE');
    } else if (p.eatWord('MASK')) {
      const fn = parseQualifiedName(p, 'a mask function');
      if (fn.kind === 'QualifiedName') col.mask = fn;
      if (p.eatWords('USING', 'COLUMNS') && p.isOp('(')) parseParenExprList(p);
    } else if (p.isWord('PRIMARY') || p.isWord('FOREIGN') || p.isWord('REFERENCES') || p.isWord('CONSTRAINT')) {
      let name: Identifier | undefined;
      if (p.eatWord('CONSTRAINT') && p.atName()) name = p.identifier();
      const c: TableConstraint = p.isWord('REFERENCES')
        ? { kind: 'TableConstraint', constraintType: 'FOREIGN_KEY', columns: [], span: { start: s, end: s } }
        : parseTableConstraint(p, s);
      if (p.isWord('REFERENCES')) parseReferences(p, c);
      // Inline constraints apply to this column.
      if (c.columns.length === 0) c.columns = [col.name];
      if (name) c.name = name;
      c.span = p.spanFrom(s);
      (col.inlineConstraints ??= []).push(c);
    } else break;
  }
  col.span = p.spanFrom(name.span.start);
  return col;
}

function isColumnOption(p: Cursor): boolean {
  const u = p.tok.upper;
  return (
    u === 'COMMENT' ||
    u === 'NOT' ||
    u === 'GENERATED' ||
    u === 'DEFAULT' ||
    u === 'MASK' ||
    u === 'PRIMARY' ||
    u === 'CONSTRAINT' ||
    u === 'COLLATE' ||
    u === 'REFERENCES' ||
    u === 'FOREIGN'
  );
}

// ---------------------------------------------------------------- clauses

function parseClauses(p: Cursor, node: CreateDataset): void {
  for (;;) {
    if (p.atStatementEnd() || p.isWord('AS') || p.isWord('FLOW')) return;
    const clause = parseClause(p, node);
    if (clause) {
      node.clauses.push(clause);
      continue;
    }
    // One error for the whole unknown clause: its first word (even a clause word that
    // starts no clause here, `WITH SCHEMA ...`, or a stray `)`) up to the next clause word.
    const t = p.advance();
    p.skipUntil(() => p.tok.kind === 'word' && CLAUSE_WORDS.has(p.tok.upper));
    const span = p.spanFrom(t.start);
    p.error('unexpected-token', `Unexpected \`${t.text.slice(0, 30)}\`: expected a table clause or AS`, span);
    node.clauses.push({ kind: 'Error', message: 'unexpected text', span });
  }
}

function parseClause(p: Cursor, node: CreateDataset): CreateClause | undefined {
  const start = p.tok.start;
  if (p.eatWord('USING')) {
    const format = p.atName() ? p.identifier() : p.missingWithError('a format (DELTA)', 'expected-name');
    return { kind: 'UsingClause', format, span: p.spanFrom(start) };
  }
  if (p.eatWords('PARTITIONED', 'BY')) return { kind: 'PartitionedByClause', columns: parseParenExprList(p), span: p.spanFrom(start) };
  if (p.eatWords('CLUSTER', 'BY')) {
    if (p.eatWord('AUTO')) return { kind: 'ClusterByClause', auto: true, columns: [], span: p.spanFrom(start) };
    if (p.eatWord('NONE')) return { kind: 'ClusterByClause', auto: false, columns: [], span: p.spanFrom(start) };
    return { kind: 'ClusterByClause', auto: false, columns: parseParenExprList(p), span: p.spanFrom(start) };
  }
  if (p.eatWord('LOCATION')) {
    const path = p.tok.kind === 'string' ? parseStringLiteral(p) : p.missingWithError('a location string', 'missing-token');
    return { kind: 'LocationClause', path, span: p.spanFrom(start) };
  }
  if (p.eatWord('COMMENT')) {
    const text = p.tok.kind === 'string' ? parseStringLiteral(p) : p.missingWithError('a comment string', 'missing-token');
    return { kind: 'CommentClause', text, span: p.spanFrom(start) };
  }
  if (p.eatWord('TBLPROPERTIES') || p.eatWord('OPTIONS'))
    return { kind: 'TblPropertiesClause', properties: parseProperties(p), span: p.spanFrom(start) };
  if (p.eatWords('WITH', 'ROW', 'FILTER')) {
    const fn = parseQualifiedName(p, 'a row filter function');
    const columns = p.eatWord('ON') ? parseParenExprList(p) : [];
    return { kind: 'RowFilterClause', fn, columns, span: p.spanFrom(start) };
  }
  if (p.eatWords('REFRESH', 'POLICY')) {
    const words: string[] = [];
    while (p.tok.kind === 'word' && !p.atStatementEnd() && !CLAUSE_WORDS.has(p.tok.upper)) words.push(p.advance().upper);
    if (words.length === 0) p.errorHere('missing-token', 'Expected AUTO, INCREMENTAL or FULL');
    return { kind: 'RefreshPolicyClause', policy: words.join(' '), span: p.spanFrom(start) };
  }
  if (p.eatWords('DEFAULT', 'COLLATION')) {
    const collation = p.atName() ? p.identifier() : p.missingWithError('a collation name (UTF8_BINARY)', 'expected-name');
    return { kind: 'CollationClause', collation, span: p.spanFrom(start) };
  }
  if (p.isWord('SCHEDULE') || (p.isWord('TRIGGER') && p.isWord('ON', 1))) {
    // Warehouse-only scheduling: keep it as text and mark the statement.
    p.advance();
    p.skipUntil(() => p.tok.kind === 'word' && CLAUSE_WORDS.has(p.tok.upper));
    node.warehouse = true;
    const span = p.spanFrom(start);
    return { kind: 'ScheduleClause', text: p.text.slice(span.start, span.end), span };
  }
  return undefined;
}

function parseProperties(p: Cursor): Property[] {
  const props: Property[] = [];
  if (!p.expectOp('(')) return props;
  while (!p.isOp(')') && !p.atStatementEnd()) {
    const start = p.tok.start;
    let key: Property['key'];
    if (p.tok.kind === 'string') key = parseStringLiteral(p);
    else {
      const name = parseQualifiedName(p, 'a property key');
      if (name.kind === 'Missing') break;
      key = name;
    }
    const prop: Property = { kind: 'Property', key, span: key.span };
    if (p.eatOp('=') || p.tok.kind === 'string' || p.tok.kind === 'number') prop.value = parseExpr(p);
    prop.span = p.spanFrom(start);
    props.push(prop);
    if (!p.eatOp(',')) break;
  }
  closeParen(p);
  return props;
}
