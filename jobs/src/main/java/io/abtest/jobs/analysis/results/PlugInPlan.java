package io.abtest.jobs.analysis.results;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.MetricSpec;
import io.abtest.stats.planning.Design;
import io.abtest.stats.planning.MeanPlanning;
import io.abtest.stats.planning.ProportionPlanning;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * The planned units per variant for the primary metric, with the control's current rate (proportions) or mean and
 * standard deviation (means) as the baseline: a plug-in plan that settles as the control accumulates. Ratio
 * metrics and baselines the planner rejects have no plan (0).
 */
final class PlugInPlan {

    private PlugInPlan() {}

    static long unitsPerVariant(ExperimentConfig config, SufficientStatistics control) {
        if (control == null || control.n() < 2) {
            return 0;
        }
        MetricSpec primary = config.primaryMetric();
        Design design = Design.twoSided(config.alpha(), config.power());
        try {
            switch (primary.kind()) {
                case PROPORTION:
                    return ProportionPlanning.sampleSize(control.meanY(), config.minimumDetectableEffect(), design)
                            .controlUnits();
                case MEAN:
                    return MeanPlanning.sampleSize(control.meanY(), Math.sqrt(control.varianceY()),
                            config.minimumDetectableEffect(), design).controlUnits();
                default:
                    return 0;
            }
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
