-- Silver: customers as they are now. The CDC feed may deliver changes out of order and
-- late, so the row with the greatest log sequence number per key wins (SCD type 1); a
-- delete stays as a row flagged `_is_deleted` so gold can tell "gone" from "never seen".
CREATE OR REFRESH MATERIALIZED VIEW stg_customers
COMMENT 'Current state of each customer (SCD type 1) from the CDC feed, with soft deletes.'
TBLPROPERTIES ('quality' = 'silver')
AS WITH ranked_changes AS (
  SELECT
    customer_id,
    name,
    email,
    phone,
    country,
    segment,
    created_at,
    updated_at,
    _cdc_op,
    _cdc_lsn,
    _cdc_ts_ms,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY _cdc_lsn DESC) AS change_rank
  FROM cdc_customers
)
SELECT
  customer_id,
  trim(name) AS name,
  lower(trim(email)) AS email,
  phone,
  upper(country) AS country,
  lower(segment) AS segment,
  CAST(created_at AS TIMESTAMP) AS created_at,
  CAST(updated_at AS TIMESTAMP) AS updated_at,
  _cdc_op = 'd' AS _is_deleted,
  _cdc_lsn,
  timestamp_millis(_cdc_ts_ms) AS _cdc_ts
FROM ranked_changes
WHERE change_rank = 1;
