// Broken and half-typed input: the statement, its table references, select
// items and Missing/Error nodes survive, and errors point at the right text.
// `|` marks where a Missing node must sit; `[[...]]` marks the error spans
// expected (in order; an empty `[[]]` is a zero-width error).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParseResult } from '../../../server/src/language/syntax/ast';
import { parse } from '../../../server/src/language/syntax/parser';
import { walk } from '../../../server/src/language/syntax/visit';
import { markers } from '../support/markers';
import { assertShape } from '../support/shape';

interface Case {
  name: string;
  source: string;
  statements: object[];
  /** Error codes in order (spans come from the `[[...]]` markers). */
  codes: string[];
  cursorMarker?: string;
}

const cases: Case[] = [
  {
    name: 'FROM with nothing after it',
    source: 'SELECT a, b FROM[[]]| ',
    statements: [
      {
        kind: 'Query',
        body: { items: [{ expr: 'a' }, { expr: 'b' }], from: { relations: [{ kind: 'Missing', expected: 'a table name' }] } },
      },
    ],
    codes: ['expected-name'],
  },
  {
    name: 'a dotted name cut short before FROM',
    source: 'SELECT x.| [[FROM]] t',
    statements: [
      {
        body: {
          items: [{ expr: { kind: 'ColumnRef', parts: ['x'], missingPart: { kind: 'Missing' } } }],
          from: { relations: [{ kind: 'TableRef', name: 't' }] },
        },
      },
    ],
    codes: ['expected-name'],
  },
  {
    name: 'a qualified table name cut short',
    source: 'SELECT * FROM cat.sch.|[[]]',
    statements: [
      { body: { from: { relations: [{ kind: 'TableRef', name: { parts: ['cat', 'sch'], missingPart: { kind: 'Missing' } } }] } } },
    ],
    codes: ['expected-name'],
  },
  {
    name: 'an expectation with an open parenthesis at the end',
    source: 'CREATE OR REFRESH STREAMING TABLE foo (CONSTRAINT c EXPECT (|[[]]',
    statements: [{ kind: 'CreateDataset', name: 'foo', elements: [{ kind: 'Expectation', name: 'c', expr: { kind: 'Missing' } }] }],
    codes: ['expected-expression'],
  },
  {
    name: 'a missing operand keeps the rest of the clause and the next clause',
    source: 'SELECT a FROM t WHERE x =| [[AND]] y = 2 GROUP BY a',
    statements: [
      {
        body: {
          where: { condition: { op: 'AND', left: { op: '=', right: { kind: 'Missing' } }, right: 'y = 2' } },
          groupBy: { items: ['a'] },
        },
      },
    ],
    codes: ['expected-expression'],
  },
  {
    name: 'a trailing comma in the select list',
    source: 'SELECT a,| [[FROM]] t',
    statements: [{ body: { items: [{ expr: 'a' }, { expr: { kind: 'Missing' } }], from: { relations: [{ name: 't' }] } } }],
    codes: ['expected-expression'],
  },
  {
    name: 'junk between clauses is skipped up to the next clause',
    source: 'SELECT a FROM t [[?? garbage]] WHERE b = 1',
    statements: [{ body: { from: { relations: [{ name: 't' }] }, where: { condition: 'b = 1' } } }],
    codes: ['unexpected-token'],
  },
  {
    name: 'an unclosed call does not swallow FROM',
    source: 'SELECT count(a [[FROM]] t',
    statements: [{ body: { items: [{ expr: { kind: 'FunctionCall', args: ['a'] } }], from: { relations: [{ name: 't' }] } } }],
    codes: ['missing-token'],
  },
  {
    name: 'CASE without END',
    source: 'SELECT CASE WHEN a THEN 1 [[FROM]] t',
    statements: [
      { body: { items: [{ expr: { kind: 'Case', whens: [{ condition: 'a', result: '1' }] } }], from: { relations: [{ name: 't' }] } } },
    ],
    codes: ['missing-token'],
  },
  {
    name: 'WHERE with nothing after it',
    source: 'SELECT a FROM t WHERE|[[]]',
    statements: [{ body: { where: { condition: { kind: 'Missing' } } } }],
    codes: ['expected-expression'],
  },
  {
    name: 'a join without its right side',
    source: 'SELECT * FROM a LEFT JOIN|[[]]',
    statements: [{ body: { from: { relations: [{ kind: 'Join', joinType: 'LEFT', left: { name: 'a' }, right: { kind: 'Missing' } }] } } }],
    codes: ['expected-name'],
  },
  {
    name: 'a half-typed statement followed by a complete one on the next line',
    source: 'CREATE MATERIALIZED VIEW a AS SELECT x FROM[[]]|\nCREATE MATERIALIZED VIEW b AS SELECT 1',
    statements: [
      { kind: 'CreateDataset', name: 'a', body: { body: { items: [{ expr: 'x' }], from: { relations: [{ kind: 'Missing' }] } } } },
      { kind: 'CreateDataset', name: 'b' },
    ],
    codes: ['expected-name'],
  },
  {
    name: 'an open column list stops at the next CREATE',
    source: 'CREATE OR REFRESH STREAMING TABLE t (id INT,[[]]\nCREATE MATERIALIZED VIEW v AS SELECT 1',
    statements: [
      { kind: 'CreateDataset', name: 't', elements: [{ kind: 'ColumnDef', name: 'id' }] },
      { kind: 'CreateDataset', name: 'v' },
    ],
    codes: ['missing-token'],
  },
  {
    name: 'an invalid ON VIOLATION action is kept and reported',
    source:
      'CREATE OR REFRESH STREAMING TABLE t (CONSTRAINT c EXPECT (x > 0) ON VIOLATION [[DROP TABLE]], CONSTRAINT d EXPECT (y) ON VIOLATION [[IGNORE]]) AS SELECT * FROM STREAM s',
    statements: [
      {
        elements: [
          { kind: 'Expectation', name: 'c', expr: 'x > 0', onViolation: { action: 'invalid', text: 'DROP TABLE' } },
          { kind: 'Expectation', name: 'd', onViolation: { action: 'invalid', text: 'IGNORE' } },
        ],
        body: { kind: 'Query' },
      },
    ],
    codes: ['invalid-violation-action', 'invalid-violation-action'],
  },
  {
    name: 'ON VIOLATION with no action',
    source: 'CREATE OR REFRESH STREAMING TABLE t (CONSTRAINT c EXPECT (x) ON VIOLATION[[]]) AS SELECT 1',
    statements: [{ elements: [{ kind: 'Expectation', onViolation: { action: 'invalid', text: '' } }] }],
    codes: ['invalid-violation-action'],
  },
  {
    name: 'EXPECT without parentheses',
    source: 'CREATE OR REFRESH STREAMING TABLE t (CONSTRAINT c EXPECT [[x]] > 0) AS SELECT 1',
    statements: [{ elements: [{ kind: 'Expectation', name: 'c', expr: 'x > 0' }] }],
    codes: ['missing-token'],
  },
  {
    name: 'a materialized view without AS',
    source: 'CREATE MATERIALIZED VIEW v[[]]',
    statements: [{ kind: 'CreateDataset', name: 'v', body: { kind: 'Missing' } }],
    codes: ['missing-token'],
  },
  {
    name: 'CREATE FLOW with nothing after AS',
    source: 'CREATE FLOW f AS[[]]',
    statements: [{ kind: 'CreateFlow', name: 'f', body: { kind: 'Missing' } }],
    codes: ['missing-token'],
  },
  {
    name: 'AUTO CDC without KEYS and SEQUENCE BY',
    source: '[[APPLY]] CHANGES INTO t FROM STREAM(s) STORED AS SCD TYPE 2',
    statements: [{ kind: 'AutoCdc', target: 't', source: { stream: true }, keys: [], scdType: 2 }],
    codes: ['missing-token'],
  },
  {
    name: 'junk inside AUTO CDC skips to the next clause',
    source: 'AUTO CDC INTO t FROM STREAM s KEYS (id) [[oops oops]] SEQUENCE BY v',
    statements: [{ kind: 'AutoCdc', keys: ['id'], sequenceBy: 'v' }],
    codes: ['unexpected-token'],
  },
  {
    name: 'an unrecognised statement becomes Unknown and the next one parses',
    source: '[[DROP TABLE x]]; SELECT 1',
    statements: [{ kind: 'Unknown', text: 'DROP TABLE x' }, { kind: 'Query' }],
    codes: ['unexpected-token'],
  },
  {
    name: 'CREATE FUNCTION is not a pipeline dataset',
    source: 'CREATE [[FUNCTION]] f AS SELECT 1; SELECT 2',
    statements: [{ kind: 'Unknown' }, { kind: 'Query' }],
    codes: ['unexpected-token'],
  },
  {
    name: 'unknown kind words before TABLE: one error, the dataset keeps its name',
    source: 'CREATE OR REFRESH STREAMING [[SNAPSHOT]] TABLE t AS SELECT * FROM STREAM(s); SELECT 2',
    statements: [{ kind: 'CreateDataset', datasetKind: 'streaming_table', name: { parts: [{ name: 't' }] } }, { kind: 'Query' }],
    codes: ['unexpected-token'],
  },
  {
    name: 'text after a complete statement',
    source: 'SELECT 1 FROM t x [[y z]]',
    statements: [{ kind: 'Query' }],
    codes: ['unexpected-token'],
  },
  {
    name: 'an unterminated string runs to the end and the statement survives',
    source: "SELECT a FROM t WHERE b = [['open]]",
    statements: [{ body: { where: { condition: { right: { kind: 'StringLiteral', value: 'open' } } } } }],
    codes: ['unterminated-string'],
  },
  {
    name: 'a quote left open stops before a CREATE on a later line',
    source:
      "CREATE MATERIALIZED VIEW a AS SELECT * FROM t WHERE s = [['open]]\n\nCREATE MATERIALIZED VIEW b AS SELECT 'x\ny' AS multi_line_string",
    statements: [
      { kind: 'CreateDataset', name: 'a', body: { body: { where: { condition: { right: { kind: 'StringLiteral', value: 'open' } } } } } },
      { kind: 'CreateDataset', name: 'b', body: { body: { items: [{ expr: { value: 'x\ny' }, alias: 'multi_line_string' }] } } },
    ],
    codes: ['unterminated-string'],
  },
  {
    name: 'a CAST without a type',
    source: 'SELECT CAST(a AS [[)]] FROM t',
    statements: [{ body: { items: [{ expr: { kind: 'Cast', type: { kind: 'Missing' } } }], from: { relations: [{ name: 't' }] } } }],
    codes: ['expected-type'],
  },
  {
    name: 'empty input and comments only',
    source: '-- nothing here\n/* still nothing */ ;;',
    statements: [],
    codes: [],
  },
];

