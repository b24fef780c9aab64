// How many entities a run gets for a given number of events: enough devices
// that each one reports regularly, and parents scaled from them.

export interface EntityScale {
  devices: number;
  locations: number;
  customers: number;
  products: number;
  /** Orders already placed when the snapshot is taken. */
  snapshotOrders: number;
  /** Alerts still open or acknowledged when the snapshot is taken. */
  snapshotAlerts: number;
  /** Orders and alerts created during the window. */
  newOrders: number;
  newAlerts: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));

export function entityScale(events: number): EntityScale {
  const devices = clamp(events / 200, 20, 5000);
  const locations = clamp(devices / 4, 10, 1500);
  const customers = clamp(locations / 2, 10, 1000);
  return {
    devices,
    locations,
    customers,
    products: clamp(devices / 50, 10, 200),
    snapshotOrders: clamp(customers * 3, 30, 5000),
    snapshotAlerts: clamp(devices / 4, 10, 1000),
    newOrders: clamp(events / 200, 20, 20000),
    newAlerts: clamp(events / 500, 10, 10000),
  };
}
