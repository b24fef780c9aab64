// test/run.mjs, the runner CI reads: a skipped or todo test not on its
// allow-list (with a reason) is reported by name, so the run fails instead of
// the test silently vanishing from the count. Fed real TAP from node's runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const runnerUrl = pathToFileURL(resolve(__dirname, '../../../../test/run.mjs')).href;

test('skips and todos outside ALLOWED_SKIPS are named; allowed ones and passing tests are not', async () => {
  const runner = (await import(runnerUrl)) as { unexpectedSkips(tap: string): string[]; ALLOWED_SKIPS: Record<string, string> };
  const allowed = Object.keys(runner.ALLOWED_SKIPS)[0];
  assert.ok(allowed && runner.ALLOWED_SKIPS[allowed].length > 0, 'every allowed skip carries a reason');
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  try {
    const file = join(dir, 'sample.test.js');
    writeFileSync(
      file,
      [
        "const { test } = require('node:test');",
        "test('runs', () => {});",
        "test('left behind', { skip: 'later' }, () => {});",
        "test('not written yet', { todo: true }, () => {});",
        `test(${JSON.stringify(allowed)}, { skip: 'platform' }, () => {});`,
      ].join('\n'),
    );
    // Without NODE_TEST_CONTEXT, or the child would report to this runner instead of printing TAP.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT'));
    const tap = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env }).stdout;
    assert.match(tap, /# skipped 2/);
    assert.deepEqual(runner.unexpectedSkips(tap), ['SKIP: left behind (later)', 'TODO: not written yet']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
