// `lakeflow run` on bad input and on an existing lakehouse, each case with the
// exact message the user sees: a statement that does not parse stops the run
// before anything is written (or, with --continue-on-error, is listed with
// every dataset it affects); engine failures in the user's terms at the file
// position; a database path that cannot be created; landing data that only
// grows; a moved project; a landing file changed after it was read.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tempProject } from './cliHarness';

const BUNDLE = [
  'bundle:',
  '  name: small',
  'resources:',
  '  pipelines:',
  '    small:',
  '      name: small',
  '      schema: small',
  '      libraries:',
  '        - glob:',
  '            include: ../pipelines/**',
  '',
].join('\n');

const PIPELINE = {
  'bundle/databricks.yml': BUNDLE,
  'pipelines/bronze/readings.sql':
    "CREATE OR REFRESH STREAMING TABLE readings (\n  CONSTRAINT has_device EXPECT (device_id IS NOT NULL) ON VIOLATION DROP ROW\n) AS SELECT * FROM STREAM read_files('${source_root}/iot_events/', format => 'json')\n",
  'pipelines/silver/stg_readings.sql': 'CREATE MATERIALIZED VIEW stg_readings AS SELECT device_id, sensor_type FROM readings\n',
  'pipelines/gold/per_sensor.sql':
    'CREATE MATERIALIZED VIEW per_sensor AS SELECT sensor_type, count(*) AS n FROM stg_readings GROUP BY sensor_type\n',
};

const dirs: string[] = [];
function project(changes: Record<string, string> = {}): string {
  const dir = tempProject({ ...PIPELINE, ...changes });
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The text with wrapped lines joined again (continuation lines are indented by 4 or more). */
const unwrap = (text: string) => text.replace(/\n {4,}/g, ' ');
const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

describe('lakeflow run: the session time zone', () => {
  const withZone = (zone: string) =>
    project({
      'bundle/databricks.yml': BUNDLE.replace(
        '      schema: small\n',
        `      schema: small\n      configuration:\n        spark.sql.session.timeZone: "${zone}"\n`,
      ),
      'pipelines/silver/times.sql': 'CREATE MATERIALIZED VIEW times AS SELECT CAST(event_ts AS TIMESTAMP) AS event_ts FROM readings\n',
    });

  test('a zone Spark refuses is LF508 at its line in the bundle; nothing is written', async () => {
    const dir = withZone('Mars/Olympus');
    const r = await runCli(['run', '--events', '300'], dir);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^lakeflow run: the pipeline has 1 error\(s\):\nbundle\/databricks\.yml:9:37: error LF508: spark\.sql\.session\.timeZone 'Mars\/Olympus' is not a time zone: give a region such as America\/Los_Angeles, or an offset such as \+08:00\n/,
    );
    assert.equal(existsSync(join(dir, '.lakeflow')), false);
  });

  test('an offset the engine cannot run stops before landing data is simulated, with what to use instead', async () => {
    const dir = withZone('+05:30');
    const r = await runCli(['run', '--events', '300'], dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "lakeflow run: spark.sql.session.timeZone '+05:30': the local engine runs fixed offsets of whole hours only; use a region such as Asia/Kolkata; nothing was run or written\n",
    );
    assert.equal(existsSync(join(dir, '.lakeflow')), false);
  });

  test('a region runs, and previews show times in it', async () => {
    const dir = withZone('Asia/Tokyo');
    const r = await runCli(['run', '--events', '300'], dir);
    assert.equal(r.code, 0, r.stderr);
    const preview = await runCli(['preview', 'times', '--format', 'json', '--limit', '1'], dir);
    assert.equal(preview.code, 0, preview.stderr);
    const rows = JSON.parse(preview.stdout);
    assert.equal(rows.columns.find((c: { name: string }) => c.name === 'event_ts')?.type, 'TIMESTAMP');
    assert.match(String(rows.rows[0].event_ts), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+09$/);
  });
});

