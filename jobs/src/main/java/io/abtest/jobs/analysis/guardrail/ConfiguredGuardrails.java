package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.GuardrailSpec;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import java.io.Serializable;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The guardrails of a catalog, found by what a judgment names: its experiment and guardrail. Serializable (it ships
 * the catalog's texts, which each task parses once).
 */
public final class ConfiguredGuardrails implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ExperimentCatalog catalog;

    public ConfiguredGuardrails(ExperimentCatalog catalog) {
        this.catalog = catalog;
    }

    /** The guardrail named {@code guardrail} of experiment {@code experimentId}, or null when there is none. */
    public GuardrailSpec spec(String experimentId, String guardrail) {
        ExperimentConfig config = catalog.config(experimentId);
        if (config == null) {
            return null;
        }
        for (GuardrailSpec spec : config.guardrails()) {
            if (spec.name().equals(guardrail)) {
                return spec;
            }
        }
        return null;
    }

    public GuardrailSpec spec(GuardrailJudgment judgment) {
        return spec(judgment.experimentId(), judgment.guardrail());
    }

    /** The distinct values of one run length ({@code consecutive_breaches}, {@code recovery_windows}), ascending. */
    public SortedSet<Integer> distinct(ToIntFunction<GuardrailSpec> runLength) {
        SortedSet<Integer> lengths = new TreeSet<>();
        for (ExperimentConfig config : catalog.configs().values()) {
            for (GuardrailSpec spec : config.guardrails()) {
                lengths.add(runLength.applyAsInt(spec));
            }
        }
        return lengths;
    }
}
