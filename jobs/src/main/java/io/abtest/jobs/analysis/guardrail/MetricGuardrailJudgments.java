package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.GuardrailSpec;
import io.abtest.config.MetricSpec;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.stats.analysis.ComparisonResult;
import io.abtest.stats.guardrail.MetricGuardrail;
import io.abtest.stats.guardrail.WindowJudgment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The judgments of the guardrails on configured metrics (not {@link GuardrailSpec#builtIn()}) at one analysis
 * point, from its results ({@link MetricGuardrail}): one per such guardrail and non-control variant, on the row
 * over all units (segment null), at most once per the guardrail's {@code window}. Windows are aligned to the epoch:
 * a guardrail is judged at an analysis point whose {@code as_of} lies in a later window of its length than the
 * previous analysis point's ({@code floor(as_of / window) > floor(previous as_of / window)}), so at the first
 * analysis point, then at the first point at or after each multiple of the window. A guardrail whose window is
 * at most the analysis window is judged at every analysis point. Since a due guardrail is always judged (NOT_JUDGED
 * when the result cannot be), "since the previous analysis point" is "since its last judgment", and no state of
 * its own is needed.
 *
 * <p>Each judgment covers the experiment's cumulative data: {@code windowStart} is the start of its first analysed
 * window, {@code windowEnd} the analysis point, {@code events} the variant's units.
 */
public final class MetricGuardrailJudgments {

    private MetricGuardrailJudgments() {}

    /**
     * @param config the experiment
     * @param results the analysis point's result rows ({@code ExperimentAnalysis.analyze(...).results()})
     * @param dataStart epoch milliseconds, the start of the experiment's first analysed window
     * @param previousAsOf the previous analysis point, or {@link Long#MIN_VALUE} before the first
     * @param asOf this analysis point
     */
    public static List<GuardrailJudgment> at(ExperimentConfig config, List<ComparisonResult> results, long dataStart,
            long previousAsOf, long asOf) {
        List<GuardrailJudgment> judgments = new ArrayList<>();
        for (GuardrailSpec guardrail : config.guardrails()) {
            Optional<MetricSpec> metric = config.metrics().stream()
                    .filter(m -> m.name().equals(guardrail.metric())).findFirst();
            if (guardrail.builtIn() || metric.isEmpty() || !due(guardrail, previousAsOf, asOf)) {
                continue;
            }
            for (ComparisonResult result : results) {
                if (result.segment() != null || !result.metric().equals(guardrail.metric())) {
                    continue;
                }
                WindowJudgment judgment = MetricGuardrail.judge(result, metric.get().direction(), guardrail);
                long units = result.fixed() == null || result.fixed().estimate() == null ? 0
                        : result.fixed().estimate().treatmentN();
                judgments.add(GuardrailJudgment.of(config.experimentId(), result.treatmentVariant(), guardrail,
                        dataStart, asOf, judgment, units));
            }
        }
        return judgments;
    }

    /** Whether {@code asOf} lies in a later epoch-aligned window of the guardrail's length than {@code previousAsOf}. */
    static boolean due(GuardrailSpec guardrail, long previousAsOf, long asOf) {
        long length = guardrail.window().toMillis();
        return Math.floorDiv(asOf, length) > Math.floorDiv(previousAsOf, length);
    }
}
