-- Gold dimension: live customers with the metrics account teams ask for first: how many
-- sites and devices they run, and what they have ordered and spent.
CREATE OR REFRESH MATERIALIZED VIEW dim_customers
COMMENT 'Customer dimension: one row per live customer with location, device and order metrics (revenue excludes cancelled orders).'
TBLPROPERTIES ('quality' = 'gold')
AS WITH location_counts AS (
  SELECT customer_id, count(*) AS location_count
  FROM stg_locations
  WHERE NOT _is_deleted
  GROUP BY customer_id
),
device_counts AS (
  SELECT
    customer_id,
    count(*) AS device_count,
    count_if(status = 'active') AS active_device_count
  FROM stg_devices
  WHERE NOT _is_deleted
  GROUP BY customer_id
),
order_metrics AS (
  SELECT
    customer_id,
    count(*) AS order_count,
    count_if(status = 'cancelled') AS cancelled_order_count,
    sum(CASE WHEN status <> 'cancelled' THEN total_amount ELSE 0 END) AS total_revenue,
    min(order_ts) AS first_order_ts,
    max(order_ts) AS last_order_ts
  FROM stg_orders
  WHERE NOT _is_deleted
  GROUP BY customer_id
)
SELECT
  c.customer_id,
  c.name AS customer_name,
  c.email,
  c.phone,
  c.country,
  c.segment,
  c.created_at,
  coalesce(l.location_count, 0) AS location_count,
  coalesce(d.device_count, 0) AS device_count,
  coalesce(d.active_device_count, 0) AS active_device_count,
  coalesce(o.order_count, 0) AS order_count,
  coalesce(o.cancelled_order_count, 0) AS cancelled_order_count,
  CAST(coalesce(o.total_revenue, 0) AS DECIMAL(14, 2)) AS total_revenue,
  CAST(
    CASE WHEN o.order_count - o.cancelled_order_count > 0
      THEN o.total_revenue / (o.order_count - o.cancelled_order_count)
    END AS DECIMAL(12, 2)
  ) AS avg_order_value,
  o.first_order_ts,
  o.last_order_ts,
  CASE
    WHEN coalesce(o.total_revenue, 0) >= 10000 THEN 'platinum'
    WHEN coalesce(o.total_revenue, 0) >= 2500 THEN 'gold'
    WHEN coalesce(o.total_revenue, 0) > 0 THEN 'silver'
    ELSE 'prospect'
  END AS revenue_tier,
  c.updated_at
FROM stg_customers AS c
LEFT JOIN location_counts AS l ON l.customer_id = c.customer_id
LEFT JOIN device_counts AS d ON d.customer_id = c.customer_id
LEFT JOIN order_metrics AS o ON o.customer_id = c.customer_id
WHERE NOT c._is_deleted;
