-- Silver: orders as they are now. The CDC feed may deliver changes out of order and
-- late, so the row with the greatest log sequence number per key wins (SCD type 1); a
-- delete stays as a row flagged `_is_deleted` so gold can tell "gone" from "never seen".
CREATE OR REFRESH MATERIALIZED VIEW stg_orders
COMMENT 'Current state of each order (SCD type 1) from the CDC feed, with soft deletes and decimal amounts.'
TBLPROPERTIES ('quality' = 'silver')
AS WITH ranked_changes AS (
  SELECT
    order_id,
    customer_id,
    product_id,
    quantity,
    unit_price,
    total_amount,
    status,
    order_ts,
    updated_at,
    _cdc_op,
    _cdc_lsn,
    _cdc_ts_ms,
    ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY _cdc_lsn DESC) AS change_rank
  FROM cdc_orders
)
SELECT
  order_id,
  customer_id,
  product_id,
  CAST(quantity AS INT) AS quantity,
  CAST(unit_price AS DECIMAL(10, 2)) AS unit_price,
  CAST(total_amount AS DECIMAL(12, 2)) AS total_amount,
  lower(status) AS status,
  CAST(order_ts AS TIMESTAMP) AS order_ts,
  CAST(CAST(order_ts AS TIMESTAMP) AS DATE) AS order_date,
  CAST(updated_at AS TIMESTAMP) AS updated_at,
  _cdc_op = 'd' AS _is_deleted,
  _cdc_lsn,
  timestamp_millis(_cdc_ts_ms) AS _cdc_ts
FROM ranked_changes
WHERE change_rank = 1;
