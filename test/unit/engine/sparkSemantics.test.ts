// Spark's answers and types, not DuckDB's: each case is an expression whose
// value and type were read from Apache Spark 4.3 (pyspark 4.3.0 in the oracle's
// venv, `spark.sql("SELECT ...")`, session time zone UTC) or, for the few
// derived from Spark's documented type rules (the avg of a quotient, the
// saturating and truncating casts), checked against Spark by the oracle's
// money and coercion fixtures; translated here and run on DuckDB without a JVM.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, TestDb } from './duckdbHelper';
import { flowSql, translate } from './translateHelper';

interface Case {
  name: string;
  expr: string;
  /** Spark's answer as text. */
  value: string | null;
  /** Spark's type, in DuckDB spelling. */
  type: string;
  /** spark.sql.ansi.enabled for the translation. */
  ansi?: boolean;
}

const cases: Case[] = [
  { name: 'a decimal literal keeps its digits', expr: '100.0', value: '100.0', type: 'DECIMAL(4,1)' },
  { name: 'a fraction literal is DECIMAL(1,1)', expr: '0.4', value: '0.4', type: 'DECIMAL(1,1)' },
  {
    name: 'int * decimal / int literal is DECIMAL(20,6), HALF_UP',
    expr: '(CAST(-49 AS INT) + 120) * 100.0 / 120',
    value: '59.166667',
    type: 'DECIMAL(20,6)',
  },
  {
    name: 'mixed decimal sum keeps every digit',
    expr: '0.4 * 50 + 0.3 * ((CAST(-49 AS INT) + 120) * 100.0 / 120) + 0.3 * 100',
    value: '67.7500001',
    type: 'DECIMAL(24,7)',
  },
  { name: 'decimal / 2 rounds at scale 6', expr: 'CAST(10.05 AS DECIMAL(10,2)) / 2', value: '5.025000', type: 'DECIMAL(14,6)' },
  {
    name: 'bigint * 1.0 / bigint is DECIMAL(38,16)',
    expr: 'CAST(7 AS BIGINT) * 1.0 / CAST(3 AS BIGINT)',
    value: '2.3333333333333333',
    type: 'DECIMAL(38,16)',
  },
  { name: 'decimal + int literal', expr: 'CAST(1 AS DECIMAL(10,2)) + 1', value: '2.00', type: 'DECIMAL(11,2)' },
  { name: 'decimal + bigint', expr: 'CAST(1 AS DECIMAL(10,2)) + CAST(1 AS BIGINT)', value: '2.00', type: 'DECIMAL(23,2)' },
  {
    name: 'coalesce(decimal, 0) keeps the decimal type',
    expr: 'coalesce(CAST(1 AS DECIMAL(22,2)), 0)',
    value: '1.00',
    type: 'DECIMAL(22,2)',
  },
  {
    name: "round on a decimal is HALF_UP with Spark's type",
    expr: 'round(CAST(1701.885 AS DECIMAL(10,3)), 2)',
    value: '1701.89',
    type: 'DECIMAL(10,2)',
  },
  // On a DOUBLE Spark rounds the shortest decimal text (the oracle's function rows check these against Spark).
  { name: 'round(1.005D, 2) is 1.01 (DuckDB: 1.0)', expr: 'round(1.005D, 2)', value: '1.01', type: 'DOUBLE' },
  { name: 'round(-0.285D, 2) is -0.29, HALF_UP away from zero', expr: 'round(-0.285D, 2)', value: '-0.29', type: 'DOUBLE' },
  { name: "round on a FLOAT rounds the float's double value", expr: 'round(CAST(2.675 AS FLOAT), 2)', value: '2.67', type: 'FLOAT' },
  { name: 'bround(2.665D, 2) keeps the even digit', expr: 'bround(2.665D, 2)', value: '2.66', type: 'DOUBLE' },
  { name: 'round of a NULL double is NULL', expr: 'round(CAST(NULL AS DOUBLE), 1)', value: null, type: 'DOUBLE' },
  { name: 'round(decimal(2,1), 0)', expr: 'round(CAST(2.5 AS DECIMAL(2,1)))', value: '3', type: 'DECIMAL(2,0)' },
  { name: 'bround on a decimal is HALF_EVEN', expr: 'bround(CAST(2.5 AS DECIMAL(2,1)))', value: '2', type: 'DECIMAL(2,0)' },
  {
    name: 'bround on an exact decimal tie keeps the even digit',
    expr: 'bround(CAST(10.05 AS DECIMAL(10,2)), 1)',
    value: '10.0',
    type: 'DECIMAL(10,1)',
  },
  {
    name: 'bround on a decimal away from a tie rounds to nearest',
    expr: 'bround(CAST(-10.15 AS DECIMAL(10,2)), 1)',
    value: '-10.2',
    type: 'DECIMAL(10,1)',
  },
  { name: "a string '3.9' cast to INT is truncated", expr: "CAST('3.9' AS INT)", value: '3', type: 'INTEGER' },
  { name: 'a double beyond INT saturates outside ANSI mode', expr: 'CAST(1e10 AS INT)', value: '2147483647', type: 'INTEGER' },
  { name: 'a NULL double cast to INT stays NULL', expr: 'CAST(CAST(NULL AS DOUBLE) AS INT)', value: null, type: 'INTEGER' },
  {
    name: 'a double becomes a decimal through its shortest text',
    expr: 'CAST(1.005D AS DECIMAL(10,2))',
    value: '1.01',
    type: 'DECIMAL(10,2)',
  },
  { name: 'year() is INT', expr: "year(DATE '2020-01-01')", value: '2020', type: 'INTEGER' },
  {
    name: 'a yyyymmdd key from date parts is INT',
    expr: "year(DATE '2026-01-31') * 10000 + month(DATE '2026-01-31') * 100 + dayofmonth(DATE '2026-01-31')",
    value: '20260131',
    type: 'INTEGER',
  },
  { name: 'lpad takes a bigint', expr: "lpad(CAST(5 AS BIGINT), 3, '0')", value: '005', type: 'VARCHAR' },
  { name: 'concat takes an int', expr: "concat(1, 'a')", value: '1a', type: 'VARCHAR' },
  { name: 'a malformed number is NULL outside ANSI mode', expr: "CAST('x' AS INT)", value: null, type: 'INTEGER' },
  { name: 'a double divided by zero is NULL outside ANSI mode', expr: 'CAST(1 AS DOUBLE) / 0', value: null, type: 'DOUBLE' },
  { name: 'a fraction cast to INT is truncated', expr: 'CAST(-1.7D AS INT)', value: '-1', type: 'INTEGER' },
];

