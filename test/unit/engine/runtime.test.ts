// Lakeflow semantics of the local run on small hand-written landing files:
// expectations, incremental streaming tables, refresh selection, failures that
// stop only their downstream, and previous state surviving a failed update.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Lakehouse, result } from './runtimeHelper';

const PIPELINE = {
  'bronze/events.sql': `CREATE OR REFRESH STREAMING TABLE events (
      CONSTRAINT has_id EXPECT (id IS NOT NULL) ON VIOLATION DROP ROW,
      CONSTRAINT positive EXPECT (v > 0)
    ) AS SELECT *, _metadata.file_name AS src FROM STREAM read_files('\${root}/events/', format => 'json', schemaHints => 'v DOUBLE')`,
  'silver/totals.sql': `CREATE MATERIALIZED VIEW totals (
      CONSTRAINT sane EXPECT (total < 1000) ON VIOLATION FAIL UPDATE
    ) AS SELECT id, sum(v) AS total FROM events GROUP BY id`,
  'silver/events_copy.sql': 'CREATE STREAMING TABLE events_copy AS SELECT id, v FROM STREAM(events)',
  'gold/summary.sql': 'CREATE MATERIALIZED VIEW summary AS SELECT count(*) AS n, sum(total) AS total FROM totals',
  'gold/broken.sql': "CREATE MATERIALIZED VIEW broken AS\nSELECT xpath_string(id, 'a') AS x FROM events",
  'gold/after_broken.sql': 'CREATE MATERIALIZED VIEW after_broken AS SELECT * FROM broken',
};

