// The manifest must count exactly what a reader finds in the files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CDC_ENTITIES, LandingFile, Json, readLanding, recountCdc, recountIot, runLakeflow, tempDir } from './landingReader';

const EVENTS = 20_000;

describe('manifest counts match the files', () => {
  const dir = tempDir();
  let manifest: Json;
  let files: LandingFile[];
  before(async () => {
    const r = await runLakeflow(['simulate', '--out', dir.path, '--events', String(EVENTS), '--seed', '11', '--days', '3']);
    assert.equal(r.code, 0, r.stderr);
    ({ manifest, files } = readLanding(dir.path));
  });
  after(() => dir.remove());

  test('lists every file on disk with its line count and byte size', () => {
    assert.deepEqual(
      manifest.files.map((f: Json) => f.path),
      files.map((f) => f.path),
    );
    for (const f of files) {
      const listed = manifest.files.find((m: Json) => m.path === f.path);
      assert.equal(listed.entity, f.entity, f.path);
      assert.equal(listed.records, f.raw.length, f.path);
      assert.equal(listed.bytes, f.bytes, f.path);
    }
  });

  test('entity totals are the sums over their files', () => {
    for (const entity of ['iot_events', ...CDC_ENTITIES]) {
      const mine = files.filter((f) => f.entity === entity);
      const totals = manifest.entities[entity];
      assert.equal(totals.files, mine.length, entity);
      assert.equal(
        totals.records,
        mine.reduce((n, f) => n + f.raw.length, 0),
        entity,
      );
      assert.equal(
        totals.bytes,
        mine.reduce((n, f) => n + f.bytes, 0),
        entity,
      );
    }
    assert.equal(manifest.entities.iot_events.records, EVENTS);
  });

  test('IoT faults recount exactly, one fault per line, at the stated rates', () => {
    const iot = recountIot(files);
    assert.equal(iot.lines, EVENTS);
    assert.equal(iot.multiFault, 0, 'a line carries more than one fault');
    assert.equal(iot.duplicateIdWithOtherContent, 0, 'an event id reused by a different reading');
    assert.deepEqual(iot.counts, manifest.faults.iot_events);
    for (const [fault, rate] of Object.entries(manifest.fault_rates.iot_events as Record<string, number>)) {
      assert.ok(Math.abs(iot.counts[fault] - rate * EVENTS) <= 1, `${fault}: ${iot.counts[fault]} vs rate ${rate}`);
      assert.ok(iot.counts[fault] > 0, `${fault} never injected`);
    }
    const expected = manifest.expected.iot_events;
    assert.equal(expected.distinct_valid_events, iot.distinctValid);
    assert.equal(expected.duplicate_lines, iot.counts.duplicate_event);
    assert.equal(expected.lines - expected.invalid_lines - expected.duplicate_lines, iot.distinctValid);
  });

  for (const entity of CDC_ENTITIES) {
    test(`${entity}: faults, ops and current-state counts recount exactly`, () => {
      const cdc = recountCdc(files, entity);
      assert.deepEqual(cdc.counts, manifest.faults[entity]);
      const expected = manifest.expected[entity];
      assert.deepEqual(cdc.ops, expected.ops);
      assert.equal(cdc.distinctKeys, expected.distinct_keys);
      assert.equal(cdc.liveKeys, expected.live_keys);
      assert.equal(cdc.deletedKeys, expected.deleted_keys);
      if (entity === 'alert_thresholds') {
        assert.deepEqual(cdc.counts, { null_key: 0, delete: 0, out_of_order_update: 0, late_update: 0 });
      } else {
        for (const [fault, n] of Object.entries(cdc.counts)) assert.ok(n > 0, `${entity}: no ${fault}`);
        assert.ok(cdc.ops.r > 0 && cdc.ops.c > 0 && cdc.ops.u > 0, `${entity}: missing snapshot, inserts or updates`);
      }
    });
  }
});
