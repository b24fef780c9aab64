import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIAGNOSTIC_CODES } from '../../../server/src/language/features/diagnostics/codes';
import { buildIndex, check, diagnosticsOf } from './diagnosticsCheck';

// A complete-schema bronze source and a materialized view over it, reused by many cases.
const SRC = `CREATE OR REFRESH STREAMING TABLE src AS SELECT * FROM STREAM read_files('/in', format => 'json', schema => 'id INT, seq BIGINT, v DOUBLE');\n`;
const MV = `CREATE OR REFRESH MATERIALIZED VIEW mv AS SELECT id, v FROM src;\n`;

type Case = [name: string, input: string | Record<string, string>, codes: string[], options?: Parameters<typeof check>[2]];

const cases: Case[] = [
  // LF1xx
  ['LF102 legacy LIVE TABLE spelling', `CREATE OR REFRESH [[LIVE TABLE]] a AS SELECT 1 AS x;`, ['LF102']],
  ['LF102 TEMPORARY LIVE VIEW keeps TEMPORARY', `CREATE TEMPORARY [[LIVE VIEW]] v AS SELECT 1 AS x;`, ['LF102']],
  ['LF102 negative: current spelling', `CREATE OR REFRESH MATERIALIZED VIEW a AS SELECT 1 AS x;`, []],
  [
    'LF102 INCREMENTAL LIVE TABLE and TEMPORARY STREAMING LIVE VIEW: hints, never errors',
    `${SRC}CREATE [[INCREMENTAL LIVE TABLE]] a AS SELECT * FROM STREAM(src);\nCREATE TEMPORARY [[STREAMING LIVE VIEW]] v AS SELECT * FROM STREAM(src);`,
    ['LF102', 'LF102'],
  ],
  [
    'LF105 one hint for the non-SQL cells of a notebook',
    `-- Databricks notebook source\n[[-- MAGIC %md]]\n-- MAGIC # Title\n\n-- COMMAND ----------\n\nCREATE MATERIALIZED VIEW a AS SELECT 1 AS x\n\n-- COMMAND ----------\n\n%python\nprint(1)`,
    ['LF105'],
  ],
  [
    'LF105 negative: a notebook of SQL cells only',
    `-- Databricks notebook source\nCREATE MATERIALIZED VIEW a AS SELECT 1 AS x\n\n-- COMMAND ----------\n\nCREATE MATERIALIZED VIEW b AS SELECT x FROM a`,
    [],
  ],
  ['LF104 TEMPORARY on a table', `CREATE OR REFRESH [[TEMPORARY]] MATERIALIZED VIEW a AS SELECT 1 AS x;`, ['LF104']],
  ['LF104 with the legacy spelling too', `CREATE [[TEMPORARY]] [[LIVE TABLE]] a AS SELECT 1 AS x;`, ['LF104', 'LF102']],
  [
    'LF104 negative: PRIVATE, and a temporary view',
    `CREATE OR REFRESH PRIVATE MATERIALIZED VIEW a AS SELECT 1 AS x;\nCREATE TEMPORARY VIEW v AS SELECT 1 AS x;`,
    [],
  ],
  ['LF103 warehouse-only syntax', `CREATE STREAMING TABLE IF NOT EXISTS [[a]] AS SELECT * FROM STREAM read_files('/x');`, ['LF103']],
  ['LF103 negative: pipeline syntax', `CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM STREAM read_files('/x');`, []],
  // LF2xx
  ['LF201 reference not in the pipeline', `CREATE MATERIALIZED VIEW a AS SELECT * FROM [[nope]];`, ['LF201']],
  ['LF201 negative: defined in another file', { '/p/a.sql': SRC, '/p/b.sql': MV }, []],
  ['LF201 negative: CTE name', SRC + `CREATE MATERIALIZED VIEW a AS WITH w AS (SELECT id FROM src) SELECT id FROM w;`, []],
  [
    'LF201 negative: qualified name of another catalog without catalog data',
    `CREATE MATERIALIZED VIEW a AS SELECT * FROM other.sch.t;`,
    [],
  ],
  ['LF201 LIVE.x undefined (an error)', `CREATE MATERIALIZED VIEW a AS SELECT id FROM [[LIVE.]][[nope]];`, ['LF204', 'LF201']],
  [
    "LF301 negative: a qualified read of a table with the dataset's own name",
    `CREATE MATERIALIZED VIEW silver.policy AS SELECT * FROM bronze.policy;\nCREATE MATERIALIZED VIEW claims AS SELECT * FROM raw.claims;`,
    [],
  ],
  [
    'LF301 negative: two datasets of one name in two schemas',
    `CREATE MATERIALIZED VIEW bronze.policy AS SELECT 1 AS id;\nCREATE MATERIALIZED VIEW silver.policy AS SELECT id FROM bronze.policy;`,
    [],
  ],
  ['LF301 a bare self-read is a cycle', `CREATE MATERIALIZED VIEW [[a]] AS SELECT * FROM a;`, ['LF301']],
  [
    "LF301 LIVE.x is the pipeline's own x, even when defined with a schema",
    `CREATE MATERIALIZED VIEW silver.[[x]] AS SELECT * FROM [[LIVE.]]x;`,
    ['LF301', 'LF204'],
  ],
  [
    'LF302 negative: cloud_files and STREAM before table-valued functions are streams',
    `CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM cloud_files('/x', 'json');\nCREATE OR REFRESH STREAMING TABLE k AS SELECT * FROM STREAM read_kafka(bootstrapServers => 'h:9092', subscribe => 't');\nCREATE OR REFRESH STREAMING TABLE f AS SELECT * FROM STREAM my_source(1);`,
    [],
  ],
  [
    'LF303 cloud_files in a materialized view is a stream',
    `CREATE OR REFRESH MATERIALIZED VIEW a AS SELECT * FROM [[cloud_files('/x', 'json')]];`,
    ['LF303'],
  ],
  [
    'LF202 not found in the catalog',
    `CREATE MATERIALIZED VIEW a AS SELECT * FROM [[other.sch.t]];`,
    ['LF202'],
    { catalog: () => undefined },
  ],
  [
    'LF202 negative: found in the catalog',
    `CREATE MATERIALIZED VIEW a AS SELECT * FROM other.sch.t;`,
    [],
    { catalog: (n) => ({ fullName: n }) },
  ],
  ['LF203 duplicate dataset name', { '/p/a.sql': SRC, '/p/b.sql': SRC.replace('TABLE src', 'TABLE [[src]]') }, ['LF203']],
  ['LF203 negative: distinct names', { '/p/a.sql': SRC, '/p/b.sql': SRC.replace('TABLE src', 'TABLE src2') }, []],
  ['LF204 LIVE. prefix', SRC + `CREATE MATERIALIZED VIEW a AS SELECT id FROM [[LIVE.]]src;`, ['LF204']],
  ['LF204 negative: bare name', SRC + `CREATE MATERIALIZED VIEW a AS SELECT id FROM src;`, []],
  [
    'LF205 unknown column of a known source',
    SRC + `CREATE MATERIALIZED VIEW a AS SELECT id, [[nope]], s.[[other]] FROM src s WHERE [[missing]] > 0;`,
    ['LF205', 'LF205', 'LF205'],
  ],
  [
    'LF205 negative: schemaHints leave other columns open',
    `CREATE OR REFRESH STREAMING TABLE a AS SELECT anything FROM STREAM read_files('/x', schemaHints => 'id INT');`,
    [],
  ],
  [
    'LF205 negative: aliases, lambdas, struct fields, niladic functions',
    SRC +
      `CREATE MATERIALIZED VIEW a AS SELECT id AS k, k + 1 AS k2, transform(array(v), x -> x + 1) AS t, current_timestamp AS ts FROM src ORDER BY k;`,
    [],
  ],
  [
    'LF205 negative: hidden file columns of a complete schema',
    `CREATE OR REFRESH STREAMING TABLE a AS SELECT a, _metadata.file_path AS f, _rescued_data FROM STREAM read_files('/x', schema => 'a INT');`,
    [],
  ],
  [
    'LF205 negative: PIVOT output is the unused source columns plus one per IN value',
    SRC +
      `CREATE MATERIALIZED VIEW a AS SELECT id, s1, p.s2 FROM (SELECT id, seq, v FROM src) PIVOT (sum(v) FOR seq IN (1 AS s1, 2 AS s2)) AS p;`,
    [],
  ],
  [
    'LF205 PIVOT output checked: consumed source columns and unknown names are gone',
    SRC +
      `CREATE MATERIALIZED VIEW a AS SELECT id, [[v]], [[s3]] FROM (SELECT id, seq, v FROM src) PIVOT (sum(v) FOR seq IN (1 AS s1, 2 AS s2)) AS p;`,
    ['LF205', 'LF205'],
  ],
  [
    'LF205 UNPIVOT output: kept columns, the name column and the value column',
    SRC +
      `CREATE MATERIALIZED VIEW a AS SELECT id, metric, val, [[v]] FROM (SELECT id, seq, v FROM src) UNPIVOT (val FOR metric IN (seq, v)) AS u;`,
    ['LF205'],
  ],
  [
    'LF205 negative: PIVOT over an open source stays open',
    `CREATE MATERIALIZED VIEW a AS SELECT anything FROM other.sch.t PIVOT (sum(v) FOR k IN ('x'));`,
    [],
  ],
  [
    'LF201 through PIVOT and TABLESAMPLE: the source is still a read',
    `CREATE MATERIALIZED VIEW a AS SELECT * FROM [[nope]] TABLESAMPLE (10 PERCENT) PIVOT (count(*) FOR k IN ('x'));`,
    ['LF201'],
  ],
  [
    'LF205 hidden file columns do not pass through a dataset',
    SRC + `CREATE MATERIALIZED VIEW a AS SELECT [[_metadata]].file_path AS f FROM src;`,
    ['LF205'],
  ],
  // LF3xx
  [
    'LF301 cycle',
    `CREATE MATERIALIZED VIEW [[a]] AS SELECT * FROM b;\nCREATE MATERIALIZED VIEW [[b]] AS SELECT * FROM a;`,
    ['LF301', 'LF301'],
  ],
  ['LF301 negative: a chain', SRC + MV, []],
  ['LF302 streaming table over a batch read', SRC + `CREATE OR REFRESH STREAMING TABLE s2 AS SELECT * FROM [[src]];`, ['LF302']],
  [
    'LF302 negative: stream-static join',
    SRC + MV + `CREATE OR REFRESH STREAMING TABLE s2 AS SELECT s.id FROM STREAM(src) s JOIN mv m ON s.id = m.id;`,
    [],
  ],
  [
    'LF302 negative: reading a temporary view that streams',
    {
      '/p/a.sql': SRC + `CREATE TEMPORARY VIEW v AS SELECT * FROM STREAM(src);`,
      '/p/b.sql': `CREATE OR REFRESH STREAMING TABLE s2 AS SELECT * FROM v;`,
    },
    [],
  ],
  [
    'LF302 reading a temporary view that does not stream',
    SRC + `CREATE TEMPORARY VIEW v AS SELECT * FROM src;\nCREATE OR REFRESH STREAMING TABLE s2 AS SELECT * FROM [[v]];`,
    ['LF302'],
  ],
  ['LF303 STREAM in a materialized view', SRC + `CREATE OR REFRESH MATERIALIZED VIEW m AS SELECT * FROM [[STREAM(src)]];`, ['LF303']],
  ['LF303 negative: batch read in a materialized view', SRC + MV, []],
  [
    'LF304 stream in an ONCE flow',
    SRC + `CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS INSERT INTO ONCE t BY NAME SELECT * FROM [[STREAM(src)]];`,
    ['LF304'],
  ],
  [
    'LF304 negative: batch ONCE flow',
    SRC + `CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS INSERT INTO ONCE t BY NAME SELECT * FROM src;`,
    [],
  ],
  ['LF305 stream in a persisted view', SRC + `CREATE VIEW v AS SELECT * FROM [[STREAM(src)]];`, ['LF305']],
  ['LF305 negative: stream in a temporary view', SRC + `CREATE TEMPORARY VIEW v AS SELECT * FROM STREAM(src);`, []],
  ['LF306 STREAM over a materialized view', SRC + MV + `CREATE OR REFRESH STREAMING TABLE s2 AS SELECT * FROM STREAM([[mv]]);`, ['LF306']],
  [
    'LF306 STREAM over an AUTO CDC target',
    SRC +
      `CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS AUTO CDC INTO t FROM STREAM(src) KEYS (id) SEQUENCE BY seq;\nCREATE OR REFRESH STREAMING TABLE s2 AS SELECT * FROM STREAM([[t]]);`,
    ['LF306'],
  ],
  ['LF306 negative: STREAM over an append-only table', SRC + `CREATE OR REFRESH STREAMING TABLE s2 AS SELECT * FROM STREAM(src);`, []],
  ['LF307 flow target not declared', SRC + `CREATE FLOW f AS INSERT INTO [[nowhere]] BY NAME SELECT * FROM STREAM(src);`, ['LF307']],
  [
    'LF307 negative: declared target',
    SRC + `CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS INSERT INTO t BY NAME SELECT * FROM STREAM(src);`,
    [],
  ],
  [
    'LF308 AUTO CDC into a materialized view',
    SRC + MV + `APPLY CHANGES INTO [[mv]] FROM STREAM(src) KEYS (id) SEQUENCE BY seq;`,
    ['LF308'],
  ],
  [
    'LF308 negative: AUTO CDC into a streaming table',
    SRC + `CREATE OR REFRESH STREAMING TABLE t;\nAPPLY CHANGES INTO t FROM STREAM(src) KEYS (id) SEQUENCE BY seq STORED AS SCD TYPE 2;`,
    [],
  ],
  [
    'LF309 AUTO CDC source read as batch',
    SRC + `CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS AUTO CDC INTO t FROM [[src]] KEYS (id) SEQUENCE BY seq;`,
    ['LF309'],
  ],
  [
    'LF310 TRUNCATE with SCD type 2',
    SRC +
      `CREATE OR REFRESH STREAMING TABLE t;\nAUTO CDC INTO t FROM STREAM(src) KEYS (id) APPLY AS TRUNCATE WHEN [[v = 0]] SEQUENCE BY seq STORED AS SCD TYPE 2;`,
    ['LF310'],
  ],
  [
    'LF310 negative: TRUNCATE with SCD type 1',
    SRC + `CREATE OR REFRESH STREAMING TABLE t;\nAUTO CDC INTO t FROM STREAM(src) KEYS (id) APPLY AS TRUNCATE WHEN v = 0 SEQUENCE BY seq;`,
    [],
  ],
  // LF4xx
  [
    'LF401 expectation on a column the dataset does not output',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT c EXPECT ([[nope]] > 0)) AS SELECT 1 AS x;`,
    ['LF401'],
  ],
  [
    'LF401 negative: output column, and open outputs',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT c EXPECT (x > 0)) AS SELECT 1 AS x;\nCREATE OR REFRESH STREAMING TABLE s (CONSTRAINT c EXPECT (anything > 0)) AS SELECT * FROM STREAM read_files('/x');`,
    [],
  ],
  [
    'LF402 duplicate expectation name',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT c EXPECT (x > 0), CONSTRAINT [[c]] EXPECT (x < 9)) AS SELECT 1 AS x;`,
    ['LF402'],
  ],
  [
    'LF402 negative: distinct names',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT c EXPECT (x > 0), CONSTRAINT d EXPECT (x < 9)) AS SELECT 1 AS x;`,
    [],
  ],
  [
    'LF403 aggregate, window and subquery in an expectation',
    SRC +
      `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT a EXPECT ([[count]](x) > 0), CONSTRAINT w EXPECT ([[row_number]]() OVER (ORDER BY x) = 1), CONSTRAINT s EXPECT (x IN [[(SELECT id FROM src)]])) AS SELECT 1 AS x;`,
    ['LF403', 'LF403', 'LF403'],
  ],
  [
    'LF403 negative: a subquery that reads no table',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT s EXPECT (x IN (SELECT 1))) AS SELECT 1 AS x;`,
    [],
  ],
  [
    'LF403 negative: scalar functions',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT a EXPECT (length(trim(y)) > 0 AND abs(x) < 5)) AS SELECT 1 AS x, 'a' AS y;`,
    [],
  ],
  [
    'LF404 invalid ON VIOLATION action',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT c EXPECT (x > 0) ON VIOLATION [[FAIL ROW]]) AS SELECT 1 AS x;`,
    ['LF404'],
  ],
  [
    'LF404 negative: DROP ROW and FAIL UPDATE',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT c EXPECT (x > 0) ON VIOLATION DROP ROW, CONSTRAINT d EXPECT (x < 9) ON VIOLATION FAIL UPDATE) AS SELECT 1 AS x;`,
    [],
  ],
  ['LF405 expectation on a persisted view', `CREATE VIEW v ([[CONSTRAINT c EXPECT (x > 0)]]) AS SELECT 1 AS x;`, ['LF405']],
  ['LF405 negative: on a temporary view', `CREATE TEMPORARY VIEW v (CONSTRAINT c EXPECT (x > 0)) AS SELECT 1 AS x;`, []],
  [
    'LF406 never fails: constant TRUE',
    `CREATE OR REFRESH MATERIALIZED VIEW m (x INT NOT NULL, CONSTRAINT t EXPECT ([[TRUE]])) AS SELECT 1 AS x;`,
    ['LF406'],
  ],
  // Expectations run on the query's output before the write: this one is what keeps NULLs away from the NOT NULL column.
  [
    'LF406/LF409 negative: IS NOT NULL ... DROP ROW on a NOT NULL column',
    `CREATE OR REFRESH MATERIALIZED VIEW m (x INT NOT NULL, CONSTRAINT n EXPECT (x IS NOT NULL) ON VIOLATION DROP ROW) AS SELECT 1 AS x;`,
    [],
  ],
  [
    'LF409 negative: IS NOT NULL ... FAIL UPDATE on a NOT NULL column',
    `CREATE OR REFRESH MATERIALIZED VIEW m (x INT NOT NULL, CONSTRAINT n EXPECT (x IS NOT NULL) ON VIOLATION FAIL UPDATE) AS SELECT 1 AS x;`,
    [],
  ],
  [
    'LF409 warn-only IS NOT NULL on a NOT NULL column',
    `CREATE OR REFRESH MATERIALIZED VIEW m (x INT NOT NULL, CONSTRAINT n EXPECT ([[x IS NOT NULL]])) AS SELECT 1 AS x;`,
    ['LF409'],
  ],
  [
    'LF407 IS NULL on a NOT NULL column',
    `CREATE OR REFRESH MATERIALIZED VIEW m (x INT NOT NULL, CONSTRAINT n EXPECT ([[x IS NULL]]) ON VIOLATION DROP ROW) AS SELECT 1 AS x;`,
    ['LF407'],
  ],
  [
    'LF406 negative: IS NOT NULL on a nullable column',
    `CREATE OR REFRESH MATERIALIZED VIEW m (x INT, CONSTRAINT n EXPECT (x IS NOT NULL)) AS SELECT 1 AS x;`,
    [],
  ],
  [
    'LF407 always fails: constant false',
    `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT f EXPECT ([[1 = 0]])) AS SELECT 1 AS x;`,
    ['LF407'],
  ],
  ['LF407 negative: a real predicate', `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT f EXPECT (x = 0)) AS SELECT 1 AS x;`, []],
  [
    'LF401 negative: a column of the query that the column list does not declare',
    `CREATE OR REFRESH MATERIALIZED VIEW m (x INT, CONSTRAINT c EXPECT (y > 0)) AS SELECT 1 AS x, 2 AS y;`,
    [],
  ],
  [
    'LF408 FAIL UPDATE on bronze input',
    `CREATE OR REFRESH STREAMING TABLE b (CONSTRAINT c EXPECT (id IS NOT NULL) ON VIOLATION [[FAIL UPDATE]]) AS SELECT * FROM STREAM read_files('/x');`,
    ['LF408'],
  ],
  [
    'LF408 negative: FAIL UPDATE downstream of bronze',
    SRC + `CREATE OR REFRESH MATERIALIZED VIEW m (CONSTRAINT c EXPECT (id IS NOT NULL) ON VIOLATION FAIL UPDATE) AS SELECT id FROM src;`,
    [],
  ],
  // LF5xx (SQL side; the bundle codes are covered below)
  [
    'LF501 unknown ${key}',
    `CREATE OR REFRESH STREAMING TABLE b AS SELECT * FROM STREAM read_files('[[\${nope}]]/x');`,
    ['LF501'],
    { pipeline: { configuration: new Map([['source_root', '/v']]) } },
  ],
  [
    'LF501 negative: configured key',
    `CREATE OR REFRESH STREAMING TABLE b AS SELECT * FROM STREAM read_files('\${source_root}/x');`,
    [],
    { pipeline: { configuration: new Map([['source_root', '/v']]) } },
  ],
  [
    'LF501 negative: no bundle configuration to check against',
    `CREATE OR REFRESH STREAMING TABLE b AS SELECT * FROM STREAM read_files('\${nope}/x');`,
    [],
  ],
];

