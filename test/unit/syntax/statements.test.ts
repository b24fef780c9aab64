// Statements: dataset definitions in every spelling, column lists,
// expectations, table clauses, flows, AUTO CDC / APPLY CHANGES, INSERT, SET.
// Each row: SQL -> the expected shape of its only statement (see support/shape.ts).
import { describe, test } from 'node:test';
import { assertShape } from '../support/shape';
import { onlyStatement, parseOk } from './parseHelpers';

const cases: [string, string, object][] = [
  [
    'streaming table',
    'CREATE OR REFRESH STREAMING TABLE raw AS SELECT * FROM STREAM(src)',
    {
      kind: 'CreateDataset',
      datasetKind: 'streaming_table',
      spelling: 'STREAMING TABLE',
      orRefresh: true,
      legacy: false,
      warehouse: false,
      name: { parts: [{ name: 'raw' }] },
      body: { kind: 'Query', body: { from: { relations: [{ kind: 'TableRef', stream: true, name: 'src' }] } } },
    },
  ],
  [
    'streaming table without a query (AUTO CDC target)',
    'CREATE OR REFRESH STREAMING TABLE customers',
    {
      kind: 'CreateDataset',
      datasetKind: 'streaming_table',
      body: undefined,
      name: 'customers',
    },
  ],
  [
    'materialized view',
    'CREATE MATERIALIZED VIEW mv AS SELECT 1',
    { datasetKind: 'materialized_view', spelling: 'MATERIALIZED VIEW', orRefresh: false, spellingSpan: { start: 7, end: 24 } },
  ],
  [
    'private materialized view',
    'CREATE OR REFRESH PRIVATE MATERIALIZED VIEW mv AS SELECT 1',
    { datasetKind: 'materialized_view', visibility: 'PRIVATE' },
  ],
  [
    'temporary streaming table (deprecated spelling of PRIVATE)',
    'CREATE OR REFRESH TEMPORARY STREAMING TABLE st AS SELECT * FROM STREAM s',
    { datasetKind: 'streaming_table', visibility: 'TEMPORARY' },
  ],
  ['temporary view', 'CREATE TEMPORARY VIEW v AS SELECT 1', { datasetKind: 'temporary_view', visibility: 'TEMPORARY', spelling: 'VIEW' }],
  ['persisted view', 'CREATE VIEW v AS SELECT 1', { datasetKind: 'view', visibility: undefined }],
  ['or replace view', 'CREATE OR REPLACE VIEW v AS SELECT 1', { datasetKind: 'view', orReplace: true }],
  [
    'legacy LIVE TABLE',
    'CREATE OR REFRESH LIVE TABLE t AS SELECT 1',
    { datasetKind: 'materialized_view', legacy: true, spelling: 'LIVE TABLE' },
  ],
  [
    'legacy STREAMING LIVE TABLE',
    'CREATE OR REFRESH STREAMING LIVE TABLE t AS SELECT * FROM STREAM(x)',
    { datasetKind: 'streaming_table', legacy: true, spelling: 'STREAMING LIVE TABLE' },
  ],
  ['legacy LIVE VIEW', 'CREATE LIVE VIEW v AS SELECT 1', { datasetKind: 'temporary_view', legacy: true, spelling: 'LIVE VIEW' }],
  [
    'legacy TEMPORARY LIVE VIEW',
    'CREATE TEMPORARY LIVE VIEW v AS SELECT 1',
    { datasetKind: 'temporary_view', legacy: true, visibility: 'TEMPORARY' },
  ],
  [
    'qualified name with parameters',
    'CREATE MATERIALIZED VIEW ${catalog}.${schema}.mv AS SELECT 1',
    {
      name: {
        parts: [
          { text: '${catalog}', params: [{ key: 'catalog' }] },
          { text: '${schema}', params: [{ key: 'schema' }] },
          { name: 'mv', params: undefined },
        ],
      },
    },
  ],
  [
    'back-quoted name',
    'CREATE MATERIALIZED VIEW `my-cat`.s.`t``x` AS SELECT 1',
    {
      name: {
        parts: [
          { name: 'my-cat', quoted: true },
          { name: 's', quoted: false },
          { name: 't`x', quoted: true },
        ],
      },
    },
  ],
  [
    'column definitions',
    "CREATE OR REFRESH STREAMING TABLE t (id BIGINT NOT NULL COMMENT 'key', amount DECIMAL(10,2) DEFAULT 0, d DATE GENERATED ALWAYS AS (CAST(ts AS DATE)), ssn STRING MASK sec.mask_ssn, tags ARRAY<STRING>, m MAP<STRING, INT>, s STRUCT<a: INT, b STRING NOT NULL COMMENT 'x'>) AS SELECT * FROM STREAM s",
    {
      elements: [
        { kind: 'ColumnDef', name: { name: 'id' }, type: { name: 'BIGINT' }, notNull: true, comment: { value: 'key' } },
        { kind: 'ColumnDef', name: 'amount', type: { name: 'DECIMAL', params: [10, 2] }, notNull: false, default: '0' },
        { kind: 'ColumnDef', name: 'd', type: { name: 'DATE' }, generated: 'CAST(ts AS DATE)' },
        { kind: 'ColumnDef', name: 'ssn', mask: 'sec.mask_ssn' },
        { kind: 'ColumnDef', name: 'tags', type: { name: 'ARRAY', typeArgs: [{ name: 'STRING' }] } },
        { kind: 'ColumnDef', name: 'm', type: { name: 'MAP', typeArgs: [{ name: 'STRING' }, { name: 'INT' }] } },
        {
          kind: 'ColumnDef',
          name: 's',
          type: {
            name: 'STRUCT',
            fields: [
              { name: 'a', type: 'INT', notNull: false },
              { name: 'b', type: 'STRING', notNull: true, comment: { value: 'x' } },
            ],
          },
        },
      ],
    },
  ],
  [
    'expectations with every action',
    'CREATE OR REFRESH STREAMING TABLE t (CONSTRAINT a EXPECT (x > 0), CONSTRAINT b EXPECT (y IS NOT NULL) ON VIOLATION DROP ROW, CONSTRAINT c EXPECT (z IN (1, 2)) ON VIOLATION FAIL UPDATE) AS SELECT * FROM STREAM s',
    {
      elements: [
        { kind: 'Expectation', name: 'a', expr: 'x > 0', onViolation: undefined },
        { kind: 'Expectation', name: 'b', expr: 'y IS NOT NULL', onViolation: { action: 'DROP_ROW', text: 'DROP ROW' } },
        { kind: 'Expectation', name: 'c', expr: 'z IN (1, 2)', onViolation: { action: 'FAIL_UPDATE' } },
      ],
    },
  ],
  [
    'table constraints',
    'CREATE MATERIALIZED VIEW t (id INT, cid INT, CONSTRAINT pk PRIMARY KEY (id), CONSTRAINT fk FOREIGN KEY (cid) REFERENCES c.s.customers (id) NOT ENFORCED, CHECK (id > 0)) AS SELECT 1, 2',
    {
      elements: [
        { kind: 'ColumnDef' },
        { kind: 'ColumnDef' },
        { kind: 'TableConstraint', name: 'pk', constraintType: 'PRIMARY_KEY', columns: ['id'] },
        {
          kind: 'TableConstraint',
          name: 'fk',
          constraintType: 'FOREIGN_KEY',
          columns: ['cid'],
          references: 'c.s.customers',
          referencedColumns: ['id'],
        },
        { kind: 'TableConstraint', constraintType: 'CHECK', check: 'id > 0' },
      ],
    },
  ],
  [
    'inline column primary key',
    'CREATE MATERIALIZED VIEW t (id INT NOT NULL PRIMARY KEY) AS SELECT 1',
    {
      elements: [{ kind: 'ColumnDef', notNull: true, inlineConstraints: [{ constraintType: 'PRIMARY_KEY', columns: ['id'] }] }],
    },
  ],
  [
    'view column list without types',
    "CREATE TEMPORARY VIEW v (a COMMENT 'first', b) AS SELECT 1, 2",
    {
      elements: [
        { kind: 'ColumnDef', name: 'a', type: undefined, comment: "'first'" },
        { kind: 'ColumnDef', name: 'b', type: undefined },
      ],
    },
  ],
  [
    'every table clause',
    "CREATE OR REFRESH MATERIALIZED VIEW t USING DELTA PARTITIONED BY (d, h) CLUSTER BY (a, b) LOCATION '/x' COMMENT 'c' TBLPROPERTIES ('quality' = 'gold', delta.appendOnly = true) WITH ROW FILTER f.rf ON (region) REFRESH POLICY INCREMENTAL STRICT AS SELECT 1",
    {
      clauses: [
        { kind: 'UsingClause', format: 'DELTA' },
        { kind: 'PartitionedByClause', columns: ['d', 'h'] },
        { kind: 'ClusterByClause', auto: false, columns: ['a', 'b'] },
        { kind: 'LocationClause', path: { value: '/x' } },
        { kind: 'CommentClause', text: { value: 'c' } },
        {
          kind: 'TblPropertiesClause',
          properties: [
            { key: "'quality'", value: "'gold'" },
            { key: 'delta.appendOnly', value: 'true' },
          ],
        },
        { kind: 'RowFilterClause', fn: 'f.rf', columns: ['region'] },
        { kind: 'RefreshPolicyClause', policy: 'INCREMENTAL STRICT' },
      ],
    },
  ],
  [
    'cluster by auto',
    'CREATE OR REFRESH STREAMING TABLE t CLUSTER BY AUTO AS SELECT * FROM STREAM s',
    { clauses: [{ kind: 'ClusterByClause', auto: true, columns: [] }] },
  ],
  [
    'warehouse streaming table is marked',
    "CREATE STREAMING TABLE IF NOT EXISTS t SCHEDULE EVERY 1 HOUR AS SELECT * FROM STREAM read_files('/x')",
    {
      kind: 'CreateDataset',
      warehouse: true,
      ifNotExists: true,
      clauses: [{ kind: 'ScheduleClause', text: 'SCHEDULE EVERY 1 HOUR' }],
      body: { kind: 'Query' },
    },
  ],
  [
    'warehouse TRIGGER ON UPDATE is marked',
    'CREATE STREAMING TABLE t TRIGGER ON UPDATE AS SELECT * FROM STREAM s',
    { warehouse: true, clauses: [{ kind: 'ScheduleClause' }] },
  ],
  [
    'streaming table with a FLOW AUTO CDC body',
    'CREATE OR REFRESH STREAMING TABLE t FLOW AUTO CDC FROM STREAM(src) KEYS (id) SEQUENCE BY ts',
    {
      body: { kind: 'AutoCdc', target: undefined, source: { kind: 'TableRef', stream: true, name: 'src' }, keys: ['id'], sequenceBy: 'ts' },
    },
  ],
  [
    'streaming table with an AS AUTO CDC body',
    'CREATE OR REFRESH STREAMING TABLE t AS AUTO CDC FROM STREAM src KEYS (id) SEQUENCE BY ts',
    {
      body: { kind: 'AutoCdc', source: { stream: true, name: 'src' } },
    },
  ],
  [
    'streaming table with a FLOW INSERT ONCE BY NAME body',
    'CREATE OR REFRESH STREAMING TABLE t FLOW INSERT ONCE BY NAME SELECT * FROM hist',
    {
      body: { kind: 'InsertInto', once: true, byName: true, target: { kind: 'Missing' }, query: 'SELECT * FROM hist' },
    },
  ],
  [
    'CREATE FLOW with AUTO CDC and every clause',
    "CREATE FLOW f COMMENT 'scd2' AS AUTO CDC INTO tgt FROM STREAM(src) KEYS (id, region) IGNORE NULL UPDATES APPLY AS DELETE WHEN op = 'd' APPLY AS TRUNCATE WHEN op = 't' SEQUENCE BY struct(lsn, ts) COLUMNS * EXCEPT (op, lsn) STORED AS SCD TYPE 2 TRACK HISTORY ON * EXCEPT (updated_at)",
    {
      kind: 'CreateFlow',
      name: 'f',
      comment: { value: 'scd2' },
      body: {
        kind: 'AutoCdc',
        spelling: 'AUTO CDC',
        target: 'tgt',
        source: 'STREAM(src)',
        keys: ['id', 'region'],
        ignoreNullUpdates: true,
        applyAsDelete: "op = 'd'",
        applyAsTruncate: "op = 't'",
        sequenceBy: 'struct(lsn, ts)',
        columns: { star: true, except: ['op', 'lsn'], columns: [] },
        scdType: 2,
        trackHistory: { star: true, except: ['updated_at'] },
      },
    },
  ],
  [
    'AUTO CDC column list and SCD type 1',
    'CREATE FLOW f AS AUTO CDC INTO t FROM STREAM s KEYS (id) SEQUENCE BY v COLUMNS a, b.c STORED AS SCD TYPE 1 TRACK HISTORY ON a, b',
    {
      body: { columns: { star: false, columns: ['a', 'b.c'] }, scdType: 1, trackHistory: { star: false, columns: ['a', 'b'] } },
    },
  ],
  [
    'APPLY CHANGES INTO (legacy, standalone)',
    "APPLY CHANGES INTO LIVE.customers FROM STREAM(LIVE.raw) KEYS (id) APPLY AS DELETE WHEN op = 'd' SEQUENCE BY lsn STORED AS SCD TYPE 1",
    {
      kind: 'AutoCdc',
      spelling: 'APPLY CHANGES',
      target: { parts: [{ name: 'LIVE' }, { name: 'customers' }] },
      source: { kind: 'TableRef', stream: true, name: 'LIVE.raw' },
      keys: ['id'],
      scdType: 1,
    },
  ],
  [
    'AUTO CDC INTO standalone',
    'AUTO CDC INTO t FROM STREAM s KEYS (id) SEQUENCE BY v',
    { kind: 'AutoCdc', spelling: 'AUTO CDC', target: 't' },
  ],
  [
    'CREATE FLOW INSERT INTO ONCE ... BY NAME',
    'CREATE FLOW backfill AS INSERT INTO ONCE t BY NAME SELECT * FROM old',
    {
      kind: 'CreateFlow',
      body: { kind: 'InsertInto', once: true, byName: true, target: 't', query: { body: { from: { relations: [{ name: 'old' }] } } } },
    },
  ],
  [
    'CREATE FLOW INSERT ONCE INTO',
    'CREATE FLOW backfill AS INSERT ONCE INTO t BY NAME SELECT * FROM old',
    { body: { kind: 'InsertInto', once: true, byName: true, target: 't' } },
  ],
  [
    'CREATE FLOW INSERT INTO t query',
    'CREATE FLOW f AS INSERT INTO t SELECT * FROM STREAM(s)',
    { body: { kind: 'InsertInto', once: false, byName: false, target: 't' } },
  ],
  ['standalone INSERT with a column list', 'INSERT INTO t (a, b) SELECT 1, 2', { kind: 'InsertInto', columns: ['a', 'b'] }],
  [
    'SET',
    'SET pipelines.trigger.interval = 1 minute',
    { kind: 'SetStatement', key: 'pipelines.trigger.interval', value: '1 minute', keySpan: { start: 4, end: 30 } },
  ],
  [
    'SET with a quoted value',
    "SET spark.sql.shuffle.partitions='8'",
    { kind: 'SetStatement', key: 'spark.sql.shuffle.partitions', value: "'8'" },
  ],
  ['a plain query statement', 'SELECT 1', { kind: 'Query' }],
];

describe('statements', () => {
  for (const [name, sql, expected] of cases) {
    test(name, () => assertShape(sql, onlyStatement(parseOk(sql)), expected));
  }

  test('several statements with and without semicolons between lines', () => {
    const sql =
      'SET a = 1;\nCREATE MATERIALIZED VIEW x AS SELECT 1;;\nCREATE FLOW f AS\nINSERT INTO t SELECT * FROM STREAM s\nCREATE MATERIALIZED VIEW y AS SELECT 2';
    const r = parseOk(sql);
    assertShape(sql, r.statements, [
      { kind: 'SetStatement', value: '1' },
      { kind: 'CreateDataset', name: 'x' },
      { kind: 'CreateFlow', body: { kind: 'InsertInto' } },
      { kind: 'CreateDataset', name: 'y' },
    ]);
  });
});