describe('local run semantics', () => {
  const lake = new Lakehouse(PIPELINE);
  before(() => {
    lake.land('events/part-1.json', [
      { id: 'a', v: 1, ts: '2026-01-01T00:00:00.000Z' },
      { id: 'a', v: 2 },
      { id: null, v: 3 },
      { id: 'b', v: -1 },
    ]);
  });
  after(() => lake.remove());

  test('first update: DROP ROW drops and counts, warn keeps and counts, the untranslatable dataset fails alone', async () => {
    const s = await lake.run();
    const events = result(s, 'events');
    assert.equal(events.status, 'completed');
    assert.equal(events.rowsWritten, 3);
    assert.equal(events.rowsDropped, 1);
    assert.deepEqual(
      events.expectations.map((e) => [e.name, e.action, e.passed, e.failed]),
      [
        ['has_id', 'drop', 3, 1],
        ['positive', 'warn', 3, 1],
      ],
    );
    assert.deepEqual(await lake.query('SELECT id, v, src FROM bronze.events ORDER BY id, v'), [
      { id: 'a', v: 1, src: 'part-1.json' },
      { id: 'a', v: 2, src: 'part-1.json' },
      { id: 'b', v: -1, src: 'part-1.json' },
    ]);
    // The schema hint wins over the inferred BIGINT; an ISO string stays a string as in Spark's JSON reader.
    assert.deepEqual(await lake.query('SELECT typeof(v) AS v, typeof(ts) AS ts FROM bronze.events LIMIT 1'), [
      { v: 'DOUBLE', ts: 'VARCHAR' },
    ]);
    // SELECT * over an inferred schema shows Auto Loader's rescue column, never the hidden _metadata.
    assert.deepEqual(
      (
        await lake.query(
          "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' AND starts_with(column_name, '_') ORDER BY 1",
        )
      ).map((r) => r.column_name),
      ['_rescued_data'],
    );
    assert.equal(result(s, 'events_copy').rowsWritten, 3);
    assert.deepEqual(await lake.query('SELECT id, total FROM silver.totals ORDER BY id'), [
      { id: 'a', total: 3 },
      { id: 'b', total: -1 },
    ]);
    const broken = result(s, 'broken');
    assert.equal(broken.status, 'failed');
    assert.match(broken.message ?? '', /gold\/broken\.sql:2:8: cannot run locally: function xpath_string/);
    assert.equal(result(s, 'after_broken').status, 'skipped');
    assert.equal(result(s, 'summary').status, 'completed');
  });

  test('the event log carries flow progress with expectation metrics in the Lakeflow format', () => {
    const done = lake
      .events()
      .filter(
        (e) =>
          e.event_type === 'flow_progress' &&
          e.origin.dataset_name === 'events' &&
          (e.details.flow_progress as { status: string }).status === 'COMPLETED',
      );
    assert.equal(done.length, 1);
    assert.deepEqual(done[0].details.flow_progress, {
      status: 'COMPLETED',
      metrics: { num_output_rows: 3 },
      data_quality: {
        dropped_records: 1,
        expectations: [
          { name: 'has_id', dataset: 'events', passed_records: 3, failed_records: 1 },
          { name: 'positive', dataset: 'events', passed_records: 3, failed_records: 1 },
        ],
      },
    });
    const failed = lake.events().find((e) => e.origin.dataset_name === 'broken' && e.level === 'ERROR');
    assert.match(failed?.error?.exceptions[0].message ?? '', /xpath_string/);
    assert.deepEqual(lake.events().filter((e) => e.event_type === 'create_update').length, 1);
  });

  test('second update reads only the new file and appends, downstream streams only the new rows', async () => {
    lake.land('events/part-2.json', [{ id: 'c', v: 5 }]);
    const s = await lake.run();
    assert.equal(result(s, 'events').rowsWritten, 1);
    assert.equal(result(s, 'events_copy').rowsWritten, 1);
    assert.deepEqual(await lake.query('SELECT count(*) AS n FROM bronze.events'), [{ n: '4' }]);
    assert.deepEqual(await lake.query('SELECT count(*) AS n FROM silver.events_copy'), [{ n: '4' }]);
    assert.deepEqual(await lake.query('SELECT count(*) AS n FROM _lakeflow.processed_files'), [{ n: '2' }]);
  });

  test('an update with no new files appends nothing', async () => {
    const s = await lake.run();
    assert.equal(result(s, 'events').rowsWritten, 0);
    assert.deepEqual(await lake.query('SELECT count(*) AS n FROM bronze.events'), [{ n: '4' }]);
  });

  test('--refresh runs only the named datasets', async () => {
    const s = await lake.run({ refresh: ['totals'] });
    assert.deepEqual(
      s.datasets.map((d) => d.name),
      ['totals'],
    );
  });

  test('FAIL UPDATE stops the dataset and its downstream, names the expectation and a sample row, and leaves the previous tables intact', async () => {
    lake.land('events/part-3.json', [{ id: 'big', v: 5000 }]);
    const before = await lake.query('SELECT id, total FROM silver.totals ORDER BY id');
    const s = await lake.run();
    const totals = result(s, 'totals');
    assert.equal(totals.status, 'failed');
    assert.match(
      totals.message ?? '',
      /expectation sane \(ON VIOLATION FAIL UPDATE\) failed for 1 of 4 row\(s\) of totals; sample row: \{"id":"big","total":5000\}/,
    );
    assert.equal(result(s, 'summary').status, 'skipped');
    assert.equal(result(s, 'events').status, 'completed');
    assert.deepEqual(await lake.query('SELECT id, total FROM silver.totals ORDER BY id'), before);
    assert.deepEqual(await lake.query('SELECT n, total FROM gold.summary'), [{ n: '3', total: 7 }]);
    assert.deepEqual(await lake.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '\\_\\_lakeflow\\_%' ESCAPE '\\'"), [
      { n: '0' },
    ]);
  });

  test('--full-refresh rebuilds streaming tables from every file, without duplicates', async () => {
    const s = await lake.run({ fullRefresh: true });
    assert.equal(result(s, 'events').rowsWritten, 5);
    assert.deepEqual(await lake.query('SELECT count(*) AS n FROM bronze.events'), [{ n: '5' }]);
    assert.deepEqual(await lake.query('SELECT count(*) AS n FROM silver.events_copy'), [{ n: '5' }]);
  });
});

