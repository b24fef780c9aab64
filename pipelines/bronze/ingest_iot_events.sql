-- Bronze: raw IoT sensor readings landed as JSON lines, appended incrementally with
-- ingestion metadata. Rows that cannot be attributed (no event or device id) or whose
-- sensor type is unknown are dropped here; out-of-range values are kept and only counted,
-- so silver can flag them and the event log shows how many arrived.
CREATE OR REFRESH STREAMING TABLE iot_events (
  CONSTRAINT valid_event_id EXPECT (event_id IS NOT NULL) ON VIOLATION DROP ROW,
  CONSTRAINT valid_device_id EXPECT (device_id IS NOT NULL) ON VIOLATION DROP ROW,
  CONSTRAINT valid_sensor_type EXPECT (sensor_type IN ('temperature', 'humidity', 'pressure', 'motion')) ON VIOLATION DROP ROW,
  -- Warn only: a reading outside its sensor's physical range is suspicious, not unusable.
  CONSTRAINT value_in_range EXPECT (
    value IS NULL OR CASE sensor_type
      WHEN 'temperature' THEN value BETWEEN -40 AND 85
      WHEN 'humidity' THEN value BETWEEN 0 AND 100
      WHEN 'pressure' THEN value BETWEEN 300 AND 1100
      WHEN 'motion' THEN value IN (0, 1)
      ELSE TRUE
    END
  )
)
COMMENT 'Raw IoT sensor readings from the landing zone, one row per delivered event (duplicates included), with ingestion metadata.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  event_id,
  device_id,
  sensor_type,
  value,
  unit,
  event_ts,
  battery_level,
  signal_strength,
  firmware_version,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/iot_events/',
  format => 'json',
  schemaHints => 'event_id STRING, device_id STRING, sensor_type STRING, value DOUBLE, unit STRING, event_ts STRING, battery_level INT, signal_strength INT, firmware_version STRING',
  schemaEvolutionMode => 'addNewColumns'
);
