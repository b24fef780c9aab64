-- Silver: products as they are now. The CDC feed may deliver changes out of order and
-- late, so the row with the greatest log sequence number per key wins (SCD type 1); a
-- delete stays as a row flagged `_is_deleted` so gold can tell "gone" from "never seen".
CREATE OR REFRESH MATERIALIZED VIEW stg_products
COMMENT 'Current state of each product (SCD type 1) from the CDC feed, with soft deletes and a decimal price.'
TBLPROPERTIES ('quality' = 'silver')
AS WITH ranked_changes AS (
  SELECT
    product_id,
    sku,
    name,
    category,
    unit_price,
    created_at,
    updated_at,
    _cdc_op,
    _cdc_lsn,
    _cdc_ts_ms,
    ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY _cdc_lsn DESC) AS change_rank
  FROM cdc_products
)
SELECT
  product_id,
  upper(sku) AS sku,
  trim(name) AS name,
  lower(category) AS category,
  CAST(unit_price AS DECIMAL(10, 2)) AS unit_price,
  CAST(created_at AS TIMESTAMP) AS created_at,
  CAST(updated_at AS TIMESTAMP) AS updated_at,
  _cdc_op = 'd' AS _is_deleted,
  _cdc_lsn,
  timestamp_millis(_cdc_ts_ms) AS _cdc_ts
FROM ranked_changes
WHERE change_rank = 1;