describe('lakeflow run: every file accounted for', () => {
  test('a typo in CREATE stops the run before anything is written, printing the diagnostics', async () => {
    const dir = project({
      'pipelines/silver/stg_readings.sql': 'CREATE MATERIALIZED VEIW stg_readings AS SELECT device_id, sensor_type FROM readings\n',
    });
    const r = await runCli(['run', '--events', '300'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'lakeflow run: the pipeline has 1 error(s):\n' +
        'pipelines/silver/stg_readings.sql:1:21: error LF101: Expected STREAMING TABLE, MATERIALIZED VIEW, VIEW or FLOW after CREATE, found `VEIW`\n' +
        'lakeflow run: nothing was run or written; fix the errors (lakeflow check shows them too), or give --continue-on-error to run the datasets they do not affect\n',
    );
    assert.equal(existsSync(join(dir, '.lakeflow')), false, 'nothing simulated, no database');
  });

  test('--continue-on-error runs what the broken dataset does not affect and names each one not run, exit 1', async () => {
    const dir = project({
      'pipelines/silver/stg_readings.sql': 'CREATE MATERIALIZED VEIW stg_readings AS SELECT device_id, sensor_type FROM readings\n',
    });
    const r = await runCli(['run', '--events', '300', '--continue-on-error', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const out = json(r.stdout);
    assert.equal(out.errors, 1);
    const byName = Object.fromEntries(out.datasets.map((d: { name: string }) => [d.name, d]));
    assert.deepEqual(Object.keys(byName).sort(), ['per_sensor', 'readings', 'stg_readings']);
    assert.equal(byName.readings.status, 'completed');
    assert.deepEqual([byName.stg_readings.status, byName.stg_readings.kind], ['failed', 'unknown']);
    assert.equal(
      byName.stg_readings.message,
      'pipelines/silver/stg_readings.sql: its statement does not parse (LF101 Expected STREAMING TABLE, MATERIALIZED VIEW, VIEW or FLOW after CREATE, found `VEIW`), so it defines no dataset',
    );
    assert.equal(byName.per_sensor.status, 'skipped');
    assert.equal(
      byName.per_sensor.message,
      'reads stg_readings, which pipelines/silver/stg_readings.sql should define but cannot (it has errors)',
    );
  });

  test('a pipeline of garbage is an error, not "0 of 0 datasets completed"', async () => {
    const dir = tempProject({ 'bundle/databricks.yml': BUNDLE, 'pipelines/x.sql': 'this is not sql;\n' });
    dirs.push(dir);
    const r = await runCli(['run', '--events', '100'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^lakeflow run: the pipeline has 1 error\(s\):\npipelines\/x\.sql:1:1: error LF101: /);
    const again = await runCli(['run', '--events', '100', '--continue-on-error'], dir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /lakeflow run: the pipeline defines no dataset \(its SQL files: 1\); nothing to run\n$/);
  });
});

describe('lakeflow run: errors in the user terms', () => {
  test('an unknown column: the dataset, file, line and column, no engine names or suggestions', async () => {
    const dir = project({
      'pipelines/gold/per_sensor.sql':
        'CREATE MATERIALIZED VIEW per_sensor AS\nSELECT sensor_typ, count(*) AS n\nFROM stg_readings GROUP BY 1\n',
    });
    const r = await runCli(['run', '--events', '300'], dir);
    assert.equal(r.code, 1);
    assert.match(
      unwrap(r.stdout),
      /^\[3\/3\] per_sensor \(materialized view\) FAILED: pipelines\/gold\/per_sensor\.sql:2:8: unknown column sensor_typ \(columns with a similar name: [^)]*sensor_type[^)]*\)$/m,
    );
    assert.doesNotMatch(r.stdout, /__lakeflow|Did you mean|Binder Error|information_schema|LINE 1/);
    const out = json((await runCli(['run', '--format', 'json'], dir)).stdout);
    const failed = out.datasets.find((d: { name: string }) => d.name === 'per_sensor');
    assert.deepEqual(failed.location, { file: join(dir, 'pipelines/gold/per_sensor.sql'), line: 2, column: 8 });
  });

  test('a table nobody defines: named at its position in the query', async () => {
    const dir = project({
      'pipelines/gold/per_sensor.sql': 'CREATE MATERIALIZED VIEW per_sensor AS\nSELECT count(*) AS n FROM stg_readingz\n',
    });
    const r = await runCli(['run', '--events', '300'], dir);
    assert.equal(r.code, 1);
    assert.match(
      unwrap(r.stdout),
      /^\[\d\/3\] per_sensor \(materialized view\) FAILED: pipelines\/gold\/per_sensor\.sql:2:27: reads stg_readingz, which is neither a dataset of this pipeline nor a table in the local lakehouse$/m,
    );
    assert.doesNotMatch(r.stdout, /Did you mean|Catalog Error/);
  });

  test('a --db whose folder is a file: the path and the reason, no Node trace', async () => {
    const dir = project();
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const r = await runCli(['run', '--events', '100', '--db', join(file, 'x.duckdb')], dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `lakeflow run: cannot create the folder of the database '${file}': a file is in the way (database ${file}/x.duckdb)\n`,
    );
  });

  test('--events with --data is a usage error naming the way to add data', async () => {
    const dir = project();
    const r = await runCli(['run', '--data', '.', '--events', '5'], dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'lakeflow run: --events and --seed simulate into .lakeflow/landing; with --data the landing folder is yours (add data with lakeflow simulate --out DIR)\n',
    );
  });
});

describe('lakeflow run: the summary', () => {
  test('dropped rows, warn-only failures and FAIL UPDATE stops are listed apart, within 100 columns', async () => {
    const dir = project({
      'pipelines/bronze/readings.sql':
        "CREATE OR REFRESH STREAMING TABLE readings (\n  CONSTRAINT has_device EXPECT (device_id IS NOT NULL) ON VIOLATION DROP ROW,\n  CONSTRAINT plausible EXPECT (value < 0)\n) AS SELECT * FROM STREAM read_files('${source_root}/iot_events/', format => 'json')\n",
      'pipelines/silver/stg_readings.sql':
        "CREATE MATERIALIZED VIEW stg_readings (CONSTRAINT known_sensor EXPECT (sensor_type = 'none') ON VIOLATION FAIL UPDATE) AS SELECT device_id, sensor_type FROM readings\n",
    });
    const r = await runCli(['run', '--events', '500'], dir);
    assert.equal(r.code, 1);
    const text = unwrap(r.stdout);
    assert.match(text, /\nrows dropped by expectations \(ON VIOLATION DROP ROW\):\n {2}readings: has_device \d+ of 500\n/);
    assert.match(text, /\nexpectations failed, rows kept \(warn only\):\n {2}readings: plausible \d+ of \d+\n/);
    assert.match(text, /\nupdate stopped \(ON VIOLATION FAIL UPDATE\):\n {2}stg_readings: known_sensor \d+ of \d+\n/);
    assert.match(
      text,
      /\nnot run:\n {2}stg_readings \(failed\): [^\n]+\n {2}per_sensor \(skipped\): upstream dataset stg_readings did not complete\n/,
    );
    for (const line of r.stdout.split('\n')) assert.ok(line.length <= 100, `wider than 100 columns: ${line}`);
  });
});

describe('lakeflow run: landing data append-only, identified by content', () => {
  const dir = project();
  const landing = join(dir, '.lakeflow/landing');
  const bronze = async (cwd: string, ...args: string[]) => {
    const r = await runCli(['run', '--format', 'json', ...args], cwd);
    assert.equal(r.code, 0, r.stderr);
    return { out: json(r.stdout).datasets.find((d: { name: string }) => d.name === 'readings'), stderr: r.stderr };
  };
  const files = () => readdirSync(join(landing, 'iot_events')).sort();

  test('--events on an existing lakehouse adds a batch after the last one; earlier files stay byte-identical', async () => {
    const first = await bronze(dir, '--events', '1000');
    const before = new Map(files().map((f) => [f, readFileSync(join(landing, 'iot_events', f))]));
    const second = await bronze(dir, '--events', '1000');
    assert.match(
      second.stderr,
      /^adding a batch of 1000 IoT events \(seed 1, from 2026-01-08T00:00:00\.000Z\) to \.lakeflow\/landing, beside 1 earlier batch\(es\); /,
    );
    for (const [f, bytes] of before) assert.ok(bytes.equals(readFileSync(join(landing, 'iot_events', f))), `${f} was rewritten`);
    assert.equal(files().length, before.size * 2);
    const manifest = JSON.parse(readFileSync(join(landing, 'manifest.json'), 'utf8'));
    assert.deepEqual(
      manifest.batches.map((b: { batch: string }) => b.batch),
      ['20260101T000000s1', '20260108T000000s1'],
    );
    assert.equal(first.out.rowsWritten + first.out.rowsDropped, 1000);
    assert.equal(second.out.rowsWritten + second.out.rowsDropped, 1000, 'only the new batch is read');
  });

  test('a project moved elsewhere neither reads its files again nor skips new ones', async () => {
    const moved = mkdtempSync(join(tmpdir(), 'lakeflow-moved-'));
    dirs.push(moved);
    cpSync(dir, moved, { recursive: true }); // new paths and new modification times
    assert.equal((await bronze(moved)).out.rowsWritten, 0);
    const added = await bronze(moved, '--events', '500');
    assert.equal(added.out.rowsWritten + added.out.rowsDropped, 500);
  });

  test('a landing file changed after it was read is reported and not read again', async () => {
    const victim = files()[0];
    truncateSync(join(landing, 'iot_events', victim), 10);
    const r = await runCli(['run'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      unwrap(r.stdout),
      new RegExp(`\\n  warning: iot_events/${victim} changed after it was read \\(\\d+ bytes then, 10 now\\): not read again\\n`),
    );
    assert.match(r.stdout, /\] readings \(streaming table\) 0 rows written, 0 dropped/);
  });
});
