-- Bronze: Debezium change events for customers: who owns devices and places orders.
-- Flattens the envelope into plain columns so silver can rank them: a delete ('d') has
-- `after` null and carries the deleted row (and so its key) in `before`.
CREATE OR REFRESH STREAMING TABLE cdc_customers (
  CONSTRAINT valid_cdc_op EXPECT (_cdc_op IN ('c', 'u', 'd', 'r')) ON VIOLATION DROP ROW,
  CONSTRAINT valid_cdc_lsn EXPECT (_cdc_lsn IS NOT NULL) ON VIOLATION DROP ROW,
  -- Inserts and updates must name their key in `after`; deletes take it from `before`.
  CONSTRAINT valid_customer_id EXPECT (customer_id IS NOT NULL OR _cdc_op = 'd') ON VIOLATION DROP ROW,
  -- Warn only: an address without @ cannot be used to contact the customer.
  CONSTRAINT valid_email EXPECT (email IS NULL OR email LIKE '%_@_%')
)
COMMENT 'Raw Debezium change events for customers, flattened to one row per change with its operation and log sequence number.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  CASE WHEN op = 'd' THEN before.customer_id ELSE after.customer_id END AS customer_id,
  CASE WHEN op = 'd' THEN before.name ELSE after.name END AS name,
  CASE WHEN op = 'd' THEN before.email ELSE after.email END AS email,
  CASE WHEN op = 'd' THEN before.phone ELSE after.phone END AS phone,
  CASE WHEN op = 'd' THEN before.country ELSE after.country END AS country,
  CASE WHEN op = 'd' THEN before.segment ELSE after.segment END AS segment,
  CASE WHEN op = 'd' THEN before.created_at ELSE after.created_at END AS created_at,
  CASE WHEN op = 'd' THEN before.updated_at ELSE after.updated_at END AS updated_at,
  op AS _cdc_op,
  source.lsn AS _cdc_lsn,
  ts_ms AS _cdc_ts_ms,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/cdc/customers/',
  format => 'json',
  schemaHints => 'op STRING, ts_ms BIGINT, before STRUCT<customer_id: INT, name: STRING, email: STRING, phone: STRING, country: STRING, segment: STRING, created_at: STRING, updated_at: STRING>, after STRUCT<customer_id: INT, name: STRING, email: STRING, phone: STRING, country: STRING, segment: STRING, created_at: STRING, updated_at: STRING>, source STRUCT<ts_ms: BIGINT, lsn: BIGINT, txId: BIGINT>',
  schemaEvolutionMode => 'addNewColumns'
);
