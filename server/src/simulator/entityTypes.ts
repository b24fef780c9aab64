// The seven CDC entities of the landing layout and the shape of their rows.

/** In snapshot order: parents before the children that refer to them. */
export const CDC_ENTITIES = ['customers', 'products', 'locations', 'devices', 'alert_thresholds', 'orders', 'alerts'] as const;
export type CdcEntity = (typeof CDC_ENTITIES)[number];

export const KEY_FIELD: Record<CdcEntity, string> = {
  customers: 'customer_id',
  products: 'product_id',
  locations: 'location_id',
  devices: 'device_id',
  alert_thresholds: 'threshold_id',
  orders: 'order_id',
  alerts: 'alert_id',
};

export type Key = number | string;
/** A row as it appears in a Debezium `before`/`after`; field order is the README's. */
export type Row = Record<string, string | number | null>;

export type CdcOp = 'r' | 'c' | 'u' | 'd';
