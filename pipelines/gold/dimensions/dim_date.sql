-- Gold dimension: a standard calendar, one row per day from the first to the last day
-- that any reading or order falls on, so every fact's date_key finds its day.
CREATE OR REFRESH MATERIALIZED VIEW dim_date
COMMENT 'Date dimension: one row per calendar day covering the IoT event and order date range, keyed by yyyymmdd.'
TBLPROPERTIES ('quality' = 'gold')
AS WITH activity_dates AS (
  SELECT event_date AS activity_date FROM stg_iot_events WHERE event_date IS NOT NULL
  UNION ALL
  SELECT order_date AS activity_date FROM stg_orders WHERE order_date IS NOT NULL AND NOT _is_deleted
),
date_bounds AS (
  SELECT
    min(activity_date) AS start_date,
    max(activity_date) AS end_date
  FROM activity_dates
),
calendar_days AS (
  SELECT explode(sequence(start_date, end_date, INTERVAL 1 DAY)) AS calendar_date
  FROM date_bounds
  WHERE start_date IS NOT NULL
)
SELECT
  year(calendar_date) * 10000 + month(calendar_date) * 100 + dayofmonth(calendar_date) AS date_key,
  calendar_date,
  year(calendar_date) AS calendar_year,
  quarter(calendar_date) AS calendar_quarter,
  month(calendar_date) AS calendar_month,
  date_format(calendar_date, 'MMMM') AS month_name,
  weekofyear(calendar_date) AS week_of_year,
  dayofmonth(calendar_date) AS day_of_month,
  dayofyear(calendar_date) AS day_of_year,
  dayofweek(calendar_date) AS day_of_week,
  date_format(calendar_date, 'EEEE') AS day_name,
  dayofweek(calendar_date) IN (1, 7) AS is_weekend,
  CAST(date_trunc('MONTH', calendar_date) AS DATE) AS month_start_date,
  last_day(calendar_date) AS month_end_date
FROM calendar_days;
