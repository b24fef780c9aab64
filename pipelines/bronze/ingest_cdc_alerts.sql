-- Bronze: Debezium change events for alerts: threshold breaches raised by the device platform.
-- Flattens the envelope into plain columns so silver can rank them: a delete ('d') has
-- `after` null and carries the deleted row (and so its key) in `before`.
CREATE OR REFRESH STREAMING TABLE cdc_alerts (
  CONSTRAINT valid_cdc_op EXPECT (_cdc_op IN ('c', 'u', 'd', 'r')) ON VIOLATION DROP ROW,
  CONSTRAINT valid_cdc_lsn EXPECT (_cdc_lsn IS NOT NULL) ON VIOLATION DROP ROW,
  -- Inserts and updates must name their key in `after`; deletes take it from `before`.
  CONSTRAINT valid_alert_id EXPECT (alert_id IS NOT NULL OR _cdc_op = 'd') ON VIOLATION DROP ROW,
  -- Warn only: an unknown severity gets no weight in gold.
  CONSTRAINT known_alert_severity EXPECT (severity IS NULL OR severity IN ('low', 'medium', 'high', 'critical'))
)
COMMENT 'Raw Debezium change events for alerts, flattened to one row per change with its operation and log sequence number.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  CASE WHEN op = 'd' THEN before.alert_id ELSE after.alert_id END AS alert_id,
  CASE WHEN op = 'd' THEN before.device_id ELSE after.device_id END AS device_id,
  CASE WHEN op = 'd' THEN before.threshold_id ELSE after.threshold_id END AS threshold_id,
  CASE WHEN op = 'd' THEN before.sensor_type ELSE after.sensor_type END AS sensor_type,
  CASE WHEN op = 'd' THEN before.value ELSE after.value END AS value,
  CASE WHEN op = 'd' THEN before.severity ELSE after.severity END AS severity,
  CASE WHEN op = 'd' THEN before.status ELSE after.status END AS status,
  CASE WHEN op = 'd' THEN before.alert_ts ELSE after.alert_ts END AS alert_ts,
  CASE WHEN op = 'd' THEN before.updated_at ELSE after.updated_at END AS updated_at,
  op AS _cdc_op,
  source.lsn AS _cdc_lsn,
  ts_ms AS _cdc_ts_ms,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/cdc/alerts/',
  format => 'json',
  schemaHints => 'op STRING, ts_ms BIGINT, before STRUCT<alert_id: INT, device_id: STRING, threshold_id: INT, sensor_type: STRING, value: DOUBLE, severity: STRING, status: STRING, alert_ts: STRING, updated_at: STRING>, after STRUCT<alert_id: INT, device_id: STRING, threshold_id: INT, sensor_type: STRING, value: DOUBLE, severity: STRING, status: STRING, alert_ts: STRING, updated_at: STRING>, source STRUCT<ts_ms: BIGINT, lsn: BIGINT, txId: BIGINT>',
  schemaEvolutionMode => 'addNewColumns'
);
