// Every foreign key resolves: to a key present in the referenced entity's
// stream, and (since parents that children use are never deleted) to one
// still live after applying the greatest lsn per key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CDC_ENTITIES,
  CDC_ENTITY_KEYS,
  Json,
  LandingFile,
  cdcChanges,
  readLanding,
  recountCdc,
  runLakeflow,
  tempDir,
} from './landingReader';

describe('referential consistency', () => {
  const dir = tempDir();
  let files: LandingFile[];
  const present = new Map<string, Set<unknown>>();
  const live = new Map<string, Map<unknown, Json>>();
  /** Every non-null-key row version of an entity, from before and after images. */
  const versions = (entity: string): Json[] =>
    cdcChanges(files, entity)
      .flatMap((c) => [c.change.before, c.change.after])
      .filter((row) => row && row[CDC_ENTITY_KEYS[entity]] !== null);

  before(async () => {
    const r = await runLakeflow(['simulate', '--out', dir.path, '--events', '8000', '--seed', '5']);
    assert.equal(r.code, 0, r.stderr);
    files = readLanding(dir.path).files;
    for (const entity of CDC_ENTITIES) {
      present.set(
        entity,
        new Set(
          cdcChanges(files, entity)
            .map((c) => c.key)
            .filter((k) => k !== null),
        ),
      );
      const current = new Map<unknown, Json>();
      for (const [key, change] of recountCdc(files, entity).latest) if (change.op !== 'd') current.set(key, change.after);
      live.set(entity, current);
    }
  });
  after(() => dir.remove());

  const resolves = (entity: string, key: unknown, what: string) => {
    assert.ok(present.get(entity)?.has(key), `${what}: ${entity} ${key} is not in the ${entity} stream`);
    assert.ok(live.get(entity)?.has(key), `${what}: ${entity} ${key} is deleted`);
  };

  test('locations belong to customers', () => {
    for (const row of versions('locations')) resolves('customers', row.customer_id, `location ${row.location_id}`);
  });

  test("devices belong to a location, to that location's customer, and are a product", () => {
    for (const row of versions('devices')) {
      resolves('locations', row.location_id, `device ${row.device_id}`);
      resolves('customers', row.customer_id, `device ${row.device_id}`);
      resolves('products', row.product_id, `device ${row.device_id}`);
      const location = live.get('locations')?.get(row.location_id);
      assert.equal(row.customer_id, location.customer_id, `device ${row.device_id} and its location disagree on the customer`);
    }
  });

  test('orders belong to customers and products', () => {
    for (const row of versions('orders')) {
      resolves('customers', row.customer_id, `order ${row.order_id}`);
      resolves('products', row.product_id, `order ${row.order_id}`);
    }
  });

  test('alerts belong to devices and thresholds, and breach their threshold', () => {
    for (const row of versions('alerts')) {
      resolves('devices', row.device_id, `alert ${row.alert_id}`);
      resolves('alert_thresholds', row.threshold_id, `alert ${row.alert_id}`);
      const threshold = live.get('alert_thresholds')?.get(row.threshold_id);
      assert.equal(row.sensor_type, threshold.sensor_type);
      assert.equal(row.severity, threshold.severity);
      assert.ok(row.value < threshold.min_value || row.value > threshold.max_value, `alert ${row.alert_id} does not breach its threshold`);
    }
  });

  test('alert thresholds: one per sensor type and severity', () => {
    const pairs = [...(live.get('alert_thresholds')?.values() ?? [])].map((t) => `${t.sensor_type}/${t.severity}`);
    assert.equal(new Set(pairs).size, pairs.length);
    assert.equal(pairs.length, 16);
  });

  test('IoT events refer to devices, spread over many of them', () => {
    const used = new Set<string>();
    for (const f of files.filter((f) => f.entity === 'iot_events')) {
      for (const e of f.rows) {
        if (e.device_id === null) continue;
        resolves('devices', e.device_id, `event ${e.event_id}`);
        used.add(e.device_id);
      }
    }
    assert.ok(used.size >= 0.8 * (live.get('devices')?.size ?? 0), `events use only ${used.size} devices`);
  });

  test('a device reports the sensor types of its product, the same for every device of that product', () => {
    const sensorsOf = new Map<string, Set<string>>();
    for (const f of files.filter((f) => f.entity === 'iot_events')) {
      for (const e of f.rows) {
        if (e.device_id === null || !['temperature', 'humidity', 'pressure', 'motion'].includes(e.sensor_type)) continue;
        if (!sensorsOf.has(e.device_id)) sensorsOf.set(e.device_id, new Set());
        sensorsOf.get(e.device_id)?.add(e.sensor_type);
      }
    }
    const productOf = new Map([...(live.get('devices')?.values() ?? [])].map((d) => [d.device_id, d.product_id]));
    // About 200 readings per device here: each device shows its full set.
    const setOfProduct = new Map<unknown, string>();
    for (const [device, sensors] of sensorsOf) {
      const set = [...sensors].sort().join(',');
      const product = productOf.get(device);
      assert.equal(setOfProduct.get(product) ?? set, set, `devices of product ${product} report different sensor types`);
      setOfProduct.set(product, set);
    }
    assert.ok(new Set(setOfProduct.values()).size > 1, 'every product reports the same sensor types');
  });
});
