// Shared helpers for the syntax tests: parse one query or expression and
// reach into the first SELECT.
import assert from 'node:assert/strict';
import type { Expr, ParseResult, Query, Select, Statement } from '../../../server/src/language/syntax/ast';
import { parse } from '../../../server/src/language/syntax/parser';

export function parseOk(text: string): ParseResult {
  const r = parse(text);
  assert.deepEqual(
    r.errors.map((e) => `${e.code}: ${e.message} @${e.span.start}`),
    [],
    `errors in ${JSON.stringify(text)}`,
  );
  return r;
}

export function onlyStatement(r: ParseResult): Statement {
  assert.equal(r.statements.length, 1, `statements: ${r.statements.map((s) => s.kind).join(', ')}`);
  return r.statements[0];
}

export function firstSelect(q: Statement | Query): Select {
  assert.equal(q.kind, 'Query');
  let body = q.body;
  while (body.kind === 'SetOperation') body = body.left;
  if (body.kind === 'ParenQuery') return firstSelect(body.query);
  assert.equal(body.kind, 'Select');
  return body;
}

/** The expression of `SELECT <expr>`. */
export function parseExpression(expr: string, ok = true): { text: string; expr: Expr; result: ParseResult } {
  const text = `SELECT ${expr}`;
  const result = ok ? parseOk(text) : parse(text);
  return { text, expr: firstSelect(onlyStatement(result)).items[0].expr, result };
}