describe('AUTO CDC / APPLY CHANGES', () => {
  const lake = new Lakehouse({
    'bronze/changes.sql': "CREATE STREAMING TABLE changes AS SELECT * FROM STREAM read_files('${root}/changes/', format => 'json')",
    'silver/customers.sql': `CREATE OR REFRESH STREAMING TABLE customers;
      APPLY CHANGES INTO customers FROM STREAM(changes) KEYS (id) APPLY AS DELETE WHEN op = 'd' SEQUENCE BY seq COLUMNS * EXCEPT (op) STORED AS SCD TYPE 1;`,
    'silver/customers_history.sql': `CREATE OR REFRESH STREAMING TABLE customers_history;
      CREATE FLOW history AS AUTO CDC INTO customers_history FROM STREAM(changes) KEYS (id) APPLY AS DELETE WHEN op = 'd' SEQUENCE BY seq COLUMNS * EXCEPT (op) STORED AS SCD TYPE 2;`,
  });
  after(() => lake.remove());

  const file1 = [
    { id: 1, seq: 1, op: 'c', name: 'a' },
    { id: 1, seq: 3, op: 'u', name: 'c' },
    { id: 1, seq: 2, op: 'u', name: 'b' }, // out of order within the file
    { id: 2, seq: 1, op: 'c', name: 'x' },
    { id: 2, seq: 4, op: 'd', name: 'x' },
    { id: 3, seq: 5, op: 'c', name: 'p' },
  ];
  const file2 = [
    { id: 1, seq: 0, op: 'u', name: 'late' }, // older than everything seen: ignored by SCD1
    { id: 2, seq: 3, op: 'u', name: 'y' }, // older than the delete: the key stays deleted
    { id: 3, seq: 6, op: 'u', name: 'q' },
  ];

  /** The independent answer: the last event per key by sequence, unless a delete. */
  function lastByKey(events: typeof file1) {
    const last = new Map<number, (typeof file1)[0]>();
    for (const e of events) if (!last.has(e.id) || last.get(e.id)!.seq < e.seq) last.set(e.id, e);
    return [...last.values()]
      .filter((e) => e.op !== 'd')
      .sort((a, b) => a.id - b.id)
      .map((e) => ({ id: e.id, name: e.name, seq: e.seq }));
  }

  test('SCD type 1: current state is the last event per key by sequence, deletes applied', async () => {
    lake.land('changes/part-1.json', file1);
    const s = await lake.run();
    assert.ok(
      s.datasets.every((d) => d.status === 'completed'),
      JSON.stringify(s.datasets),
    );
    assert.deepEqual(await lake.query('SELECT id::INT AS id, name, seq::INT AS seq FROM silver.customers ORDER BY id'), lastByKey(file1));
  });

  test('SCD type 1: late and out-of-order events in a later update resolve by sequence', async () => {
    lake.land('changes/part-2.json', file2);
    const s = await lake.run();
    assert.equal(result(s, 'customers').rowsWritten, 3);
    assert.deepEqual(
      await lake.query('SELECT id::INT AS id, name, seq::INT AS seq FROM silver.customers ORDER BY id'),
      lastByKey([...file1, ...file2]),
    );
  });

  test('SCD type 2: one version per change with __START_AT/__END_AT, a delete closes the version', async () => {
    assert.deepEqual(
      await lake.query('SELECT id::INT AS id, name, __START_AT::INT AS s, __END_AT::INT AS e FROM silver.customers_history ORDER BY id, s'),
      [
        { id: 1, name: 'late', s: 0, e: 1 },
        { id: 1, name: 'a', s: 1, e: 2 },
        { id: 1, name: 'b', s: 2, e: 3 },
        { id: 1, name: 'c', s: 3, e: null },
        { id: 2, name: 'x', s: 1, e: 3 },
        { id: 2, name: 'y', s: 3, e: 4 },
        { id: 3, name: 'p', s: 5, e: 6 },
        { id: 3, name: 'q', s: 6, e: null },
      ],
    );
  });

  test('full refresh of a CDC target recomputes the same state', async () => {
    await lake.run({ fullRefresh: true });
    assert.deepEqual(
      await lake.query('SELECT id::INT AS id, name, seq::INT AS seq FROM silver.customers ORDER BY id'),
      lastByKey([...file1, ...file2]),
    );
  });
});

