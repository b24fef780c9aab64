-- Silver: alert thresholds as they are now. The CDC feed may deliver changes out of order and
-- late, so the row with the greatest log sequence number per key wins (SCD type 1); a
-- delete stays as a row flagged `_is_deleted` so gold can tell "gone" from "never seen".
CREATE OR REFRESH MATERIALIZED VIEW stg_alert_thresholds (
  -- An inverted range would mark every reading as a breach: stop the update rather than
  -- publish wrong alerts. A point range is valid (motion's normal band is [0, 0]).
  CONSTRAINT valid_threshold_range EXPECT (min_value <= max_value) ON VIOLATION FAIL UPDATE
)
COMMENT 'Current state of each alert threshold (SCD type 1) from the CDC feed, with soft deletes.'
TBLPROPERTIES ('quality' = 'silver')
AS WITH ranked_changes AS (
  SELECT
    threshold_id,
    sensor_type,
    min_value,
    max_value,
    severity,
    updated_at,
    _cdc_op,
    _cdc_lsn,
    _cdc_ts_ms,
    ROW_NUMBER() OVER (PARTITION BY threshold_id ORDER BY _cdc_lsn DESC) AS change_rank
  FROM cdc_alert_thresholds
)
SELECT
  threshold_id,
  sensor_type,
  CAST(min_value AS DECIMAL(10, 2)) AS min_value,
  CAST(max_value AS DECIMAL(10, 2)) AS max_value,
  lower(severity) AS severity,
  CAST(updated_at AS TIMESTAMP) AS updated_at,
  _cdc_op = 'd' AS _is_deleted,
  _cdc_lsn,
  timestamp_millis(_cdc_ts_ms) AS _cdc_ts
FROM ranked_changes
WHERE change_rank = 1;
