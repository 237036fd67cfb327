-- The same statistics as the job wrote them: its aggregates/ rows of the last analysis point (the cumulative
-- sufficient statistics of every unit), the variance from the centered co-moment c_yy.
SELECT variant, metric, segment, units AS n, mean_y,
       CASE WHEN units > 1 THEN c_yy / (units - 1) END AS var_y, mean_d
FROM read_parquet('${aggregates}')
QUALIFY row_number() OVER (PARTITION BY variant, metric, segment ORDER BY window_end DESC) = 1
ORDER BY variant, metric, segment NULLS FIRST
