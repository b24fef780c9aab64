// Spark's session time zone in a local run: the configured zone is read and
// checked, TIMESTAMP columns are instants (DuckDB TIMESTAMPTZ) read, cut and
// printed in that zone, TIMESTAMP_NTZ stays a wall time, previews show the
// zone, and a lakehouse of state version 2 (naive UTC timestamps) migrates.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { sessionSettingProblem, sessionTimeZone } from '../../../server/src/language/model/sparkSessionSettings';
import { readDatasetRows } from '../../../server/src/engine/runtime/previewRows';
import { Lakehouse } from './runtimeHelper';
import { translate } from './translateHelper';
import { openTestDb } from './duckdbHelper';
import { instantOfText, instantOfWall, zoneHasTransitions } from '../../../server/src/engine/translate/wallTime';

const zone = (v?: string) => sessionTimeZone(v === undefined ? {} : { 'spark.sql.session.timeZone': v });

describe('spark.sql.session.timeZone', () => {
  test('absent, empty, Z, UTC and GMT are UTC', () => {
    for (const v of [undefined, '', 'Z', 'UTC', 'gmt']) assert.deepEqual(zone(v), { ok: true, zone: 'UTC' }, String(v));
  });
  test('a region is kept as written', () => {
    assert.deepEqual(zone('America/Los_Angeles'), { ok: true, zone: 'America/Los_Angeles' });
    assert.deepEqual(zone(' Asia/Kolkata '), { ok: true, zone: 'Asia/Kolkata' });
  });
  test("whole-hour offsets become DuckDB's Etc/GMT zones, whose sign is inverted", () => {
    assert.deepEqual(zone('+08:00'), { ok: true, zone: 'Etc/GMT-8' });
    assert.deepEqual(zone('-5'), { ok: true, zone: 'Etc/GMT+5' });
    assert.deepEqual(zone('GMT+0100'), { ok: true, zone: 'Etc/GMT-1' });
    assert.deepEqual(zone('+00:00'), { ok: true, zone: 'UTC' });
  });
  test('what the local engine cannot run is refused with the reason and the key', () => {
    const half = zone('+05:30');
    assert.ok(!half.ok && /spark\.sql\.session\.timeZone '\+05:30'.*whole hours.*Asia\/Kolkata/.test(half.reason), JSON.stringify(half));
    const bad = zone('Mars/Olympus');
    assert.ok(!bad.ok && /'Mars\/Olympus' is not a time zone/.test(bad.reason), JSON.stringify(bad));
    const far = zone('+19:00');
    assert.ok(!far.ok && /not a valid zone offset/.test(far.reason), JSON.stringify(far));
  });
  test("Java's short IDs are the regions Spark resolves them to", () => {
    assert.deepEqual(zone('PST'), { ok: true, zone: 'America/Los_Angeles' });
    assert.deepEqual(zone('EST'), { ok: true, zone: 'Etc/GMT+5' });
  });
  test('LF508 is only for what Spark refuses, not for what only the local engine cannot run', () => {
    assert.equal(sessionSettingProblem('spark.sql.session.timeZone', '+05:30'), undefined);
    assert.match(sessionSettingProblem('spark.sql.session.timeZone', 'Mars/Olympus') ?? '', /is not a time zone/);
    assert.equal(sessionSettingProblem('spark.sql.ansi.enabled', 'False'), undefined);
    assert.match(sessionSettingProblem('spark.sql.ansi.enabled', 'yes') ?? '', /true or false, not 'yes'/);
    assert.equal(sessionSettingProblem('source_root', 'anything'), undefined);
  });
  test('the plan carries the zone, or the problem and UTC', () => {
    const sql = { 'a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x' };
    assert.equal(translate(sql, { 'spark.sql.session.timeZone': 'Europe/Paris' }).timeZone, 'Europe/Paris');
    const bad = translate(sql, { 'spark.sql.session.timeZone': 'Nowhere' });
    assert.equal(bad.timeZone, 'UTC');
    assert.match(bad.timeZoneProblem ?? '', /'Nowhere' is not a time zone/);
  });
});

const PIPELINE = {
  'bronze/events.sql': `CREATE OR REFRESH STREAMING TABLE events AS
SELECT id, ts, wall FROM STREAM read_files('\${root}/events', format => 'json', schemaHints => 'id INT, ts TIMESTAMP, wall TIMESTAMP_NTZ')`,
  'silver/parts.sql': `CREATE OR REFRESH MATERIALIZED VIEW parts AS
SELECT id, hour(ts) AS h, CAST(ts AS DATE) AS d, CAST(ts AS STRING) AS txt, date_format(ts, 'HH:mm') AS hm,
  hour(wall) AS wall_h, unix_timestamp(ts) AS epoch, CAST(wall AS TIMESTAMP) AS wall_instant
FROM events`,
};
const EVENTS = [
  { id: 1, ts: '2026-03-08 01:30:00', wall: '2026-03-08 01:30:00' },
  { id: 2, ts: '2026-03-08T23:30:00Z', wall: '2026-03-08 23:30:00' },
];

