// An update killed mid-run (SIGKILL, no chance to clean up) leaves every
// dataset either as it was before the update or as the update made it, never
// half-written; the next update cleans the staging tables and completes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lakehouse, result } from './runtimeHelper';
import { eventLogPath } from '../../../server/src/engine/runtime/eventLog';

const PIPELINE = {
  'bronze/events.sql': "CREATE STREAMING TABLE events AS SELECT * FROM STREAM read_files('${root}/events/', format => 'json')",
  'silver/by_id.sql': 'CREATE MATERIALIZED VIEW by_id AS SELECT id % 97 AS bucket, count(*) AS n, sum(v) AS total FROM events GROUP BY ALL',
  'gold/summary.sql': 'CREATE MATERIALIZED VIEW summary AS SELECT sum(n) AS n, sum(total) AS total FROM by_id',
};

const lake = new Lakehouse(PIPELINE);
after(() => lake.remove());

/** Runs one update of the test pipeline in a child process, killed once `killWhen` holds for the event log. */
function runChild(killWhen: (log: string) => boolean): Promise<'killed' | 'finished'> {
  const script = `
    const { Lakehouse } = require(${JSON.stringify(join(__dirname, 'runtimeHelper.js'))});
    const lake = new Lakehouse(${JSON.stringify(PIPELINE)}, ${JSON.stringify(lake.dir)});
    lake.run().then(() => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  return new Promise((resolve) => {
    const log = eventLogPath(lake.db);
    const poll = setInterval(() => {
      if (existsSync(log) && killWhen(readFileSync(log, 'utf8'))) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 2);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ id: from + i, v: 1 }));

test('a killed update leaves each dataset in its previous or its new state, and the next update completes', async (t) => {
  lake.land('events/part-1.json', rows(1000, 0));
  const first = await lake.run();
  assert.ok(first.datasets.every((d) => d.status === 'completed'));
  lake.land('events/part-2.json', rows(300_000, 1000));

  // Kill as soon as the second update starts writing the big streaming table.
  const starts = (log: string) => log.split('\n').filter((l) => l.includes('"event_type":"create_update"')).length;
  const outcome = await runChild(
    (log) =>
      starts(log) >= 2 && /"dataset_name":"events"[^\n]*"status":"RUNNING"/.test(log.split('"event_type":"create_update"').pop() ?? ''),
  );
  // The kill must land mid-update, or this test would only show that a finished update is complete.
  assert.equal(outcome, 'killed', 'the update finished before the kill landed');
  assert.ok(
    !/"update_progress":\{"state":"COMPLETED"\}/.test(
      readFileSync(eventLogPath(lake.db), 'utf8').split('"event_type":"create_update"').pop() ?? '',
    ),
    'the killed update never logged COMPLETED',
  );

  const [events] = await lake.query('SELECT count(*)::INT AS n, sum(v)::INT AS total FROM bronze.events');
  assert.ok(events.n === 1000 || events.n === 301_000, `events has ${events.n} rows (${outcome})`);
  t.diagnostic(`update ${outcome}; events had ${events.n} rows afterwards`);
  const [processed] = await lake.query('SELECT count(*)::INT AS n FROM _lakeflow.processed_files');
  assert.equal(processed.n, events.n === 1000 ? 1 : 2, 'the files read are recorded in the same transaction as the rows');
  const [byId] = await lake.query('SELECT sum(n)::INT AS n FROM silver.by_id');
  assert.ok(byId.n === 1000 || byId.n === 301_000);
  const [summary] = await lake.query('SELECT n::INT AS n FROM gold.summary');
  assert.ok(summary.n === 1000 || summary.n === 301_000);

  const next = await lake.run();
  assert.ok(
    next.datasets.every((d) => d.status === 'completed'),
    JSON.stringify(next.datasets),
  );
  assert.equal(result(next, 'events').rowsWritten, 301_000 - events.n);
  assert.deepEqual(await lake.query('SELECT n::INT AS n FROM gold.summary'), [{ n: 301_000 }]);
  assert.deepEqual(
    await lake.query("SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE '\\_\\_lakeflow\\_%' ESCAPE '\\'"),
    [{ n: 0 }],
  );
});
