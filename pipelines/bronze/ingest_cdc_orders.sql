-- Bronze: Debezium change events for orders: device purchases by customers.
-- Flattens the envelope into plain columns so silver can rank them: a delete ('d') has
-- `after` null and carries the deleted row (and so its key) in `before`.
CREATE OR REFRESH STREAMING TABLE cdc_orders (
  CONSTRAINT valid_cdc_op EXPECT (_cdc_op IN ('c', 'u', 'd', 'r')) ON VIOLATION DROP ROW,
  CONSTRAINT valid_cdc_lsn EXPECT (_cdc_lsn IS NOT NULL) ON VIOLATION DROP ROW,
  -- Inserts and updates must name their key in `after`; deletes take it from `before`.
  CONSTRAINT valid_order_id EXPECT (order_id IS NOT NULL OR _cdc_op = 'd') ON VIOLATION DROP ROW,
  -- Warn only: an order of nothing is suspicious but still a record of the source.
  CONSTRAINT positive_quantity EXPECT (quantity IS NULL OR quantity > 0)
)
COMMENT 'Raw Debezium change events for orders, flattened to one row per change with its operation and log sequence number.'
PARTITIONED BY (_ingestion_date)
TBLPROPERTIES (
  'quality' = 'bronze',
  'delta.autoOptimize.optimizeWrite' = 'true',
  'delta.autoOptimize.autoCompact' = 'true'
)
AS SELECT
  CASE WHEN op = 'd' THEN before.order_id ELSE after.order_id END AS order_id,
  CASE WHEN op = 'd' THEN before.customer_id ELSE after.customer_id END AS customer_id,
  CASE WHEN op = 'd' THEN before.product_id ELSE after.product_id END AS product_id,
  CASE WHEN op = 'd' THEN before.quantity ELSE after.quantity END AS quantity,
  CASE WHEN op = 'd' THEN before.unit_price ELSE after.unit_price END AS unit_price,
  CASE WHEN op = 'd' THEN before.total_amount ELSE after.total_amount END AS total_amount,
  CASE WHEN op = 'd' THEN before.status ELSE after.status END AS status,
  CASE WHEN op = 'd' THEN before.order_ts ELSE after.order_ts END AS order_ts,
  CASE WHEN op = 'd' THEN before.updated_at ELSE after.updated_at END AS updated_at,
  op AS _cdc_op,
  source.lsn AS _cdc_lsn,
  ts_ms AS _cdc_ts_ms,
  current_timestamp() AS _ingested_at,
  current_date() AS _ingestion_date,
  _metadata.file_path AS _source_file
FROM STREAM read_files(
  '${source_root}/cdc/orders/',
  format => 'json',
  schemaHints => 'op STRING, ts_ms BIGINT, before STRUCT<order_id: INT, customer_id: INT, product_id: INT, quantity: INT, unit_price: DOUBLE, total_amount: DOUBLE, status: STRING, order_ts: STRING, updated_at: STRING>, after STRUCT<order_id: INT, customer_id: INT, product_id: INT, quantity: INT, unit_price: DOUBLE, total_amount: DOUBLE, status: STRING, order_ts: STRING, updated_at: STRING>, source STRUCT<ts_ms: BIGINT, lsn: BIGINT, txId: BIGINT>',
  schemaEvolutionMode => 'addNewColumns'
);
