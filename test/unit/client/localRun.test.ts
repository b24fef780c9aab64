// Run Locally's pure parts: the CLI invocation, the mapping of a missing DuckDB
// binding, and the event log read back from a REAL local run (the engine on
// small simulated data, in-process) as output lines and code lens pass rates.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/main';
import { bindingMissingMessage } from '../../../client/src/local/bindingMissing';
import { EventLogTail } from '../../../client/src/local/eventLogTail';
import {
  describeLocalEvent,
  expectationLensText,
  latestRunEvents,
  latestRunQuality,
  parseEventLines,
  passPercent,
  passRateText,
} from '../../../client/src/local/localEvents';
import { localRunFiles, localRunInvocation, parseRunSummary, summaryLine } from '../../../client/src/local/localRunCommand';
import { toArgv } from '../../../client/src/databricks/cliCommand';

const root = join(__dirname, '../../../..');

/** A one-pipeline bundle: bronze readings with a DROP ROW and a WARN expectation, one gold view. */
function writeSensorBundle(dir: string): void {
  mkdirSync(join(dir, 'bundle'), { recursive: true });
  mkdirSync(join(dir, 'pipelines/bronze'), { recursive: true });
  mkdirSync(join(dir, 'pipelines/gold'), { recursive: true });
  const yaml = [
    'bundle:',
    '  name: sensors',
    'resources:',
    '  pipelines:',
    '    sensors:',
    '      name: sensors',
    '      catalog: main',
    '      schema: sensors',
  ];
  yaml.push('      libraries:', '        - glob:', '            include: ../pipelines/**', 'targets:', '  dev:', '    default: true', '');
  writeFileSync(join(dir, 'bundle/databricks.yml'), yaml.join('\n'));
  writeFileSync(
    join(dir, 'pipelines/bronze/readings.sql'),
    `CREATE OR REFRESH STREAMING TABLE readings (
       CONSTRAINT has_device EXPECT (device_id IS NOT NULL) ON VIOLATION DROP ROW,
       CONSTRAINT has_event EXPECT (event_id IS NOT NULL)
     ) AS SELECT * FROM STREAM read_files('\${source_root}/iot_events/', format => 'json', schemaHints => 'value DOUBLE')`,
  );
  writeFileSync(
    join(dir, 'pipelines/gold/per_type.sql'),
    'CREATE MATERIALIZED VIEW per_type AS SELECT sensor_type, count(*) AS n FROM readings GROUP BY sensor_type',
  );
}

