// `lakeflow run` end to end in-process, on a small bundle written by the test.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/main';
import type { CliIo } from '../../../server/src/cli/io';

function captureIo(cwd: string): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', cwd, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

function writeBundle(dir: string): void {
  mkdirSync(join(dir, 'bundle'), { recursive: true });
  mkdirSync(join(dir, 'pipelines/bronze'), { recursive: true });
  mkdirSync(join(dir, 'pipelines/gold'), { recursive: true });
  writeFileSync(
    join(dir, 'bundle/databricks.yml'),
    [
      'bundle:',
      '  name: tiny',
      'variables:',
      '  source_root:',
      '    default: /Volumes/x/y/z',
      'resources:',
      '  pipelines:',
      '    tiny:',
      '      name: tiny',
      '      catalog: main',
      '      schema: tiny',
      '      libraries:',
      '        - glob:',
      '            include: ../pipelines/**',
      '      configuration:',
      '        source_root: ${var.source_root}',
      'targets:',
      '  dev:',
      '    default: true',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'pipelines/bronze/readings.sql'),
    `CREATE OR REFRESH STREAMING TABLE readings (
       CONSTRAINT has_device EXPECT (device_id IS NOT NULL) ON VIOLATION DROP ROW
     ) AS SELECT * FROM STREAM read_files('\${source_root}/iot_events/', format => 'json', schemaHints => 'value DOUBLE')`,
  );
  writeFileSync(
    join(dir, 'pipelines/gold/per_sensor.sql'),
    'CREATE MATERIALIZED VIEW per_sensor AS SELECT sensor_type, count(*) AS n FROM readings GROUP BY sensor_type',
  );
}

describe('lakeflow run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-run-'));
  writeBundle(dir);
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('with no --data it simulates first, then builds the lakehouse and prints a line per dataset and a table', async () => {
    const io = captureIo(dir);
    const code = await main(['run', '--events', '2000', '--seed', '3'], io);
    assert.equal(code, 0, io.stderr + io.stdout);
    assert.ok(existsSync(join(dir, '.lakeflow/landing/manifest.json')));
    assert.ok(existsSync(join(dir, '.lakeflow/lakehouse.duckdb')));
    assert.ok(existsSync(join(dir, '.lakeflow/lakehouse.events.jsonl')));
    assert.match(io.stdout, /^simulating 2000 IoT events \(seed 3\)/);
    assert.match(io.stdout, /\[1\/2\] readings \(streaming table\) \d+ rows written, \d+ dropped/);
    assert.match(io.stdout, /dataset\s+kind\s+written\s+dropped\s+warned\s+time\s+status/);
    assert.match(io.stdout, /readings\s+streaming table\s+\d+\s+[1-9]\d*\s+0\s+[\d.]+ s\s+completed/);
    assert.match(io.stdout, /rows dropped by expectations \(ON VIOLATION DROP ROW\):\n {2}readings: has_device \d+ of 2000\n/);
    assert.doesNotMatch(io.stdout, /warn only|FAIL UPDATE/);
    assert.match(io.stdout, /2 of 2 datasets completed/);
    for (const line of io.stdout.split('\n')) assert.ok(line.length <= 100, `wider than 100 columns: ${line}`);
  });

  test('--format json prints one object in the documented shape', async () => {
    const io = captureIo(dir);
    const code = await main(['run', '--format', 'json', '--data', '.lakeflow/landing', '--db', 'json.duckdb'], io);
    assert.equal(code, 0, io.stderr);
    const out = JSON.parse(io.stdout);
    assert.deepEqual(Object.keys(out), ['datasets', 'seconds', 'database']);
    assert.equal(out.database, join(dir, 'json.duckdb'));
    const [readings, perSensor] = out.datasets;
    assert.deepEqual(Object.keys(readings), ['name', 'kind', 'status', 'rowsWritten', 'rowsDropped', 'expectations', 'seconds']);
    assert.deepEqual(
      { name: readings.name, kind: readings.kind, status: readings.status },
      { name: 'readings', kind: 'streaming_table', status: 'completed' },
    );
    assert.deepEqual(Object.keys(readings.expectations[0]), ['name', 'passed', 'failed', 'action']);
    assert.equal(readings.expectations[0].action, 'drop');
    assert.equal(readings.expectations[0].failed, readings.rowsDropped);
    assert.equal(perSensor.kind, 'materialized_view');
  });

  test('a second run reads no new files and appends nothing', async () => {
    const io = captureIo(dir);
    assert.equal(await main(['run', '--format', 'json', '--data', '.lakeflow/landing', '--db', 'json.duckdb'], io), 0);
    assert.equal(JSON.parse(io.stdout).datasets[0].rowsWritten, 0);
  });

  test('usage mistakes exit 2 with one line', async () => {
    for (const args of [
      ['--full-refresh', '--refresh', 'readings'],
      ['--format', 'xml'],
      ['--bogus', '1'],
      ['--refresh', 'nope', '--data', '.lakeflow/landing'],
      ['--target', 'nope', '--data', '.lakeflow/landing'],
    ]) {
      const io = captureIo(dir);
      assert.equal(await main(['run', ...args], io), 2, args.join(' '));
      assert.match(io.stderr, /^lakeflow run: .+\n$/);
    }
  });
});
