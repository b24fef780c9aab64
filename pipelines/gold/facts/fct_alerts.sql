-- Gold fact: live alerts with device, customer, location, threshold and date keys, a
-- severity weight (low 1, medium 3, high 7, critical 15) so scorecards can sum alert
-- pressure, and how far the value lay outside its threshold.
CREATE OR REFRESH MATERIALIZED VIEW fct_alerts
COMMENT 'Alert fact: one row per live alert with dimension keys, severity weight, open flag and breach magnitude.'
TBLPROPERTIES ('quality' = 'gold')
AS SELECT
  a.alert_id,
  a.device_id,
  d.customer_id,
  d.location_id,
  a.threshold_id,
  year(a.alert_ts) * 10000 + month(a.alert_ts) * 100 + dayofmonth(a.alert_ts) AS date_key,
  a.alert_ts,
  CAST(a.alert_ts AS DATE) AS alert_date,
  a.sensor_type,
  a.value,
  a.severity,
  CASE a.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 3 WHEN 'high' THEN 7 WHEN 'critical' THEN 15 ELSE 0 END AS severity_weight,
  a.status,
  a.status <> 'resolved' AS is_open,
  t.min_value AS threshold_min_value,
  t.max_value AS threshold_max_value,
  greatest(t.min_value - a.value, a.value - t.max_value, 0) AS breach_magnitude
FROM stg_alerts AS a
LEFT JOIN dim_devices AS d ON d.device_id = a.device_id
LEFT JOIN stg_alert_thresholds AS t ON t.threshold_id = a.threshold_id
WHERE NOT a._is_deleted;
