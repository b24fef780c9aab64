// The files follow the landing contract of docs/landing-data.md: folders,
// file names, field names, JSON types, ISO timestamps, valid ranges.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CDC_ENTITIES, Json, LandingFile, iotFaultsOf, readLanding, runLakeflow, SENSOR_RANGES, tempDir } from './landingReader';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UNITS: Record<string, string> = { temperature: 'celsius', humidity: 'percent', pressure: 'hpa', motion: 'boolean' };

type FieldType = 'int' | 'number' | 'string' | 'iso' | 'key';
const ROW_FIELDS: Record<string, Record<string, FieldType>> = {
  customers: {
    customer_id: 'int',
    name: 'string',
    email: 'string',
    phone: 'string',
    country: 'string',
    segment: 'string',
    created_at: 'iso',
    updated_at: 'iso',
  },
  products: {
    product_id: 'int',
    sku: 'string',
    name: 'string',
    category: 'string',
    unit_price: 'number',
    created_at: 'iso',
    updated_at: 'iso',
  },
  locations: {
    location_id: 'int',
    customer_id: 'int',
    name: 'string',
    address: 'string',
    city: 'string',
    country: 'string',
    latitude: 'number',
    longitude: 'number',
    timezone: 'string',
    updated_at: 'iso',
  },
  devices: {
    device_id: 'string',
    customer_id: 'int',
    location_id: 'int',
    product_id: 'int',
    serial_number: 'string',
    model: 'string',
    firmware_version: 'string',
    status: 'string',
    installed_at: 'iso',
    updated_at: 'iso',
  },
  orders: {
    order_id: 'int',
    customer_id: 'int',
    product_id: 'int',
    quantity: 'int',
    unit_price: 'number',
    total_amount: 'number',
    status: 'string',
    order_ts: 'iso',
    updated_at: 'iso',
  },
  alert_thresholds: {
    threshold_id: 'int',
    sensor_type: 'string',
    min_value: 'number',
    max_value: 'number',
    severity: 'string',
    updated_at: 'iso',
  },
  alerts: {
    alert_id: 'int',
    device_id: 'string',
    threshold_id: 'int',
    sensor_type: 'string',
    value: 'number',
    severity: 'string',
    status: 'string',
    alert_ts: 'iso',
    updated_at: 'iso',
  },
};
const ENUMS: Record<string, Record<string, string[]>> = {
  customers: { segment: ['consumer', 'business', 'enterprise'] },
  devices: { status: ['active', 'inactive', 'maintenance'] },
  orders: { status: ['placed', 'shipped', 'delivered', 'cancelled'] },
  alert_thresholds: { severity: ['low', 'medium', 'high', 'critical'], sensor_type: Object.keys(UNITS) },
  alerts: {
    status: ['open', 'acknowledged', 'resolved'],
    severity: ['low', 'medium', 'high', 'critical'],
    sensor_type: Object.keys(UNITS),
  },
};

