package io.abtest.stats.planning;

/**
 * Units a two-sample comparison needs, before rounding (as statsmodels' {@code solve_power} and R's
 * {@code power.*.test} report them) and rounded up to whole units.
 *
 * @param control units in the control, un-rounded
 * @param treatment units in the treatment, un-rounded: {@code allocationRatio x control}
 */
public record SampleSize(double control, double treatment) {

    static SampleSize of(double control, Design design) {
        return new SampleSize(control, design.allocationRatio() * control);
    }

    public long controlUnits() {
        return (long) Math.ceil(control);
    }

    public long treatmentUnits() {
        return (long) Math.ceil(treatment);
    }

    public long totalUnits() {
        return controlUnits() + treatmentUnits();
    }
}
