// Entry point: parse(text) -> statements, errors, comments, tokens. Never
// throws: each statement is parsed on its own, recovery happens at `;` and
// at statement keywords that start a line (and at notebook cell starts), and a
// parser bug in one statement becomes an `internal-error` for that statement only.
import type { ParseResult, SetStatement, Statement, UseStatement } from './ast';
import { Cursor } from './cursor';
import { parseCreate } from './create';
import { parseQualifiedName } from './expressions';
import { parseAutoCdc, parseInsert } from './flow';
import { notebookLayout } from './notebook';
import { parseQuery, startsQuery } from './query';
import { tokenize } from './tokenizer';
import type { Token } from './tokens';

export function parse(input: string): ParseResult {
  // A notebook source is read through its mask (same offsets): markers and non-SQL cells blank.
  const notebook = notebookLayout(input);
  const text = notebook ? notebook.masked : input;
  const { tokens, comments, errors: lexErrors } = tokenize(text);
  if (notebook) markCellStarts(tokens, notebook.cellStarts);
  const p = new Cursor(text, tokens);
  const statements: Statement[] = [];
  while (!p.atEof()) {
    if (p.eatOp(';')) continue;
    const start = p.pos;
    p.statementStart = start;
    const startOffset = p.tok.start;
    let statement: Statement;
    try {
      statement = parseStatement(p);
    } catch (e) {
      p.depth = 0;
      p.error('internal-error', `Internal parser error: ${e instanceof Error ? e.message : String(e)}`, {
        start: startOffset,
        end: startOffset,
      });
      p.skipToStatementEnd();
      statement = { kind: 'Unknown', text: text.slice(startOffset, p.prevEnd()), span: p.spanFrom(startOffset) };
    }
    statements.push(statement);
    if (!p.atStatementEnd()) {
      const t = p.tok;
      const from = t.start;
      p.skipToStatementEnd();
      p.error('unexpected-token', `Unexpected \`${t.text.slice(0, 30)}\`: expected \`;\` or the end of the statement`, {
        start: from,
        end: p.prevEnd(),
      });
    }
    if (p.pos === start) p.advance(); // guarantees progress whatever went wrong
  }
  const errors = [...lexErrors, ...p.errors].sort((a, b) => a.span.start - b.span.start);
  return { statements, errors, comments, tokens, ...(notebook ? { foreignCells: notebook.foreignCells } : {}) };
}

function markCellStarts(tokens: Token[], cellStarts: number[]): void {
  let i = 0;
  for (const at of cellStarts) {
    while (i < tokens.length && tokens[i].start < at) i++;
    if (i < tokens.length && tokens[i].kind !== 'eof') tokens[i].cellStart = true;
  }
}

function parseStatement(p: Cursor): Statement {
  const t = p.tok;
  if (t.kind === 'word') {
    switch (t.upper) {
      case 'CREATE':
        return parseCreate(p);
      case 'SET':
        return parseSet(p);
      case 'USE':
        return parseUse(p);
      case 'INSERT':
        return parseInsert(p, false);
      case 'APPLY':
        if (p.isWord('CHANGES', 1)) return parseAutoCdc(p, true);
        break;
      case 'AUTO':
        if (p.isWord('CDC', 1)) return parseAutoCdc(p, true);
        break;
    }
  }
  if (startsQuery(p)) return parseQuery(p);
  const start = t.start;
  p.advance();
  p.skipToStatementEnd();
  const span = p.spanFrom(start);
  p.error(
    'unexpected-token',
    `Unrecognised statement starting with \`${t.text.slice(0, 30)}\`: expected CREATE, SET, USE, APPLY CHANGES, INSERT or a query`,
    span,
  );
  return { kind: 'Unknown', text: p.text.slice(span.start, span.end), span };
}

function parseUse(p: Cursor): UseStatement {
  const start = p.advance().start; // USE
  const node: UseStatement = { kind: 'UseStatement', name: p.missing('a name'), span: { start, end: start } };
  if ((p.isWord('CATALOG') || p.isWord('SCHEMA') || p.isWord('DATABASE')) && !p.atStatementEnd(1))
    node.target = p.advance().upper as 'CATALOG';
  node.name = parseQualifiedName(p, node.target === 'CATALOG' ? 'a catalog name' : 'a schema name');
  node.span = p.spanFrom(start);
  return node;
}

/** `SET key = value`: both kept as raw text (keys like `pipelines.trigger.interval`). */
function parseSet(p: Cursor): SetStatement {
  const start = p.advance().start;
  const node: SetStatement = {
    kind: 'SetStatement',
    key: '',
    keySpan: { start: p.prevEnd(), end: p.prevEnd() },
    span: { start, end: start },
  };
  const keyStart = p.tok.start;
  while (!p.atStatementEnd() && !p.isOp('=')) p.advance();
  if (p.pos > 0 && p.prevEnd() > keyStart) {
    node.keySpan = { start: keyStart, end: p.prevEnd() };
    node.key = p.text.slice(keyStart, p.prevEnd());
  } else {
    p.errorHere('expected-name', 'Expected a configuration key after SET');
  }
  if (p.eatOp('=')) {
    const valueStart = p.tok.start;
    while (!p.atStatementEnd()) p.advance();
    if (p.prevEnd() > valueStart) {
      node.valueSpan = { start: valueStart, end: p.prevEnd() };
      node.value = p.text.slice(valueStart, p.prevEnd());
    } else {
      node.valueSpan = { start: p.prevEnd(), end: p.prevEnd() };
      node.value = '';
    }
  }
  node.span = p.spanFrom(start);
  return node;
}