function hasType(v: unknown, t: FieldType): boolean {
  if (t === 'int') return Number.isInteger(v);
  if (t === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (t === 'iso') return typeof v === 'string' && ISO_MS.test(v) && !Number.isNaN(Date.parse(v));
  return typeof v === 'string';
}

describe('landing layout', () => {
  const dir = tempDir();
  let manifest: Json;
  let files: LandingFile[];
  const start = Date.parse('2026-02-01T00:00:00Z');
  const end = start + 3 * 86_400_000;
  before(async () => {
    const r = await runLakeflow([
      'simulate',
      '--out',
      dir.path,
      '--events',
      '10000',
      '--seed',
      '9',
      '--start',
      '2026-02-01',
      '--days',
      '3',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wrote 10000 IoT events/);
    ({ manifest, files } = readLanding(dir.path));
  });
  after(() => dir.remove());

  test('folders and part-<batch>-<nnnnn>.json names', () => {
    const folders = new Set(files.map((f) => f.path.slice(0, f.path.lastIndexOf('/'))));
    assert.deepEqual([...folders].sort(), ['iot_events', ...CDC_ENTITIES.map((e) => `cdc/${e}`)].sort());
    const batch = manifest.batch as string;
    assert.match(batch, /^[0-9A-Za-z]+$/);
    for (const f of files) assert.match(f.path.slice(f.path.lastIndexOf('/') + 1), new RegExp(`^part-${batch}-\\d{5}\\.json$`));
  });

  test('IoT readings: fields, types, timestamps in the window, valid ranges and units', () => {
    const iot = files.filter((f) => f.entity === 'iot_events').flatMap((f) => f.rows);
    assert.equal(iot.length, 10000);
    const ids = new Set<string>();
    for (const e of iot) {
      assert.deepEqual(Object.keys(e), [
        'event_id',
        'device_id',
        'sensor_type',
        'value',
        'unit',
        'event_ts',
        'battery_level',
        'signal_strength',
        'firmware_version',
      ]);
      assert.ok(e.event_id === null || typeof e.event_id === 'string');
      assert.ok(e.device_id === null || /^dev-\d{6}$/.test(e.device_id), e.device_id);
      assert.equal(typeof e.sensor_type, 'string');
      assert.ok(typeof e.value === 'number' && Number.isFinite(e.value));
      assert.ok(hasType(e.event_ts, 'iso'), e.event_ts);
      const ts = Date.parse(e.event_ts);
      assert.ok(ts >= start && ts < end, `${e.event_ts} outside the window`);
      assert.ok(Number.isInteger(e.battery_level) && e.battery_level >= 0 && e.battery_level <= 100);
      assert.ok(Number.isInteger(e.signal_strength) && e.signal_strength >= -120 && e.signal_strength <= 0);
      assert.match(e.firmware_version, /^\d+\.\d+\.\d+$/);
      if (SENSOR_RANGES[e.sensor_type]) assert.equal(e.unit, UNITS[e.sensor_type]);
      if (iotFaultsOf(e).length === 0) {
        if (e.sensor_type === 'motion') assert.ok(e.value === 0 || e.value === 1);
        ids.add(e.event_id);
      }
    }
    const days = new Set(iot.map((e) => e.event_ts.slice(0, 10)));
    assert.deepEqual([...days].sort(), ['2026-02-01', '2026-02-02', '2026-02-03'], 'events do not span the days');
    assert.ok(ids.size > 9000);
  });

  test('CDC rows: the landing contract fields per entity with their JSON types and values', () => {
    for (const entity of CDC_ENTITIES) {
      const fields = ROW_FIELDS[entity];
      for (const f of files.filter((f) => f.entity === entity)) {
        for (const change of f.rows) {
          for (const row of [change.before, change.after].filter((r) => r !== null)) {
            assert.deepEqual(Object.keys(row), Object.keys(fields), `${f.path}: fields`);
            for (const [name, type] of Object.entries(fields)) {
              const v = row[name];
              if (v === null && change.after === row && name === Object.keys(fields)[0]) continue; // a null-key fault
              assert.ok(hasType(v, type), `${f.path}: ${entity}.${name} = ${JSON.stringify(v)} is not ${type}`);
              const allowed = ENUMS[entity]?.[name];
              if (allowed) assert.ok(allowed.includes(v), `${entity}.${name} = ${v}`);
            }
          }
        }
      }
    }
  });

  test('a run with another --start into the same folder adds a batch and keeps the first', async () => {
    const firstFiles = new Map(files.map((f) => [f.path, readFileSync(join(dir.path, f.path))]));
    const r = await runLakeflow([
      'simulate',
      '--out',
      dir.path,
      '--events',
      '2000',
      '--seed',
      '9',
      '--start',
      '2026-02-04T00:00:00Z',
      '--days',
      '1',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const second = readLanding(dir.path);
    assert.notEqual(second.manifest.batch, manifest.batch);
    for (const [path, bytes] of firstFiles) assert.ok(bytes.equals(readFileSync(join(dir.path, path))), `${path} changed`);
    const added = second.files.filter((f) => !firstFiles.has(f.path)).map((f) => f.path);
    assert.deepEqual(
      added,
      second.manifest.files.map((f: Json) => f.path),
    );
    assert.ok(added.every((p) => p.includes(`part-${second.manifest.batch}-`)));
    // Later batches continue the database's lsn sequence.
    const maxFirst = Math.max(...files.filter((f) => f.entity !== 'iot_events').flatMap((f) => f.rows.map((c) => c.source.lsn)));
    const minSecond = Math.min(
      ...second.files.filter((f) => f.entity !== 'iot_events' && added.includes(f.path)).flatMap((f) => f.rows.map((c) => c.source.lsn)),
    );
    assert.ok(minSecond > maxFirst);
  });
});
