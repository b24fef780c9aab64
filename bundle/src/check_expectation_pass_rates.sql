-- Data-quality gate, run by the iot_lakehouse_refresh job right after the pipeline task.
-- Reads the expectation metrics of the pipeline's latest update from its event log
-- (flow_progress events, details.flow_progress.data_quality.expectations[]) and raises
-- an error, failing the task and so the job run, when any expectation's pass rate is
-- below :min_pass_rate. Parameters come from the job's sql_task (resources/jobs.yml).
WITH latest_update AS (
  SELECT origin.update_id AS update_id
  FROM event_log(:pipeline_id)
  WHERE event_type = 'create_update'
  ORDER BY timestamp DESC
  LIMIT 1
),
expectation_events AS (
  SELECT
    explode(
      from_json(
        details:flow_progress:data_quality:expectations,
        'array<struct<name: string, dataset: string, passed_records: bigint, failed_records: bigint>>'
      )
    ) AS expectation
  FROM event_log(:pipeline_id)
  WHERE event_type = 'flow_progress'
    AND origin.update_id IN (SELECT update_id FROM latest_update)
    AND details:flow_progress:data_quality:expectations IS NOT NULL
),
pass_rates AS (
  SELECT
    expectation.dataset AS dataset,
    expectation.name AS expectation_name,
    sum(expectation.passed_records) AS passed_records,
    sum(expectation.failed_records) AS failed_records,
    sum(expectation.passed_records) / nullif(sum(expectation.passed_records) + sum(expectation.failed_records), 0) AS pass_rate
  FROM expectation_events
  GROUP BY expectation.dataset, expectation.name
)
SELECT
  dataset,
  expectation_name,
  passed_records,
  failed_records,
  pass_rate,
  CASE
    WHEN pass_rate < CAST(:min_pass_rate AS DOUBLE)
      THEN raise_error(concat(
        'expectation ', expectation_name, ' on ', dataset, ' passed ',
        CAST(round(pass_rate * 100, 2) AS STRING), '% of records, below the required ',
        CAST(round(CAST(:min_pass_rate AS DOUBLE) * 100, 2) AS STRING), '%'
      ))
  END AS gate
FROM pass_rates
ORDER BY pass_rate;
