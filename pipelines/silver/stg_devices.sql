-- Silver: devices as they are now. The CDC feed may deliver changes out of order and
-- late, so the row with the greatest log sequence number per key wins (SCD type 1); a
-- delete stays as a row flagged `_is_deleted` so gold can tell "gone" from "never seen".
CREATE OR REFRESH MATERIALIZED VIEW stg_devices
COMMENT 'Current state of each device (SCD type 1) from the CDC feed, with soft deletes.'
TBLPROPERTIES ('quality' = 'silver')
AS WITH ranked_changes AS (
  SELECT
    device_id,
    customer_id,
    location_id,
    product_id,
    serial_number,
    model,
    firmware_version,
    status,
    installed_at,
    updated_at,
    _cdc_op,
    _cdc_lsn,
    _cdc_ts_ms,
    ROW_NUMBER() OVER (PARTITION BY device_id ORDER BY _cdc_lsn DESC) AS change_rank
  FROM cdc_devices
)
SELECT
  device_id,
  customer_id,
  location_id,
  product_id,
  serial_number,
  model,
  firmware_version,
  lower(status) AS status,
  CAST(installed_at AS TIMESTAMP) AS installed_at,
  CAST(updated_at AS TIMESTAMP) AS updated_at,
  _cdc_op = 'd' AS _is_deleted,
  _cdc_lsn,
  timestamp_millis(_cdc_ts_ms) AS _cdc_ts
FROM ranked_changes
WHERE change_rank = 1;
