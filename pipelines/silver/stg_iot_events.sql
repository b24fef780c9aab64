-- Silver: cleaned IoT readings, one row per event_id. Duplicate deliveries collapse to the
-- first one ingested, ISO timestamps become typed timestamps, and quality flags mark
-- readings that are kept but should be read with care.
CREATE OR REFRESH MATERIALIZED VIEW stg_iot_events (
  -- Warn only: an unparseable timestamp keeps the reading out of every time-based aggregate.
  CONSTRAINT valid_event_ts EXPECT (event_ts IS NOT NULL)
)
COMMENT 'Deduplicated, typed IoT sensor readings with quality flags (out of range, low battery, weak signal).'
TBLPROPERTIES ('quality' = 'silver')
AS WITH ranked_events AS (
  SELECT
    event_id,
    device_id,
    sensor_type,
    value,
    unit,
    event_ts,
    battery_level,
    signal_strength,
    firmware_version,
    _ingested_at,
    _source_file,
    ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY _ingested_at, _source_file) AS delivery_rank,
    count(*) OVER (PARTITION BY event_id) AS delivery_count
  FROM iot_events
),
typed_events AS (
  SELECT
    event_id,
    device_id,
    sensor_type,
    CAST(value AS DOUBLE) AS value,
    unit,
    CAST(event_ts AS TIMESTAMP) AS event_ts,
    CAST(battery_level AS INT) AS battery_level,
    CAST(signal_strength AS INT) AS signal_strength,
    firmware_version,
    delivery_count,
    _ingested_at,
    _source_file
  FROM ranked_events
  WHERE delivery_rank = 1
)
SELECT
  event_id,
  device_id,
  sensor_type,
  value,
  unit,
  event_ts,
  CAST(event_ts AS DATE) AS event_date,
  date_trunc('HOUR', event_ts) AS event_hour,
  battery_level,
  signal_strength,
  firmware_version,
  coalesce(
    CASE sensor_type
      WHEN 'temperature' THEN value NOT BETWEEN -40 AND 85
      WHEN 'humidity' THEN value NOT BETWEEN 0 AND 100
      WHEN 'pressure' THEN value NOT BETWEEN 300 AND 1100
      WHEN 'motion' THEN value NOT IN (0, 1)
    END,
    FALSE
  ) AS is_out_of_range,
  coalesce(battery_level < 20, FALSE) AS is_low_battery,
  coalesce(signal_strength < -100, FALSE) AS is_weak_signal,
  delivery_count > 1 AS is_duplicated_delivery,
  _ingested_at,
  _source_file
FROM typed_events;
