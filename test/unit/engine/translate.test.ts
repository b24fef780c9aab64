// Lakeflow SQL in, DuckDB SQL out: each case translates one dataset and runs
// the result on DuckDB over small fixture tables, comparing the rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, TestDb } from './duckdbHelper';
import { flowSql, translate } from './translateHelper';

interface Case {
  name: string;
  /** The query after `CREATE MATERIALIZED VIEW t AS`. */
  query: string;
  /** Text the DuckDB SQL must contain (the rewrite happened). */
  contains?: RegExp;
  /** Rows as JSON, in order. */
  rows: unknown[];
}

const cases: Case[] = [
  { name: '0D literal is a DOUBLE', query: 'SELECT 0D AS z, 10L AS l', contains: /CAST\(0 AS DOUBLE\)/, rows: [{ z: 0, l: '10' }] },
  {
    name: 'back-quoted names',
    query: 'SELECT `id` AS `my id` FROM fixtures.people WHERE `id` = 1',
    contains: /"my id"/,
    rows: [{ 'my id': 1 }],
  },
  {
    name: '* EXCEPT becomes * EXCLUDE',
    query: 'SELECT * EXCEPT (name, info) FROM fixtures.people ORDER BY id',
    contains: /EXCLUDE/,
    rows: [{ id: 1 }, { id: 2 }],
  },
  { name: 'struct.* expands the fields', query: 'SELECT info.* FROM fixtures.people WHERE id = 1', rows: [{ city: 'Oslo', zip: '0150' }] },
  {
    name: 'LIVE. prefix resolves to the dataset table',
    query: 'SELECT count(*) AS n FROM LIVE.src',
    contains: /"main"."src"/,
    rows: [{ n: '3' }],
  },
  { name: '${key} in a string', query: "SELECT '${greeting}, world' AS g", rows: [{ g: 'hello, world' }] },
  { name: '== and <=>', query: 'SELECT 1 == 1 AS a, NULL <=> NULL AS b', rows: [{ a: true, b: true }] },
  {
    name: 'LEFT SEMI JOIN',
    query: 'SELECT p.id FROM fixtures.people p LEFT SEMI JOIN src s ON p.id = s.id ORDER BY p.id',
    contains: /SEMI JOIN/,
    rows: [{ id: 1 }, { id: 2 }],
  },
  {
    name: 'LEFT ANTI JOIN',
    query: 'SELECT s.id FROM src s LEFT ANTI JOIN fixtures.people p ON p.id = s.id',
    contains: /ANTI JOIN/,
    rows: [{ id: 3 }],
  },
  {
    name: 'RLIKE',
    query: "SELECT name FROM fixtures.people WHERE name RLIKE '^A.*' ",
    contains: /regexp_matches/,
    rows: [{ name: 'Ann' }],
  },
  { name: 'arrays count from 0 in Spark', query: 'SELECT array(10, 20, 30)[0] AS first', rows: [{ first: 10 }] },
  { name: 'JSON path with :', query: `SELECT '{"a":{"b":7}}':a.b AS v`, contains: /json_extract_string/, rows: [{ v: '7' }] },
  { name: 'current_timestamp() with parentheses', query: 'SELECT current_timestamp() IS NOT NULL AS ok', rows: [{ ok: true }] },
  {
    name: 'date_format in a query',
    query: "SELECT date_format(DATE'2024-03-05', 'EEEE dd MMMM yyyy') AS d",
    rows: [{ d: 'Tuesday 05 March 2024' }],
  },
  { name: 'CAST to STRING', query: 'SELECT CAST(42 AS STRING) AS s, 7::STRING AS t', rows: [{ s: '42', t: '7' }] },
  {
    name: 'filter and transform lambdas',
    query: 'SELECT transform(filter(array(1, 2, 3), x -> x > 1), x -> x * 10) AS v',
    rows: [{ v: [20, 30] }],
  },
  {
    name: 'explode over sequence of dates',
    query: "SELECT explode(sequence(to_date('2024-01-30'), to_date('2024-02-01'), INTERVAL 1 DAY)) AS d",
    rows: [{ d: '2024-01-30' }, { d: '2024-01-31' }, { d: '2024-02-01' }],
  },
  {
    name: 'percentile_approx is exact quantile_disc',
    query: 'SELECT percentile_approx(id, 0.5) AS p FROM src',
    contains: /quantile_disc/,
    rows: [{ p: 2 }],
  },
  { name: 'collect_set in GROUP BY ALL', query: 'SELECT size(collect_set(id)) AS n FROM src GROUP BY ALL', rows: [{ n: 3 }] }, // Spark's size is INT
  { name: 'named_struct field access', query: "SELECT named_struct('a', 1, 'b', 'x').b AS b", rows: [{ b: 'x' }] },
  {
    name: 'struct names fields after columns, else col1..',
    query: 'SELECT struct(id, id + 1).id AS a, struct(id, id + 1).col2 AS b FROM src',
    rows: [
      { a: 1, b: 2 },
      { a: 2, b: 3 },
      { a: 3, b: 4 },
    ],
  },
  {
    name: 'nvl and md5 of a number',
    query: 'SELECT nvl(NULL, 5) AS n, md5(42) AS h',
    rows: [{ n: 5, h: 'a1d0c6e83f027327d8461063f4ac58a6' }],
  },
  {
    name: 'GROUP BY ... WITH ROLLUP becomes GROUP BY ROLLUP (...)',
    query: 'SELECT id % 2 AS odd, count(*) AS n FROM src GROUP BY id % 2 WITH ROLLUP ORDER BY odd NULLS LAST',
    contains: /GROUP BY ROLLUP \(/,
    rows: [
      { odd: 0, n: '1' },
      { odd: 1, n: '2' },
      { odd: null, n: '3' },
    ],
  },
  {
    name: 'GROUP BY CUBE (...) as written',
    query: 'SELECT id, count(*) AS n FROM src WHERE id = 1 GROUP BY CUBE (id) ORDER BY id NULLS LAST',
    rows: [
      { id: 1, n: '1' },
      { id: null, n: '1' },
    ],
  },
  {
    name: 'LATERAL VIEW posexplode numbers from 0',
    query: "SELECT t.pos, t.v FROM src LATERAL VIEW posexplode(array('a', 'b')) t AS pos, v WHERE src.id = 1 ORDER BY t.pos",
    rows: [
      { pos: 0, v: 'a' },
      { pos: 1, v: 'b' },
    ], // Spark's position is INT
  },
  {
    name: 'LATERAL VIEW explode of a map gives key and value',
    query: "SELECT k, v FROM src LATERAL VIEW explode(map('x', 1, 'y', 2)) t AS k, v WHERE src.id = 1 ORDER BY k",
    rows: [
      { k: 'x', v: 1 },
      { k: 'y', v: 2 },
    ],
  },
  {
    name: 'LATERAL VIEW OUTER keeps a row for an empty array',
    query: 'SELECT src.id, x FROM src LATERAL VIEW OUTER explode(filter(array(1), e -> e > 5)) t AS x WHERE src.id = 1',
    rows: [{ id: 1, x: null }],
  },
  {
    name: 'PIVOT and UNPIVOT run as Spark writes them',
    query:
      'SELECT * FROM (SELECT id % 2 AS odd, id FROM src) PIVOT (sum(id) AS total FOR odd IN (0 AS even_ids, 1 AS odd_ids)) UNPIVOT (total FOR parity IN (even_ids, odd_ids)) ORDER BY parity',
    rows: [
      { parity: 'even_ids', total: '2' },
      { parity: 'odd_ids', total: '4' },
    ],
  },
  {
    name: 'TABLESAMPLE of rows',
    query: 'SELECT count(*) AS n FROM src TABLESAMPLE (2 ROWS)',
    contains: /AS "src" TABLESAMPLE \(2 ROWS\)/,
    rows: [{ n: '2' }],
  },
  {
    name: 'extended function map in a query',
    query: "SELECT initcap(name) AS n, substring_index('a.b.c', '.', -1) AS last FROM fixtures.people WHERE id = 1",
    rows: [{ n: 'Ann', last: 'c' }],
  },
  {
    name: 'LATERAL VIEW stack turns columns into rows, NULL-padded',
    query:
      "SELECT p.id, t.k, t.v FROM fixtures.people p LATERAL VIEW stack(2, 'name', p.name, 'city') t AS k, v WHERE p.id = 1 ORDER BY t.k",
    rows: [
      { id: 1, k: 'city', v: null },
      { id: 1, k: 'name', v: 'Ann' },
    ],
  },
  {
    name: 'LATERAL VIEW inline gives one row per struct, fields as columns',
    query:
      "SELECT p.id, t.a, t.b FROM fixtures.people p LATERAL VIEW inline(array(named_struct('a', 1, 'b', 'x'), named_struct('a', 2, 'b', 'y'))) t AS a, b WHERE p.id = 2 ORDER BY t.a",
    rows: [
      { id: 2, a: 1, b: 'x' },
      { id: 2, a: 2, b: 'y' },
    ],
  },
  {
    name: 'LATERAL VIEW explode',
    query: 'SELECT p.id, t.x FROM fixtures.people p LATERAL VIEW explode(array(1, 2)) t AS x WHERE p.id = 1 ORDER BY t.x',
    rows: [
      { id: 1, x: 1 },
      { id: 1, x: 2 },
    ],
  },
];

describe('translation: Lakeflow SQL -> DuckDB SQL that runs', () => {
  let db: TestDb;
  before(async () => {
    db = await openTestDb();
    await db.con.run('CREATE SCHEMA fixtures');
    await db.con.run(
      `CREATE TABLE fixtures.people AS SELECT * FROM (VALUES (1, 'Ann', {'city': 'Oslo', 'zip': '0150'}), (2, 'Bob', {'city': 'Rome', 'zip': '00100'})) AS t(id, name, info)`,
    );
    await db.con.run('CREATE TABLE main.src AS SELECT * FROM (VALUES (1), (2), (3)) AS t(id)');
  });
  after(() => db.close());

  for (const c of cases) {
    test(c.name, async () => {
      const plan = translate(
        { 'src.sql': 'CREATE MATERIALIZED VIEW src AS SELECT 1 AS id', 't.sql': `CREATE MATERIALIZED VIEW t AS ${c.query}` },
        { greeting: 'hello' },
      );
      const t = plan.datasets.find((d) => d.name === 't')!;
      assert.deepEqual(t.problems, []);
      const sql = flowSql(plan, 't');
      if (c.contains) assert.match(sql, c.contains);
      const rows = (await db.con.runAndReadAll(sql)).getRowObjectsJson();
      assert.deepEqual(JSON.parse(JSON.stringify(rows)), c.rows, sql);
    });
  }
});

describe('translation: datasets, sources and problems', () => {
  test('read_files becomes a file source with its options and a hidden _metadata', () => {
    const plan = translate(
      {
        'bronze/a.sql': `CREATE OR REFRESH STREAMING TABLE a AS SELECT *, _metadata.file_path AS f FROM STREAM read_files('\${root}/a/', format => 'json', schemaHints => 'x INT')`,
      },
      { root: '/land' },
    );
    const [a] = plan.datasets;
    assert.equal(a.schema, 'bronze');
    const flow = a.flows[0];
    assert.equal(flow.kind, 'query');
    assert.equal(flow.fileSources.length, 1);
    const src = flow.fileSources[0];
    assert.deepEqual(
      { path: src.path, format: src.format, hints: src.options.schemahints, stream: src.stream, meta: src.needsMetadata },
      { path: '/land/a/', format: 'json', hints: 'x INT', stream: true, meta: true },
    );
    assert.match(flow.kind === 'query' ? flow.sql : '', /\* EXCLUDE \(_metadata\)/);
  });

  test('STREAM(x) in a streaming table reads the stream placeholder; in a view it reads the table', () => {
    const plan = translate({
      'a.sql': 'CREATE STREAMING TABLE a AS SELECT 1 AS id',
      'b.sql': 'CREATE STREAMING TABLE b AS SELECT * FROM STREAM(a)',
      'c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT * FROM a',
    });
    assert.match(flowSql(plan, 'b'), /"__lakeflow_stream_a" AS "a"/);
    assert.deepEqual(plan.datasets.find((d) => d.name === 'b')!.flows[0].streamSources, ['a']);
    assert.match(flowSql(plan, 'c'), /"main"."a"/);
    assert.deepEqual(plan.datasets.find((d) => d.name === 'c')!.dependsOn, ['a']);
  });

  test('a CTE named like a dataset is not a dependency', () => {
    const plan = translate({
      'a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS id',
      'b.sql': 'CREATE MATERIALIZED VIEW b AS WITH a AS (SELECT 2 AS id) SELECT * FROM a',
    });
    assert.deepEqual(plan.datasets.find((d) => d.name === 'b')!.dependsOn, []);
  });

  test('expectations keep their action and translate their expression', () => {
    const plan = translate({
      'a.sql': `CREATE MATERIALIZED VIEW a (
        CONSTRAINT w EXPECT (x == 1),
        CONSTRAINT d EXPECT (x IS NOT NULL) ON VIOLATION DROP ROW,
        CONSTRAINT f EXPECT (nvl(x, 0) >= 0) ON VIOLATION FAIL UPDATE
      ) AS SELECT 1 AS x`,
    });
    assert.deepEqual(plan.datasets[0].expectations, [
      { name: 'w', sql: 'x = 1', action: 'warn' },
      { name: 'd', sql: 'x IS NOT NULL', action: 'drop' },
      { name: 'f', sql: 'coalesce(x, 0) >= 0', action: 'fail' },
    ]);
  });

  test('an untranslatable function is a problem naming it with file:line:col', () => {
    const plan = translate({
      'x.sql': 'CREATE MATERIALIZED VIEW x AS\nSELECT\n  xpath_string(doc, "a/b") AS v FROM src',
      'src.sql': 'CREATE MATERIALIZED VIEW src AS SELECT 1 AS doc',
    });
    const x = plan.datasets.find((d) => d.name === 'x')!;
    assert.equal(x.problems.length, 1);
    assert.deepEqual(
      { file: x.problems[0].file, line: x.problems[0].line, character: x.problems[0].character },
      { file: 'x.sql', line: 2, character: 2 },
    );
    assert.match(x.problems[0].message, /xpath_string/);
    assert.deepEqual(plan.datasets.find((d) => d.name === 'src')!.problems, []);
  });

  test('time travel and bucket sampling are problems naming them: a local lakehouse keeps no history, DuckDB no buckets', () => {
    const plan = translate({
      'src.sql': 'CREATE MATERIALIZED VIEW src AS SELECT 1 AS id',
      't.sql': 'CREATE MATERIALIZED VIEW t AS\nSELECT * FROM src VERSION AS OF 3',
    });
    const t = plan.datasets.find((d) => d.name === 't')!;
    assert.deepEqual(
      t.problems.map((p) => `${p.line}:${p.character} ${p.message}`),
      ['1:18 cannot run locally: time travel (VERSION AS OF)'],
    );
    const sampled = translate({
      'src.sql': 'CREATE MATERIALIZED VIEW src AS SELECT 1 AS id',
      't.sql': 'CREATE MATERIALIZED VIEW t AS SELECT * FROM src TABLESAMPLE (BUCKET 1 OUT OF 4)',
    });
    assert.deepEqual(
      sampled.datasets.find((d) => d.name === 't')!.problems.map((p) => p.message),
      ['cannot run locally: TABLESAMPLE (BUCKET ...)'],
    );
  });

  test('pipe syntax, snapshot CDC and replace flows are problems naming them at their position (DuckDB has none of them)', () => {
    const src = { 'src.sql': 'CREATE MATERIALIZED VIEW src AS SELECT 1 AS id' };
    const piped = translate({ ...src, 't.sql': 'CREATE MATERIALIZED VIEW t AS\nFROM src\n|> WHERE id > 0\n|> SELECT id' });
    assert.deepEqual(
      piped.datasets.find((d) => d.name === 't')!.problems.map((p) => `${p.line}:${p.character} ${p.message}`),
      ['2:0 cannot run locally: SQL pipe syntax (|> WHERE)', '3:0 cannot run locally: SQL pipe syntax (|> SELECT)'],
    );
    const flows = translate({
      ...src,
      'f.sql': [
        'CREATE OR REFRESH STREAMING TABLE s;',
        'CREATE FLOW snap AS AUTO CDC INTO s FROM SNAPSHOT (SELECT * FROM src) KEYS (id);',
        'CREATE OR REFRESH STREAMING TABLE r;',
        'CREATE FLOW rep AS INSERT INTO r BY NAME REPLACE USING (id) SEQUENCE BY id SELECT * FROM STREAM(src);',
      ].join('\n'),
    });
    const messages = (name: string) => flows.datasets.find((d) => d.name === name)!.problems.map((p) => p.message);
    assert.ok(
      messages('s').some((m) => /cannot run locally: AUTO CDC \.\.\. FROM SNAPSHOT/.test(m)),
      messages('s').join('; '),
    );
    assert.ok(
      messages('r').some((m) => /cannot run locally: INSERT \.\.\. REPLACE USING flow/.test(m)),
      messages('r').join('; '),
    );
  });

  test('an unknown ${key} is a problem', () => {
    const plan = translate({ 'x.sql': "CREATE MATERIALIZED VIEW x AS SELECT '${nope}' AS v" });
    assert.match(plan.datasets[0].problems[0]?.message ?? '', /\$\{nope\}/);
  });

  test('AUTO CDC flow: keys, sequence, delete condition, columns and SCD type', () => {
    const plan = translate({
      'src.sql': 'CREATE STREAMING TABLE src AS SELECT 1 AS id, 1 AS seq, 0 AS op',
      't.sql': `CREATE OR REFRESH STREAMING TABLE t;
        CREATE FLOW t_flow AS AUTO CDC INTO t FROM STREAM(src)
        KEYS (id) APPLY AS DELETE WHEN op = 'D' SEQUENCE BY seq COLUMNS * EXCEPT (op) STORED AS SCD TYPE 2;`,
    });
    const t = plan.datasets.find((d) => d.name === 't')!;
    assert.deepEqual(t.problems, []);
    const f = t.flows[0];
    assert.equal(f.kind, 'cdc');
    if (f.kind !== 'cdc') return;
    assert.deepEqual(
      { keys: f.keys, seq: f.sequenceBy, del: f.deleteWhen, cols: f.columns, scd: f.scdType, src: f.sourceSql, deps: t.dependsOn },
      {
        keys: ['id'],
        seq: 'seq',
        del: "op = 'D'",
        cols: { columns: [], except: ['op'] },
        scd: 2,
        src: 'SELECT * FROM "__lakeflow_stream_src" AS "src"',
        deps: ['src'],
      },
    );
  });
});
