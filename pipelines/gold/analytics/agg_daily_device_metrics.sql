-- Gold analytics: one row per device, sensor type and day, the grain of the daily
-- operations dashboard: reading statistics plus how many readings were suspect.
CREATE OR REFRESH MATERIALIZED VIEW agg_daily_device_metrics
COMMENT 'Daily per-device, per-sensor reading statistics (count, avg, min, max, stddev) with out-of-range and threshold breach counts.'
TBLPROPERTIES ('quality' = 'gold')
AS SELECT
  device_id,
  customer_id,
  location_id,
  sensor_type,
  event_date,
  date_key,
  count(*) AS reading_count,
  avg(value) AS avg_value,
  min(value) AS min_value,
  max(value) AS max_value,
  stddev_samp(value) AS stddev_value,
  count_if(is_out_of_range) AS out_of_range_count,
  count_if(is_threshold_breach) AS threshold_breach_count,
  avg(battery_level) AS avg_battery_level,
  min(battery_level) AS min_battery_level,
  avg(signal_strength) AS avg_signal_strength,
  min(event_ts) AS first_reading_ts,
  max(event_ts) AS last_reading_ts
FROM fct_iot_events
WHERE event_date IS NOT NULL
GROUP BY device_id, customer_id, location_id, sensor_type, event_date, date_key;
