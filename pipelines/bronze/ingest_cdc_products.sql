-- Bronze: Debezium change events for products: the catalogue of device models sold.
-- Flattens the envelope into plain columns so silver can rank them: a delete ('d') has
-- `after` null and carries the deleted row (and so its key) in `before`.
CREATE OR REFRESH STREAMING TABLE cdc_products (
  CONSTRAINT valid_cdc_op EXPECT (_cdc_op IN ('c', 'u', 'd', 'r')) ON VIOLATION DROP ROW,
  CONSTRAINT valid_cdc_lsn EXPECT (_cdc_lsn IS NOT NULL) ON VIOLATION DROP ROW,
  -- Inserts and updates must name their key in `after`; deletes take it from `before`.
  CONSTRAINT valid_product_id EXPECT (product_id IS NOT NULL OR _cdc_op = 'd') ON VIOLATION DROP ROW,
  -- Warn only: a negative list price points at a source-system bug.
  CONSTRAINT non_negative_unit_price EXPECT (unit_price IS NULL OR unit_price >= 0)
)
COMMENT 'Raw Debezium change events for products, flattened to one row per change with its operation and log sequence number.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  CASE WHEN op = 'd' THEN before.product_id ELSE after.product_id END AS product_id,
  CASE WHEN op = 'd' THEN before.sku ELSE after.sku END AS sku,
  CASE WHEN op = 'd' THEN before.name ELSE after.name END AS name,
  CASE WHEN op = 'd' THEN before.category ELSE after.category END AS category,
  CASE WHEN op = 'd' THEN before.unit_price ELSE after.unit_price END AS unit_price,
  CASE WHEN op = 'd' THEN before.created_at ELSE after.created_at END AS created_at,
  CASE WHEN op = 'd' THEN before.updated_at ELSE after.updated_at END AS updated_at,
  op AS _cdc_op,
  source.lsn AS _cdc_lsn,
  ts_ms AS _cdc_ts_ms,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/cdc/products/',
  format => 'json',
  schemaHints => 'op STRING, ts_ms BIGINT, before STRUCT<product_id: INT, sku: STRING, name: STRING, category: STRING, unit_price: DOUBLE, created_at: STRING, updated_at: STRING>, after STRUCT<product_id: INT, sku: STRING, name: STRING, category: STRING, unit_price: DOUBLE, created_at: STRING, updated_at: STRING>, source STRUCT<ts_ms: BIGINT, lsn: BIGINT, txId: BIGINT>',
  schemaEvolutionMode => 'addNewColumns'
);
