// The oracle's mechanical rewrite of Lakeflow SQL into what Spark's declarative
// pipelines accept (the oracle itself runs it against Spark; these cases pin
// each rule without starting a JVM).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { filteredQuery, rewritePipeline, sdpStatement } from '../../oracle/sdpProject';

const BRONZE = `CREATE OR REFRESH STREAMING TABLE raw (
  CONSTRAINT has_id EXPECT (id IS NOT NULL) ON VIOLATION DROP ROW,
  CONSTRAINT sane EXPECT (v > 0) ON VIOLATION FAIL UPDATE,
  CONSTRAINT warn_only EXPECT (v < 100)
)
COMMENT 'raw rows'
TBLPROPERTIES ('quality' = 'bronze')
AS SELECT id, v, current_timestamp() AS _ingested_at, _metadata.file_path AS f
FROM STREAM read_files('\${root}/in/', format => 'json', schemaHints => 'id STRING, v INT');`;

describe('oracle: Lakeflow SQL -> Spark declarative pipelines', () => {
  const project = rewritePipeline(
    [
      { path: 'bronze.sql', text: BRONZE },
      { path: 'silver.sql', text: 'CREATE OR REFRESH MATERIALIZED VIEW clean AS SELECT id FROM raw' },
    ],
    { root: '/data' },
  );

  test('read_files becomes a generated source view with the substituted path and hints', () => {
    assert.deepEqual(project.sources, [
      { name: 'src_raw_1', path: '/data/in/', format: 'json', hints: 'id STRING, v INT', schema: undefined, options: {} },
    ]);
    assert.match(project.datasets[0].query, /FROM STREAM\(src_raw_1\)$/);
    assert.equal(project.datasets[0].readsFiles, true);
  });

  test("read_files options Spark's readers share (header, sep) travel with the source view; Auto Loader's do not", () => {
    const csv = rewritePipeline(
      [
        {
          path: 'c.sql',
          text: "CREATE STREAMING TABLE c AS SELECT * FROM STREAM read_files('/in', format => 'csv', header => 'true', sep => ';', inferColumnTypes => 'true')",
        },
      ],
      {},
    );
    assert.deepEqual(csv.sources[0].options, { header: 'true', sep: ';' });
  });

  test('CREATE OR REFRESH becomes CREATE; comment and properties are dropped', () => {
    const sql = sdpStatement(project.datasets[0]);
    assert.match(sql, /^CREATE STREAMING TABLE raw AS\n/);
    assert.doesNotMatch(sql, /OR REFRESH|TBLPROPERTIES|COMMENT|CONSTRAINT/);
    assert.match(sdpStatement(project.datasets[1]), /^CREATE MATERIALIZED VIEW clean AS\nSELECT id FROM raw;/);
  });

  test('DROP ROW filters (NULL fails), FAIL UPDATE raises, warn-only keeps every row', () => {
    const q = filteredQuery(project.datasets[0]);
    assert.match(
      q,
      /WHERE coalesce\(\(id IS NOT NULL\), false\) AND CASE WHEN coalesce\(\(v > 0\), false\) THEN true ELSE raise_error\('expectation sane failed'\) END$/,
    );
    assert.doesNotMatch(q, /v < 100/);
    assert.deepEqual(
      project.datasets[0].expectations.map((e) => e.action),
      ['drop', 'fail', 'warn'],
    );
  });

  test('clock columns are left out of the comparison', () => {
    assert.deepEqual(project.volatileColumns, ['_ingested_at']);
  });

  test('AUTO CDC flows are reported, not rewritten', () => {
    const p = rewritePipeline(
      [
        {
          path: 'cdc.sql',
          text: 'CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS AUTO CDC INTO t FROM STREAM(s) KEYS (id) SEQUENCE BY ts;',
        },
      ],
      {},
    );
    assert.equal(p.datasets.length, 0);
    assert.equal(p.problems.length, 2);
  });
});
