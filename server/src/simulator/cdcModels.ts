// How each entity changes during the window: what an insert looks like, what
// an update touches, how many of each to plan, and which rows may be deleted.
// Foreign keys of new rows point at snapshot parents, which are never
// deleted; parents delete only rows inserted during the window, which no
// child refers to. So no change ever orphans a reference.
import { Prng } from './prng';
import { CdcEntity, Key, Row } from './entityTypes';
import { EntityScale } from './entityScale';
import { isoMillis } from './isoTime';
import { CITIES, SITE_KINDS, STREETS } from './referenceData';
import { SnapshotWorld, thresholdFor } from './snapshotWorld';
import {
  CUSTOMER_SEGMENTS,
  DEVICE_STATUSES,
  deviceId,
  firmwareVersion,
  makeAlert,
  makeCustomer,
  makeDevice,
  makeLocation,
  makeOrder,
  makeProduct,
  phoneNumber,
} from './rowFactories';

export interface CdcModel {
  entity: CdcEntity;
  snapshot: Row[];
  plannedInserts: number;
  plannedUpdates: number;
  /** False for alert thresholds: the pipeline stops on a bad one. */
  faulty: boolean;
  /** Leaf entities may delete snapshot rows; parents only window inserts. */
  deletesSnapshotRows: boolean;
  /** The key of the k-th (0-based) row inserted during the window. */
  insertKey(k: number): Key;
  insert(rng: Prng, key: Key, tsMs: number): Row;
  /** The row after one more change at `tsMs`, or null when it cannot change further. */
  update(rng: Prng, row: Row, tsMs: number): Row | null;
  /** Whether a row can take two successive updates (needed for ordering faults). */
  canUpdateTwice(row: Row): boolean;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const touched = (row: Row, tsMs: number, change: Row): Row => ({ ...row, ...change, updated_at: isoMillis(tsMs) });
const always = () => true;

export function cdcModels(world: SnapshotWorld, scale: EntityScale): CdcModel[] {
  const { rows } = world;
  const snapshotOf = (e: CdcEntity) => rows[e];
  const nextInt = (e: CdcEntity) => (k: number) => snapshotOf(e).length + k + 1;
  const parentInserts = (n: number, share: number) => Math.max(3, Math.round(n * share));
  const parent = (entity: CdcEntity, inserts: number, updates: number) => ({
    entity,
    snapshot: snapshotOf(entity),
    plannedInserts: inserts,
    plannedUpdates: updates,
    faulty: true,
    deletesSnapshotRows: false,
    canUpdateTwice: always,
  });
  // Orders and alerts: nothing refers to them, so any of their rows may go.
  const leaf = (entity: CdcEntity, inserts: number, updates: number) => ({
    entity,
    snapshot: snapshotOf(entity),
    plannedInserts: inserts,
    plannedUpdates: updates,
    faulty: true,
    deletesSnapshotRows: true,
    insertKey: nextInt(entity),
  });

  const customers: CdcModel = {
    ...parent('customers', parentInserts(scale.customers, 0.05), Math.round(scale.customers * 0.3) + 2),
    insertKey: nextInt('customers'),
    insert: (rng, key, ts) => makeCustomer(rng, Number(key), ts),
    update: (rng, row, ts) => {
      const u = rng.float();
      if (u < 0.4) return touched(row, ts, { phone: phoneNumber(rng) });
      if (u < 0.7) return touched(row, ts, { email: String(row.email).replace('@', `.${rng.int(1, 99)}@`) });
      return touched(row, ts, { segment: rng.pick(CUSTOMER_SEGMENTS.filter((s) => s !== row.segment)) });
    },
  };

  const products: CdcModel = {
    ...parent('products', parentInserts(scale.products, 0.05), Math.round(scale.products * 0.5) + 2),
    insertKey: nextInt('products'),
    insert: (rng, key, ts) => makeProduct(rng, Number(key), ts),
    update: (rng, row, ts) => touched(row, ts, { unit_price: round2(Number(row.unit_price) * rng.between(0.9, 1.1)) }),
  };

  const locations: CdcModel = {
    ...parent('locations', parentInserts(scale.locations, 0.05), Math.round(scale.locations * 0.2) + 2),
    insertKey: nextInt('locations'),
    insert: (rng, key, ts) => makeLocation(rng, Number(key), rng.int(1, scale.customers), rng.pick(CITIES), ts),
    update: (rng, row, ts) =>
      rng.chance(0.5)
        ? touched(row, ts, { name: `${rng.pick(SITE_KINDS)} ${row.location_id}` })
        : touched(row, ts, { address: `${rng.int(1, 250)} ${rng.pick(STREETS)}` }),
  };

  const devices: CdcModel = {
    ...parent('devices', parentInserts(scale.devices, 0.08), scale.devices),
    insertKey: (k) => deviceId(scale.devices + k + 1),
    insert: (rng, key, ts) => {
      const device = makeDevice(rng, scale.devices + 1, rng.pick(rows.locations), rng.pick(rows.products), ts);
      return { ...device, device_id: key };
    },
    update: (rng, row, ts) =>
      rng.chance(0.6)
        ? touched(row, ts, { firmware_version: firmwareVersion(rng) })
        : touched(row, ts, { status: rng.pick(DEVICE_STATUSES.filter((s) => s !== row.status)) }),
  };

  const thresholds: CdcModel = {
    entity: 'alert_thresholds',
    snapshot: rows.alert_thresholds,
    plannedInserts: 0,
    plannedUpdates: 0,
    faulty: false,
    deletesSnapshotRows: false,
    canUpdateTwice: () => false,
    insertKey: nextInt('alert_thresholds'),
    insert: () => {
      throw new Error('alert thresholds are not inserted during the window');
    },
    update: () => null,
  };

  const orders: CdcModel = {
    ...leaf('orders', scale.newOrders, Math.round(scale.newOrders * 1.5)),
    insert: (rng, key, ts) => makeOrder(rng, Number(key), rng.int(1, scale.customers), rng.pick(rows.products), ts, 'placed', ts),
    // placed -> shipped (or cancelled) -> delivered; then the order is final.
    update: (rng, row, ts) => {
      if (row.status === 'placed') return touched(row, ts, { status: rng.chance(0.9) ? 'shipped' : 'cancelled' });
      if (row.status === 'shipped') return touched(row, ts, { status: 'delivered' });
      return null;
    },
    canUpdateTwice: (row) => row.status === 'placed',
  };

  const alerts: CdcModel = {
    ...leaf('alerts', scale.newAlerts, Math.round(scale.newAlerts * 1.2)),
    insert: (rng, key, ts) => {
      const profile = rng.pick(world.devices);
      const threshold = thresholdFor(rng, rows.alert_thresholds, rng.pick(profile.sensors));
      return makeAlert(rng, Number(key), profile.deviceId, threshold, ts, 'open', ts);
    },
    // open -> acknowledged (or straight to resolved) -> resolved.
    update: (rng, row, ts) => {
      if (row.status === 'open') return touched(row, ts, { status: rng.chance(0.7) ? 'acknowledged' : 'resolved' });
      if (row.status === 'acknowledged') return touched(row, ts, { status: 'resolved' });
      return null;
    },
    canUpdateTwice: (row) => row.status === 'open',
  };

  return [customers, products, locations, devices, thresholds, orders, alerts];
}