const aggregates: Case[] = [
  { name: 'count_if is BIGINT', expr: 'count_if(id > 1)', value: '2', type: 'BIGINT' },
  { name: 'sum(int) is BIGINT', expr: 'sum(id)', value: '6', type: 'BIGINT' },
  { name: 'sum(decimal(12,2)) is DECIMAL(22,2)', expr: 'sum(CAST(id AS DECIMAL(12,2)))', value: '6.00', type: 'DECIMAL(22,2)' },
  { name: 'avg(decimal(12,2)) is DECIMAL(16,6)', expr: 'avg(CAST(id AS DECIMAL(12,2)))', value: '2.000000', type: 'DECIMAL(16,6)' },
  {
    name: "avg of a decimal quotient keeps Spark's scale",
    expr: 'avg(CAST(id AS DECIMAL(12,2)) / 7)',
    value: '0.2857140000',
    type: 'DECIMAL(20,10)',
  },
  { name: 'avg(int) is DOUBLE', expr: 'avg(id)', value: '2.0', type: 'DOUBLE' },
];

describe('Spark semantics in the translation', () => {
  let db: TestDb;
  before(async () => {
    db = await openTestDb();
    await db.con.run('CREATE TABLE main.src AS SELECT CAST(id AS INTEGER) AS id FROM (VALUES (1), (2), (3)) AS t(id)');
  });
  after(() => db.close());

  const run = async (c: Case, from: string) => {
    const config: Record<string, string> = c.ansi ? { 'spark.sql.ansi.enabled': 'true' } : {};
    const plan = translate(
      {
        'src.sql': 'CREATE MATERIALIZED VIEW src (id INT) AS SELECT 1 AS id',
        't.sql': `CREATE MATERIALIZED VIEW t AS SELECT ${c.expr} AS v${from}`,
      },
      config,
    );
    const sql = flowSql(plan, 't');
    const r = await db.con.runAndReadAll(`SELECT CAST(v AS VARCHAR) AS v, typeof(v) AS t FROM (${sql}) AS q`);
    const [row] = r.getRowObjectsJson();
    // DuckDB writes DECIMAL(1,1) 0.4 as `.4`: the same number, Spark's text has the zero.
    const value = typeof row.v === 'string' ? row.v.replace(/^(-?)\./, '$10.') : row.v;
    assert.deepEqual({ value, type: row.t }, { value: c.value, type: c.type }, sql);
  };
  for (const c of cases) test(c.name, () => run(c, ''));
  for (const c of aggregates) test(c.name, () => run(c, ' FROM src'));

  test('ANSI mode: a malformed CAST fails the query as in Spark', async () => {
    const plan = translate({ 't.sql': "CREATE MATERIALIZED VIEW t AS SELECT CAST('x' AS INT) AS v" }, { 'spark.sql.ansi.enabled': 'true' });
    await assert.rejects(db.con.runAndReadAll(flowSql(plan, 't')), /Could not convert|Conversion Error/);
  });

  test('ANSI mode: decimal division by zero fails', async () => {
    const plan = translate(
      { 't.sql': 'CREATE MATERIALIZED VIEW t AS SELECT CAST(1 AS DECIMAL(10,2)) / 0 AS v' },
      { 'spark.sql.ansi.enabled': 'true' },
    );
    await assert.rejects(db.con.runAndReadAll(flowSql(plan, 't')), /DIVIDE_BY_ZERO/);
  });
});
