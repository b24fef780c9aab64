-- Gold fact: every deduplicated sensor reading with its device, customer, location and
-- date keys, and whether it breaches the live alert thresholds for its sensor type
-- (how many, and the most severe one), so breach analysis needs no further joins.
CREATE OR REFRESH MATERIALIZED VIEW fct_iot_events
COMMENT 'IoT reading fact: one row per deduplicated reading with dimension keys, quality flags and threshold breach flags.'
TBLPROPERTIES ('quality' = 'gold')
AS WITH live_thresholds AS (
  SELECT
    threshold_id,
    sensor_type,
    min_value,
    max_value,
    CASE severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 ELSE 0 END AS severity_rank
  FROM stg_alert_thresholds
  WHERE NOT _is_deleted
),
threshold_breaches AS (
  SELECT
    e.event_id,
    count(*) AS breached_threshold_count,
    max(t.severity_rank) AS max_breached_severity_rank
  FROM stg_iot_events AS e
  JOIN live_thresholds AS t
    ON t.sensor_type = e.sensor_type
   AND (e.value < t.min_value OR e.value > t.max_value)
  GROUP BY e.event_id
)
SELECT
  e.event_id,
  e.device_id,
  d.customer_id,
  d.location_id,
  d.product_id,
  year(e.event_date) * 10000 + month(e.event_date) * 100 + dayofmonth(e.event_date) AS date_key,
  e.event_ts,
  e.event_date,
  e.event_hour,
  e.sensor_type,
  e.value,
  e.unit,
  e.battery_level,
  e.signal_strength,
  e.is_out_of_range,
  e.is_low_battery,
  e.is_weak_signal,
  d.device_id IS NULL AS is_unknown_device,
  coalesce(b.breached_threshold_count, 0) > 0 AS is_threshold_breach,
  coalesce(b.breached_threshold_count, 0) AS breached_threshold_count,
  CASE b.max_breached_severity_rank
    WHEN 1 THEN 'low'
    WHEN 2 THEN 'medium'
    WHEN 3 THEN 'high'
    WHEN 4 THEN 'critical'
  END AS max_breached_severity
FROM stg_iot_events AS e
LEFT JOIN dim_devices AS d ON d.device_id = e.device_id
LEFT JOIN threshold_breaches AS b ON b.event_id = e.event_id;