describe('a local run in a session time zone', () => {
  const houses: Lakehouse[] = [];
  after(() => houses.forEach((h) => h.remove()));
  const runIn = async (timeZone: string) => {
    const h = new Lakehouse(PIPELINE, undefined, { 'spark.sql.session.timeZone': timeZone });
    houses.push(h);
    h.land('events/part-1.json', EVENTS);
    const summary = await h.run();
    assert.deepEqual(
      summary.datasets.map((d) => `${d.name}:${d.status}`),
      ['events:completed', 'parts:completed'],
      JSON.stringify(summary.datasets),
    );
    return h;
  };
  const parts = async (h: Lakehouse, timeZone: string) =>
    h.query(
      `SET TimeZone = '${timeZone}'; SELECT id, h, CAST(d AS VARCHAR) AS d, txt, hm, wall_h, CAST(epoch AS VARCHAR) AS epoch, ` +
        `CAST(wall_instant AS VARCHAR) AS wall_instant FROM silver.parts ORDER BY id`,
    );

  test('America/Los_Angeles: a time without offset is read there, an instant is shown there', async () => {
    const h = await runIn('America/Los_Angeles');
    assert.deepEqual(await parts(h, 'America/Los_Angeles'), [
      // 01:30 PST = 09:30Z.
      {
        id: 1,
        h: 1,
        d: '2026-03-08',
        txt: '2026-03-08 01:30:00',
        hm: '01:30',
        wall_h: 1,
        epoch: '1772962200',
        wall_instant: '2026-03-08 01:30:00-08',
      },
      // 23:30Z is 16:30 PDT (the clocks went forward that morning).
      {
        id: 2,
        h: 16,
        d: '2026-03-08',
        txt: '2026-03-08 16:30:00',
        hm: '16:30',
        wall_h: 23,
        epoch: '1773012600',
        wall_instant: '2026-03-08 23:30:00-07',
      },
    ]);
    const types = await h.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`,
    );
    assert.deepEqual(
      types.filter((t) => t.column_name !== '_rescued_data').map((t) => `${t.column_name}:${t.data_type}`),
      ['id:INTEGER', 'ts:TIMESTAMP WITH TIME ZONE', 'wall:TIMESTAMP'],
    );
  });

  test('UTC: the same files give UTC answers (the zone is the only difference)', async () => {
    const h = await runIn('UTC');
    const rows = await parts(h, 'UTC');
    assert.deepEqual(
      rows.map((r) => [r.id, r.h, r.txt, r.epoch]),
      [
        [1, 1, '2026-03-08 01:30:00', '1772933400'],
        [2, 23, '2026-03-08 23:30:00', '1773012600'],
      ],
    );
  });

  test('a preview shows TIMESTAMP in the zone of the latest run', async () => {
    const h = await runIn('Asia/Tokyo');
    const preview = await readDatasetRows(h.db, 'events', 10);
    assert.equal(preview.columns.find((c) => c.name === 'ts')?.type, 'TIMESTAMP');
    assert.equal(preview.columns.find((c) => c.name === 'wall')?.type, 'TIMESTAMP_NTZ');
    const ts = preview.rows.map((r) => r.ts).sort();
    assert.deepEqual(ts, ['2026-03-08 01:30:00+09', '2026-03-09 08:30:00+09']);
  });

  test('an unknown zone stops the run before anything is written', async () => {
    const h = new Lakehouse(PIPELINE, undefined, { 'spark.sql.session.timeZone': 'Mars/Olympus' });
    houses.push(h);
    h.land('events/part-1.json', EVENTS);
    await assert.rejects(h.run(), /spark\.sql\.session\.timeZone 'Mars\/Olympus' is not a time zone.*nothing was run or written/);
    assert.equal(existsSync(h.db), false);
  });
});

describe('state version 2 -> 3', () => {
  test("a streaming table's naive UTC timestamps become the same instants; new rows append", async () => {
    const h = new Lakehouse(PIPELINE, undefined, { 'spark.sql.session.timeZone': 'America/New_York' });
    try {
      // A lakehouse as version 2 left it: TIMESTAMP columns holding UTC wall times.
      const instance = await DuckDBInstance.create(h.db);
      const con = await instance.connect();
      await con.run(`CREATE SCHEMA bronze; CREATE TABLE bronze.events (id INTEGER, ts TIMESTAMP, wall TIMESTAMP, _rescued_data VARCHAR)`);
      await con.run(`INSERT INTO bronze.events VALUES (0, TIMESTAMP '2026-01-01 12:00:00', TIMESTAMP '2026-01-01 12:00:00', NULL)`);
      await con.run(
        `CREATE SCHEMA _lakeflow; CREATE TABLE _lakeflow.meta (key VARCHAR, value VARCHAR); INSERT INTO _lakeflow.meta VALUES ('state_version', '2')`,
      );
      await con.run(
        `CREATE TABLE _lakeflow.processed_files (dataset VARCHAR, source VARCHAR, file VARCHAR, size BIGINT, mtime_ms BIGINT, update_id VARCHAR, content_hash VARCHAR)`,
      );
      con.closeSync();
      instance.closeSync();
      h.land('events/part-1.json', EVENTS);
      const summary = await h.run();
      assert.ok(
        summary.datasets.every((d) => d.status === 'completed'),
        JSON.stringify(summary.datasets),
      );
      const rows = await h.query(`SET TimeZone = 'UTC'; SELECT id, CAST(ts AS VARCHAR) AS ts FROM bronze.events ORDER BY id`);
      assert.deepEqual(rows, [
        { id: 0, ts: '2026-01-01 12:00:00+00' },
        // 01:30 EST = 06:30Z.
        { id: 1, ts: '2026-03-08 06:30:00+00' },
        { id: 2, ts: '2026-03-08 23:30:00+00' },
      ]);
      const version = await h.query(`SELECT value FROM _lakeflow.meta WHERE key = 'state_version'`);
      assert.deepEqual(version, [{ value: '3' }]);
      const recorded = await h.query(`SELECT value FROM _lakeflow.meta WHERE key = 'session_time_zone'`);
      assert.deepEqual(recorded, [{ value: 'America/New_York' }]);
    } finally {
      h.remove();
    }
  });
});

describe('wall times in a DST change, as Spark resolves them (java.time: earlier offset in the overlap, forward in the gap)', () => {
  const cases: [string, string, string | null][] = [
    // [what, SQL, the instant in UTC]
    ['the repeated hour takes summer time (PDT)', instantOfWall("TIMESTAMP '2026-11-01 01:30:00'"), '2026-11-01 08:30:00'],
    ['the skipped hour moves forward', instantOfWall("TIMESTAMP '2026-03-08 02:30:00'"), '2026-03-08 10:30:00'],
    ['an ordinary hour is unchanged', instantOfWall("TIMESTAMP '2026-07-01 12:00:00'"), '2026-07-01 19:00:00'],
    ['text without an offset is a wall time', instantOfText("'2026-11-01 01:30:00'", 'TRY_CAST'), '2026-11-01 08:30:00'],
    ['text with an offset is the instant written', instantOfText("'2026-11-01T01:30:00-08:00'", 'TRY_CAST'), '2026-11-01 09:30:00'],
    ['text with Z is the instant written', instantOfText("'2026-11-01T01:30:00Z'", 'TRY_CAST'), '2026-11-01 01:30:00'],
    ['a date is its midnight', instantOfText("'2026-06-15'", 'TRY_CAST'), '2026-06-15 07:00:00'],
    ['text that is no time is NULL', instantOfText("'not a time'", 'TRY_CAST'), null],
    ['in a given zone', instantOfWall("TIMESTAMP '2026-10-25 01:30:00'", "'Europe/London'"), '2026-10-25 00:30:00'],
  ];
  let db: Awaited<ReturnType<typeof openTestDb>>;
  before(async () => (db = await openTestDb('America/Los_Angeles')));
  after(() => db.close());
  for (const [what, sql, utc] of cases) {
    test(what, async () => {
      assert.equal(await db.scalar(`SELECT CAST((${sql}) AT TIME ZONE 'UTC' AS VARCHAR)`), utc, sql);
    });
  }
  test("DuckDB's own cast takes the later offset in the overlap (why wallTime.ts exists)", async () => {
    assert.equal(
      await db.scalar(`SELECT CAST(CAST('2026-11-01 01:30:00' AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS VARCHAR)`),
      '2026-11-01 09:30:00',
    );
  });
  test('only zones with DST transitions take the extra step', () => {
    assert.deepEqual(['UTC', 'Etc/GMT-8', 'America/Los_Angeles'].map(zoneHasTransitions), [false, false, true]);
  });
});
