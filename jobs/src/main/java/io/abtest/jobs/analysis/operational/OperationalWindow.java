package io.abtest.jobs.analysis.operational;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ShadowDivergence;
import org.HdrHistogram.Histogram;

/**
 * What {@link OperationalMetrics} keeps of one variant, role and window: counts by status, a latency histogram
 * and the shadow divergence sums. The histogram (HdrHistogram) records whole microseconds with 3 significant
 * digits and resizes itself, so a percentile is within 0.1% (or 1 µs) of a recorded value, whatever the order or
 * merging of the records; latencies above one day count as one day. Mutable; kept in keyed state by
 * {@link OperationalWindowSerializer}. The guardrail windows keep the same counts and histogram, so a guardrail's
 * percentile is the one {@code operational/} reports for a window of the same length.
 */
public final class OperationalWindow {

    static final int SIGNIFICANT_DIGITS = 3;
    static final long MAX_MICROS = 86_400_000_000L;

    long predictions;
    long errors;
    long timeouts;
    Histogram latencyMicros = new Histogram(SIGNIFICANT_DIGITS);
    long shadowPairs;
    long scorePairs;
    double scoreDifferenceSum;
    long labelPairs;
    long labelDisagreements;

    public void add(PredictionEvent prediction) {
        predictions++;
        if (prediction.status() == PredictionStatus.ERROR) {
            errors++;
        } else if (prediction.status() == PredictionStatus.TIMEOUT) {
            timeouts++;
        }
        latencyMicros.recordValue(Math.min(Math.round(prediction.latencyMs() * 1000), MAX_MICROS));
    }

    void add(ShadowDivergence divergence) {
        shadowPairs++;
        if (divergence.scoreDifference() != null) {
            scorePairs++;
            scoreDifferenceSum += divergence.scoreDifference();
        }
        if (divergence.labelDisagrees() != null) {
            labelPairs++;
            labelDisagreements += divergence.labelDisagrees() ? 1 : 0;
        }
    }

    /** Adds another window's counts, histogram and sums (another subtask's partial of the same window). */
    public void merge(OperationalWindow other) {
        predictions += other.predictions;
        errors += other.errors;
        timeouts += other.timeouts;
        latencyMicros.add(other.latencyMicros);
        shadowPairs += other.shadowPairs;
        scorePairs += other.scorePairs;
        scoreDifferenceSum += other.scoreDifferenceSum;
        labelPairs += other.labelPairs;
        labelDisagreements += other.labelDisagreements;
    }

    public long predictions() {
        return predictions;
    }

    public long errors() {
        return errors;
    }

    public long timeouts() {
        return timeouts;
    }

    /** The latency at a percentile in (0, 100], in milliseconds; 0 for a window without predictions. */
    public double percentileMs(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    OperationalRow toRow(String experimentId, String variant, boolean served, long windowStart, long windowEnd) {
        boolean any = predictions > 0;
        return new OperationalRow(experimentId, variant, served, windowStart, windowEnd, predictions, errors, timeouts,
                any ? (double) errors / predictions : null, any ? (double) timeouts / predictions : null,
                any ? percentileMs(50) : null, any ? percentileMs(95) : null, any ? percentileMs(99) : null,
                any ? percentileMs(100) : null,
                shadowPairs, scorePairs > 0 ? scoreDifferenceSum / scorePairs : null,
                labelPairs > 0 ? (double) labelDisagreements / labelPairs : null);
    }
}
