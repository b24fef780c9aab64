// The state of the source database when the simulated window opens: the rows
// of the initial snapshot (op r) and, for event generation, what each device
// measures and how. Children refer only to snapshot parents, which are never
// deleted, so every foreign key stays live through the window.
import { Prng } from './prng';
import { CdcEntity, Row } from './entityTypes';
import { EntityScale } from './entityScale';
import { CITIES, City } from './referenceData';
import { DAY_MS } from './simulateOptions';
import { SensorType, SENSOR_TYPES } from './sensors';
import {
  deviceId,
  makeAlert,
  makeCustomer,
  makeDevice,
  makeLocation,
  makeOrder,
  makeProduct,
  makeThresholds,
  sensorsOfCategory,
} from './rowFactories';

/** What event generation needs to know about one device. */
export interface DeviceProfile {
  deviceId: string;
  sensors: SensorType[];
  firmware: string;
  baseTemperature: number;
  baseHumidity: number;
  basePressure: number;
  batteryAtStart: number;
  signalBase: number;
}

export interface SnapshotWorld {
  rows: Record<CdcEntity, Row[]>;
  devices: DeviceProfile[];
  /** For CDC inserts: parents a new child may refer to. */
  cityOfLocation: Map<number, City>;
}

export function buildSnapshotWorld(rng: Prng, scale: EntityScale, startMs: number): SnapshotWorld {
  const past = (maxDays: number) => startMs - rng.int(1, maxDays * DAY_MS);
  const customers = range(scale.customers).map((id) => makeCustomer(rng, id, past(720)));
  const products = range(scale.products).map((id) => makeProduct(rng, id, past(720)));
  const cityOfLocation = new Map<number, City>();
  // Location i belongs to customer ((i-1) mod C)+1: every customer has a site.
  const locations = range(scale.locations).map((id) => {
    const city = rng.pick(CITIES);
    cityOfLocation.set(id, city);
    return makeLocation(rng, id, ((id - 1) % scale.customers) + 1, city, past(360));
  });
  const devices: Row[] = [];
  const profiles: DeviceProfile[] = [];
  for (let n = 1; n <= scale.devices; n++) {
    const location = rng.pick(locations);
    const product = rng.pick(products);
    const device = makeDevice(rng, n, location, product, past(360));
    devices.push(device);
    const city = cityOfLocation.get(Number(location.location_id)) as City;
    profiles.push({
      deviceId: deviceId(n),
      sensors: sensorsOfCategory(String(product.category)),
      firmware: String(device.firmware_version),
      // Indoor sites are tempered: pull the city's climate towards 20 C.
      baseTemperature: (city.baseTemperature + 20) / 2 + rng.between(-3, 3),
      baseHumidity: Math.min(90, Math.max(15, city.baseHumidity + rng.between(-15, 5))),
      basePressure: 1013 + rng.between(-12, 12),
      batteryAtStart: rng.int(35, 100),
      signalBase: rng.int(-95, -45),
    });
  }
  const thresholds = makeThresholds(startMs - 400 * DAY_MS);
  const orders = range(scale.snapshotOrders).map((id) => {
    const orderMs = past(60);
    const status = snapshotOrderStatus(rng);
    const updatedMs = status === 'placed' ? orderMs : orderMs + rng.int(0, startMs - orderMs - 1);
    return makeOrder(rng, id, rng.int(1, scale.customers), rng.pick(products), orderMs, status, updatedMs);
  });
  const alerts = range(scale.snapshotAlerts).map((id) => {
    const profile = rng.pick(profiles);
    const alertMs = past(14);
    const status = rng.chance(0.6) ? 'open' : 'acknowledged';
    return makeAlert(rng, id, profile.deviceId, thresholdFor(rng, thresholds, rng.pick(profile.sensors)), alertMs, status, alertMs);
  });
  return {
    rows: { customers, products, locations, devices, alert_thresholds: thresholds, orders, alerts },
    devices: profiles,
    cityOfLocation,
  };
}

function snapshotOrderStatus(rng: Prng): string {
  const u = rng.float();
  return u < 0.4 ? 'placed' : u < 0.6 ? 'shipped' : u < 0.95 ? 'delivered' : 'cancelled';
}

/** Lower severities fire far more often than critical ones. */
export function thresholdFor(rng: Prng, thresholds: Row[], sensor: SensorType): Row {
  const u = rng.float();
  const severityIndex = u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
  return thresholds[SENSOR_TYPES.indexOf(sensor) * 4 + severityIndex];
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