describe('diagnostics', () => {
  for (const [name, input, codes, options] of cases) test(name, () => void check(input, codes, options));

  test('LF101 syntax errors are reported; valid input has none', () => {
    const bad = diagnosticsOf(buildIndex({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT FROM WHERE;' }));
    assert.ok(bad.some((d) => d.code === 'LF101' && d.severity === 'error'));
    assert.deepEqual(diagnosticsOf(buildIndex({ '/p/a.sql': SRC })), []);
  });

  test('LF205 on a qualifier that names no relation says so, not "column x"', () => {
    const [d] = check(SRC + `CREATE MATERIALIZED VIEW a AS SELECT [[x]].unit FROM src s;`, ['LF205']);
    assert.match(d.message, /'x' in 'x\.unit' is neither a table or alias of this query nor a column of its sources/);
  });

  test('a JOIN lost to a syntax error reports the syntax error, not every column it would provide', () => {
    const list = diagnosticsOf(
      buildIndex({ '/p/a.sql': SRC + `CREATE MATERIALIZED VIEW a AS SELECT s.id, t.v, extra FROM src s JOIN WHERE s.id > 0;` }),
    );
    assert.ok(
      list.some((d) => d.code === 'LF101'),
      list.map((d) => d.message).join('\n'),
    );
    assert.deepEqual(
      list.filter((d) => d.code === 'LF205'),
      [],
    );
  });

  test('a qualifier being typed (`c.`) is a syntax error only, not an unknown column', () => {
    const list = diagnosticsOf(buildIndex({ '/p/a.sql': SRC + `CREATE MATERIALIZED VIEW a AS SELECT s.id, s.\nFROM src s WHERE s.` }));
    assert.ok(list.some((d) => d.code === 'LF101'));
    assert.deepEqual(
      list.filter((d) => d.code === 'LF205').map((d) => d.message),
      [],
    );
  });

  test('severities come from the code table', () => {
    const [d] = check(`CREATE MATERIALIZED VIEW a AS SELECT * FROM [[nope]];`, ['LF201']);
    assert.equal(d.severity, DIAGNOSTIC_CODES.LF201.severity);
  });

  test('the LIVE. hint carries the edit that removes the prefix', () => {
    const [d] = check(SRC + `CREATE MATERIALIZED VIEW a AS SELECT id FROM [[LIVE.]]src;`, ['LF204']);
    assert.equal(d.severity, 'hint');
    assert.deepEqual(d.fix, { title: "Remove 'LIVE.'", edits: [{ file: '/p/a.sql', range: d.range, newText: '' }] });
  });

  test('LIVE.x that the pipeline does not define is an error, and the LIVE. hint does not claim it resolves', () => {
    const [hint, d] = check(`CREATE MATERIALIZED VIEW a AS SELECT id FROM [[LIVE.]][[missing_dataset]];`, ['LF204', 'LF201']);
    assert.equal(d.severity, 'error');
    assert.match(d.message, /'LIVE\.missing_dataset' names no dataset of this pipeline/);
    assert.doesNotMatch(hint.message, /resolves/);
    const [, e] = check(`CREATE OR REFRESH STREAMING TABLE a AS SELECT id FROM STREAM([[LIVE.]][[gone]]);`, ['LF204', 'LF201']);
    assert.equal(e.severity, 'error');
    const [python] = check(`CREATE MATERIALIZED VIEW a AS SELECT id FROM [[LIVE.]][[from_python]];`, ['LF204', 'LF201'], {
      pipeline: { pythonSources: true },
    }).slice(1);
    assert.equal(python.severity, 'warning', 'Python sources of the pipeline may define it');
    const [target] = check(`CREATE FLOW f AS INSERT INTO [[t]] BY NAME SELECT * FROM STREAM read_files('/x');`, ['LF307'], {
      pipeline: { pythonSources: true },
    });
    assert.equal(target.severity, 'warning', 'Python sources of the pipeline may declare the target');
    const [bare] = check(`CREATE MATERIALIZED VIEW a AS SELECT * FROM [[maybe_a_catalog_table]];`, ['LF201']);
    assert.equal(bare.severity, 'warning');
  });

  test('did you mean: unknown datasets, columns and expectation columns name the closest candidates with a fix each', () => {
    const base = `CREATE OR REFRESH MATERIALIZED VIEW customers AS SELECT 1 AS customer_id, 'a' AS customer_name;\nCREATE OR REFRESH MATERIALIZED VIEW sales_eu AS SELECT 1 AS id;\nCREATE OR REFRESH MATERIALIZED VIEW sales_us AS SELECT 1 AS id;\n`;
    const [ds] = check(base + `CREATE MATERIALIZED VIEW a AS SELECT * FROM [[Sales_u]];`, ['LF201']);
    assert.match(ds.message, /did you mean 'sales_eu' or 'sales_us'\?/);
    assert.deepEqual(
      [ds.fix, ...(ds.alternativeFixes ?? [])].map((f) => f?.edits[0].newText),
      ['sales_eu', 'sales_us'],
    );
    const [one] = check(base + `CREATE MATERIALIZED VIEW a AS SELECT * FROM [[custmers]];`, ['LF201']);
    assert.match(one.message, /did you mean 'customers'\?/);
    assert.deepEqual(ds.fix?.edits[0].range, ds.range);
    const [col] = check(base + `CREATE MATERIALIZED VIEW a AS SELECT [[customer_nme]] FROM customers;`, ['LF205']);
    assert.match(col.message, /did you mean 'customer_name'\?/);
    assert.equal(col.alternativeFixes, undefined, 'customer_id is three edits away: not plausible');
    assert.deepEqual(col.fix?.edits, [{ file: '/p/a.sql', range: col.range, newText: 'customer_name' }]);
    const [alias] = check(base + `CREATE MATERIALIZED VIEW a AS SELECT [[cust]].customer_id FROM customers AS cus;`, ['LF205']);
    assert.equal(alias.fix?.edits[0].newText, 'cus');
    const [exp] = check(
      base + `CREATE MATERIALIZED VIEW a (CONSTRAINT ok EXPECT ([[customerid]] > 0)) AS SELECT customer_id FROM customers;`,
      ['LF401'],
    );
    assert.match(exp.message, /did you mean 'customer_id'\?/);
    assert.equal(exp.fix?.edits[0].newText, 'customer_id');
    const [far] = check(base + `CREATE MATERIALIZED VIEW a AS SELECT * FROM [[orders]];`, ['LF201']);
    assert.doesNotMatch(far.message, /did you mean/);
    assert.equal(far.fix, undefined);
  });

  test('a qualified unknown name in the pipeline schema keeps its qualifier in the fix', () => {
    const pipeline = { catalog: 'main', schema: 'iot' };
    const [d] = check(SRC + 'CREATE MATERIALIZED VIEW a AS SELECT * FROM [[main.iot.scr]];', ['LF201'], { pipeline });
    assert.equal(d.fix?.edits[0].newText, 'main.iot.src');
  });

  test('LF409 carries the edit that adds ON VIOLATION DROP ROW', () => {
    const text = `CREATE OR REFRESH MATERIALIZED VIEW m (x INT NOT NULL, CONSTRAINT n EXPECT ([[x IS NOT NULL]])) AS SELECT 1 AS x;`;
    const [d] = check(text, ['LF409']);
    const end = text.replace(/\[\[|\]\]/g, '').indexOf(')) AS') + 1;
    assert.deepEqual(d.fix?.edits, [
      {
        file: '/p/a.sql',
        range: { start: { line: 0, character: end }, end: { line: 0, character: end } },
        newText: ' ON VIOLATION DROP ROW',
      },
    ]);
  });

  test('names resolve by the pipeline catalog and schema: another schema is another table, a bare self-read is a cycle', () => {
    const pipeline = { catalog: 'main', schema: 'silver' };
    const files = {
      '/p/a.sql':
        'CREATE MATERIALIZED VIEW policy AS SELECT * FROM bronze.policy;\nCREATE MATERIALIZED VIEW claims AS SELECT * FROM main.bronze.claims;\nCREATE MATERIALIZED VIEW report AS SELECT * FROM main.silver.policy JOIN silver.claims USING (id);',
    };
    assert.deepEqual(
      diagnosticsOf(buildIndex(files, { pipeline })).map((d) => d.code),
      [],
    );
    assert.deepEqual(
      buildIndex(files, { pipeline })
        .edges()
        .map((e) => `${e.from}>${e.to}`),
      ['claims>report', 'policy>report'],
    );
    check('CREATE MATERIALIZED VIEW [[policy]] AS SELECT * FROM main.silver.policy;', ['LF301'], { pipeline });
    check('CREATE MATERIALIZED VIEW [[policy]] AS SELECT * FROM silver.policy;', ['LF301'], { pipeline });
  });

  test('without a bundle, a bare name still finds a dataset defined with a qualifier, and a qualified one a bare dataset', () => {
    const index = buildIndex({
      '/p/a.sql':
        'CREATE MATERIALIZED VIEW main.silver.policy AS SELECT 1 AS id;\nCREATE MATERIALIZED VIEW b AS SELECT id FROM policy;\nCREATE MATERIALIZED VIEW c AS SELECT id FROM silver.b;',
    });
    assert.deepEqual(
      diagnosticsOf(index).map((d) => d.code),
      [],
    );
    assert.deepEqual(
      index.edges().map((e) => `${e.from}>${e.to}`),
      ['b>c', 'main.silver.policy>b'],
    );
  });

  test('the TEMPORARY hint carries the edit to PRIVATE', () => {
    const [d] = check(`CREATE OR REFRESH [[TEMPORARY]] STREAMING TABLE a AS SELECT * FROM STREAM read_files('/x');`, ['LF104']);
    assert.deepEqual(d.fix?.edits, [{ file: '/p/a.sql', range: d.range, newText: 'PRIVATE' }]);
  });

  test('the legacy spelling fix writes the current one', () => {
    const [d] = check(`CREATE TEMPORARY [[LIVE VIEW]] v AS SELECT 1 AS x;`, ['LF102']);
    assert.equal(d.fix?.edits[0].newText, 'VIEW');
    const [e] = check(`CREATE OR REFRESH [[STREAMING LIVE TABLE]] s AS SELECT * FROM STREAM read_files('/x');`, ['LF102']);
    assert.equal(e.fix?.edits[0].newText, 'STREAMING TABLE');
  });

  test('qualified references with the pipeline catalog and schema resolve to its datasets', () => {
    const pipeline = {
      catalog: 'main',
      schema: 'iot',
      configuration: new Map([
        ['catalog', 'main'],
        ['schema', 'iot'],
      ]),
    };
    check(
      SRC +
        'CREATE MATERIALIZED VIEW a AS SELECT id FROM main.iot.src;\nCREATE MATERIALIZED VIEW b AS SELECT id FROM ${catalog}.${schema}.src;\nCREATE MATERIALIZED VIEW c AS SELECT * FROM [[main.iot.gone]];',
      ['LF201'],
      { pipeline },
    );
    const index = buildIndex(
      {
        '/p/a.sql':
          SRC +
          'CREATE MATERIALIZED VIEW a AS SELECT id FROM main.iot.src;\nCREATE MATERIALIZED VIEW b AS SELECT id FROM ${catalog}.${schema}.src;\nCREATE MATERIALIZED VIEW c AS SELECT * FROM other.iot.src;',
      },
      { pipeline },
    );
    assert.deepEqual(
      index.edges().map((e) => `${e.from}>${e.to}`),
      ['src>a', 'src>b'],
    );
  });
});