describe('AUTO CDC ... IGNORE NULL UPDATES', () => {
  const lake = new Lakehouse({
    'bronze/changes.sql':
      "CREATE STREAMING TABLE changes AS SELECT * FROM STREAM read_files('${root}/changes/', format => 'json', schemaHints => 'id INT, seq INT, op STRING, name STRING, city STRING')",
    'silver/current.sql': `CREATE OR REFRESH STREAMING TABLE current;
      CREATE FLOW cur AS AUTO CDC INTO current FROM STREAM(changes) KEYS (id) IGNORE NULL UPDATES APPLY AS DELETE WHEN op = 'd' SEQUENCE BY seq COLUMNS * EXCEPT (op);`,
    'silver/history.sql': `CREATE OR REFRESH STREAMING TABLE history;
      CREATE FLOW hist AS AUTO CDC INTO history FROM STREAM(changes) KEYS (id) IGNORE NULL UPDATES APPLY AS DELETE WHEN op = 'd' SEQUENCE BY seq COLUMNS * EXCEPT (op) STORED AS SCD TYPE 2;`,
  });
  after(() => lake.remove());

  test('a null in an update keeps the previous value; a delete forgets the values before it', async () => {
    lake.land('changes/part-1.json', [
      { id: 1, seq: 1, op: 'c', name: 'ann', city: 'Oslo' },
      { id: 1, seq: 2, op: 'u', name: null, city: 'Bergen' }, // partial update: name kept
      { id: 2, seq: 1, op: 'c', name: 'bob', city: 'Rome' },
      { id: 2, seq: 2, op: 'd', name: null, city: null },
      { id: 2, seq: 3, op: 'c', name: 'bea', city: null }, // re-inserted after a delete: no old city
    ]);
    const s = await lake.run();
    assert.ok(
      s.datasets.every((d) => d.status === 'completed'),
      JSON.stringify(s.datasets),
    );
    assert.deepEqual(await lake.query('SELECT id::INT AS id, name, city FROM silver.current ORDER BY id'), [
      { id: 1, name: 'ann', city: 'Bergen' },
      { id: 2, name: 'bea', city: null },
    ]);
    assert.deepEqual(
      await lake.query('SELECT id::INT AS id, name, city, __START_AT::INT AS s FROM silver.history WHERE id = 1 ORDER BY s'),
      [
        { id: 1, name: 'ann', city: 'Oslo', s: 1 },
        { id: 1, name: 'ann', city: 'Bergen', s: 2 },
      ],
    );
  });

  test('a later update with nulls merges with the stored current state', async () => {
    lake.land('changes/part-2.json', [{ id: 1, seq: 5, op: 'u', name: 'anna', city: null }]);
    await lake.run();
    assert.deepEqual(await lake.query('SELECT id::INT AS id, name, city FROM silver.current WHERE id = 1'), [
      { id: 1, name: 'anna', city: 'Bergen' },
    ]);
  });
});

