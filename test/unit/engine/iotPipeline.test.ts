// The bundled IoT pipeline on simulator data: every injected fault is caught
// by the expectation meant for it, silver CDC state and gold figures equal an
// independent computation over the raw JSON lines, and a second batch of
// landing files is only appended.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { simulate } from '../../../server/src/simulator/simulate';
import type { Manifest } from '../../../server/src/simulator/manifest';
import { loadLocalPipeline } from '../../../server/src/engine/localPipeline';
import { runPipeline, RunSummary } from '../../../server/src/engine/runtime/runPipeline';
import { diskFiles, toFileId } from '../../../server/src/files/diskFiles';

const REPO = resolve(__dirname, '../../../..');
const START = Date.parse('2026-01-01T00:00:00Z');
const EVENTS = 4000;

interface RawLine {
  file: string;
  record: Record<string, unknown>;
}

function readLines(folder: string): RawLine[] {
  const out: RawLine[] = [];
  for (const f of readdirSync(folder).sort()) {
    for (const line of readFileSync(join(folder, f), 'utf8').split('\n')) if (line) out.push({ file: f, record: JSON.parse(line) });
  }
  return out;
}

const SENSORS = new Set(['temperature', 'humidity', 'pressure', 'motion']);
const CDC: { entity: string; key: string }[] = [
  { entity: 'customers', key: 'customer_id' },
  { entity: 'products', key: 'product_id' },
  { entity: 'orders', key: 'order_id' },
  { entity: 'devices', key: 'device_id' },
  { entity: 'locations', key: 'location_id' },
  { entity: 'alerts', key: 'alert_id' },
  { entity: 'alert_thresholds', key: 'threshold_id' },
];

