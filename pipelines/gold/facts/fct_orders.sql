-- Gold fact: live orders with customer, product and date keys and the discount against
-- the product's current list price, for revenue reporting.
CREATE OR REFRESH MATERIALIZED VIEW fct_orders
COMMENT 'Order fact: one row per live order with customer, product and date keys, amounts and discount against list price.'
TBLPROPERTIES ('quality' = 'gold')
AS SELECT
  o.order_id,
  o.customer_id,
  o.product_id,
  year(o.order_date) * 10000 + month(o.order_date) * 100 + dayofmonth(o.order_date) AS date_key,
  o.order_ts,
  o.order_date,
  o.status,
  o.quantity,
  o.unit_price,
  o.total_amount,
  p.category AS product_category,
  p.unit_price AS list_price,
  CAST(o.quantity * p.unit_price - o.total_amount AS DECIMAL(12, 2)) AS discount_amount,
  o.status = 'cancelled' AS is_cancelled,
  CASE WHEN o.status = 'cancelled' THEN CAST(0 AS DECIMAL(12, 2)) ELSE o.total_amount END AS recognized_revenue
FROM stg_orders AS o
LEFT JOIN stg_products AS p
  ON p.product_id = o.product_id AND NOT p._is_deleted
WHERE NOT o._is_deleted;
