package io.abtest.stats.analysis;

import io.abtest.stats.TestStatus;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.sequential.SequentialResult;
import java.time.Instant;

/**
 * One row of {@code results/} (CONTRACT.md section 2): one treatment against the control on one metric, over all
 * units or one segment, at one analysis point.
 *
 * @param experimentId the experiment
 * @param asOf the analysis point
 * @param metric the metric's name
 * @param segment {@code attribute=value}, or null for all units
 * @param controlVariant the control's name
 * @param treatmentVariant the treatment's name
 * @param fixed the fixed-horizon test (n, means, effects, CI, p-value)
 * @param sequential the always-valid test at this point
 * @param alwaysValidPValue the running minimum of the always-valid p-value over the analysis points so far
 * @param adjustedFixedPValue the fixed-horizon p-value after the configured correction over the family
 * @param adjustedAlwaysValidPValue the running-minimum always-valid p-value after the same correction
 * @param srmPValue the experiment's always-valid sample-ratio-mismatch p-value (running minimum)
 * @param status OK when both tests produced numbers; otherwise the first status that is not
 */
public record ComparisonResult(
        String experimentId,
        Instant asOf,
        String metric,
        String segment,
        String controlVariant,
        String treatmentVariant,
        FixedHorizonResult fixed,
        SequentialResult sequential,
        Double alwaysValidPValue,
        Double adjustedFixedPValue,
        Double adjustedAlwaysValidPValue,
        Double srmPValue,
        TestStatus status) {}
