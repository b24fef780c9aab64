// The bundled pipeline's dataset graph, written by hand from the SQL in
// pipelines/ (each dataset's FROM and JOIN sources): the reference the
// analyser's graph (pipelineDatasets.test.ts) and `lakeflow check`'s edges
// (cli/checkCommand.test.ts) are compared with.
export const EXPECTED_UPSTREAM: Record<string, string[]> = {
  iot_events: [],
  cdc_customers: [],
  cdc_products: [],
  cdc_orders: [],
  cdc_devices: [],
  cdc_locations: [],
  cdc_alerts: [],
  cdc_alert_thresholds: [],
  stg_iot_events: ['iot_events'],
  stg_customers: ['cdc_customers'],
  stg_products: ['cdc_products'],
  stg_orders: ['cdc_orders'],
  stg_devices: ['cdc_devices'],
  stg_locations: ['cdc_locations'],
  stg_alerts: ['cdc_alerts'],
  stg_alert_thresholds: ['cdc_alert_thresholds'],
  dim_customers: ['stg_customers', 'stg_devices', 'stg_locations', 'stg_orders'],
  dim_devices: ['stg_alerts', 'stg_devices', 'stg_iot_events', 'stg_products'],
  dim_locations: ['stg_customers', 'stg_devices', 'stg_locations'],
  dim_date: ['stg_iot_events', 'stg_orders'],
  fct_iot_events: ['dim_devices', 'stg_alert_thresholds', 'stg_iot_events'],
  fct_orders: ['stg_orders', 'stg_products'],
  fct_alerts: ['dim_devices', 'stg_alert_thresholds', 'stg_alerts'],
  agg_daily_device_metrics: ['fct_iot_events'],
  agg_hourly_device_metrics: ['fct_iot_events'],
  agg_customer_summary: ['agg_daily_device_metrics', 'dim_customers', 'dim_devices', 'fct_alerts'],
};

/** Every edge of the graph, `from -> to`, sorted. */
export function expectedEdges(): string[] {
  return Object.entries(EXPECTED_UPSTREAM)
    .flatMap(([to, from]) => from.map((f) => `${f} -> ${to}`))
    .sort();
}
