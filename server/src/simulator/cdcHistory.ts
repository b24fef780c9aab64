// The change history of one entity over the window: snapshot, inserts,
// updates and deletes, plus the injected CDC faults. Each key's changes are
// generated in time order; faults that concern delivery order (out-of-order,
// late) are given keys of their own with exactly two close updates, so that
// moving those updates in the files is the key's only anomaly.
import { Prng } from './prng';
import { ChangeEvent } from './changeEvent';
import { CdcModel } from './cdcModels';
import { CdcTimeline } from './cdcTimeline';
import { CdcOp, KEY_FIELD, Key, Row } from './entityTypes';
import { CDC_FAULT_RATES, CDC_MIN_PER_FAULT, CdcFault, faultCount } from './faultRates';

interface KeyState {
  key: Key;
  row: Row;
  createdMs: number;
  inserted: boolean;
  deleteMs: number | null;
  updateTimes: number[];
}

/** What the sequencer must do to deliver a fault key's pair out of order. */
export interface DeliveryFault {
  kind: 'out_of_order_update' | 'late_update';
  /** The older update, which is written after the newer one. */
  older: ChangeEvent;
  newer: ChangeEvent;
}

export interface EntityHistory {
  events: ChangeEvent[];
  deliveryFaults: DeliveryFault[];
}

const MAX_PAIR_DELAY_MS = 600_000;

export function entityHistory(model: CdcModel, rng: Prng, timeline: CdcTimeline, seq: { next: number }): EntityHistory {
  const events: ChangeEvent[] = [];
  const keyField = KEY_FIELD[model.entity];
  const emit = (op: CdcOp, tsMs: number, before: Row | null, after: Row | null, key: Key | null, fault: CdcFault | null) => {
    const e: ChangeEvent = {
      entity: model.entity,
      op,
      tsMs,
      before,
      after,
      key,
      fault,
      seq: seq.next++,
      lsn: 0,
      txId: 0,
      lagMs: rng.int(5, 1500),
    };
    events.push(e);
    return e;
  };
  const { changesFromMs, endMs } = timeline;
  const anyTime = () => rng.int(changesFromMs, endMs - 1);

  for (const row of model.snapshot) emit('r', timeline.startMs, null, row, row[keyField], null);

  const base = model.plannedInserts + model.plannedUpdates;
  const count = (fault: CdcFault) => (model.faulty ? faultCount(CDC_FAULT_RATES[fault], base, CDC_MIN_PER_FAULT) : 0);

  // Keys reserved for delivery faults come from the snapshot and get nothing else.
  const eligible = model.snapshot.filter((r) => model.canUpdateTwice(r));
  const wantedOoo = count('out_of_order_update');
  const wantedLate = count('late_update');
  const reserved = rng.sample(eligible.length, wantedOoo + wantedLate).map((i) => eligible[i]);
  const reservedKeys = new Set(reserved.map((r) => r[keyField] as Key));
  // A shortage of eligible rows shortens both kinds in proportion.
  const oooShare = wantedOoo + wantedLate === 0 ? 0 : Math.ceil((reserved.length * wantedOoo) / (wantedOoo + wantedLate));
  const oooRows = reserved.slice(0, oooShare);
  const lateRows = reserved.slice(oooShare);

  const states: KeyState[] = model.snapshot
    .filter((r) => !reservedKeys.has(r[keyField] as Key))
    .map((row) => ({ key: row[keyField] as Key, row, createdMs: timeline.startMs, inserted: false, deleteMs: null, updateTimes: [] }));
  for (let k = 0; k < model.plannedInserts; k++) {
    const createdMs = anyTime();
    const key = model.insertKey(k);
    states.push({ key, row: model.insert(rng, key, createdMs), createdMs, inserted: true, deleteMs: null, updateTimes: [] });
  }

  const deletable = states.filter((s) => model.deletesSnapshotRows || s.inserted);
  for (const i of rng.sample(deletable.length, count('delete'))) {
    const s = deletable[i];
    const from = Math.max(s.createdMs, changesFromMs) + 2;
    if (from < endMs) s.deleteMs = rng.int(from, endMs - 1);
  }
  for (let u = 0; u < model.plannedUpdates && states.length > 0; u++) {
    const s = rng.pick(states);
    const from = Math.max(s.createdMs, changesFromMs) + 1;
    const to = (s.deleteMs ?? endMs) - 1;
    if (to > from) s.updateTimes.push(rng.int(from, to - 1));
  }

  const changes: ChangeEvent[] = [];
  for (const s of states) {
    const pending = [...s.updateTimes].sort((a, b) => a - b);
    let row = s.row;
    if (s.inserted) changes.push(emit('c', s.createdMs, null, row, s.key, null));
    for (const ts of pending) {
      const next = model.update(rng, row, ts);
      if (!next) break;
      changes.push(emit('u', ts, row, next, s.key, null));
      row = next;
    }
    if (s.deleteMs !== null) emit('d', s.deleteMs, row, null, s.key, 'delete');
  }

  const deliveryFaults: DeliveryFault[] = [];
  const pairFor = (row: Row, kind: DeliveryFault['kind'], lastSlice: number) => {
    const steps = twoUpdates(model, rng, row);
    if (!steps) return;
    const [from, to] = timeline.sliceBounds(rng.int(0, lastSlice));
    const t1 = rng.int(from, to - MAX_PAIR_DELAY_MS - 2);
    const t2 = t1 + rng.int(1, MAX_PAIR_DELAY_MS);
    const key = row[keyField] as Key;
    const older = emit('u', t1, row, touchedAt(steps[0], t1), key, kind);
    const newer = emit('u', t2, older.after, touchedAt(steps[1], t2), key, null);
    deliveryFaults.push({ kind, older, newer });
  };
  for (const row of oooRows) pairFor(row, 'out_of_order_update', timeline.slices - 1);
  for (const row of lateRows) pairFor(row, 'late_update', timeline.slices - 2);

  // Null-key changes: copies of real inserts/updates whose key got lost.
  const sources = changes.filter((e) => e.op === 'c' || e.op === 'u');
  for (let i = 0; i < count('null_key') && sources.length > 0; i++) {
    const src = rng.pick(sources);
    const ts = Math.min(endMs - 1, src.tsMs + rng.int(1, 60_000));
    emit(src.op, ts, null, { ...(src.after as Row), [keyField]: null }, null, 'null_key');
  }
  return { events, deliveryFaults };
}

/** Two successive updates of `row`, retrying the random branch a few times. */
function twoUpdates(model: CdcModel, rng: Prng, row: Row): [Row, Row] | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = model.update(rng, row, 0);
    const second = first && model.update(rng, first, 0);
    if (first && second) return [first, second];
  }
  return null;
}

function touchedAt(row: Row, tsMs: number): Row {
  return { ...row, updated_at: new Date(tsMs).toISOString() };
}
