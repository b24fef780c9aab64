// A pipeline written elsewhere (test/fixtures/elsewhere: its own layout, Unity
// Catalog volume paths, declared schemas, CSV, JSON and legacy cloud_files)
// runs locally: sample data from its own schemas, volumes mapped to local
// folders, rows in every dataset; with no data at all the dry run binds it.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runCli } from '../cli/cliHarness';

const VOLUME = '/Volumes/retail/raw/files';

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-foreign-'));
  cpSync(join(repoRoot, 'test/fixtures/elsewhere'), dir, { recursive: true });
  return dir;
}

describe('a pipeline written elsewhere, run locally', () => {
  const dir = copyFixture();
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = ['--bundle', 'bundle/databricks.yml'];
  const map = ['--map', `${VOLUME}=landing`];

  test('simulate --from-schema writes each source in its format from its declared columns', async () => {
    const r = await runCli(['simulate', '--from-schema', ...bundle, ...map, '--rows', '400', '--seed', '3'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    for (const [folder, ext] of [
      ['customers', 'json'],
      ['orders', 'csv'],
      ['order_lines', 'json'],
    ]) {
      const files = readdirSync(join(dir, 'landing', folder));
      assert.deepEqual(files, [`sample-s3-0001.${ext}`], folder);
    }
    assert.match(r.stdout, /orders_raw: 400 rows, 5 columns/);
    // Append-only: a second call adds a file beside the first.
    const again = await runCli(['simulate', '--from-schema', ...bundle, ...map, '--rows', '10', '--seed', '3'], dir);
    assert.equal(again.code, 0);
    assert.deepEqual(readdirSync(join(dir, 'landing', 'customers')).sort(), ['sample-s3-0001.json', 'sample-s3-0002.json']);
  });

  test('run --map builds every dataset with rows and counts expectation failures', async () => {
    const r = await runCli(['run', ...bundle, ...map, '--db', 'lh.duckdb', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const summary = JSON.parse(r.stdout) as {
      datasets: { name: string; status: string; rowsWritten: number; expectations: { name: string; failed: number }[] }[];
    };
    assert.equal(summary.datasets.length, 7);
    for (const d of summary.datasets) {
      assert.equal(d.status, 'completed', d.name);
      assert.ok(d.rowsWritten > 0, `${d.name} has rows`);
    }
    // The generator breaks each simple expectation on a fraction of rows.
    const failed = (ds: string, e: string) => summary.datasets.find((d) => d.name === ds)!.expectations.find((x) => x.name === e)!.failed;
    for (const [ds, e] of [
      ['customers_raw', 'has_email'],
      ['orders_raw', 'positive_amount'],
      ['orders_raw', 'known_status'],
      ['customers', 'valid_country'],
    ]) {
      assert.ok(failed(ds, e) > 0, `${ds}.${e} fails on some rows`);
    }
    const preview = await runCli(['preview', 'revenue_by_country', '--db', 'lh.duckdb', '--format', 'json'], dir);
    assert.equal(preview.code, 0, preview.stderr);
    assert.ok((JSON.parse(preview.stdout) as { rows: unknown[] }).rows.length > 0, 'the mart is readable through preview');
    assert.ok(!existsSync(join(dir, '.lakeflow', 'landing')), 'no IoT data is simulated for a pipeline whose sources are mapped');
  });

  test('an unmapped volume path is named with the option that maps it', async () => {
    const r = await runCli(['run', ...bundle, '--db', 'other.duckdb', '--data', 'landing', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const summary = JSON.parse(r.stdout) as { datasets: { name: string; status: string; message?: string }[] };
    const raw = summary.datasets.find((d) => d.name === 'customers_raw')!;
    assert.equal(raw.status, 'failed');
    assert.match(raw.message ?? '', /--map \/Volumes\/retail\/raw\/files=DIR/);
    assert.match(raw.message ?? '', /lakeflow\.localRun\.pathMap/);
  });

  test('with no data at all, the dry run binds every dataset', async () => {
    const empty = copyFixture();
    try {
      const r = await runCli(['run', '--dry-run', ...bundle, '--map', `${VOLUME}=missing`], empty);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /dry run: all 7 datasets bind with no data/);
      assert.ok(!existsSync(join(empty, '.lakeflow')), 'a dry run writes nothing into the project');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('the dry run reports a query that does not bind, at its dataset, as LF601', async () => {
    const broken = copyFixture();
    try {
      writeFileSync(
        join(broken, 'transformations/marts/broken.sql'),
        'CREATE OR REFRESH MATERIALIZED VIEW broken\nAS SELECT no_such_column FROM customers;\n',
      );
      const r = await runCli(['run', '--dry-run', ...bundle, '--format', 'json'], broken);
      assert.equal(r.code, 1);
      const report = JSON.parse(r.stdout) as {
        diagnostics: { file: string; code: string; severity: string; message: string; range: { start: { line: number } } }[];
      };
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => [d.file, d.code, d.range.start.line]),
        [['transformations/marts/broken.sql', 'LF601', 0]],
      );
      assert.match(errors[0].message, /no_such_column/);
      assert.ok(report.diagnostics.filter((d) => d.code === 'LF603').length === 3, 'unmapped paths are warnings in a dry run');
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
