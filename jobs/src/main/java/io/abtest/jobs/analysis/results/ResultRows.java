package io.abtest.jobs.analysis.results;

import io.abtest.jobs.analysis.records.AggregateRow;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.ResultRow;
import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.analysis.ComparisonResult;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.decision.Decision;
import io.abtest.stats.summary.SufficientStatistics;

/** The statistics engine's results as the rows of the output datasets. */
public final class ResultRows {

    private ResultRows() {}

    static ResultRow of(ComparisonResult r, long asOf, long multipleExposureUnits) {
        Estimate e = r.fixed().estimate();
        Interval ci = r.fixed().absoluteInterval();
        Interval relativeCi = r.fixed().relativeInterval();
        Interval sequentialCi = r.sequential().absoluteInterval();
        Interval sequentialRelativeCi = r.sequential().relativeInterval();
        String detail = r.fixed().detail() != null ? r.fixed().detail() : r.sequential().detail();
        return new ResultRow(r.experimentId(), asOf, r.metric(), r.segment(), r.controlVariant(), r.treatmentVariant(),
                e == null ? 0 : e.controlN(), e == null ? null : e.controlMean(),
                e == null ? 0 : e.treatmentN(), e == null ? null : e.treatmentMean(),
                e == null ? null : e.difference(), low(ci), high(ci),
                e == null ? null : e.relative(), low(relativeCi), high(relativeCi),
                r.fixed().pValue(), r.adjustedFixedPValue(), r.alwaysValidPValue(), r.adjustedAlwaysValidPValue(),
                low(sequentialCi), high(sequentialCi), low(sequentialRelativeCi), high(sequentialRelativeCi),
                r.srmPValue(), multipleExposureUnits, r.status().name(), detail);
    }

    static AggregateRow of(String experimentId, SummaryKey key, SufficientStatistics s, long windowStart,
            long windowEnd, long events, long unmatchedOutcomes) {
        return new AggregateRow(experimentId, key.variant(), key.metric(), key.segment(), windowStart, windowEnd,
                s.n(), events, unmatchedOutcomes, s.meanY(), s.meanD(), s.meanC(),
                s.cYY(), s.cDD(), s.cCC(), s.cYD(), s.cYC(), s.cDC());
    }

    public static DecisionRow of(String experimentId, Decision d, long asOf, Double srmPValue) {
        return new DecisionRow(experimentId, asOf, d.verdict().name(), d.variant(), d.rule(), d.justification(),
                String.join("\n", d.actionItems()), srmPValue);
    }

    private static Double low(Interval interval) {
        return interval == null || !Double.isFinite(interval.low()) ? null : interval.low();
    }

    private static Double high(Interval interval) {
        return interval == null || !Double.isFinite(interval.high()) ? null : interval.high();
    }
}