describe('AUTO CDC ... APPLY AS TRUNCATE WHEN', () => {
  const lake = new Lakehouse({
    'bronze/changes.sql':
      "CREATE STREAMING TABLE changes AS SELECT * FROM STREAM read_files('${root}/changes/', format => 'json', schemaHints => 'id INT, seq INT, op STRING, name STRING')",
    'silver/current.sql': `CREATE OR REFRESH STREAMING TABLE current;
      CREATE FLOW cur AS AUTO CDC INTO current FROM STREAM(changes) KEYS (id) APPLY AS DELETE WHEN op = 'd' APPLY AS TRUNCATE WHEN op = 't' SEQUENCE BY seq COLUMNS * EXCEPT (op) STORED AS SCD TYPE 1;`,
  });
  after(() => lake.remove());

  test('a truncate event empties the target as of its sequence; later events refill it', async () => {
    lake.land('changes/part-1.json', [
      { id: 1, seq: 1, op: 'c', name: 'a' },
      { id: 2, seq: 2, op: 'c', name: 'b' },
      { id: null, seq: 3, op: 't', name: null },
      { id: 3, seq: 4, op: 'c', name: 'c' },
      { id: 1, seq: 5, op: 'u', name: 'a2' },
    ]);
    const s = await lake.run();
    assert.ok(
      s.datasets.every((d) => d.status === 'completed'),
      JSON.stringify(s.datasets),
    );
    assert.deepEqual(await lake.query('SELECT id::INT AS id, name FROM silver.current ORDER BY id'), [
      { id: 1, name: 'a2' },
      { id: 3, name: 'c' },
    ]);
  });

  test('a late event sequenced before the truncate stays truncated in a later update', async () => {
    lake.land('changes/part-2.json', [
      { id: 4, seq: 2, op: 'c', name: 'late' },
      { id: 5, seq: 6, op: 'c', name: 'e' },
    ]);
    await lake.run();
    assert.deepEqual(await lake.query('SELECT id::INT AS id, name FROM silver.current ORDER BY id'), [
      { id: 1, name: 'a2' },
      { id: 3, name: 'c' },
      { id: 5, name: 'e' },
    ]);
  });
});

describe('flows and file formats', () => {
  const lake = new Lakehouse({
    'bronze/all_readings.sql': `CREATE OR REFRESH STREAMING TABLE all_readings;
      CREATE FLOW from_json AS INSERT INTO all_readings BY NAME
        SELECT id, 'json' AS origin FROM STREAM read_files('\${root}/json/', format => 'json');
      CREATE FLOW from_csv AS INSERT INTO all_readings BY NAME
        SELECT CAST(id AS BIGINT) AS id, 'csv' AS origin FROM STREAM cloud_files('\${root}/csv/', 'csv', map('header', 'true'));`,
    'silver/backfill.sql': `CREATE OR REFRESH STREAMING TABLE backfill;
      CREATE FLOW once AS INSERT INTO ONCE backfill BY NAME SELECT 42 AS id;`,
  });
  after(() => lake.remove());

  test('two append flows feed one streaming table, each from its own new files; a csv source with a header', async () => {
    lake.land('json/a.json', [{ id: 1 }, { id: 2 }]);
    const dir = lake.dir;
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(`${dir}/landing/csv`, { recursive: true });
    writeFileSync(`${dir}/landing/csv/a.csv`, 'id,name\n3,x\n4,y\n');
    const s = await lake.run();
    assert.ok(
      s.datasets.every((d) => d.status === 'completed'),
      JSON.stringify(s.datasets),
    );
    assert.equal(result(s, 'all_readings').rowsWritten, 4);
    assert.deepEqual(await lake.query('SELECT id::INT AS id, origin FROM bronze.all_readings ORDER BY id'), [
      { id: 1, origin: 'json' },
      { id: 2, origin: 'json' },
      { id: 3, origin: 'csv' },
      { id: 4, origin: 'csv' },
    ]);
    lake.land('json/b.json', [{ id: 5 }]);
    const again = await lake.run();
    assert.equal(result(again, 'all_readings').rowsWritten, 1);
  });

  test('an INSERT ONCE flow runs on the first update only', async () => {
    assert.deepEqual(await lake.query('SELECT count(*)::INT AS n FROM silver.backfill'), [{ n: 1 }]);
  });
});
