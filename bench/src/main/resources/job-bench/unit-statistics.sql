-- The analysis job's unit-level sufficient statistics of the benchmark's experiment (bench-ranker.yaml), computed by
-- DuckDB from the same Parquet input, as the README's "The analysis job" defines them:
--   * deduplication by event_id (event ids are unique across predictions and outcomes, so per dataset; a duplicate
--     is an exact copy, so which copy DISTINCT ON keeps does not matter);
--   * attribution: an outcome counts for the served prediction of its request_id with
--     prediction.event_time <= outcome.event_time <= prediction.event_time + attribution_window
--     (and the outcome's experiment_id, when it has one, is the prediction's);
--   * exposure: each unit is analysed in the variant and segment of its first served prediction; units served more
--     than one variant are excluded;
--   * per unit: converted = 1 when any attributed outcome has values.converted > 0; revenue = the sum of
--     values.revenue; latency_per_request and errors_per_request = the sums of latency_ms and of error over the
--     served predictions, each over their number (the ratio's denominator, mean_d);
--   * per variant, metric and segment (NULL = all units): n, the mean and the sample variance of the unit values.
-- ${...} are filled in by DuckDbUnitStatistics. event_time is int64 epoch milliseconds (CONTRACT.md section 1).
WITH served AS MATERIALIZED (
    SELECT DISTINCT ON (event_id) event_id, unit_id, request_id, variant, event_time, latency_ms, status,
           element_at(attributes, '${segment}')[1] AS segment_value
    FROM read_parquet('${predictions}')
    WHERE served AND experiment_id = '${experiment}'
),
outcomes AS (
    SELECT DISTINCT ON (event_id) event_id, request_id, event_time, experiment_id,
           element_at("values", 'converted')[1] AS converted,
           element_at("values", 'revenue')[1] AS revenue
    FROM read_parquet('${outcomes}')
),
exposures AS (
    SELECT unit_id,
           arg_min(variant, event_time) AS variant,
           arg_min(segment_value, event_time) AS segment_value,
           count(DISTINCT variant) AS variants_served,
           count(*) AS requests,
           sum(latency_ms) AS latency_ms,
           count(*) FILTER (WHERE status = 'error') AS errors
    FROM served
    GROUP BY unit_id
),
attributed AS (
    SELECT s.unit_id,
           max(coalesce(o.converted, 0)) AS converted_max,
           sum(coalesce(o.revenue, 0)) AS revenue
    FROM outcomes o
    JOIN served s
      ON o.request_id = s.request_id
     AND o.event_time BETWEEN s.event_time AND s.event_time + ${attribution_window_ms}
     AND (o.experiment_id IS NULL OR o.experiment_id = '${experiment}')
    GROUP BY s.unit_id
),
units AS MATERIALIZED (
    SELECT e.variant,
           '${segment}=' || e.segment_value AS segment,
           CASE WHEN coalesce(a.converted_max, 0) > 0 THEN 1.0 ELSE 0.0 END AS converted,
           coalesce(a.revenue, 0.0) AS revenue,
           e.latency_ms,
           e.errors,
           e.requests
    FROM exposures e
    LEFT JOIN attributed a USING (unit_id)
    WHERE e.variants_served = 1
),
unit_values AS (
    SELECT variant, segment, 'converted' AS metric, converted AS y, 1.0 AS d FROM units
    UNION ALL SELECT variant, segment, 'revenue', revenue, 1.0 FROM units
    UNION ALL SELECT variant, segment, 'latency_per_request', latency_ms, requests FROM units
    UNION ALL SELECT variant, segment, 'errors_per_request', errors, requests FROM units
)
SELECT variant, metric, segment, count(*) AS n, avg(y) AS mean_y, var_samp(y) AS var_y, avg(d) AS mean_d
FROM unit_values
GROUP BY GROUPING SETS ((variant, metric), (variant, metric, segment))
ORDER BY variant, metric, segment NULLS FIRST
