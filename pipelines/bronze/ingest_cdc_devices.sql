-- Bronze: Debezium change events for devices: the installed sensors, each at a location of a customer.
-- Flattens the envelope into plain columns so silver can rank them: a delete ('d') has
-- `after` null and carries the deleted row (and so its key) in `before`.
CREATE OR REFRESH STREAMING TABLE cdc_devices (
  CONSTRAINT valid_cdc_op EXPECT (_cdc_op IN ('c', 'u', 'd', 'r')) ON VIOLATION DROP ROW,
  CONSTRAINT valid_cdc_lsn EXPECT (_cdc_lsn IS NOT NULL) ON VIOLATION DROP ROW,
  -- Inserts and updates must name their key in `after`; deletes take it from `before`.
  CONSTRAINT valid_device_id EXPECT (device_id IS NOT NULL OR _cdc_op = 'd') ON VIOLATION DROP ROW,
  -- Warn only: a new status value should be noticed before silver relies on it.
  CONSTRAINT known_device_status EXPECT (status IS NULL OR status IN ('active', 'inactive', 'maintenance'))
)
COMMENT 'Raw Debezium change events for devices, flattened to one row per change with its operation and log sequence number.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  CASE WHEN op = 'd' THEN before.device_id ELSE after.device_id END AS device_id,
  CASE WHEN op = 'd' THEN before.customer_id ELSE after.customer_id END AS customer_id,
  CASE WHEN op = 'd' THEN before.location_id ELSE after.location_id END AS location_id,
  CASE WHEN op = 'd' THEN before.product_id ELSE after.product_id END AS product_id,
  CASE WHEN op = 'd' THEN before.serial_number ELSE after.serial_number END AS serial_number,
  CASE WHEN op = 'd' THEN before.model ELSE after.model END AS model,
  CASE WHEN op = 'd' THEN before.firmware_version ELSE after.firmware_version END AS firmware_version,
  CASE WHEN op = 'd' THEN before.status ELSE after.status END AS status,
  CASE WHEN op = 'd' THEN before.installed_at ELSE after.installed_at END AS installed_at,
  CASE WHEN op = 'd' THEN before.updated_at ELSE after.updated_at END AS updated_at,
  op AS _cdc_op,
  source.lsn AS _cdc_lsn,
  ts_ms AS _cdc_ts_ms,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/cdc/devices/',
  format => 'json',
  schemaHints => 'op STRING, ts_ms BIGINT, before STRUCT<device_id: STRING, customer_id: INT, location_id: INT, product_id: INT, serial_number: STRING, model: STRING, firmware_version: STRING, status: STRING, installed_at: STRING, updated_at: STRING>, after STRUCT<device_id: STRING, customer_id: INT, location_id: INT, product_id: INT, serial_number: STRING, model: STRING, firmware_version: STRING, status: STRING, installed_at: STRING, updated_at: STRING>, source STRUCT<ts_ms: BIGINT, lsn: BIGINT, txId: BIGINT>',
  schemaEvolutionMode => 'addNewColumns'
);
