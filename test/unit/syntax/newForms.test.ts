// The forms added for issue 10: SQL pipe syntax, AUTO CDC ONCE / FROM SNAPSHOT
// / subquery sources, INSERT ... REPLACE USING | REPLACE WHERE, a table named
// `once`, legacy streaming / incremental LIVE spellings, CREATE TABLE ... FLOW,
// column properties in any order and notebook source files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Query } from '../../../server/src/language/syntax/ast';
import { parse } from '../../../server/src/language/syntax/parser';
import { assertShape } from '../support/shape';
import { onlyStatement, parseOk } from './parseHelpers';

const pipeCases: [string, string, object[]][] = [
  [
    'WHERE then SELECT',
    'FROM STREAM(x) |> WHERE a > 1 |> SELECT a, b AS c',
    [
      { op: 'WHERE', condition: 'a > 1' },
      { op: 'SELECT', items: [{ expr: 'a' }, { expr: 'b', alias: { name: 'c' } }] },
    ],
  ],
  [
    'EXTEND, SET, DROP, AS',
    'FROM x |> EXTEND a + 1 AS b |> SET b = b * 2, c = 0 |> DROP a, c |> AS t',
    [
      { op: 'EXTEND', items: [{ expr: 'a + 1', alias: { name: 'b' } }] },
      {
        op: 'SET',
        items: [
          { expr: 'b * 2', alias: { name: 'b' } },
          { expr: '0', alias: { name: 'c' } },
        ],
      },
      { op: 'DROP', columns: [{ name: 'a' }, { name: 'c' }] },
      { op: 'AS', alias: { name: 't' } },
    ],
  ],
  [
    'LIMIT / OFFSET',
    'FROM x |> LIMIT 10 OFFSET 5 |> OFFSET 1',
    [
      { op: 'LIMIT', limit: { value: '10' }, offset: { value: '5' } },
      { op: 'LIMIT', limit: undefined, offset: { value: '1' } },
    ],
  ],
  [
    'AGGREGATE with aliased grouping',
    'FROM x |> AGGREGATE sum(v) AS s GROUP BY k, year(d) AS y |> AGGREGATE count(*)',
    [
      {
        op: 'AGGREGATE',
        items: [{ expr: 'sum(v)', alias: { name: 's' } }],
        groupBy: [{ expr: 'k' }, { expr: 'year(d)', alias: { name: 'y' } }],
      },
      { op: 'AGGREGATE', items: [{ expr: 'count(*)' }], groupBy: undefined },
    ],
  ],
  [
    'SELECT with GROUP BY and WINDOW',
    'FROM x |> SELECT DISTINCT k, sum(v) OVER w AS s WINDOW w AS (PARTITION BY k) |> SELECT k, max(v) GROUP BY k',
    [
      { op: 'SELECT', quantifier: 'DISTINCT', window: { windows: [{ name: { name: 'w' } }] } },
      { op: 'SELECT', groupBy: [{ expr: 'k' }] },
    ],
  ],
  [
    'ORDER BY',
    'FROM x |> ORDER BY a DESC NULLS LAST, b',
    [{ op: 'ORDER BY', orderBy: { items: [{ direction: 'DESC', nulls: 'LAST' }, { expr: 'b' }] } }],
  ],
  [
    'JOIN variants',
    'FROM x |> LEFT OUTER JOIN y ON x.k = y.k |> JOIN z USING (k) |> CROSS JOIN w |> LEFT ANTI JOIN v ON v.k = k',
    [
      { op: 'JOIN', joinType: 'LEFT', right: { kind: 'TableRef', name: 'y' }, on: 'x.k = y.k' },
      { op: 'JOIN', joinType: 'INNER', using: [{ name: 'k' }] },
      { op: 'JOIN', joinType: 'CROSS', right: 'w' },
      { op: 'JOIN', joinType: 'LEFT ANTI' },
    ],
  ],
  [
    'set operations with parenthesised operands',
    'FROM x |> UNION ALL (SELECT 1), (TABLE y |> WHERE b) |> INTERSECT DISTINCT (TABLE z) |> EXCEPT BY NAME (TABLE w)',
    [
      { op: 'UNION', quantifier: 'ALL', queries: ['SELECT 1', 'TABLE y |> WHERE b'] },
      { op: 'INTERSECT', quantifier: 'DISTINCT', queries: ['TABLE z'] },
      { op: 'EXCEPT', byName: true, queries: ['TABLE w'] },
    ],
  ],
  [
    'TABLESAMPLE, PIVOT, UNPIVOT',
    "FROM x |> TABLESAMPLE (10 PERCENT) |> PIVOT (sum(v) FOR k IN ('a', 'b')) |> UNPIVOT (v FOR k IN (a, b))",
    [
      { op: 'TABLESAMPLE', sample: { args: ['10'] } },
      { op: 'PIVOT', pivot: { unpivot: false, source: { kind: 'Missing' }, forColumns: 'k' } },
      { op: 'UNPIVOT', pivot: { unpivot: true, in: [{ expr: 'a' }, { expr: 'b' }] } },
    ],
  ],
  ['a standalone WINDOW step', 'FROM x |> WINDOW w AS (ORDER BY t) |> SELECT sum(v) OVER w', [{ op: 'WINDOW' }, { op: 'SELECT' }]],
];

