-- Gold dimension: live devices with their product, their latest telemetry and a 0-100
-- health score. The score weighs battery (40%), signal (30%) and alerts raised in the
-- seven days before the device's last reading (30%); relative to the last reading, not
-- today, so the score of a replayed or simulated history is stable.
CREATE OR REFRESH MATERIALIZED VIEW dim_devices
COMMENT 'Device dimension: one row per live device with product, location and customer keys, latest telemetry and a 0-100 health score.'
TBLPROPERTIES ('quality' = 'gold')
AS WITH latest_telemetry AS (
  SELECT
    device_id,
    max(event_ts) AS last_seen_ts,
    max_by(battery_level, event_ts) AS battery_level,
    max_by(signal_strength, event_ts) AS signal_strength,
    max_by(firmware_version, event_ts) AS reported_firmware_version,
    count(*) AS reading_count
  FROM stg_iot_events
  GROUP BY device_id
),
recent_alerts AS (
  SELECT
    a.device_id,
    count(*) AS recent_alert_count,
    count_if(a.severity IN ('high', 'critical')) AS recent_severe_alert_count
  FROM stg_alerts AS a
  JOIN latest_telemetry AS t
    ON t.device_id = a.device_id
  WHERE NOT a._is_deleted
    AND a.alert_ts >= t.last_seen_ts - INTERVAL 7 DAYS
  GROUP BY a.device_id
),
device_scores AS (
  SELECT
    d.device_id,
    d.customer_id,
    d.location_id,
    d.product_id,
    d.serial_number,
    d.model,
    d.firmware_version,
    d.status,
    d.installed_at,
    d.updated_at,
    t.last_seen_ts,
    t.battery_level,
    t.signal_strength,
    t.reported_firmware_version,
    coalesce(t.reading_count, 0) AS reading_count,
    coalesce(r.recent_alert_count, 0) AS recent_alert_count,
    coalesce(r.recent_severe_alert_count, 0) AS recent_severe_alert_count,
    least(greatest(coalesce(t.battery_level, 0), 0), 100) AS battery_score,
    least(greatest((coalesce(t.signal_strength, -120) + 120) * 100.0 / 120, 0), 100) AS signal_score,
    greatest(100 - 10 * coalesce(r.recent_alert_count, 0) - 15 * coalesce(r.recent_severe_alert_count, 0), 0) AS alert_score
  FROM stg_devices AS d
  LEFT JOIN latest_telemetry AS t ON t.device_id = d.device_id
  LEFT JOIN recent_alerts AS r ON r.device_id = d.device_id
  WHERE NOT d._is_deleted
),
device_health AS (
  SELECT
    device_id,
    customer_id,
    location_id,
    product_id,
    serial_number,
    model,
    firmware_version,
    reported_firmware_version,
    status,
    installed_at,
    updated_at,
    last_seen_ts,
    battery_level,
    signal_strength,
    reading_count,
    recent_alert_count,
    recent_severe_alert_count,
    0.4 * battery_score + 0.3 * signal_score + 0.3 * alert_score AS health_points
  FROM device_scores
)
SELECT
  s.device_id,
  s.customer_id,
  s.location_id,
  s.product_id,
  p.name AS product_name,
  p.category AS product_category,
  s.serial_number,
  s.model,
  s.firmware_version,
  s.reported_firmware_version,
  s.status,
  s.installed_at,
  s.last_seen_ts,
  s.battery_level,
  s.signal_strength,
  s.reading_count,
  s.recent_alert_count,
  s.recent_severe_alert_count,
  CAST(round(s.health_points, 1) AS DECIMAL(4, 1)) AS health_score,
  CASE
    WHEN s.last_seen_ts IS NULL THEN 'unknown'
    WHEN s.health_points >= 70 THEN 'healthy'
    WHEN s.health_points >= 40 THEN 'degraded'
    ELSE 'critical'
  END AS health_status,
  s.updated_at
FROM device_health AS s
LEFT JOIN stg_products AS p
  ON p.product_id = s.product_id AND NOT p._is_deleted;
