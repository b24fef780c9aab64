// `lakeflow preview` on a small local lakehouse written by the test: the
// dataset's table is found in any layer schema (never a staging table), the
// rows come back as text or JSON, the database is left unchanged, and missing
// databases or datasets get one clear line and exit 1.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runCli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'lakeflow-preview-'));
const db = join(dir, 'lakehouse.duckdb');

before(async () => {
  const instance = await DuckDBInstance.create(db);
  const con = await instance.connect();
  await con.run('CREATE SCHEMA silver');
  await con.run(
    `CREATE TABLE silver.stg_devices AS SELECT * FROM (VALUES (1, 'thermo', 12.5::DECIMAL(10,2), {'city': 'Oslo'}), (2, 'hygro', NULL, {'city': 'Bergen'}), (3, 'baro', 3.0, NULL)) t(device_id, model, price, site)`,
  );
  await con.run('CREATE TABLE silver.__lakeflow_stage_stg_devices AS SELECT 42 AS device_id');
  con.closeSync();
  instance.closeSync();
});

describe('lakeflow preview', () => {
  test('JSON: columns with types, the first rows and the total', async () => {
    const before = statSync(db).mtimeMs;
    const r = await runCli(['preview', 'STG_DEVICES', '--db', db, '--limit', '2', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.table, 'silver.stg_devices');
    assert.deepEqual(
      out.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`),
      ['device_id:INTEGER', 'model:VARCHAR', 'price:DECIMAL(10,2)', 'site:STRUCT("city" VARCHAR)'],
    );
    assert.equal(out.rows.length, 2);
    assert.equal(out.totalRows, 3);
    assert.ok(
      out.rows.every((row: { device_id: number }) => row.device_id !== 42),
      'never the staging table',
    );
    assert.equal(statSync(db).mtimeMs, before, 'read-only');
  });

  test('text: an aligned table with NULLs and nested values, and the row count', async () => {
    const r = await runCli(['preview', 'stg_devices', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^device_id\s+model\s+price\s+site$/);
    assert.ok(
      lines.some((l) => /^2\s+hygro\s+NULL\s+\{"city":"Bergen"\}$/.test(l)),
      r.stdout,
    );
    assert.equal(lines.at(-1), '3 of 3 rows of silver.stg_devices');
  });

  test('a dataset without a table, a missing database and bad options', async () => {
    const missing = await runCli(['preview', 'dim_nothing', '--db', db]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^lakeflow preview: dataset dim_nothing has no table in .*lakehouse\.duckdb/);
    const noDb = await runCli(['preview', 'stg_devices', '--db', join(dir, 'none.duckdb')]);
    assert.equal(noDb.code, 1);
    assert.match(noDb.stderr, /no local lakehouse at .*none\.duckdb: run the pipeline locally first/);
    assert.equal((await runCli(['preview', '--db', db])).code, 2);
    assert.equal((await runCli(['preview', 'x', '--limit', '-1', '--db', db])).code, 2);
  });
});
