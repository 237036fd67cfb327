package io.abtest.stats.planning;

/**
 * Choices of an {@link ExperimentPlan} that the configuration does not make.
 *
 * @param alternative two-sided (default: the fixed-horizon tests report two-sided p-values) or one-sided
 * @param proportionFormula for a proportion primary metric; default {@link ProportionFormula#POOLED}
 * @param meanFormula for a mean or ratio primary metric; default {@link MeanFormula#CENTRAL_T}
 */
public record PlanningOptions(Alternative alternative, ProportionFormula proportionFormula, MeanFormula meanFormula) {

    public static final PlanningOptions DEFAULT =
            new PlanningOptions(Alternative.TWO_SIDED, ProportionFormula.DEFAULT, MeanFormula.DEFAULT);

    public PlanningOptions {
        Validation.given("alternative", alternative);
        Validation.given("proportionFormula", proportionFormula);
        Validation.given("meanFormula", meanFormula);
    }
}
