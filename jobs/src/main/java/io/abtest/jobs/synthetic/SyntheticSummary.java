package io.abtest.jobs.synthetic;

import io.abtest.event.RejectReason;
import java.util.Map;

/**
 * The generator's own account of what it produced, for tests that check the job's counts and numbers without
 * re-deriving them from the job's code.
 *
 * <p>The job's counts identity reads here as: {@code records() = used() + deadLettered() + duplicates()}.
 *
 * @param records every record, both kinds
 * @param predictionRecords records for {@code ab.predictions}
 * @param outcomeRecords records for {@code ab.outcomes}
 * @param byTruth records per {@link Truth.Kind}, every kind present (0 when none)
 * @param malformedByReason MALFORMED records per expected reason code
 * @param byVariant per variant name, in configuration order
 * @param untargetedUnits generated units the experiment's targeting rule turned away (they produce no records)
 * @param multipleExposureUnits units with VALID served predictions of more than one variant (switched units whose
 *     switch fell between two of their requests); the job excludes exactly these. Such a unit counts in the
 *     {@code units} of every variant that served it
 * @param singleVariantUnits per variant, the units served by it alone (the units the job analyses)
 * @param singleVariantConvertedUnits per variant, those of them that converted
 */
public record SyntheticSummary(
        long records,
        long predictionRecords,
        long outcomeRecords,
        Map<Truth.Kind, Long> byTruth,
        Map<RejectReason, Long> malformedByReason,
        Map<String, VariantCounts> byVariant,
        long untargetedUnits,
        long multipleExposureUnits,
        Map<String, Long> singleVariantUnits,
        Map<String, Long> singleVariantConvertedUnits) {

    public long count(Truth.Kind kind) {
        return byTruth.getOrDefault(kind, 0L);
    }

    /** Records the job should use: VALID and UNMATCHED_OUTCOME. */
    public long used() {
        return count(Truth.Kind.VALID) + count(Truth.Kind.UNMATCHED_OUTCOME);
    }

    /** Records the job should dead-letter: MALFORMED and LATE. */
    public long deadLettered() {
        return count(Truth.Kind.MALFORMED) + count(Truth.Kind.LATE);
    }

    public long duplicates() {
        return count(Truth.Kind.DUPLICATE);
    }

    public VariantCounts variant(String name) {
        VariantCounts counts = byVariant.get(name);
        if (counts == null) {
            throw new IllegalArgumentException("no variant " + name + " in " + byVariant.keySet());
        }
        return counts;
    }
}