function missingAt(r: ParseResult, offset: number): boolean {
  let found = false;
  walk(r.statements, (n) => {
    if (n.kind === 'Missing' && n.span.start === offset) found = true;
  });
  return found;
}

describe('recovery from broken and half-typed input', () => {
  for (const c of cases) {
    test(c.name, () => {
      const { text, cursor, ranges } = markers(c.source, { cursor: c.cursorMarker ?? '|' });
      const r = parse(text);
      assertShape(text, r.statements, c.statements);
      assert.deepEqual(
        r.errors.map((e) => [e.code, text.slice(e.span.start, e.span.end), e.span.start]),
        c.codes.map((code, i) => [code, text.slice(ranges[i].start, ranges[i].end), ranges[i].start]),
      );
      if (cursor !== undefined) assert.ok(missingAt(r, cursor), `a Missing node at offset ${cursor}`);
    });
  }

  test('deep nesting is bounded: an error, not a stack overflow', () => {
    const depth = 20_000;
    for (const text of [
      `SELECT ${'('.repeat(depth)}1${')'.repeat(depth)} FROM t`,
      `SELECT ${'('.repeat(depth)}1 FROM t`,
      `SELECT ${'- '.repeat(depth)}1 FROM t`,
      `SELECT ${'NOT '.repeat(depth)}x FROM t`,
      `SELECT * FROM ${'('.repeat(depth)}t${')'.repeat(depth)}`,
      `SELECT CAST(x AS ${'ARRAY<'.repeat(depth)}INT${'>'.repeat(depth)})`,
      `SELECT ${'CASE WHEN '.repeat(depth)}`,
      `SELECT ${'f('.repeat(depth)}`,
      `${'(SELECT '.repeat(depth)}1`,
    ]) {
      const r = parse(text);
      assert.equal(r.statements[0].kind, 'Query', text.slice(0, 40));
      assert.ok(
        r.errors.some((e) => e.code === 'too-deep'),
        `too-deep reported for ${text.slice(0, 40)}`,
      );
      assert.ok(!r.errors.some((e) => e.code === 'internal-error'));
    }
  });

  test('a parser bug in one statement does not lose the others (internal-error is never produced on this input)', () => {
    const r = parse('SELECT 1; CREATE FLOW; SELECT 2');
    assert.deepEqual(
      r.statements.map((s) => s.kind),
      ['Query', 'CreateFlow', 'Query'],
    );
    assert.ok(!r.errors.some((e) => e.code === 'internal-error'));
  });
});
