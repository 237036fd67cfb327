package io.abtest.jobs.analysis.aggregate;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.MetricSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * One unit's running totals per metric source, and its per-unit metric values (the analysis is at the
 * randomization unit): a proportion metric is 1 when any event's source value was positive (the unit converted),
 * a mean metric is the sum of the source over the unit's events (revenue per unit), a ratio metric is the sums of
 * numerator and denominator (latency per request: {@code latency_ms} over {@code requests}), and a covariate is a
 * unit constant (its largest value over the unit's events).
 *
 * <p>Part of {@link UnitProfile} and {@link UnitWindow} in keyed state: a Flink POJO with the same evolution rules.
 */
public final class UnitAccumulator {

    public Map<String, Double> sums = new HashMap<>();
    public Map<String, Double> maxima = new HashMap<>();

    public UnitAccumulator() {}

    void absorb(UnitAccumulator later) {
        later.sums.forEach((source, value) -> sums.merge(source, value, Double::sum));
        later.maxima.forEach((source, value) -> maxima.merge(source, value, Math::max));
    }

    void add(Map<String, Double> sources) {
        sources.forEach((source, value) -> {
            sums.merge(source, value, Double::sum);
            maxima.merge(source, value, Math::max);
        });
    }

    Map<String, UnitValue> values(ExperimentConfig config) {
        Map<String, UnitValue> values = new HashMap<>();
        for (MetricSpec metric : config.metrics()) {
            double c = metric.covariate() == null ? 0 : maxima.getOrDefault(metric.covariate(), 0.0);
            double y;
            double d = 1;
            switch (metric.kind()) {
                case PROPORTION:
                    y = maxima.getOrDefault(metric.source(), 0.0) > 0 ? 1 : 0;
                    break;
                case RATIO:
                    y = sums.getOrDefault(metric.source(), 0.0);
                    d = sums.getOrDefault(metric.denominator(), 0.0);
                    break;
                default:
                    y = sums.getOrDefault(metric.source(), 0.0);
            }
            if (metric.kind() != MetricSpec.MetricKind.RATIO || d > 0) {
                values.put(metric.name(), new UnitValue(y, d, c));
            }
        }
        return values;
    }
}
