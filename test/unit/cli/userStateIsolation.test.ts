// Tests never touch the user's state: a checkout that holds a lakehouse of its
// own (`.lakeflow/` with landing data, a database and an event log) keeps it
// byte-identical when the commands the unit tests use run there with their own
// temporary --out/--data/--db, and when the end-to-end runner prepares its
// workspace (a temporary copy, never the checkout). A control run without
// those options does change the sentinel, so the fingerprint can fail.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { repoRoot, runCli, tempProject } from './cliHarness';

const WORKSPACE_MODULE = join(repoRoot, 'test/e2e/workspace.mjs');

/** Calls an export of test/e2e/workspace.mjs (an ES module) in a child Node. */
function workspaceModule(fn: 'prepareWorkspace' | 'stateDigest', ...args: string[]): string {
  const script = `import(${JSON.stringify(WORKSPACE_MODULE)}).then((m) => process.stdout.write(JSON.stringify(m[${JSON.stringify(fn)}](...${JSON.stringify(args)}))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string;
}

const digest = (dir: string) => workspaceModule('stateDigest', join(dir, '.lakeflow'));

const BUNDLE = {
  'bundle/databricks.yml': [
    'bundle:',
    '  name: tiny',
    'resources:',
    '  pipelines:',
    '    tiny:',
    '      name: tiny',
    '      schema: tiny',
    '      libraries:',
    '        - glob:',
    '            include: ../pipelines/**',
    '',
  ].join('\n'),
  'pipelines/bronze/readings.sql':
    "CREATE OR REFRESH STREAMING TABLE readings AS SELECT * FROM STREAM read_files('${source_root}/iot_events/', format => 'json')",
  'pipelines/gold/per_sensor.sql':
    'CREATE MATERIALIZED VIEW per_sensor AS SELECT sensor_type, count(*) AS n FROM readings GROUP BY sensor_type',
  // A developer's own lakehouse: the sentinel.
  '.lakeflow/landing/manifest.json': '{"sentinel": true}\n',
  '.lakeflow/landing/iot_events/part-mine-00000.json': '{"event_id": "mine"}\n',
  '.lakeflow/lakehouse.duckdb': 'not really a database, and must stay so',
  '.lakeflow/lakehouse.events.jsonl': '{"sentinel": true}\n',
};

describe("tests never touch the user's .lakeflow/", () => {
  const checkout = tempProject(BUNDLE);
  const scratch = mkdtempSync(join(tmpdir(), 'lakeflow-isolation-'));
  after(() => {
    rmSync(checkout, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  test('simulate, run, preview, check and lineage with their own folders leave it byte-identical', async () => {
    const before = digest(checkout);
    assert.notEqual(before, '');
    const landing = join(scratch, 'landing');
    const db = join(scratch, 'lake.duckdb');
    for (const args of [
      ['simulate', '--out', landing, '--events', '300', '--seed', '5'],
      ['run', '--data', landing, '--db', db],
      ['preview', 'per_sensor', '--db', db],
      ['check', '--bundle', 'bundle/databricks.yml'],
      ['lineage', '--bundle', 'bundle/databricks.yml'],
    ]) {
      const r = await runCli(args, checkout);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.equal(digest(checkout), before);
  });

  test('the end-to-end workspace is a temporary copy without the lakehouse, and preparing it leaves the checkout as it was', () => {
    const before = digest(checkout);
    const workspace = workspaceModule('prepareWorkspace', checkout, scratch);
    assert.ok(relative(checkout, workspace).startsWith('..'), workspace);
    assert.ok(existsSync(join(workspace, 'bundle/databricks.yml')));
    assert.ok(existsSync(join(workspace, 'pipelines/gold/per_sensor.sql')));
    assert.equal(existsSync(join(workspace, '.lakeflow')), false);
    assert.equal(digest(checkout), before);
    assert.equal(resolve(workspace, '..'), resolve(scratch));
  });

  test('control: a simulation into the checkout’s .lakeflow/landing does change it, and the fingerprint sees it', async () => {
    const before = digest(checkout);
    const r = await runCli(['simulate', '--out', '.lakeflow/landing', '--events', '200', '--seed', '9'], checkout);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.notEqual(digest(checkout), before);
  });
});