describe('IoT pipeline on simulator data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-iot-'));
  const landing = join(dir, 'landing');
  const database = join(dir, 'lakehouse.duckdb');
  let manifest: Manifest;
  let first: RunSummary;

  const run = async () => {
    const pipeline = loadLocalPipeline({
      bundleFile: toFileId(join(REPO, 'bundle/databricks.yml')),
      target: 'local',
      configuration: { source_root: toFileId(landing) },
      files: diskFiles(),
    });
    return runPipeline(pipeline.plan, { database, pipelineName: pipeline.name, baseDir: REPO, settings: { threads: '2' } });
  };
  const query = async (sql: string): Promise<Record<string, unknown>[]> => {
    const instance = await DuckDBInstance.create(database);
    try {
      const con = await instance.connect();
      const rows = JSON.parse(JSON.stringify((await con.runAndReadAll(sql)).getRowObjectsJson()));
      con.closeSync();
      return rows;
    } finally {
      instance.closeSync();
    }
  };
  const dataset = (s: RunSummary, name: string) => s.datasets.find((d) => d.name === name)!;
  const failed = (s: RunSummary, ds: string, expectation: string) =>
    dataset(s, ds).expectations.find((e) => e.name === expectation)?.failed;

  before(async () => {
    manifest = await simulate({ out: landing, events: EVENTS, seed: 11, startMs: START, days: 3 });
    first = await run();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('all 26 datasets complete and have rows', () => {
    assert.equal(first.datasets.length, 26);
    for (const d of first.datasets) {
      assert.equal(d.status, 'completed', `${d.name}: ${d.message}`);
      assert.ok(d.rowsWritten > 0, `${d.name} wrote no rows`);
    }
  });

  test("the datasets the engine orders by are exactly the language model's dataset graph", () => {
    const pipeline = loadLocalPipeline({
      bundleFile: toFileId(join(REPO, 'bundle/databricks.yml')),
      configuration: { source_root: toFileId(landing) },
      files: diskFiles(),
    });
    assert.equal(pipeline.plan.datasets.length, 26);
    for (const d of pipeline.plan.datasets) {
      assert.deepEqual(
        [...d.dependsOn].sort(),
        pipeline.index
          .upstream(d.key)
          .map((u) => u.key)
          .sort(),
        d.name,
      );
    }
  });

  test('each injected IoT fault is caught by its expectation, counts equal to the manifest', () => {
    const f = manifest.faults.iot_events;
    assert.equal(failed(first, 'iot_events', 'valid_event_id'), f.null_event_id);
    assert.equal(failed(first, 'iot_events', 'valid_device_id'), f.null_device_id);
    assert.equal(failed(first, 'iot_events', 'valid_sensor_type'), f.unknown_sensor_type);
    assert.equal(failed(first, 'iot_events', 'value_in_range'), f.out_of_range_value);
    const ev = dataset(first, 'iot_events');
    assert.equal(ev.rowsDropped, f.null_event_id + f.null_device_id + f.unknown_sensor_type);
    assert.equal(ev.rowsWritten + ev.rowsDropped, manifest.expected.iot_events.lines);
  });

  test('each CDC null key is dropped by the key expectation of its entity', () => {
    for (const { entity, key } of CDC) {
      const nullKeys = (manifest.faults as unknown as Record<string, Record<string, number>>)[entity].null_key;
      assert.equal(failed(first, `cdc_${entity}`, `valid_${key}`), nullKeys, entity);
      assert.equal(dataset(first, `cdc_${entity}`).rowsDropped, nullKeys, entity);
    }
  });

  test('silver CDC state equals the last change per key by lsn, deletes and late updates included', async () => {
    for (const { entity, key } of CDC) {
      const last = new Map<string, { lsn: number; op: string }>();
      for (const { record } of readLines(join(landing, 'cdc', entity))) {
        const row = (record.op === 'd' ? record.before : record.after) as Record<string, unknown> | null;
        const k = row?.[key];
        if (k === null || k === undefined) continue;
        const lsn = Number((record.source as { lsn: number }).lsn);
        const seen = last.get(String(k));
        if (!seen || seen.lsn < lsn) last.set(String(k), { lsn, op: String(record.op) });
      }
      const rows = await query(
        `SELECT CAST(${key} AS VARCHAR) AS k, CAST(_cdc_lsn AS VARCHAR) AS lsn, _is_deleted AS deleted FROM silver.stg_${entity} ORDER BY k`,
      );
      const expected = [...last.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => ({ k, lsn: String(v.lsn), deleted: v.op === 'd' }));
      assert.deepEqual(rows, expected, entity);
      const e = (manifest.expected as unknown as Record<string, { live_keys: number; deleted_keys: number }>)[entity];
      assert.equal(rows.filter((r) => !r.deleted).length, e.live_keys, entity);
      assert.equal(rows.filter((r) => r.deleted).length, e.deleted_keys, entity);
    }
  });

  test('gold row counts and key aggregates equal an independent computation over the raw files', async () => {
    const kept = readLines(join(landing, 'iot_events'))
      .map((l) => l.record)
      .filter((r) => r.event_id != null && r.device_id != null && SENSORS.has(String(r.sensor_type)));
    const byEvent = new Map<string, Record<string, unknown>>();
    for (const r of kept) if (!byEvent.has(String(r.event_id))) byEvent.set(String(r.event_id), r);
    const events = [...byEvent.values()];
    const groups = new Map<string, { n: number; sum: number }>();
    for (const r of events) {
      const g = `${r.device_id}|${r.sensor_type}|${String(r.event_ts).slice(0, 10)}`;
      const cur = groups.get(g) ?? { n: 0, sum: 0 };
      cur.n += 1;
      cur.sum += Number(r.value);
      groups.set(g, cur);
    }
    assert.deepEqual(await query('SELECT count(*)::INT AS n FROM gold.fct_iot_events'), [{ n: events.length }]);
    const [agg] = await query(
      'SELECT count(*)::INT AS groups, sum(reading_count)::INT AS readings, sum(avg_value * reading_count) AS total FROM gold.agg_daily_device_metrics',
    );
    assert.equal(agg.groups, groups.size);
    assert.equal(agg.readings, events.length);
    const total = [...groups.values()].reduce((s, g) => s + g.sum, 0);
    assert.ok(Math.abs(Number(agg.total) - total) < 1e-6 * Math.max(1, Math.abs(total)), `${agg.total} vs ${total}`);
    const [hourly] = await query('SELECT sum(reading_count)::INT AS readings FROM gold.agg_hourly_device_metrics');
    assert.equal(hourly.readings, events.length);
    const days = new Set(events.map((r) => String(r.event_ts).slice(0, 10)));
    const [dd] = await query(
      "SELECT count(*)::INT AS n, count(*) FILTER (WHERE strftime(calendar_date, '%Y-%m-%d') IN (SELECT unnest(?::VARCHAR[])))::INT AS covered FROM gold.dim_date".replace(
        '?',
        `['${[...days].join("','")}']`,
      ),
    );
    assert.equal(dd.covered, days.size);
  });

  test('a second batch of landing files is read alone and appended', async () => {
    const before = await query('SELECT count(*)::INT AS n FROM bronze.iot_events');
    const second = await simulate({ out: landing, events: 2000, seed: 12, startMs: START + 3 * 86_400_000, days: 1 });
    const s = await run();
    const ev = dataset(s, 'iot_events');
    const f = second.faults.iot_events;
    assert.equal(ev.rowsDropped, f.null_event_id + f.null_device_id + f.unknown_sensor_type);
    assert.equal(ev.rowsWritten + ev.rowsDropped, second.expected.iot_events.lines);
    assert.deepEqual(await query('SELECT count(*)::INT AS n FROM bronze.iot_events'), [{ n: (before[0].n as number) + ev.rowsWritten }]);
    assert.ok(s.datasets.every((d) => d.status === 'completed'));
  });
});
