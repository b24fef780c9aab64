// Builds one row of each CDC entity, in the field order and JSON types of
// docs/landing-data.md. Foreign keys are passed in, so consistency is the
// caller's choice, never an accident of generation.
import { Prng } from './prng';
import { isoMillis } from './isoTime';
import { Row } from './entityTypes';
import { City, CITIES, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, SITE_KINDS, STREETS } from './referenceData';
import { PRODUCT_CATEGORIES, SENSORS, SensorType, Severity, SENSOR_TYPES, SEVERITIES } from './sensors';

const round2 = (v: number) => Math.round(v * 100) / 100;

export const CUSTOMER_SEGMENTS = ['consumer', 'business', 'enterprise'] as const;
export const DEVICE_STATUSES = ['active', 'inactive', 'maintenance'] as const;

export function deviceId(n: number): string {
  return `dev-${String(n).padStart(6, '0')}`;
}

export function makeCustomer(rng: Prng, id: number, createdMs: number): Row {
  const segment = rng.pick(CUSTOMER_SEGMENTS);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const name = segment === 'consumer' ? `${first} ${last}` : `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)} ${id}`;
  const city = rng.pick(CITIES);
  return {
    customer_id: id,
    name,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${id}@example.com`,
    phone: phoneNumber(rng),
    country: city.country,
    segment,
    created_at: isoMillis(createdMs),
    updated_at: isoMillis(createdMs),
  };
}

export function phoneNumber(rng: Prng): string {
  return `+1-555-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** Products cycle through the categories, so every category exists. */
export function makeProduct(rng: Prng, id: number, createdMs: number): Row {
  const category = PRODUCT_CATEGORIES[(id - 1) % PRODUCT_CATEGORIES.length];
  const [lo, hi] = category.price;
  return {
    product_id: id,
    sku: `SKU-${category.category.slice(0, 3).toUpperCase()}-${String(id).padStart(4, '0')}`,
    name: `${category.model} ${rng.pick(['Mini', 'Plus', 'Pro', 'Max', 'Edge'])} ${id}`,
    category: category.category,
    unit_price: round2(rng.between(lo, hi)),
    created_at: isoMillis(createdMs),
    updated_at: isoMillis(createdMs),
  };
}

export function sensorsOfCategory(category: string): SensorType[] {
  return PRODUCT_CATEGORIES.find((c) => c.category === category)?.sensors ?? [];
}

export function modelOfCategory(category: string): string {
  return PRODUCT_CATEGORIES.find((c) => c.category === category)?.model ?? category;
}

export function makeLocation(rng: Prng, id: number, customerId: number, city: City, updatedMs: number): Row {
  return {
    location_id: id,
    customer_id: customerId,
    name: `${rng.pick(SITE_KINDS)} ${id}`,
    address: `${rng.int(1, 250)} ${rng.pick(STREETS)}`,
    city: city.city,
    country: city.country,
    latitude: round4(city.latitude + rng.between(-0.2, 0.2)),
    longitude: round4(city.longitude + rng.between(-0.2, 0.2)),
    timezone: city.timezone,
    updated_at: isoMillis(updatedMs),
  };
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

export function firmwareVersion(rng: Prng): string {
  return `1.${rng.int(0, 6)}.${rng.int(0, 9)}`;
}

export function makeDevice(rng: Prng, n: number, location: Row, product: Row, installedMs: number): Row {
  return {
    device_id: deviceId(n),
    customer_id: location.customer_id,
    location_id: location.location_id,
    product_id: product.product_id,
    serial_number: `SN${rng.next().toString(16).padStart(8, '0').toUpperCase()}`,
    model: modelOfCategory(String(product.category)),
    firmware_version: firmwareVersion(rng),
    status: rng.chance(0.9) ? 'active' : rng.pick(DEVICE_STATUSES),
    installed_at: isoMillis(installedMs),
    updated_at: isoMillis(installedMs),
  };
}

export function makeOrder(
  rng: Prng,
  id: number,
  customerId: number,
  product: Row,
  orderMs: number,
  status: string,
  updatedMs: number,
): Row {
  const quantity = rng.chance(0.7) ? rng.int(1, 3) : rng.int(4, 50);
  const unitPrice = Number(product.unit_price);
  return {
    order_id: id,
    customer_id: customerId,
    product_id: product.product_id,
    quantity,
    unit_price: unitPrice,
    total_amount: round2(unitPrice * quantity),
    status,
    order_ts: isoMillis(orderMs),
    updated_at: isoMillis(updatedMs),
  };
}

/** One threshold per sensor type and severity; ids 1..16 in that order. */
export function makeThresholds(updatedMs: number): Row[] {
  const rows: Row[] = [];
  for (const sensor of SENSOR_TYPES) {
    for (const severity of SEVERITIES) {
      const [min, max] = SENSORS[sensor].bands[severity];
      rows.push({
        threshold_id: rows.length + 1,
        sensor_type: sensor,
        min_value: min,
        max_value: max,
        severity,
        updated_at: isoMillis(updatedMs),
      });
    }
  }
  return rows;
}

/**
 * A reading that breaches the band of `severity` (outside [min,max]) while
 * staying inside the sensor's valid range and, below critical, inside the
 * next band up: the alert a threshold of that severity would raise.
 */
export function breachingValue(rng: Prng, sensor: SensorType, severity: Severity): number {
  const spec = SENSORS[sensor];
  if (sensor === 'motion') return 1;
  const [min, max] = spec.bands[severity];
  const next = SEVERITIES[SEVERITIES.indexOf(severity) + 1];
  const [outerMin, outerMax] = next ? spec.bands[next] : [spec.min, spec.max];
  const high = rng.chance(0.6);
  // Stay 0.01 clear of band edges so rounding never lands back on them.
  const v = high ? rng.between(max + 0.01, outerMax) : rng.between(outerMin, min - 0.01);
  return round2(v);
}

export function makeAlert(
  rng: Prng,
  id: number,
  deviceIdValue: string,
  threshold: Row,
  alertMs: number,
  status: string,
  updatedMs: number,
): Row {
  const sensor = threshold.sensor_type as SensorType;
  const severity = threshold.severity as Severity;
  return {
    alert_id: id,
    device_id: deviceIdValue,
    threshold_id: threshold.threshold_id,
    sensor_type: sensor,
    value: breachingValue(rng, sensor, severity),
    severity,
    status,
    alert_ts: isoMillis(alertMs),
    updated_at: isoMillis(updatedMs),
  };
}
