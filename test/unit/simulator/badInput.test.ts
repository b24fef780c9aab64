// Bad input gets one clear line on stderr and a non-zero exit (2 for usage,
// 1 for I/O), and never leaves a manifest claiming success.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLanding, runLakeflow, tempDir } from './landingReader';

function assertOneLine(stderr: string) {
  assert.match(stderr, /^lakeflow simulate: [^\n]+\n$/, `not one line: ${JSON.stringify(stderr)}`);
}

describe('bad input', () => {
  const dir = tempDir();
  after(() => dir.remove());

  const usageCases: [string, string[], RegExp][] = [
    ['unknown flag', ['--frobnicate', '1'], /unknown option '--frobnicate'/],
    ['missing value at the end', ['--events'], /--events needs a value/],
    ['missing value before another flag', ['--events', '--seed', '2'], /--events needs a value/],
    ['negative count', ['--events', '-5'], /--events must be at least 0/],
    ['non-integer count', ['--events', '1.5'], /--events must be a whole number/],
    ['words for a count', ['--events', 'many'], /--events must be a whole number/],
    ['zero days', ['--days', '0'], /--days must be at least 1/],
    ['negative seed', ['--seed=-1'], /--seed must be at least 0/],
    ['impossible date', ['--start', '2026-02-30'], /--start must be an ISO-8601 date/],
    ['not a date', ['--start', 'yesterday'], /--start must be an ISO-8601 date/],
    ['date-time without zone', ['--start', '2026-01-01T00:00:00'], /--start must be an ISO-8601 date/],
    ['flag given twice', ['--seed', '1', '--seed', '2'], /--seed given more than once/],
    ['stray argument', ['extra'], /unexpected argument 'extra'/],
  ];
  for (const [name, args, message] of usageCases) {
    test(`${name}: exit 2, one line, nothing written`, async () => {
      const out = join(dir.path, name.replace(/\W+/g, '-'));
      const r = await runLakeflow(['simulate', '--out', out, ...args]);
      assert.equal(r.code, 2);
      assertOneLine(r.stderr);
      assert.match(r.stderr, message);
      assert.equal(existsSync(out), false, 'a usage error must not touch the output folder');
    });
  }

  test('missing --out: exit 2 naming the option', async () => {
    const r = await runLakeflow(['simulate', '--events', '10']);
    assert.equal(r.code, 2);
    assertOneLine(r.stderr);
    assert.match(r.stderr, /missing --out DIR/);
  });

  test('unwritable directory (a file in the path): exit 1, one line, no manifest', async () => {
    const blocker = join(dir.path, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const r = await runLakeflow(['simulate', '--out', join(blocker, 'landing'), '--events', '100']);
    assert.equal(r.code, 1);
    assertOneLine(r.stderr);
    assert.match(r.stderr, /cannot create directory '.*not-a-dir\/landing'/);
  });

  test(
    'a directory the kernel refuses to create (procfs) fails once instead of looping',
    { skip: process.platform !== 'linux' && 'procfs is Linux only' },
    async () => {
      const r = await runLakeflow(['simulate', '--out', '/proc/sys/lakeflow-landing', '--events', '10']);
      assert.equal(r.code, 1);
      assertOneLine(r.stderr);
      assert.match(r.stderr, /cannot create directory '\/proc\/sys\/lakeflow-landing'/);
    },
  );

  test('a failure after the data files removes them and leaves the earlier manifest as it was', async () => {
    const out = join(dir.path, 'fails-late');
    const ok = await runLakeflow(['simulate', '--out', out, '--events', '500', '--seed', '1']);
    assert.equal(ok.code, 0, ok.stderr);
    const earlier = readLanding(out).manifest;
    const earlierText = readFileSync(join(out, 'manifest.json'), 'utf8');
    // Block the manifest's temporary file with a directory of the same name for the next batch.
    const next = await runLakeflow(['simulate', '--out', join(dir.path, 'probe'), '--events', '500', '--seed', '2']);
    const batch = readLanding(join(dir.path, 'probe')).manifest.batch;
    assert.equal(next.code, 0);
    mkdirSync(join(out, `.manifest.json.${batch}.tmp`));
    const r = await runLakeflow(['simulate', '--out', out, '--events', '500', '--seed', '2']);
    assert.equal(r.code, 1);
    assertOneLine(r.stderr);
    assert.equal(readFileSync(join(out, 'manifest.json'), 'utf8'), earlierText);
    const leftovers = readdirSync(join(out, 'iot_events')).filter((n) => n.includes(`part-${batch}-`));
    assert.deepEqual(leftovers, [], 'partial files of the failed batch remain');
    // The earlier batch's data files are untouched.
    for (const f of earlier.files) assert.ok(existsSync(join(out, f.path)), f.path);
  });

  test('the real process exits 2 with one line for an unknown flag', async () => {
    const cli = require.resolve('../../../server/src/cli/main');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [cli, 'simulate', '--bogus'], (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    assert.equal(result.code, 2);
    assertOneLine(result.stderr);
  });
});
