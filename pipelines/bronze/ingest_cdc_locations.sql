-- Bronze: Debezium change events for locations: the customer sites where devices are installed.
-- Flattens the envelope into plain columns so silver can rank them: a delete ('d') has
-- `after` null and carries the deleted row (and so its key) in `before`.
CREATE OR REFRESH STREAMING TABLE cdc_locations (
  CONSTRAINT valid_cdc_op EXPECT (_cdc_op IN ('c', 'u', 'd', 'r')) ON VIOLATION DROP ROW,
  CONSTRAINT valid_cdc_lsn EXPECT (_cdc_lsn IS NOT NULL) ON VIOLATION DROP ROW,
  -- Inserts and updates must name their key in `after`; deletes take it from `before`.
  CONSTRAINT valid_location_id EXPECT (location_id IS NOT NULL OR _cdc_op = 'd') ON VIOLATION DROP ROW,
  -- Warn only: coordinates off the globe break maps but not the rest of the row.
  CONSTRAINT valid_coordinates EXPECT ((latitude IS NULL OR latitude BETWEEN -90 AND 90) AND (longitude IS NULL OR longitude BETWEEN -180 AND 180))
)
COMMENT 'Raw Debezium change events for locations, flattened to one row per change with its operation and log sequence number.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  CASE WHEN op = 'd' THEN before.location_id ELSE after.location_id END AS location_id,
  CASE WHEN op = 'd' THEN before.customer_id ELSE after.customer_id END AS customer_id,
  CASE WHEN op = 'd' THEN before.name ELSE after.name END AS name,
  CASE WHEN op = 'd' THEN before.address ELSE after.address END AS address,
  CASE WHEN op = 'd' THEN before.city ELSE after.city END AS city,
  CASE WHEN op = 'd' THEN before.country ELSE after.country END AS country,
  CASE WHEN op = 'd' THEN before.latitude ELSE after.latitude END AS latitude,
  CASE WHEN op = 'd' THEN before.longitude ELSE after.longitude END AS longitude,
  CASE WHEN op = 'd' THEN before.timezone ELSE after.timezone END AS timezone,
  CASE WHEN op = 'd' THEN before.updated_at ELSE after.updated_at END AS updated_at,
  op AS _cdc_op,
  source.lsn AS _cdc_lsn,
  ts_ms AS _cdc_ts_ms,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/cdc/locations/',
  format => 'json',
  schemaHints => 'op STRING, ts_ms BIGINT, before STRUCT<location_id: INT, customer_id: INT, name: STRING, address: STRING, city: STRING, country: STRING, latitude: DOUBLE, longitude: DOUBLE, timezone: STRING, updated_at: STRING>, after STRUCT<location_id: INT, customer_id: INT, name: STRING, address: STRING, city: STRING, country: STRING, latitude: DOUBLE, longitude: DOUBLE, timezone: STRING, updated_at: STRING>, source STRUCT<ts_ms: BIGINT, lsn: BIGINT, txId: BIGINT>',
  schemaEvolutionMode => 'addNewColumns'
);