describe('pipe syntax', () => {
  for (const [name, sql, pipes] of pipeCases) {
    test(name, () => {
      const q = onlyStatement(parseOk(sql)) as Query;
      assertShape(sql, q.pipes, pipes);
    });
  }

  test('after a SELECT, in a CTE and in a subquery, each query keeps its own steps', () => {
    const sql = 'WITH c AS (FROM x |> WHERE a) SELECT * FROM (FROM c |> SELECT a) s |> LIMIT 1';
    const q = onlyStatement(parseOk(sql)) as Query;
    assertShape(sql, q.pipes, [{ op: 'LIMIT' }]);
    assertShape(sql, q.with?.ctes[0].query, { pipes: [{ op: 'WHERE' }] });
  });

  test('an unknown operation is one error at its keyword; the later steps are still read', () => {
    const sql = 'CREATE MATERIALIZED VIEW v AS FROM x |> FILTER a > 1 |> SELECT a';
    const r = parse(sql);
    assert.deepEqual(
      r.errors.map((e) => sql.slice(e.span.start, e.span.end)),
      ['FILTER a > 1'],
    );
    const st = onlyStatement(r);
    assertShape(sql, st, { kind: 'CreateDataset', name: 'v', body: { pipes: [{ op: 'unknown' }, { op: 'SELECT' }] } });
  });
});