const quietIo = (cwd: string) => {
  const io = { stdout: '', stderr: '', cwd, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
};

describe('Run Locally: the lakeflow run invocation', () => {
  test('runs the bundled script as plain Node with the bundle relative to the workspace folder and a JSON summary', () => {
    const inv = localRunInvocation({
      cliScript: '/ext/server/out/lakeflow.js',
      bundleFile: '/ws/bundle/databricks.yml',
      cwd: '/ws',
      events: 5000,
      baseEnv: { PATH: '/bin' },
    });
    assert.deepEqual(toArgv(inv.command), [
      '/ext/server/out/lakeflow.js',
      'run',
      '--bundle',
      'bundle/databricks.yml',
      '--format',
      'json',
      '--events',
      '5000',
    ]);
    assert.equal(inv.cwd, '/ws');
    assert.deepEqual(inv.env, { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' });
  });

  test('0 events reuses the landing data (no --events); a bundle outside the folder stays absolute; full refresh and the pipeline are passed on', () => {
    const inv = localRunInvocation({
      cliScript: 's.js',
      bundleFile: '/elsewhere/databricks.yml',
      cwd: '/ws',
      events: 0,
      fullRefresh: true,
      pipeline: 'iot',
      baseEnv: {},
    });
    assert.deepEqual(inv.command.args, [
      '--bundle',
      '/elsewhere/databricks.yml',
      '--format',
      'json',
      '--full-refresh',
      '--pipeline',
      'iot',
    ]);
  });

  test('a one-dataset run passes --refresh with the names; a full refresh wins over it', () => {
    const base = { cliScript: 's.js', bundleFile: '/ws/databricks.yml', cwd: '/ws', events: 0, baseEnv: {} };
    assert.deepEqual(localRunInvocation({ ...base, refresh: ['fct_orders', 'dim_date'] }).command.args, [
      '--bundle',
      'databricks.yml',
      '--format',
      'json',
      '--refresh',
      'fct_orders,dim_date',
    ]);
    // The events setting adds a landing batch before whole-pipeline runs only: a one-dataset run reads what is there.
    assert.ok(!localRunInvocation({ ...base, events: 5000, refresh: ['fct_orders'] }).command.args.includes('--events'));
    assert.deepEqual(localRunInvocation({ ...base, events: 5000 }).command.args.slice(-2), ['--events', '5000']);
    assert.deepEqual(localRunInvocation({ ...base, refresh: ['fct_orders'], fullRefresh: true }).command.args, [
      '--bundle',
      'databricks.yml',
      '--format',
      'json',
      '--full-refresh',
    ]);
  });

  test('the files are the CLI defaults under .lakeflow/ of the folder it runs in', () => {
    assert.deepEqual(localRunFiles('/ws'), {
      database: '/ws/.lakeflow/lakehouse.duckdb',
      eventLog: '/ws/.lakeflow/lakehouse.events.jsonl',
    });
  });

  test('the summary line names the failed and skipped datasets', () => {
    const s = parseRunSummary(
      'noise\n' +
        JSON.stringify({
          datasets: [
            { name: 'a', kind: 'streaming_table', status: 'completed', rowsWritten: 1, rowsDropped: 0 },
            { name: 'b', kind: 'materialized_view', status: 'failed', rowsWritten: 0, rowsDropped: 0, message: 'x' },
            { name: 'c', kind: 'materialized_view', status: 'skipped', rowsWritten: 0, rowsDropped: 0 },
          ],
          seconds: 1.25,
          database: '/db',
        }),
    );
    assert.ok(s);
    assert.equal(summaryLine(s), '1 of 3 datasets completed in 1.3 s; failed: b; skipped: c');
    assert.equal(parseRunSummary('lakeflow run: boom'), undefined);
  });
});

describe('Run Locally: DuckDB binding absent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-nobinding-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the bundled CLI without node_modules beside it fails with a message the client maps to the platform build to install', () => {
    // The shipped CLI bundle copied where no node_modules can be found: exactly an extension installed without the binding.
    mkdirSync(join(dir, 'ext/server/out'), { recursive: true });
    copyFileSync(join(root, 'server/out/lakeflow.js'), join(dir, 'ext/server/out/lakeflow.js'));
    writeSensorBundle(join(dir, 'ws'));
    const r = spawnSync(
      process.execPath,
      [join(dir, 'ext/server/out/lakeflow.js'), 'run', '--bundle', 'bundle/databricks.yml', '--events', '200', '--format', 'json'],
      {
        cwd: join(dir, 'ws'),
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.equal(
      bindingMissingMessage(r.stderr, 'linux', 'arm64'),
      "Run Locally needs DuckDB's native binding for linux-arm64; install the linux-arm64 build of the extension.",
    );
  });

  test('other failures are not mistaken for a missing binding', () => {
    assert.equal(bindingMissingMessage('lakeflow run: bundle file not found: x.yml\n', 'linux', 'x64'), undefined);
    assert.match(
      bindingMissingMessage("Error: Cannot find module '@duckdb/node-bindings-darwin-arm64/duckdb.node'", 'darwin', 'arm64') ?? '',
      /darwin-arm64 build/,
    );
  });
});

describe('Run Locally: the event log of a real local run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-events-'));
  const files = localRunFiles(dir);
  let summary: {
    datasets: {
      name: string;
      rowsWritten: number;
      rowsDropped: number;
      expectations: { name: string; passed: number; failed: number }[];
    }[];
  };
  before(async () => {
    writeSensorBundle(dir);
    const io = quietIo(dir);
    assert.equal(await main(['run', '--events', '3000', '--seed', '5', '--format', 'json'], io), 0, io.stderr);
    summary = JSON.parse(io.stdout.trim().split('\n').at(-1) ?? '{}');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('one readable line per event: type, dataset, status, rows and each expectation passed/failed', () => {
    const lines = parseEventLines(readFileSync(files.eventLog, 'utf8')).map(describeLocalEvent);
    const readings = summary.datasets.find((d) => d.name === 'readings');
    assert.ok(readings);
    const drop = readings.expectations.find((e) => e.name === 'has_device');
    assert.ok(drop && drop.failed > 0, 'the simulator injects null device ids');
    const n = (x: number) => x.toLocaleString('en-US');
    assert.ok(lines.includes('[INFO] flow_progress readings RUNNING'), lines.join('\n'));
    const warn = readings.expectations.find((e) => e.name === 'has_event');
    assert.ok(warn);
    const verdict = (x: { passed: number; failed: number }) =>
      `${n(x.passed)}/${n(x.passed + x.failed)} passed${x.failed ? ` (${n(x.failed)} failed)` : ''}`;
    assert.ok(
      lines.includes(
        `[METRICS] flow_progress readings COMPLETED ${readings.rowsWritten} rows · has_device ${verdict(drop)} · has_event ${verdict(warn)}`,
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /^\[METRICS\] flow_progress per_type COMPLETED \d+ rows$/.test(l)),
      'a view without expectations has no suffix',
    );
    assert.ok(lines.some((l) => l.startsWith('[INFO] update_progress: Update ') && l.endsWith('is COMPLETED.')));
  });

  test('pass rates of the latest run equal the run summary; the DROP ROW lens counts the dropped rows', () => {
    const stats = latestRunQuality(parseEventLines(readFileSync(files.eventLog, 'utf8'))).stats;
    const readings = summary.datasets.find((d) => d.name === 'readings')!;
    for (const x of readings.expectations) {
      const got = stats.get('readings')?.get(x.name);
      assert.deepEqual(got && { passed: got.passed, failed: got.failed }, { passed: x.passed, failed: x.failed }, x.name);
    }
    const drop = stats.get('readings')!.get('has_device')!;
    assert.equal(drop.failed, readings.rowsDropped, 'has_device is the only DROP ROW expectation');
    assert.equal(drop.passed, readings.rowsWritten);
    const total = drop.passed + drop.failed;
    assert.equal(
      passRateText(drop, 'drop'),
      `✓ ${passPercent(drop.passed, total)} passed (${drop.passed.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}) · DROP ROW dropped ${drop.failed.toLocaleString('en-US')}`,
    );
  });

  test('a second run appends its own update; only its events count as the latest run', async () => {
    const io = quietIo(dir);
    assert.equal(await main(['run', '--format', 'json'], io), 0, io.stderr);
    const all = parseEventLines(readFileSync(files.eventLog, 'utf8'));
    const latest = latestRunEvents(all);
    assert.ok(latest.length > 0 && latest.length < all.length);
    assert.equal(new Set(latest.map((e) => e.updateId)).size, 1);
    assert.equal(latest[0].eventType, 'create_update');
    // No new landing files: the streaming table checked no rows this time.
    const quality = latestRunQuality(all);
    assert.equal(quality.stats.get('readings'), undefined);
    assert.equal(expectationLensText(quality, 'READINGS', 'has_device', 'drop'), '✓ no rows checked in the latest local run');
    assert.equal(expectationLensText(quality, 'not_run', 'x', 'drop'), undefined, 'a dataset no run processed gets no lens');
  });

  test('a run of one dataset (--refresh) updates its lenses; the others keep those of their own latest run', async () => {
    const io = quietIo(dir);
    assert.equal(await main(['run', '--refresh', 'per_type', '--format', 'json'], io), 0, io.stderr);
    const all = parseEventLines(readFileSync(files.eventLog, 'utf8'));
    const onlyLatest = new Set(
      latestRunEvents(all)
        .filter((e) => e.eventType === 'flow_progress')
        .map((e) => e.dataset),
    );
    assert.deepEqual([...onlyLatest], ['per_type']);
    const quality = latestRunQuality(all);
    assert.ok(quality.datasets.has('per_type'));
    assert.ok(quality.datasets.has('readings'), 'readings keeps the lenses of the run that last processed it');
    assert.equal(expectationLensText(quality, 'readings', 'has_device', 'drop'), '✓ no rows checked in the latest local run');
  });
});

describe('Run Locally: pass rate text', () => {
  test('the example of the issue, and the marks of WARN and FAIL UPDATE', () => {
    assert.equal(
      passRateText({ dataset: 'd', name: 'e', passed: 98_500, failed: 800 }, 'drop'),
      '✓ 99.2% passed (98,500 / 99,300) · DROP ROW dropped 800',
    );
    assert.equal(passRateText({ dataset: 'd', name: 'e', passed: 10, failed: 0 }, 'fail'), '✓ 100.0% passed (10 / 10)');
    assert.equal(passRateText({ dataset: 'd', name: 'e', passed: 9, failed: 1 }, 'warn'), '⚠ 90.0% passed (9 / 10) · WARN kept 1 failing');
    assert.equal(
      passRateText({ dataset: 'd', name: 'e', passed: 9, failed: 1 }, 'fail'),
      '✗ 90.0% passed (9 / 10) · FAIL UPDATE failed the update',
    );
  });

  test('a single failure never shows as 100%, a single pass never as 0%', () => {
    assert.equal(passPercent(99_999, 100_000), '99.9%');
    assert.equal(passPercent(1, 100_000), '0.1%');
    assert.equal(passPercent(0, 5), '0.0%');
    assert.equal(passPercent(0, 0), '–');
  });
});

describe('Run Locally: tailing the event log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-tail-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('hands over complete lines from the starting offset only, a torn line once whole, multi-byte characters intact', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, '{"old":1}\n');
    const got: string[] = [];
    let resolveSeen: () => void = () => undefined;
    const tail = new EventLogTail(
      file,
      await EventLogTail.sizeOf(file),
      (lines) => {
        got.push(...lines);
        resolveSeen();
      },
      5,
    );
    const seen = () => new Promise<void>((r) => (resolveSeen = r));
    tail.start();
    let next = seen();
    const euro = Buffer.from('{"m":"€"}\n');
    appendFileSync(file, Buffer.concat([Buffer.from('{"a":1}\n'), euro.subarray(0, 7)]));
    await next;
    assert.deepEqual(got, ['{"a":1}']);
    next = seen();
    appendFileSync(file, euro.subarray(7));
    await next;
    assert.deepEqual(got, ['{"a":1}', '{"m":"€"}']);
    appendFileSync(file, '{"last":true}');
    await tail.stop();
    assert.deepEqual(got, ['{"a":1}', '{"m":"€"}', '{"last":true}']);
  });
});
