-- Gold analytics: the customer health scorecard. One row per live customer combining
-- commercial value (orders, revenue), fleet health (device health scores), alert
-- pressure (severity-weighted open alerts) and data quality (breach and out-of-range
-- rates), rolled into a 0-100 health score and a status for account teams.
CREATE OR REFRESH MATERIALIZED VIEW agg_customer_summary
COMMENT 'Customer health scorecard: revenue, fleet health, weighted alert pressure and reading quality per live customer, with a 0-100 score.'
TBLPROPERTIES ('quality' = 'gold')
AS WITH fleet_health AS (
  SELECT
    customer_id,
    avg(health_score) AS avg_device_health_score,
    count_if(health_status = 'critical') AS critical_device_count
  FROM dim_devices
  GROUP BY customer_id
),
alert_pressure AS (
  SELECT
    customer_id,
    count(*) AS alert_count,
    count_if(is_open) AS open_alert_count,
    sum(CASE WHEN is_open THEN severity_weight ELSE 0 END) AS open_alert_weight
  FROM fct_alerts
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
),
reading_quality AS (
  SELECT
    customer_id,
    sum(reading_count) AS reading_count,
    sum(out_of_range_count) AS out_of_range_count,
    sum(threshold_breach_count) AS threshold_breach_count,
    max(event_date) AS last_active_date
  FROM agg_daily_device_metrics
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
),
scored AS (
  SELECT
    c.customer_id,
    c.customer_name,
    c.segment,
    c.country,
    c.revenue_tier,
    c.device_count,
    c.active_device_count,
    c.order_count,
    c.total_revenue,
    f.avg_device_health_score,
    coalesce(f.critical_device_count, 0) AS critical_device_count,
    coalesce(a.alert_count, 0) AS alert_count,
    coalesce(a.open_alert_count, 0) AS open_alert_count,
    coalesce(a.open_alert_weight, 0) AS open_alert_weight,
    coalesce(q.reading_count, 0) AS reading_count,
    q.last_active_date,
    CASE WHEN q.reading_count > 0 THEN q.threshold_breach_count * 1.0 / q.reading_count END AS threshold_breach_rate,
    CASE WHEN q.reading_count > 0 THEN q.out_of_range_count * 1.0 / q.reading_count END AS out_of_range_rate
  FROM dim_customers AS c
  LEFT JOIN fleet_health AS f ON f.customer_id = c.customer_id
  LEFT JOIN alert_pressure AS a ON a.customer_id = c.customer_id
  LEFT JOIN reading_quality AS q ON q.customer_id = c.customer_id
),
health AS (
  SELECT
    customer_id,
    customer_name,
    segment,
    country,
    revenue_tier,
    device_count,
    active_device_count,
    order_count,
    total_revenue,
    avg_device_health_score,
    critical_device_count,
    alert_count,
    open_alert_count,
    open_alert_weight,
    reading_count,
    last_active_date,
    threshold_breach_rate,
    out_of_range_rate,
    greatest(
      0.6 * coalesce(avg_device_health_score, 50)
      + 0.4 * (100 - least(open_alert_weight, 100))
      - 20 * coalesce(threshold_breach_rate, 0),
      0
    ) AS health_points
  FROM scored
)
SELECT
  customer_id,
  customer_name,
  segment,
  country,
  revenue_tier,
  device_count,
  active_device_count,
  order_count,
  total_revenue,
  CAST(avg_device_health_score AS DECIMAL(4, 1)) AS avg_device_health_score,
  critical_device_count,
  alert_count,
  open_alert_count,
  open_alert_weight,
  reading_count,
  last_active_date,
  CAST(threshold_breach_rate AS DECIMAL(6, 4)) AS threshold_breach_rate,
  CAST(out_of_range_rate AS DECIMAL(6, 4)) AS out_of_range_rate,
  CAST(round(health_points, 1) AS DECIMAL(4, 1)) AS health_score,
  CASE
    WHEN device_count = 0 THEN 'no_devices'
    WHEN health_points >= 75 THEN 'healthy'
    WHEN health_points >= 50 THEN 'at_risk'
    ELSE 'critical'
  END AS health_status
FROM health;