const statementCases: [string, string, object][] = [
  [
    'AUTO CDC ONCE from a batch table',
    'AUTO CDC ONCE INTO t FROM s KEYS (id) SEQUENCE BY ts',
    { kind: 'AutoCdc', once: true, target: 't', source: { kind: 'TableRef', stream: false } },
  ],
  [
    'CREATE FLOW AS AUTO CDC from a subquery',
    'CREATE FLOW f AS AUTO CDC INTO t FROM (SELECT * FROM STREAM(s)) KEYS (id) SEQUENCE BY ts',
    {
      kind: 'CreateFlow',
      body: { kind: 'AutoCdc', once: undefined, source: { kind: 'SubqueryRelation', query: 'SELECT * FROM STREAM(s)' } },
    },
  ],
  [
    'APPLY CHANGES from a subquery',
    'APPLY CHANGES INTO t FROM (SELECT * FROM STREAM(s)) s2 KEYS (id) SEQUENCE BY ts',
    { spelling: 'APPLY CHANGES', source: { kind: 'SubqueryRelation', alias: { name: { name: 's2' } } } },
  ],
  [
    'AUTO CDC FROM SNAPSHOT: no SEQUENCE BY',
    'CREATE FLOW f AS AUTO CDC INTO t FROM SNAPSHOT (SELECT * FROM s) WITH VERSION (SELECT max(v) FROM s) KEYS (id) STORED AS SCD TYPE 2',
    {
      body: {
        snapshot: true,
        source: { kind: 'SubqueryRelation', query: 'SELECT * FROM s' },
        withVersion: 'SELECT max(v) FROM s',
        scdType: 2,
        sequenceBy: undefined,
      },
    },
  ],
  [
    'a table named once',
    'CREATE FLOW f AS INSERT INTO once BY NAME SELECT * FROM s',
    { body: { once: false, target: 'once', byName: true } },
  ],
  ['INSERT INTO ONCE once', 'INSERT INTO ONCE once BY NAME SELECT 1', { once: true, target: 'once' }],
  ['INSERT ONCE INTO t', 'INSERT ONCE INTO t BY NAME SELECT 1', { once: true, target: 't' }],
  [
    'INSERT ... REPLACE USING ... SEQUENCE BY',
    'INSERT INTO t BY NAME REPLACE USING (region, day) SEQUENCE BY seq SELECT * FROM STREAM(s)',
    {
      replaceUsing: [{ name: 'region' }, { name: 'day' }],
      sequenceBy: 'seq',
      query: 'SELECT * FROM STREAM(s)',
    },
  ],
  [
    'INSERT ... REPLACE WHERE',
    'INSERT INTO t BY NAME REPLACE WHERE day = current_date() SELECT * FROM s',
    { replaceWhere: 'day = current_date()', query: 'SELECT * FROM s' },
  ],
  [
    'TEMPORARY STREAMING LIVE VIEW',
    'CREATE TEMPORARY STREAMING LIVE VIEW v AS SELECT * FROM STREAM(s)',
    { datasetKind: 'temporary_view', legacy: true, spelling: 'STREAMING LIVE VIEW', visibility: 'TEMPORARY' },
  ],
  [
    'INCREMENTAL LIVE TABLE',
    'CREATE INCREMENTAL LIVE TABLE t AS SELECT * FROM STREAM(s)',
    { datasetKind: 'streaming_table', legacy: true, spelling: 'INCREMENTAL LIVE TABLE' },
  ],
  [
    'CREATE TABLE ... FLOW INSERT (a pipeline managed table)',
    'CREATE TABLE t (id INT) CLUSTER BY (id) FLOW INSERT ONCE BY NAME SELECT * FROM s',
    {
      datasetKind: 'table',
      body: { kind: 'InsertInto', once: true, target: { kind: 'Missing' } },
    },
  ],
  [
    'FLOW REPLACE WHERE ... BY NAME in the table definition',
    'CREATE OR REFRESH STREAMING TABLE t FLOW REPLACE WHERE d = 1 BY NAME SELECT * FROM STREAM(s)',
    {
      body: { kind: 'InsertInto', replaceWhere: 'd = 1', byName: true, target: { kind: 'Missing' }, query: 'SELECT * FROM STREAM(s)' },
    },
  ],
  [
    'FLOW REPLACE USING ... SEQUENCE BY ... BY NAME',
    'CREATE OR REFRESH STREAMING TABLE t FLOW REPLACE USING (k) SEQUENCE BY seq BY NAME SELECT * FROM STREAM(s)',
    {
      body: { replaceUsing: [{ name: 'k' }], sequenceBy: 'seq', byName: true },
    },
  ],
  [
    'REPLACE WHERE before BY NAME in CREATE FLOW',
    'CREATE FLOW f AS INSERT INTO t REPLACE WHERE x > 1 BY NAME SELECT * FROM s',
    { body: { replaceWhere: 'x > 1', byName: true, query: 'SELECT * FROM s' } },
  ],
  [
    'FLOW AUTO CDC ONCE FROM SNAPSHOT',
    'CREATE OR REFRESH STREAMING TABLE t FLOW AUTO CDC ONCE FROM SNAPSHOT (SELECT * FROM s) KEYS (id)',
    { body: { kind: 'AutoCdc', once: true, snapshot: true, target: undefined } },
  ],
  [
    'DEFAULT COLLATION and an identity column',
    'CREATE OR REFRESH STREAMING TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1), v STRING) DEFAULT COLLATION UTF8_BINARY AS SELECT * FROM STREAM(s)',
    {
      clauses: [{ kind: 'CollationClause', collation: { name: 'UTF8_BINARY' } }],
    },
  ],
  [
    'read options after a streaming source',
    "SELECT * FROM STREAM(s) WITH ('skipChangeCommits' = 'true') AS x",
    { body: { from: { relations: [{ kind: 'TableRef', stream: true, alias: { name: { name: 'x' } } }] } } },
  ],
  ['USE CATALOG', 'USE CATALOG main', { kind: 'UseStatement', target: 'CATALOG', name: 'main' }],
  ['USE SCHEMA with a catalog', 'USE SCHEMA main.silver', { kind: 'UseStatement', target: 'SCHEMA', name: 'main.silver' }],
  ['USE without a keyword', 'USE silver', { kind: 'UseStatement', target: undefined, name: 'silver' }],
  [
    'column properties in any order',
    "CREATE MATERIALIZED VIEW t (id INT PRIMARY KEY NOT NULL COMMENT 'k', b STRING COMMENT 'c' NOT NULL MASK m, d INT DEFAULT 3 NOT NULL COLLATE UTF8_BINARY, CONSTRAINT pk PRIMARY KEY (id) RELY) AS SELECT 1",
    {
      elements: [
        { kind: 'ColumnDef', notNull: true, comment: "'k'", inlineConstraints: [{ constraintType: 'PRIMARY_KEY' }] },
        { kind: 'ColumnDef', notNull: true, comment: "'c'", mask: 'm' },
        { kind: 'ColumnDef', notNull: true, default: '3' },
        { kind: 'TableConstraint', constraintType: 'PRIMARY_KEY', columns: [{ name: 'id' }] },
      ],
    },
  ],
];

