// Output columns and their sources, one case per construct lineage must see
// through. `check(sql, dataset, expected)` compares name, type and sources in
// the compact form `name:TYPE <- ds.col, ds.col` and the completeness flag.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogLookupFrom } from '../../../server/src/language/model/catalogLookup';
import { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import { parse } from '../../../server/src/language/syntax/parser';

const SRC = `CREATE OR REFRESH STREAMING TABLE src AS SELECT * FROM STREAM read_files('/in', schema => 'id INT, seq BIGINT, v DOUBLE, payload STRUCT<a: INT>');\n`;
const DIM = `CREATE OR REFRESH MATERIALIZED VIEW dim (id INT NOT NULL, name STRING) AS SELECT 1 AS id, 'x' AS name;\n`;

function check(sql: string, dataset: string, expected: string[], complete = true): void {
  const index = new WorkspaceIndex({ parse });
  index.updateFile('/p/a.sql', SRC + DIM + sql);
  const out = index.columnsOf(dataset);
  const show = out.columns.map(
    (c) =>
      `${c.name}${c.type ? ':' + c.type : ''}${c.sources.length ? ' <- ' + c.sources.map((s) => `${s.dataset}.${s.column}`).join(', ') : ''}`,
  );
  assert.deepEqual(show, expected);
  assert.equal(out.complete, complete);
}

const F = "read_files('/in')";
const cases: [string, string, string, string[], boolean?][] = [
  [
    'read_files schema is complete (plus the implicit file columns)',
    '',
    'src',
    [`id:INT <- ${F}.id`, `seq:BIGINT <- ${F}.seq`, `v:DOUBLE <- ${F}.v`, `payload:STRUCT<a: INT> <- ${F}.payload`],
  ],
  [
    'schemaHints leave the list open',
    `CREATE OR REFRESH STREAMING TABLE h AS SELECT * FROM STREAM read_files('/h', schemaHints => 'a INT');`,
    'h',
    [`a:INT <- read_files('/h').a`, `_rescued_data:STRING <- read_files('/h')._rescued_data`],
    false,
  ],
  [
    'SELECT * EXCEPT and aliases',
    `CREATE MATERIALIZED VIEW m AS SELECT * EXCEPT (payload), v * 2 AS double_v FROM src;`,
    'm',
    ['id:INT <- src.id', 'seq:BIGINT <- src.seq', 'v:DOUBLE <- src.v', 'double_v:DOUBLE <- src.v'],
  ],
  [
    'CTEs and casts',
    `CREATE MATERIALIZED VIEW m AS WITH w AS (SELECT id AS k, v FROM src) SELECT k, CAST(v AS DECIMAL(10,2)) AS amount FROM w;`,
    'm',
    ['k:INT <- src.id', 'amount:DECIMAL(10,2) <- src.v'],
  ],
  [
    'joins with qualified columns and t.*',
    `CREATE MATERIALIZED VIEW m AS SELECT s.id, d.*, s.v + d.id AS mixed FROM src s LEFT JOIN dim d ON s.id = d.id;`,
    'm',
    ['id:INT <- src.id', 'id:INT <- dim.id', 'name:STRING <- dim.name', 'mixed:DOUBLE <- src.v, dim.id'],
  ],
  [
    'subqueries in FROM with column aliases',
    `CREATE MATERIALIZED VIEW m AS SELECT x, n FROM (SELECT id, name FROM dim) AS t(x, n);`,
    'm',
    ['x:INT <- dim.id', 'n:STRING <- dim.name'],
  ],
  [
    'a declared column list renames a view by position',
    `CREATE TEMPORARY VIEW tv (a COMMENT 'first', b) AS SELECT id, v FROM src;`,
    'tv',
    ['a:INT <- src.id', 'b:DOUBLE <- src.v'],
  ],
  [
    'a typed column list on a table matches by name and keeps its types',
    `CREATE MATERIALIZED VIEW m (v DOUBLE, id BIGINT) AS SELECT id, v FROM src;`,
    'm',
    ['v:DOUBLE <- src.v', 'id:BIGINT <- src.id'],
  ],
  [
    'UNION merges sources by position',
    `CREATE MATERIALIZED VIEW m AS SELECT id FROM src UNION ALL SELECT id FROM dim;`,
    'm',
    ['id:INT <- src.id, dim.id'],
  ],
  [
    'aggregates, functions and literals get their types',
    `CREATE MATERIALIZED VIEW m AS SELECT id, count(*) AS n, avg(v) AS mean, 'x' AS tag, current_date() AS d FROM src GROUP BY id;`,
    'm',
    ['id:INT <- src.id', 'n:BIGINT', 'mean:DOUBLE <- src.v', 'tag:STRING', 'd:DATE'],
  ],
  [
    'struct fields read the struct column and take the field type',
    `CREATE MATERIALIZED VIEW m AS SELECT payload.a AS a, s.payload.a AS b FROM src s;`,
    'm',
    ['a:INT <- src.payload', 'b:INT <- src.payload'],
  ],
  [
    'CASE branches and same-as-input functions keep an agreed type, numeric ones the widest',
    `CREATE MATERIALIZED VIEW m AS SELECT CASE WHEN v > 0 THEN id ELSE payload.a END AS k, coalesce(v, 0) AS v0, max(seq) AS last_seq, CASE WHEN v > 0 THEN id ELSE v END AS mixed FROM src;`,
    'm',
    ['k:INT <- src.v, src.id, src.payload', 'v0:DOUBLE <- src.v', 'last_seq:BIGINT <- src.seq', 'mixed:DOUBLE <- src.v, src.id'],
  ],
  [
    'an AUTO CDC target takes its source columns, SCD2 adds the validity columns',
    `CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS AUTO CDC INTO t FROM STREAM(src) KEYS (id) SEQUENCE BY seq COLUMNS * EXCEPT (payload) STORED AS SCD TYPE 2;`,
    't',
    ['id:INT <- src.id', 'seq:BIGINT <- src.seq', 'v:DOUBLE <- src.v', '__START_AT:BIGINT', '__END_AT:BIGINT'],
  ],
  [
    'an INSERT flow target takes the flow query columns',
    `CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS INSERT INTO t BY NAME SELECT id FROM STREAM(src);`,
    't',
    ['id:INT <- src.id'],
  ],
  ['an unknown source leaves the columns open', `CREATE MATERIALIZED VIEW m AS SELECT * FROM somewhere.else.t;`, 'm', [], false],
];

describe('column lineage', () => {
  for (const [name, sql, dataset, expected, complete] of cases) test(name, () => check(sql, dataset, expected, complete ?? true));

  test('catalog columns are used for external tables', () => {
    const index = new WorkspaceIndex({
      parse,
      catalog: (n) => (n === 'main.ref.t' ? { fullName: n, columns: [{ name: 'code', type: 'STRING' }] } : 'unknown'),
    });
    index.updateFile('/p/a.sql', 'CREATE MATERIALIZED VIEW m AS SELECT * FROM main.ref.t;');
    assert.deepEqual(index.columnsOf('m'), {
      complete: true,
      columns: [{ name: 'code', type: 'STRING', sources: [{ dataset: 'main.ref.t', column: 'code', kind: 'table' }] }],
    });
  });

  test('a cycle does not recurse forever', () => {
    const index = new WorkspaceIndex({ parse });
    index.updateFile('/p/a.sql', 'CREATE MATERIALIZED VIEW a AS SELECT * FROM b;\nCREATE MATERIALIZED VIEW b AS SELECT * FROM a;');
    assert.equal(index.columnsOf('a').complete, false);
  });
});

test('the catalog provider adapter answers from its cache: table, not found, unknown', () => {
  const table = {
    name: 't',
    catalogName: 'c',
    schemaName: 's',
    fullName: 'c.s.t',
    tableType: 'MANAGED',
    columns: [{ name: 'id', typeText: 'bigint', typeName: 'LONG', position: 0, nullable: true }],
  };
  const lookup = catalogLookupFrom({
    peekTable: (n: string) =>
      n === 'c.s.t' ? { value: table, fresh: true } : n === 'c.s.gone' ? { value: null, fresh: false } : undefined,
  });
  assert.deepEqual(lookup('c.s.t'), { fullName: 'c.s.t', columns: [{ name: 'id', type: 'BIGINT' }] });
  assert.equal(lookup('c.s.gone'), undefined);
  assert.equal(lookup('c.s.other'), 'unknown');
});
