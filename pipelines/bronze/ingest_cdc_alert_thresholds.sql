-- Bronze: Debezium change events for alert thresholds: the valid range per sensor type and severity.
-- Flattens the envelope into plain columns so silver can rank them: a delete ('d') has
-- `after` null and carries the deleted row (and so its key) in `before`.
CREATE OR REFRESH STREAMING TABLE cdc_alert_thresholds (
  CONSTRAINT valid_cdc_op EXPECT (_cdc_op IN ('c', 'u', 'd', 'r')) ON VIOLATION DROP ROW,
  CONSTRAINT valid_cdc_lsn EXPECT (_cdc_lsn IS NOT NULL) ON VIOLATION DROP ROW,
  -- Inserts and updates must name their key in `after`; deletes take it from `before`.
  CONSTRAINT valid_threshold_id EXPECT (threshold_id IS NOT NULL OR _cdc_op = 'd') ON VIOLATION DROP ROW,
  -- Warn only: a threshold for an unknown sensor never matches a reading.
  CONSTRAINT known_threshold_sensor_type EXPECT (sensor_type IS NULL OR sensor_type IN ('temperature', 'humidity', 'pressure', 'motion'))
)
COMMENT 'Raw Debezium change events for alert thresholds, flattened to one row per change with its operation and log sequence number.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  CASE WHEN op = 'd' THEN before.threshold_id ELSE after.threshold_id END AS threshold_id,
  CASE WHEN op = 'd' THEN before.sensor_type ELSE after.sensor_type END AS sensor_type,
  CASE WHEN op = 'd' THEN before.min_value ELSE after.min_value END AS min_value,
  CASE WHEN op = 'd' THEN before.max_value ELSE after.max_value END AS max_value,
  CASE WHEN op = 'd' THEN before.severity ELSE after.severity END AS severity,
  CASE WHEN op = 'd' THEN before.updated_at ELSE after.updated_at END AS updated_at,
  op AS _cdc_op,
  source.lsn AS _cdc_lsn,
  ts_ms AS _cdc_ts_ms,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/cdc/alert_thresholds/',
  format => 'json',
  schemaHints => 'op STRING, ts_ms BIGINT, before STRUCT<threshold_id: INT, sensor_type: STRING, min_value: DOUBLE, max_value: DOUBLE, severity: STRING, updated_at: STRING>, after STRUCT<threshold_id: INT, sensor_type: STRING, min_value: DOUBLE, max_value: DOUBLE, severity: STRING, updated_at: STRING>, source STRUCT<ts_ms: BIGINT, lsn: BIGINT, txId: BIGINT>',
  schemaEvolutionMode => 'addNewColumns'
);