describe('flows, legacy spellings and column definitions', () => {
  for (const [name, sql, shape] of statementCases) {
    test(name, () => assertShape(sql, onlyStatement(parseOk(sql)), shape));
  }
});

describe('notebook source files', () => {
  const notebook = [
    '-- Databricks notebook source',
    '-- MAGIC %md',
    '-- MAGIC SELECT this is prose FROM nowhere',
    '',
    '-- COMMAND ----------',
    '',
    'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x',
    '',
    '-- COMMAND ----------',
    '',
    '-- MAGIC %sql',
    '-- MAGIC CREATE MATERIALIZED VIEW b AS SELECT x FROM a',
    '',
    '-- COMMAND ----------',
    '%python',
    'print("(")',
    '-- COMMAND ----------',
    'CREATE MATERIALIZED VIEW c AS',
    '-- COMMAND ----------',
    'SELECT 2',
  ].join('\n');

  test('non-SQL cells are skipped, %sql magic cells are read, a statement ends at its cell', () => {
    const r = parse(notebook);
    assert.deepEqual(
      r.statements.map((s) => s.kind),
      ['CreateDataset', 'CreateDataset', 'CreateDataset', 'Query'],
    );
    assert.deepEqual(
      r.foreignCells?.map((c) => [c.language, notebook.slice(c.span.start, c.span.end)]),
      [
        ['md', '-- MAGIC %md'],
        ['python', '%python'],
      ],
    );
    // The only error: `c` has no query, since its SELECT is in the next cell.
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['expected-query'],
    );
    assert.equal(r.errors[0].span.start, notebook.indexOf('AS\n-- COMMAND') + 2);
  });

  test("offsets are the file's own: spans point into the original text", () => {
    const r = parse(notebook);
    const b = r.statements[1];
    assert.equal(notebook.slice(b.span.start, b.span.end), 'CREATE MATERIALIZED VIEW b AS SELECT x FROM a');
  });

  test('a plain SQL file with MAGIC-looking comments is not a notebook', () => {
    const r = parse('-- MAGIC %python\nSELECT 1');
    assert.equal(r.foreignCells, undefined);
    assert.equal(r.statements.length, 1);
  });
});

describe('forms we do not know: one error at the first unknown token, the dataset keeps its name', () => {
  const cases: [string, string, string | undefined][] = [
    ['CREATE OR REFRESH STREAMING TABLE t WITH SCHEMA EVOLUTION AS SELECT * FROM STREAM(s)', 'WITH', 't'],
    ['CREATE OR REFRESH STREAMING TABLE t FLOW UPSERT INTO x SELECT 1', 'UPSERT', 't'],
    ['CREATE OR REFRESH MATERIALIZED VIEW m (a INT UNIQUE KEY, b INT) AS SELECT 1 AS a, 2 AS b', 'UNIQUE', 'm'],
    ['CREATE OR REFRESH MATERIALIZED VIEW m AS FROM s |> EXPAND a |> SELECT a', 'EXPAND', 'm'],
    ['CREATE OR REFRESH STREAMING SNAPSHOT TABLE t AS SELECT * FROM STREAM(s)', 'SNAPSHOT', 't'],
    ['APPLY CHANGES INTO t FROM STREAM(s) KEYS (id) SEQUENCE BY ts DEDUPLICATE ON id', 'DEDUPLICATE', undefined],
    ['CREATE FLOW f AS MERGE INTO t USING s ON t.id = s.id', 'MERGE', undefined],
  ];
  for (const [sql, at, name] of cases) {
    test(sql, () => {
      const r = parse(`${sql};\nSELECT 1`);
      assert.equal(r.errors.length, 1, r.errors.map((e) => e.message).join('; '));
      assert.equal(sql.slice(r.errors[0].span.start).split(/\s/)[0], at);
      assert.equal(r.statements.length, 2, 'the next statement still parses');
      if (name) assertShape(sql, r.statements[0], { kind: 'CreateDataset', name });
    });
  }
});
