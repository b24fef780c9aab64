-- Silver: locations as they are now. The CDC feed may deliver changes out of order and
-- late, so the row with the greatest log sequence number per key wins (SCD type 1); a
-- delete stays as a row flagged `_is_deleted` so gold can tell "gone" from "never seen".
CREATE OR REFRESH MATERIALIZED VIEW stg_locations
COMMENT 'Current state of each customer location (SCD type 1) from the CDC feed, with soft deletes and decimal coordinates.'
TBLPROPERTIES ('quality' = 'silver')
AS WITH ranked_changes AS (
  SELECT
    location_id,
    customer_id,
    name,
    address,
    city,
    country,
    latitude,
    longitude,
    timezone,
    updated_at,
    _cdc_op,
    _cdc_lsn,
    _cdc_ts_ms,
    ROW_NUMBER() OVER (PARTITION BY location_id ORDER BY _cdc_lsn DESC) AS change_rank
  FROM cdc_locations
)
SELECT
  location_id,
  customer_id,
  trim(name) AS name,
  address,
  city,
  upper(country) AS country,
  CAST(latitude AS DECIMAL(9, 6)) AS latitude,
  CAST(longitude AS DECIMAL(9, 6)) AS longitude,
  timezone,
  CAST(updated_at AS TIMESTAMP) AS updated_at,
  _cdc_op = 'd' AS _is_deleted,
  _cdc_lsn,
  timestamp_millis(_cdc_ts_ms) AS _cdc_ts
FROM ranked_changes
WHERE change_rank = 1;
