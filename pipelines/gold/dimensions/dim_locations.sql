-- Gold dimension: customer sites, one row per live location, with the owning customer's
-- name and how many live devices are installed there.
CREATE OR REFRESH MATERIALIZED VIEW dim_locations
COMMENT 'Location dimension: one row per live customer site with its owner and installed device counts.'
TBLPROPERTIES ('quality' = 'gold')
AS WITH device_counts AS (
  SELECT
    location_id,
    count(*) AS device_count,
    count_if(status = 'active') AS active_device_count
  FROM stg_devices
  WHERE NOT _is_deleted
  GROUP BY location_id
)
SELECT
  l.location_id,
  l.customer_id,
  c.name AS customer_name,
  l.name AS location_name,
  l.address,
  l.city,
  l.country,
  l.latitude,
  l.longitude,
  l.timezone,
  coalesce(d.device_count, 0) AS device_count,
  coalesce(d.active_device_count, 0) AS active_device_count,
  l.updated_at
FROM stg_locations AS l
LEFT JOIN stg_customers AS c
  ON c.customer_id = l.customer_id AND NOT c._is_deleted
LEFT JOIN device_counts AS d
  ON d.location_id = l.location_id
WHERE NOT l._is_deleted;
