// The CDC sequence and how the files deliver it: one database-wide lsn order,
// a snapshot first, and the out-of-order and late deliveries really present.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CDC_ENTITIES, CDC_ENTITY_KEYS, Json, LandingFile, cdcChanges, readLanding, runLakeflow, tempDir } from './landingReader';

describe('CDC delivery', () => {
  const dir = tempDir();
  let files: LandingFile[];
  let all: Json[];
  before(async () => {
    const r = await runLakeflow(['simulate', '--out', dir.path, '--events', '5000', '--seed', '3', '--days', '2']);
    assert.equal(r.code, 0, r.stderr);
    files = readLanding(dir.path).files;
    all = files.filter((f) => f.entity !== 'iot_events').flatMap((f) => f.rows);
  });
  after(() => dir.remove());

  test('source.lsn is a strictly increasing integer sequence across the whole database', () => {
    const lsns = all.map((c) => c.source.lsn).sort((a, b) => a - b);
    assert.ok(lsns.length > 100);
    for (let i = 0; i < lsns.length; i++) {
      assert.ok(Number.isSafeInteger(lsns[i]), `lsn ${lsns[i]} is not an integer`);
      if (i > 0) assert.ok(lsns[i] > lsns[i - 1], `lsn ${lsns[i]} repeats`);
    }
  });

  test('lsn order follows commit time, and the snapshot precedes every change', () => {
    const byLsn = [...all].sort((a, b) => a.source.lsn - b.source.lsn);
    for (let i = 1; i < byLsn.length; i++) assert.ok(byLsn[i].source.ts_ms >= byLsn[i - 1].source.ts_ms);
    const lastSnapshot = Math.max(...all.filter((c) => c.op === 'r').map((c) => c.source.lsn));
    const firstChange = Math.min(...all.filter((c) => c.op !== 'r').map((c) => c.source.lsn));
    assert.ok(lastSnapshot < firstChange);
  });

  test('each entity starts with a snapshot file of op r only', () => {
    for (const entity of CDC_ENTITIES) {
      const mine = files.filter((f) => f.entity === entity);
      assert.ok(mine.length >= 1, entity);
      assert.ok(
        mine[0].rows.every((c) => c.op === 'r'),
        `${entity}: first file is not a snapshot`,
      );
      assert.ok(
        mine.slice(1).every((f) => f.rows.every((c) => c.op !== 'r')),
        `${entity}: snapshot rows after the first file`,
      );
    }
  });

  test('out-of-order updates: a newer lsn of the same key earlier in the same file', () => {
    for (const entity of CDC_ENTITIES.filter((e) => e !== 'alert_thresholds')) {
      const changes = cdcChanges(files, entity);
      const found = changes.filter(
        (c) =>
          c.key !== null &&
          changes.some((o) => o.file === c.file && o.position < c.position && o.key === c.key && o.change.source.lsn > c.change.source.lsn),
      );
      assert.ok(found.length > 0, `${entity}: no out-of-order update`);
      assert.ok(
        found.every((c) => c.change.op === 'u'),
        `${entity}: a displaced change is not an update`,
      );
    }
  });

  test('late updates: an older lsn of a key in a later file than a newer one', () => {
    for (const entity of CDC_ENTITIES.filter((e) => e !== 'alert_thresholds')) {
      const changes = cdcChanges(files, entity);
      const late = changes.filter(
        (c) =>
          c.key !== null && changes.some((o) => o.fileIndex < c.fileIndex && o.key === c.key && o.change.source.lsn > c.change.source.lsn),
      );
      assert.ok(late.length > 0, `${entity}: no late update`);
    }
  });

  test('envelopes have the Debezium shape of docs/landing-data.md', () => {
    for (const f of files.filter((f) => f.entity !== 'iot_events')) {
      for (const c of f.rows) {
        assert.deepEqual(Object.keys(c), ['before', 'after', 'op', 'ts_ms', 'source'], f.path);
        assert.deepEqual(Object.keys(c.source), ['version', 'connector', 'name', 'ts_ms', 'db', 'schema', 'table', 'lsn', 'txId']);
        assert.equal(c.source.connector, 'postgresql');
        assert.equal(c.source.name, 'iot');
        assert.equal(c.source.db, 'iot');
        assert.equal(c.source.schema, 'public');
        assert.equal(c.source.table, f.entity);
        assert.ok(Number.isInteger(c.ts_ms) && Number.isInteger(c.source.ts_ms) && Number.isInteger(c.source.txId));
        assert.ok(c.ts_ms >= c.source.ts_ms, 'the connector cannot emit before the commit');
        if (c.op === 'd') assert.ok(c.after === null && c.before !== null, 'a delete carries the old row in before');
        else assert.ok(c.after !== null, `op ${c.op} without after`);
        if (c.op === 'r' || c.op === 'c') assert.equal(c.before, null);
        if (c.op === 'u' && c.before !== null) {
          const key = CDC_ENTITY_KEYS[f.entity];
          assert.equal(c.before[key], c.after[key], 'an update keeps its key');
        }
      }
    }
  });
});
